"""How long `publish --due` takes to decide over an archive of N issues (default 1000).

Run: python benchmarks/due_decision.py [N]
Prints the in-process decision time (best of 5) and the whole `publish --due --dry-run` process time
with nothing due, both for an archive where every issue but the newest is already released.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

from leotalk_publish.project import Project
from leotalk_publish.release import find_due

FIRST = datetime.fromisoformat("2006-01-02T08:00:00+08:00")


def make_archive(root: Path, count: int) -> None:
    (root / "ledger").mkdir(parents=True)
    body = "段落。\n" * 200  # a body the size of a real issue, which deciding must not read
    for n in range(1, count + 1):
        folder = root / "drafts" / f"issue-{n}"
        folder.mkdir(parents=True)
        date = (FIRST + timedelta(weeks=n)).isoformat()
        front = f"---\ntitle: 第{n}期\ndate: {date}\ntags: [AI]\nchannels: [blog, substack, wechat]\n---\n"
        (folder / "index.md").write_text(front + body, encoding="utf-8")
        released = {c: {"content_hash": "x", "mode": "api"} for c in ("blog", "substack", "wechat")}
        (root / "ledger" / f"issue-{n}.json").write_text(json.dumps({"channels": released}), encoding="utf-8")


def best_of(runs: int, call) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        call()
        times.append(time.perf_counter() - start)
    return min(times)


def main(count: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        make_archive(root, count)
        now = FIRST + timedelta(weeks=count + 1)
        decide = best_of(5, lambda: find_due(Project(root), now, ["blog", "substack", "wechat"]))
        command = ["publish", "--due", "--dry-run", "--now", now.isoformat(), "--project", str(root)]
        whole = best_of(3, lambda: subprocess.run(command, check=True, capture_output=True))
        startup = best_of(3, lambda: subprocess.run([sys.executable, "-c", "pass"], check=True))
    print(f"archive: {count} issues")
    print(f"find_due in-process: {decide * 1000:.0f} ms ({decide / count * 1e6:.0f} µs per issue)")
    print(f"publish --due --dry-run, whole process: {whole * 1000:.0f} ms "
          f"(bare interpreter start-up: {startup * 1000:.0f} ms)")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 1000)
