"""How long the whole test suite takes: wall time, and the CPU seconds (user + sys) of pytest and every process
it starts (xdist workers, Jekyll, git, Chromium, the publishers the crash tests kill).

Run: python benchmarks/suite_time.py [--serial] [-- EXTRA PYTEST ARGS]
Runs the pytest part of the README's second command (``pytest -n auto --dist loadfile``) from the project root
with this interpreter; ``--serial`` runs the same suite in one process (``-p no:xdist``) for comparison. On a
machine shared with other work the wall time moves with the load; CPU seconds ÷ cores is the figure that does
not: the suite's budget on two cores is 90 s.
"""

from __future__ import annotations

import os
import re
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def readme_pytest_args() -> list[str]:
    """The arguments after ``-m pytest`` in the README's second Quick start command."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    block = text.split("## Quick start", 1)[1].split("```sh", 1)[1].split("```", 1)[0]
    command = re.findall(r"^# 2\..*\n(.+)$", block, flags=re.MULTILINE)[0]
    return command.split("-m pytest", 1)[1].split()


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def main(argv: list[str]) -> int:
    serial = "--serial" in argv
    extra = argv[argv.index("--") + 1:] if "--" in argv else []
    args = ["-p", "no:xdist"] if serial else readme_pytest_args()
    command = [sys.executable, "-m", "pytest", *args, *extra]
    load, before, start = os.getloadavg()[0], children_cpu(), time.perf_counter()
    run = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)
    wall, cpu = time.perf_counter() - start, children_cpu() - before
    summary = (run.stdout.strip().splitlines() or ["(no output)"])[-1]
    print(" ".join(command[1:]))
    print(f"{summary}\nwall {wall:.1f} s, CPU {cpu:.1f} s (user+sys), CPU / {os.cpu_count()} cores "
          f"{cpu / (os.cpu_count() or 1):.1f} s, load average before {load:.1f}")
    return run.returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
