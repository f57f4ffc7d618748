"""The ledger: atomic writes, the issue lock, snapshots, and plain JSON a person can read."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from leotalk_publish.errors import LedgerError, LockedError
from leotalk_publish.ledger import AssetRegistry, Ledger, atomic_write
from tests.examples import examples

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


def test_records_are_on_disk_at_once_and_compacted_into_readable_json(tmp_path: Path):
    state = Ledger(tmp_path, "issue-1").channel("wechat")
    state.record(draft_id="d-1", stage="uploading")
    state.record_in("uploads", "sha-1", {"url": "https://example.com/1.png"})
    journal = (tmp_path / "issue-1.journal").read_text(encoding="utf-8").splitlines()
    assert [json.loads(line)["n"] for line in journal] == [1, 2], "one line per effect, written at once"
    assert Ledger(tmp_path, "issue-1").channel("wechat").lookup("uploads", "sha-1") == {
        "url": "https://example.com/1.png"}, "a new reader (a run killed now, then run again) sees both"
    with Ledger(tmp_path, "issue-1").locked():  # releasing the lock compacts the journal into the JSON
        pass
    assert not (tmp_path / "issue-1.journal").exists()
    data = json.loads((tmp_path / "issue-1.json").read_text(encoding="utf-8"))
    assert data["issue"] == "issue-1"
    assert data["channels"]["wechat"] == {"draft_id": "d-1", "stage": "uploading",
                                          "uploads": {"sha-1": {"url": "https://example.com/1.png"}}}
    state = Ledger(tmp_path, "issue-1").channel("wechat")
    state.record(stage=None)
    reread = Ledger(tmp_path, "issue-1").channel("wechat")
    assert reread.get("stage") is None
    assert reread.lookup("uploads", "sha-1") == {"url": "https://example.com/1.png"}
    assert "\n  " in (tmp_path / "issue-1.json").read_text(encoding="utf-8"), "indented for a person to read"


def test_a_journal_line_cut_short_by_a_kill_is_left_out(tmp_path: Path):
    state = Ledger(tmp_path, "issue-1").channel("wechat")
    state.record_in("uploads", "a", {"url": "u1"})
    with (tmp_path / "issue-1.journal").open("a", encoding="utf-8") as journal:
        journal.write('{"n": 2, "c": "wechat", "in": "uploads", "k": "b", "v": {"url"')
    reread = Ledger(tmp_path, "issue-1").channel("wechat")
    assert reread.lookup("uploads", "a") == {"url": "u1"} and reread.lookup("uploads", "b") is None


def test_a_run_after_a_kill_cuts_the_torn_line_off_before_it_records(tmp_path: Path):
    Ledger(tmp_path, "issue-1").channel("wechat").record_in("uploads", "a", {"url": "u1"})
    with (tmp_path / "issue-1.journal").open("a", encoding="utf-8") as journal:
        journal.write('{"n": 2, "c": "wechat", "in": "uploads", "k": "b", "v": {"url"')
    Ledger(tmp_path, "issue-1").channel("wechat").record_in("uploads", "c", {"url": "u3"})
    reread = Ledger(tmp_path, "issue-1").channel("wechat")
    assert [reread.lookup("uploads", k) for k in "abc"] == [{"url": "u1"}, None, {"url": "u3"}]


def test_a_journal_already_compacted_is_not_replayed_twice(tmp_path: Path):
    """Killed between writing the JSON and removing the journal: the older lines must not win."""
    ledger = Ledger(tmp_path, "issue-1")
    ledger.channel("blog").record(stage="one")
    kept = (tmp_path / "issue-1.journal").read_bytes()
    ledger.channel("blog").record(stage="two")
    ledger.save()
    (tmp_path / "issue-1.journal").write_bytes(kept)
    assert Ledger(tmp_path, "issue-1").channel("blog").get("stage") == "two"


def test_a_broken_journal_line_is_a_clear_error(tmp_path: Path):
    Ledger(tmp_path, "issue-1").channel("blog").record(stage="one")
    with (tmp_path / "issue-1.journal").open("a", encoding="utf-8") as journal:
        journal.write("garbage\n{}\n")
    with pytest.raises(LedgerError, match=r"issue-1\.journal: .*line 2 is not a journal entry"):
        Ledger(tmp_path, "issue-1")


def test_non_ascii_stays_readable_in_the_json(tmp_path: Path):
    ledger = Ledger(tmp_path, "issue-1")
    ledger.channel("blog").record(title="周知 1")
    ledger.save()
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


# ── the ledger is input ─────────────────────────────────────────────────────────────────────────────
def write_ledger(root: Path, text: str) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    path = root / "issue-1.json"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("text, what", [
    ("", "it is empty"),
    ("   \n", "it is empty"),
    ('{"version": 1, "issue": "issue-1", "channels": {', "not valid JSON (line 1, column"),
    ('"a string"', "it holds a string, not an object"),
    ("null", "it holds null, not an object"),
    ('{"version": true, "issue": "issue-1", "channels": {}}', "version is True"),
    ('{"version": 1, "issue": "issue-1", "channels": {"blog": {"draft_hash": 5}}}', "channels.blog.draft_hash"),
    ("[" * 100_000 + "]" * 100_000, "a nesting too deep to read"),
    ('{"version": 1, "issue": "issue-1", "channels": {}, "seq": ' + "9" * 5000 + "}", "a number too long"),
    ('{"version": "1", "issue": "issue-1", "channels": {}}', "version is '1'"),
    ('{"version": 1, "issue": "issue-1", "channels": {}, "extra": 1}', "unknown top-level key 'extra'"),
    ('{"version": 1, "issue": "issue-1", "channels": []}', "'channels' is not an object"),
    ('{"version": 1, "issue": "issue-1", "channels": {"../x": {}}}', "'../x' is not a channel name"),
    ('{"version": 1, "issue": "issue-1", "channels": {"blog": {"mode": "ftp"}}}', "channels.blog.mode"),
    ('{"version": 1, "issue": "issue-1", "channels": {"blog": {"pushed_at": "yesterday"}}}', "pushed_at"),
    ('{"version": 1, "issue": "issue-1", "channels": {"blog": {"snapshot": [".hidden"]}}}', "snapshot"),
    ('{"version": 1, "issue": "issue-1", "channels": {"blog": {"where": "a\\u0000b"}}}', "control character"),
])
def test_a_ledger_that_cannot_be_trusted_is_a_clear_error(tmp_path: Path, text: str, what: str):
    path = write_ledger(tmp_path, text)
    with pytest.raises(LedgerError) as caught:
        Ledger(tmp_path, "issue-1")
    message = str(caught.value)
    assert what in message and str(path) in message and "move it aside" in message
    assert caught.value.exit_code == 2
    assert path.read_text(encoding="utf-8") == text, "a broken ledger is never rewritten"


def test_non_utf8_is_a_clear_error(tmp_path: Path):
    (tmp_path / "issue-1.json").write_bytes(b"\xff\xfe{}")
    with pytest.raises(LedgerError, match="not UTF-8"):
        Ledger(tmp_path, "issue-1")


def test_the_ledger_written_by_the_tool_reads_back(tmp_path: Path):
    state = Ledger(tmp_path, "issue-1").channel("blog")
    state.record(post="_posts/a.md", remote={"url": "/blog/a/"})
    state.complete(HASH_1, {"post.md": "x\n"}, pushed_at="2025-09-22T08:00:00+08:00", mode="git",
                   where="/blog/a/", published=True)
    assert Ledger(tmp_path, "issue-1").channel("blog").get("mode") == "git"


def test_a_snapshot_name_never_reaches_outside_its_folder(tmp_path: Path):
    ledger = Ledger(tmp_path / "ledger", "issue-1")
    (tmp_path / "secret.txt").write_text("private\n", encoding="utf-8")
    ledger.data["channels"]["blog"] = {"snapshot": ["../../../../secret.txt"]}  # as if read unchecked
    assert ledger.read_snapshot("blog") == {}
    ledger.write_snapshot("blog", {"post.md": "x"})
    assert (tmp_path / "secret.txt").exists()
    with pytest.raises(ValueError, match="plain file name"):
        ledger.write_snapshot("blog", {"../escape.md": "x"})


json_values = st.recursive(st.none() | st.booleans() | st.integers() | st.text(max_size=8),
                           lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner,
                                                                                      max_size=3), max_leaves=12)
channel_records = st.dictionaries(
    st.sampled_from(["mode", "content_hash", "snapshot", "pushed_at", "where", "published", "remote", "other"]),
    json_values, max_size=5)


@settings(max_examples=examples(300))
@given(st.one_of(json_values, st.fixed_dictionaries({
    "version": st.sampled_from([1, 2, "1", None]), "issue": st.sampled_from(["issue-1", "issue-2", 1]),
    "channels": st.one_of(json_values, st.dictionaries(st.sampled_from(["blog", "wechat", "../x", ""]),
                                                       st.one_of(channel_records, json_values), max_size=3))})))
def test_any_json_reads_as_a_ledger_or_as_a_ledger_error_never_a_crash(data):
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        (root / "issue-1.json").write_text(json.dumps(data), encoding="utf-8")
        try:
            ledger = Ledger(root, "issue-1")
        except LedgerError:
            return
        for name in ledger.data["channels"]:
            ledger.read_snapshot(name)  # whatever passed is safe to use


def test_a_corrupt_asset_registry_is_a_clear_error(tmp_path: Path):
    registry = AssetRegistry(tmp_path, "wechat", "wx123")
    registry.path.parent.mkdir(parents=True)
    registry.path.write_text('{"uploads": []}', encoding="utf-8")
    with pytest.raises(LedgerError, match="table 'uploads' is not an object"):
        registry.lookup("uploads", "abc")


# ── files keep the umask ────────────────────────────────────────────────────────────────────────────
@pytest.mark.parametrize("umask, mode", [(0o022, 0o644), (0o002, 0o664), (0o077, 0o600)])
def test_atomic_write_gives_the_mode_the_umask_allows(tmp_path: Path, umask: int, mode: int):
    old = os.umask(umask)
    try:
        atomic_write(tmp_path / "a.txt", b"x")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "a.txt").stat().st_mode) == mode


def test_a_writer_killed_before_its_rename_leaves_nothing_once_the_path_is_written_again(tmp_path: Path):
    """A run killed by SIGKILL mid-write left its temporary files (.post.md.xxxx) for good, in the site, the
    exports and the snapshots; the next write of the same path now removes those of processes that are gone,
    never one of a process still running."""
    import signal
    import subprocess
    import sys
    target = tmp_path / "post.md"
    writer = subprocess.Popen([sys.executable, "-c", (
        "import sys, time\nfrom pathlib import Path\nfrom leotalk_publish.ledger import _replacing\n"
        "with _replacing(Path(sys.argv[1])) as handle:\n    handle.write(b'half'); handle.flush()\n"
        "    print('writing', flush=True); time.sleep(60)\n"), str(target)], stdout=subprocess.PIPE, text=True)
    assert writer.stdout is not None and writer.stdout.readline().strip() == "writing"
    alive = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    (tmp_path / f".post.md.{alive.pid}.abcd1234").write_bytes(b"a live writer's")
    writer.send_signal(signal.SIGKILL)
    writer.wait()
    assert len(list(tmp_path.glob(".post.md.*"))) == 2
    atomic_write(target, b"whole")
    alive.kill()
    alive.wait()
    assert target.read_bytes() == b"whole"
    assert [p.name for p in tmp_path.glob(".post.md.*")] == [f".post.md.{alive.pid}.abcd1234"]
