"""``leotalk status`` as a whole process, this tree beside an earlier commit (default 0c93f04, before status
stopped importing typer's pydantic parameter adapters), interleaved pair by pair, and which heavy libraries
each imported. Target: status imports no parser, imaging or validation library.

The project is the seed-sized issue (``common.write_seed_sized_issue``), never published. The earlier version
runs from ``git archive <commit> leotalk_publish`` on ``PYTHONPATH``; bytecode of both is compiled first.

Run from the project root: python3 benchmarks/status_startup.py [runs] [commit]   (default 20 runs)
"""

from __future__ import annotations

import compileall
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common import ROOT, write_seed_sized_issue

HEAVY = ("pydantic", "PIL", "markdown_it", "yaml", "rich", "typer._adapters", "typer")
RUN = """import runpy, sys
probe = sys.argv[2].split(",") if len(sys.argv) > 2 else []
sys.argv = ["leotalk", "status", "--project", sys.argv[1]]
try:
    runpy.run_module("leotalk_publish", run_name="__main__")
except SystemExit:
    pass
if probe:
    print("imported:", ", ".join(m for m in probe if m in sys.modules) or "none", file=sys.stderr)
"""


def earlier(commit: str, into: Path) -> Path:
    archive = subprocess.run(["git", "archive", commit, "leotalk_publish"], cwd=ROOT, capture_output=True, check=True)
    subprocess.run(["tar", "-x", "-C", str(into)], input=archive.stdout, check=True)
    return into


def once(tree: Path, project: Path, probe: bool = False) -> tuple[float, str]:
    argv = [sys.executable, "-c", RUN, str(project), *([",".join(HEAVY)] if probe else [])]
    start = time.perf_counter()
    done = subprocess.run(argv, env={**os.environ, "PYTHONPATH": str(tree)}, capture_output=True, text=True,
                          cwd=project)  # not the repository: python -c puts the working folder first on sys.path
    assert done.returncode == 0 and "issue-1: never published" in done.stdout, done.stderr
    return time.perf_counter() - start, done.stderr.strip()


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 20
    commit = sys.argv[2] if len(sys.argv) > 2 else "0c93f04"
    with tempfile.TemporaryDirectory() as tmp:
        project = Path(tmp) / "project"
        write_seed_sized_issue(project)
        shutil.copytree(ROOT / "channels", project / "channels")
        trees = {"this tree": ROOT, f"at {commit}": earlier(commit, Path(tmp))}
        for tree in trees.values():
            compileall.compile_dir(tree / "leotalk_publish", quiet=1)
        times: dict[str, list[float]] = {label: [] for label in trees}
        for _ in range(runs + 2):  # two warm-up rounds, then interleaved: this tree, the earlier one, …
            for label, tree in trees.items():
                times[label].append(once(tree, project)[0])
        for label, tree in trees.items():
            kept = times[label][2:]
            print(f"status, {label}: median {statistics.median(kept) * 1000:.0f} ms, best {min(kept) * 1000:.0f} ms;"
                  f" {once(tree, project, probe=True)[1]}")
        ratios = [a / b for a, b in zip(*(times[label][2:] for label in trees), strict=True)]
        print(f"this tree / {commit}, pair by pair: median {statistics.median(ratios):.2f}")


if __name__ == "__main__":
    main()
