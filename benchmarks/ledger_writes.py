"""How long recording N effects takes (default 1000): each upload of an issue's ledger and of the
per-account asset registry, recorded one by one the moment it is known, as a push does.

Run: python3 benchmarks/ledger_writes.py [N] [folder]
The folder (default: a temporary folder inside the project, on the disk the real ledger lives on) matters:
an fsync costs ~2 ms on a disk and next to nothing on tmpfs. Prints the total per kind of record and the
time to read the ledger back afterwards (best of 3 runs each).
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from leotalk_publish.ledger import AssetRegistry, Ledger  # noqa: E402

UPLOAD = {"media_id": "m" * 43, "url": "https://mmbiz.qpic.cn/" + "u" * 90}


def issue_uploads(root: Path, count: int) -> float:
    state = Ledger(root, "issue-1").channel("wechat")
    start = time.perf_counter()
    for i in range(count):
        state.record_in("uploads", f"{i:064x}", UPLOAD)
    return (time.perf_counter() - start) * 1000


def stage_records(root: Path, count: int) -> float:
    state = Ledger(root, "issue-2").channel("substack")
    start = time.perf_counter()
    for i in range(count):
        state.record(stage=f"step-{i}")
    return (time.perf_counter() - start) * 1000


def registry_uploads(root: Path, count: int) -> float:
    registry = AssetRegistry(root, "wechat", "wx0123456789abcdef")
    start = time.perf_counter()
    for i in range(count):
        registry.record("images", f"{i:064x}", UPLOAD)
    return (time.perf_counter() - start) * 1000


def read_back(root: Path, count: int) -> float:
    start = time.perf_counter()
    state = Ledger(root, "issue-1").channel("wechat")
    assert state.lookup("uploads", f"{count - 1:064x}") == UPLOAD
    return (time.perf_counter() - start) * 1000


def best(run, count: int, parent: Path) -> float:
    times = []
    for _ in range(3):
        with tempfile.TemporaryDirectory(dir=parent) as folder:
            times.append(run(Path(folder), count))
    return min(times)


def read_after_writes(root: Path, count: int) -> float:
    issue_uploads(root, count)
    return read_back(root, count)


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    parent = Path(sys.argv[2]) if len(sys.argv) > 2 else ROOT
    print(f"{count} effects, recorded one by one, in {parent}:")
    for label, run in (("issue ledger, record_in (upload cache)", issue_uploads),
                       ("issue ledger, record (a stage)", stage_records),
                       ("asset registry, record", registry_uploads),
                       ("issue ledger read back after the writes", read_after_writes)):
        print(f"  {label}: {best(run, count, parent):.1f} ms")


if __name__ == "__main__":
    main()
