"""The ledger: atomic writes, the issue lock, snapshots, and plain JSON a person can read."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from leotalk_publish.errors import LockedError
from leotalk_publish.ledger import Ledger, atomic_write

HASH_1, HASH_2 = "1" * 64, "2" * 64


def test_atomic_write_replaces_the_file(tmp_path: Path):
    target = tmp_path / "ledger" / "a.json"
    atomic_write(target, b"old")
    atomic_write(target, b"new")
    assert target.read_bytes() == b"new"
    assert [p.name for p in target.parent.iterdir()] == ["a.json"]


def test_a_failed_atomic_write_leaves_the_old_file_and_no_temp_file(tmp_path: Path):
    target = tmp_path / "a.json"
    atomic_write(target, b"old")
    with pytest.raises(TypeError):
        atomic_write(target, "text is not bytes")  # type: ignore[arg-type]  # fails inside the write
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["a.json"]


def test_a_reader_sees_the_old_or_the_new_file_never_half(tmp_path: Path):
    target = tmp_path / "big.json"
    versions = {b"A" * 2_000_000, b"B" * 2_000_000}
    atomic_write(target, b"A" * 2_000_000)
    seen: set[bytes] = set()
    stop = threading.Event()

    def read_all() -> None:
        while not stop.is_set():
            seen.add(target.read_bytes())

    reader = threading.Thread(target=read_all)
    reader.start()
    try:
        for i in range(40):
            atomic_write(target, (b"A" if i % 2 else b"B") * 2_000_000)
    finally:
        stop.set()
        reader.join()
    assert seen <= versions


def test_a_second_holder_of_the_lock_gets_locked_error(tmp_path: Path):
    first = Ledger(tmp_path, "issue-1")
    second = Ledger(tmp_path, "issue-1")
    with first.locked(), pytest.raises(LockedError, match="another publish of issue-1 is running"), \
            second.locked(timeout=0):
        pass
    with Ledger(tmp_path, "issue-1").locked():  # released: the next run goes ahead
        pass


def test_the_lock_holds_against_another_process(tmp_path: Path):
    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import sys, pathlib; from leotalk_publish.ledger import Ledger\n"
         "with Ledger(pathlib.Path(sys.argv[1]), 'issue-1').locked():\n"
         "    print('held', flush=True); sys.stdin.readline()",
         str(tmp_path)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        with pytest.raises(LockedError), Ledger(tmp_path, "issue-1").locked(timeout=0):
            pass
    finally:
        holder.communicate("\n", timeout=30)
    with Ledger(tmp_path, "issue-1").locked():
        pass


def test_the_lock_is_not_shared_between_issues(tmp_path: Path):
    with Ledger(tmp_path, "issue-1").locked(), Ledger(tmp_path, "issue-2").locked():
        pass


def test_records_are_on_disk_at_once_as_readable_json(tmp_path: Path):
    state = Ledger(tmp_path, "issue-1").channel("wechat")
    state.record(draft_id="d-1", stage="uploading")
    state.record_in("uploads", "sha-1", {"url": "https://example.com/1.png"})
    data = json.loads((tmp_path / "issue-1.json").read_text(encoding="utf-8"))
    assert data["issue"] == "issue-1"
    assert data["channels"]["wechat"] == {"draft_id": "d-1", "stage": "uploading",
                                          "uploads": {"sha-1": {"url": "https://example.com/1.png"}}}
    state.record(stage=None)
    reread = Ledger(tmp_path, "issue-1").channel("wechat")
    assert reread.get("stage") is None
    assert reread.lookup("uploads", "sha-1") == {"url": "https://example.com/1.png"}
    assert "\n  " in (tmp_path / "issue-1.json").read_text(encoding="utf-8"), "indented for a person to read"


def test_non_ascii_stays_readable_in_the_json(tmp_path: Path):
    Ledger(tmp_path, "issue-1").channel("blog").record(title="周知 1")
    assert "周知 1" in (tmp_path / "issue-1.json").read_text(encoding="utf-8")


def test_snapshots_round_trip_and_stale_ones_go(tmp_path: Path):
    state = Ledger(tmp_path, "issue-1").channel("blog")
    state.complete(HASH_1, {"post.md": "第一版\n", "extra.txt": "x"}, where="_posts/a.md")
    assert Ledger(tmp_path, "issue-1").channel("blog").snapshot() == {"post.md": "第一版\n", "extra.txt": "x"}
    state.complete(HASH_2, {"post.md": "第二版\n"})
    again = Ledger(tmp_path, "issue-1").channel("blog")
    assert again.snapshot() == {"post.md": "第二版\n"}
    assert again.get("content_hash") == HASH_2
    assert again.get("where") == "_posts/a.md"
    assert not (tmp_path / "snapshots" / "issue-1" / "blog" / "extra.txt").exists()


def test_a_new_ledger_is_empty_and_writes_nothing(tmp_path: Path):
    ledger = Ledger(tmp_path / "ledger", "issue-1")
    assert ledger.data["channels"] == {}
    assert ledger.channel("blog").snapshot() == {}
    assert not (tmp_path / "ledger").exists()
