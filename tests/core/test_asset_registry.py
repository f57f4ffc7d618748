"""The per-account asset registry: append-only, shared by concurrent runs, and a kill loses no whole record."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from leotalk_publish.errors import LedgerError
from leotalk_publish.ledger import AssetRegistry, Ledger

ACCOUNT = "wx123"
WRITER = """
import sys, pathlib
import leotalk_publish.journal as journal
journal.COMPACT_AFTER = int(sys.argv[4])  # fold often, so folds race the other writer's appends
from leotalk_publish.ledger import AssetRegistry
registry = AssetRegistry(pathlib.Path(sys.argv[1]), "wechat", "wx123")
for i in range(int(sys.argv[3])):
    registry.record("uploads", f"{sys.argv[2]}-{i}", {"url": f"https://example.com/{sys.argv[2]}/{i}"})
    print(i, flush=True)
"""


def registry(root: Path) -> AssetRegistry:
    return AssetRegistry(root, "wechat", ACCOUNT)


def writer(root: Path, name: str, count: int, compact_after: int = 2000) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-c", WRITER, str(root), name, str(count), str(compact_after)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def test_a_record_is_one_line_appended_and_the_end_of_a_run_folds_it_into_readable_json(tmp_path: Path):
    first = registry(tmp_path)
    first.record("uploads", "a" * 64, {"url": "u1"})
    first.record("uploads", "b" * 64, {"url": "u2"})
    lines = first.journal.path.read_text(encoding="utf-8").splitlines()
    assert [json.loads(line)["k"] for line in lines] == ["a" * 64, "b" * 64], "one line per record"
    assert not first.path.exists(), "no rewrite of the whole file per record"
    assert registry(tmp_path).lookup("uploads", "b" * 64) == {"url": "u2"}, "a new reader replays the lines"
    with Ledger(tmp_path, "issue-1").locked():  # the end of a push: the lock is released
        pass
    assert json.loads(first.path.read_text(encoding="utf-8")) == {"uploads": {"a" * 64: {"url": "u1"},
                                                                               "b" * 64: {"url": "u2"}}}
    assert first.journal.path.read_bytes() == b""
    assert registry(tmp_path).entries("uploads") == {"a" * 64: {"url": "u1"}, "b" * 64: {"url": "u2"}}


def test_two_processes_recording_at_once_lose_nothing(tmp_path: Path):
    runs = [writer(tmp_path, name, 150, compact_after=40) for name in ("one", "two")]
    for run in runs:
        _, err = run.communicate(timeout=120)
        assert run.returncode == 0, err
    held = registry(tmp_path).entries("uploads")
    assert len(held) == 300
    assert held["two-149"] == {"url": "https://example.com/two/149"}
    assert json.loads(registry(tmp_path).path.read_text(encoding="utf-8"))["uploads"], "folds happened"


def test_a_line_cut_short_by_a_kill_is_left_out_and_the_next_record_starts_clean(tmp_path: Path):
    first = registry(tmp_path)
    first.record("uploads", "a", {"url": "u1"})
    with first.journal.path.open("a", encoding="utf-8") as journal:
        journal.write('{"t": "uploads", "k": "b", "v": {"url"')  # a write cut short
    assert registry(tmp_path).entries("uploads") == {"a": {"url": "u1"}}
    registry(tmp_path).record("uploads", "c", {"url": "u3"})  # another run goes on
    assert registry(tmp_path).entries("uploads") == {"a": {"url": "u1"}, "c": {"url": "u3"}}


def test_a_run_killed_between_records_keeps_every_record_it_finished(tmp_path: Path):
    run = writer(tmp_path, "killed", 100_000)
    assert run.stdout is not None
    done = [run.stdout.readline() for _ in range(50)]
    run.send_signal(signal.SIGKILL)
    run.communicate(timeout=30)
    held = registry(tmp_path).entries("uploads")
    assert len(done) == 50 and all(f"killed-{i}" in held for i in range(50))
    assert all(value == {"url": f"https://example.com/killed/{key.split('-')[1]}"} for key, value in held.items())
    registry(tmp_path).record("uploads", "after", {"url": "u"})  # the next run records and reads on
    assert registry(tmp_path).lookup("uploads", "after") == {"url": "u"}


def test_a_registry_written_whole_by_an_earlier_version_is_still_read_and_kept(tmp_path: Path):
    old = registry(tmp_path)
    old.path.parent.mkdir(parents=True)
    old.path.write_text(json.dumps({"uploads": {"a": {"url": "u1"}}, "sizes": {"content": {"refused": [1]}}},
                                   indent=1), encoding="utf-8")
    assert registry(tmp_path).lookup("uploads", "a") == {"url": "u1"}
    new = registry(tmp_path)
    new.record("uploads", "b", {"url": "u2"})
    new.fold()
    assert json.loads(new.path.read_text(encoding="utf-8")) == {
        "uploads": {"a": {"url": "u1"}, "b": {"url": "u2"}}, "sizes": {"content": {"refused": [1]}}}


def test_a_fold_cut_off_before_it_emptied_the_journal_replays_to_the_same_values(tmp_path: Path):
    first = registry(tmp_path)
    first.record("sizes", "content", {"refused": [1]})
    first.record("sizes", "content", {"refused": [1, 2]})
    kept = first.journal.path.read_bytes()
    first.fold()
    first.journal.path.write_bytes(kept)  # killed after the JSON was written, before the journal was emptied
    assert registry(tmp_path).lookup("sizes", "content") == {"refused": [1, 2]}


@pytest.mark.parametrize("line, what", [
    ("garbage", "line 1 is not a journal entry"),
    ("[" * 100_000 + "]" * 100_000, "line 1 is not a journal entry"),
    ('{"t": "uploads", "k": "a", "v": ' + "9" * 5000 + "}", "line 1 is not a journal entry"),
    ('{"t": "uploads", "k": 3, "v": 1}', "line 1 is not a registry entry"),
    ('{"t": "uploads", "k": "a"}', "line 1 is not a registry entry"),
])
def test_a_broken_journal_line_is_a_clear_error(tmp_path: Path, line: str, what: str):
    journal = registry(tmp_path).journal.path
    journal.parent.mkdir(parents=True)
    journal.write_text(line + "\n", encoding="utf-8")
    with pytest.raises(LedgerError, match=what) as caught:
        registry(tmp_path).lookup("uploads", "a")
    assert str(journal) in str(caught.value) and "move it aside" in str(caught.value)


def test_a_journal_line_on_a_table_that_is_not_an_object_is_a_clear_error(tmp_path: Path):
    old = registry(tmp_path)
    old.path.parent.mkdir(parents=True)
    old.journal.path.write_text('{"t": "uploads", "k": "a", "v": 1}\n', encoding="utf-8")
    old.path.write_text('{"uploads": {}}', encoding="utf-8")
    assert registry(tmp_path).lookup("uploads", "a") == 1
    old.path.write_text('{"uploads": []}', encoding="utf-8")
    with pytest.raises(LedgerError, match="table 'uploads' is not an object"):
        registry(tmp_path).lookup("uploads", "a")


def test_reading_a_registry_that_does_not_exist_writes_nothing(tmp_path: Path):
    assert registry(tmp_path / "ledger").lookup("uploads", "a") is None
    assert not (tmp_path / "ledger").exists()
