"""How long recording N effects takes (30, 300 and 1000 by default): each upload of an issue's ledger and of
the per-account asset registry, recorded one by one the moment it is known, as a push does.

Run: python3 benchmarks/ledger_writes.py [N,N,...] [folder]
The folder (default: a temporary folder inside the project, on the disk the real ledger lives on) matters:
an fsync costs ~2 ms on a disk and next to nothing on tmpfs. Prints, per N, the total per kind of record,
the fold at the end of the run (the registry's journal into its JSON file) and the time to read the ledger
back afterwards (best of 3 runs each). The target: 1000 effects in <= 100 ms, each costing what the first did.
"""

from __future__ import annotations

import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from leotalk_publish.ledger import AssetRegistry, Ledger  # noqa: E402

UPLOAD = {"media_id": "m" * 43, "url": "https://mmbiz.qpic.cn/" + "u" * 90}
ACCOUNT = "wx0123456789abcdef"


def timed(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return (time.perf_counter() - start) * 1000


def issue_uploads(root: Path, count: int) -> float:
    state = Ledger(root, "issue-1").channel("wechat")
    return timed(lambda: [state.record_in("uploads", f"{i:064x}", UPLOAD) for i in range(count)])


def stage_records(root: Path, count: int) -> float:
    state = Ledger(root, "issue-2").channel("substack")
    return timed(lambda: [state.record(stage=f"step-{i}") for i in range(count)])


def registry_uploads(root: Path, count: int) -> float:
    registry = AssetRegistry(root, "wechat", ACCOUNT)
    return timed(lambda: [registry.record("uploads", f"{i:064x}", UPLOAD) for i in range(count)])


def registry_fold(root: Path, count: int) -> float:
    """The end of a run: the journal folded into the registry's JSON file (once per run, not per effect)."""
    registry = AssetRegistry(root, "wechat", ACCOUNT)
    for i in range(count):
        registry.record("uploads", f"{i:064x}", UPLOAD)
    return timed(registry.fold)


def registry_read_back(root: Path, count: int) -> float:
    registry_uploads(root, count)
    return timed(lambda: AssetRegistry(root, "wechat", ACCOUNT).lookup("uploads", f"{count - 1:064x}"))


def read_after_writes(root: Path, count: int) -> float:
    issue_uploads(root, count)
    return timed(lambda: Ledger(root, "issue-1").channel("wechat").lookup("uploads", f"{count - 1:064x}"))


KINDS = (("issue ledger, record_in (upload cache)", issue_uploads),
         ("issue ledger, record (a stage)", stage_records),
         ("issue ledger read back after the writes", read_after_writes),
         ("asset registry, record", registry_uploads),
         ("asset registry, fold at the end of the run", registry_fold),
         ("asset registry read back after the writes (no fold)", registry_read_back))


def best(run: Callable[[Path, int], float], count: int, parent: Path) -> float:
    times = []
    for _ in range(3):
        with tempfile.TemporaryDirectory(dir=parent) as folder:
            times.append(run(Path(folder), count))
    return min(times)


def main() -> None:
    counts = [int(n) for n in sys.argv[1].split(",")] if len(sys.argv) > 1 else [30, 300, 1000]
    parent = Path(sys.argv[2]) if len(sys.argv) > 2 else ROOT
    print(f"effects recorded one by one, in {parent} (ms, best of 3):")
    print("| kind | " + " | ".join(f"{n}" for n in counts) + " |")
    print("| --- |" + " ---: |" * len(counts))
    for label, run in KINDS:
        print(f"| {label} | " + " | ".join(f"{best(run, n, parent):.1f}" for n in counts) + " |")


if __name__ == "__main__":
    main()
