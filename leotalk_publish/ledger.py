"""The ledger: what was pushed where, as plain JSON a person can read in a pull request.

One file per issue, ``ledger/<issue-id>.json`` (with ``<issue-id>.journal`` beside it while a run records
effects: one line per effect, folded into the JSON when a push finishes; see ``journal``), plus the last
pushed snapshot of each rendition's documents under ``ledger/snapshots/<issue-id>/<channel>/``. Every
write happens the moment a remote effect is known (a journal line), and the JSON file is replaced
atomically (temp file + fsync + rename), so a run killed anywhere is resumed by the next one. A file
lock keeps two runs on the same issue apart.

The ledger is input too: every read is validated (``ledger_shape``) before anything trusts it, and a
file that cannot be trusted is a ``LedgerError`` naming the file and how to recover.
"""

from __future__ import annotations

import fcntl
import json
import os
import re
import tempfile
import threading
import weakref
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any, BinaryIO

from leotalk_publish.errors import LockedError
from leotalk_publish.journal import Journal
from leotalk_publish.ledger_shape import (
    LEDGER_VERSION,
    is_file_name,
    ledger_error,
    ledger_problems,
    parse_json_file,
    registry_problems,
)

__all__ = ["LEDGER_VERSION", "AssetRegistry", "ChannelState", "Ledger", "atomic_copy", "atomic_write",
           "read_ledger_file"]


_UMASK_MUTEX = threading.Lock()


def current_umask() -> int:
    """The process umask: from /proc on Linux (reading is all it does), else by setting and restoring it."""
    try:
        for line in Path("/proc/self/status").read_text(encoding="ascii").splitlines():
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    with _UMASK_MUTEX:
        mask = os.umask(0o077)
        os.umask(mask)
    return mask


@contextmanager
def _replacing(path: Path) -> Iterator[BinaryIO]:
    """A temporary file beside ``path``, written through the handle yielded, flushed to disk, then put in
    ``path``'s place in one step; removed instead when the block fails.

    The file gets the mode any new file gets (0o666 less the umask), not mkstemp's private 0o600: a site
    built from these files is served by a web server that must be able to read them.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.{os.getpid()}.", dir=path.parent)
    try:
        os.fchmod(fd, 0o666 & ~current_umask())
        with os.fdopen(fd, "wb") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    _remove_leftovers(path.parent)


LEFTOVER = re.compile(r"\..+\.(\d+)\.[a-z0-9_]{8}")  # .<name>.<pid>.<8 of mkstemp's characters>


def _remove_leftovers(folder: Path) -> None:
    """Remove the temporary files that writers killed before their rename left in ``folder`` (those of a
    process still running are kept): a run cut off by SIGKILL leaves none once its rerun writes there again,
    which it does, since the file whose rename was cut off is missing or stale."""
    if not folder.is_dir():
        return
    for entry in folder.iterdir():
        found = LEFTOVER.fullmatch(entry.name)
        if found and not _running(int(found.group(1))) and entry.is_file():
            entry.unlink(missing_ok=True)


def _running(pid: int) -> bool:
    """Whether a process with this id runs (this one included); one of another user counts as running."""
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError, ValueError):
        return True
    return True


def atomic_write(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` so that a reader sees the old or the new file, never half of one."""
    with _replacing(path) as handle:
        handle.write(data)


def atomic_copy(source: Path, path: Path) -> str:
    """Copy ``source`` to ``path`` as ``atomic_write`` writes (a chunk at a time); return the sha256 copied."""
    import hashlib
    digest = hashlib.sha256()
    with _replacing(path) as handle, source.open("rb") as original:
        while chunk := original.read(1 << 20):
            digest.update(chunk)
            handle.write(chunk)
    return digest.hexdigest()


class Ledger:
    """The ledger of one issue."""

    def __init__(self, root: Path, issue_id: str):
        self.root = root
        self.issue_id = issue_id
        self.path = root / f"{issue_id}.json"
        self.journal = Journal(root / f"{issue_id}.journal")
        self._mutex = threading.RLock()
        self.data: dict[str, Any] = self._read()

    def _read(self) -> dict[str, Any]:
        """The JSON file with the journal's later entries replayed on it, validated."""
        data = read_ledger_file(self.path, self.issue_id)
        entries = self.journal.entries()
        if entries:
            for entry in entries:
                apply_entry(data, entry, self.journal.path)
            if problems := ledger_problems(data, self.issue_id):
                raise ledger_error(self.journal.path, problems)
        return data

    def save(self) -> None:
        """Compact: the whole ledger into the JSON file (atomic, fsynced), then an empty journal."""
        with self._mutex:
            text = json.dumps(self.data, indent=2, ensure_ascii=False, sort_keys=True) + "\n"
            atomic_write(self.path, text.encode("utf-8"))
            self.journal.clear()

    def append(self, channel: str, entry: dict[str, Any]) -> None:
        """Record one change: a line in the journal now (cheap, whatever the ledger's size)."""
        with self._mutex:
            self.data["seq"] = self.data.get("seq", 0) + 1
            self.journal.append({"n": self.data["seq"], "c": channel, **entry})
            if self.journal.due:
                self.save()

    def channel(self, name: str) -> ChannelState:
        with self._mutex:
            self.data["channels"].setdefault(name, {})
        return ChannelState(self, name)

    def snapshot_dir(self, channel: str) -> Path:
        return self.root / "snapshots" / self.issue_id / channel

    def snapshot_names(self, channel: str) -> list[str]:
        """The snapshot's file names: plain names only, so no ledger value reaches outside its folder."""
        names = self.data["channels"].get(channel, {}).get("snapshot", [])
        return [n for n in names if is_file_name(n)]

    def read_snapshot(self, channel: str) -> dict[str, str]:
        folder = self.snapshot_dir(channel)
        names = self.snapshot_names(channel)
        return {n: (folder / n).read_text(encoding="utf-8") for n in names if (folder / n).is_file()}

    def write_snapshot(self, channel: str, documents: Mapping[str, str]) -> None:
        folder = self.snapshot_dir(channel)
        for name, text in documents.items():
            if not is_file_name(name):
                raise ValueError(f"snapshot name {name!r} is not a plain file name")
            atomic_write(folder / name, text.encode("utf-8"))
        for stale in set(self.snapshot_names(channel)) - set(documents):
            (folder / stale).unlink(missing_ok=True)

    @contextmanager
    def locked(self, timeout: float = 0) -> Iterator[Ledger]:
        """Hold the issue's lock; a second run waits ``timeout`` seconds, then stops with a clear message."""
        from filelock import FileLock, Timeout  # only a push takes the lock
        self.root.mkdir(parents=True, exist_ok=True)
        lock = FileLock(str(self.root / f".{self.issue_id}.lock"), timeout=timeout)
        try:
            lock.acquire()
        except Timeout:
            raise LockedError(
                f"another publish of {self.issue_id} is running (lock {lock.lock_file}); "
                "wait for it to finish, then run again") from None
        try:
            self.data = self._read()
            yield self
        finally:
            try:
                if self.journal.lines:
                    self.save()
                fold_registries()
            finally:
                self.journal.close()
                lock.release()


class ChannelState:
    """One channel's slice of the ledger; every change is written through at once."""

    def __init__(self, ledger: Ledger, channel: str):
        self.ledger = ledger
        self.channel = channel

    @property
    def _data(self) -> dict[str, Any]:
        data: dict[str, Any] = self.ledger.data["channels"][self.channel]
        return data

    def get(self, key: str, default: Any = None) -> Any:
        with self.ledger._mutex:
            return self._data.get(key, default)

    def record(self, **changes: Any) -> None:
        """Set keys and persist at once (one journal line); ``None`` removes a key."""
        with self.ledger._mutex:
            set_keys(self._data, changes)
            self.ledger.append(self.channel, {"set": changes})

    def record_in(self, table: str, key: str, value: Any) -> None:
        """Set ``table[key]`` (e.g. one upload in the upload cache) and persist at once (one journal line)."""
        with self.ledger._mutex:
            self._data.setdefault(table, {})[key] = value
            self.ledger.append(self.channel, {"in": table, "k": key, "v": value})

    def lookup(self, table: str, key: str) -> Any:
        with self.ledger._mutex:
            return self._data.get(table, {}).get(key)

    def snapshot(self) -> dict[str, str]:
        return self.ledger.read_snapshot(self.channel)

    def complete(self, content_hash: str, documents: Mapping[str, str], **facts: Any) -> None:
        """Mark a push finished: the snapshot, its hash and where it went."""
        with self.ledger._mutex:
            self.ledger.write_snapshot(self.channel, documents)
            self._data["snapshot"] = sorted(documents)
            self._data["content_hash"] = content_hash
            self._data.update(facts)
            self.ledger.save()


class AssetRegistry:
    """What one account already holds, across every issue: ``ledger/assets/<channel>/<account>.json``.

    One entry per content hash (an uploaded image's address, a cover's permanent ``media_id``), so the same
    bytes are never uploaded twice to the same account, whichever issue uses them. Runs of different issues
    share the file, so it is guarded by its own lock (``.<account>.json.lock``, ``flock``: shared to read,
    exclusive to write). A record is one line appended to ``<account>.journal`` beside the JSON (its cost
    does not grow with the registry); the journal is folded into the JSON file (atomically) at a run's first
    record and every ``COMPACT_AFTER`` lines. A reader replays the journal on the JSON; a line cut short by a
    kill is left out, and every line is validated like the issue ledger's. Replaying a line the JSON already
    holds sets the same value again, so a fold cut off before it emptied the journal loses nothing.
    """

    def __init__(self, root: Path, channel: str, account: str):
        safe = "".join(c if c.isalnum() or c in "-_." else "_" for c in account) or "default"
        self.path = root / "assets" / channel / f"{safe}.json"
        self.journal = Journal(self.path.with_suffix(".journal"))
        self._lock_path = self.path.parent / f".{self.path.name}.lock"
        self._mutex = threading.RLock()
        self._entries: dict[str, Any] | None = None
        self._folded = False  # this process folded the earlier runs' lines (at its first record)

    def lookup(self, table: str, key: str) -> Any:
        with self._mutex:
            return self._loaded().get(table, {}).get(key)

    def entries(self, table: str) -> dict[str, Any]:
        """Every entry of one table (e.g. "uploads"): what the account holds."""
        with self._mutex:
            return dict(self._loaded().get(table, {}))

    def record(self, table: str, key: str, value: Any) -> None:
        """Add one entry: a journal line, appended under the exclusive lock (no rewrite of the file)."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self._mutex, self._flock(fcntl.LOCK_EX):
            if not self._folded or self.journal.due:
                self._fold()
            self.journal.append({"t": table, "k": key, "v": value}, seal=True)
            self._loaded_locked().setdefault(table, {})[key] = value
            _RECORDING.add(self)

    def fold(self) -> None:
        """Fold this run's lines into the JSON file (at the end of a push: ``fold_registries``)."""
        with self._mutex, self._flock(fcntl.LOCK_EX):
            self._fold()
            self.journal.close()
        _RECORDING.discard(self)

    def _loaded(self) -> dict[str, Any]:
        if self._entries is None:
            if not self.path.parent.is_dir():
                return {}  # nothing recorded for this account yet (and a dry run creates no folder)
            with self._flock(fcntl.LOCK_SH):
                self._entries = self._read()
        return self._entries

    def _loaded_locked(self) -> dict[str, Any]:
        if self._entries is None:
            self._entries = self._read()
        return self._entries

    def _fold(self) -> None:
        """Under the exclusive lock: the JSON file with every journal line in it, then an empty journal."""
        self._entries = self._read()
        if self.journal.path.exists() and self.journal.path.stat().st_size:
            text = json.dumps(self._entries, indent=1, ensure_ascii=False, sort_keys=True) + "\n"
            atomic_write(self.path, text.encode("utf-8"))
            self.journal.empty()
        self._folded = True

    def _read(self) -> dict[str, Any]:
        data: dict[str, Any] = parse_json_file(self.path) if self.path.exists() else {}
        if problems := registry_problems(data):
            raise ledger_error(self.path, problems)
        for number, entry in enumerate(self.journal.entries(), 1):
            _apply_registry_entry(data, entry, number, self.journal.path)
        return data

    @contextmanager
    def _flock(self, mode: int) -> Iterator[None]:
        fd = os.open(self._lock_path, os.O_RDWR | os.O_CREAT, 0o666)
        try:
            fcntl.flock(fd, mode)
            yield
        finally:
            os.close(fd)  # closing releases the lock


_RECORDING: weakref.WeakSet[AssetRegistry] = weakref.WeakSet()  # registries with lines not folded yet


def fold_registries() -> None:
    """Fold every registry this process recorded into since its last fold (when an issue's lock is released)."""
    for registry in list(_RECORDING):
        registry.fold()


def _apply_registry_entry(data: dict[str, Any], entry: dict[str, Any], number: int, where: Path) -> None:
    table, key = entry.get("t"), entry.get("k")
    if not isinstance(table, str) or not isinstance(key, str) or "v" not in entry:
        raise ledger_error(where, [f"line {number} is not a registry entry (table, key and value)"])
    if problems := registry_problems({table: data.setdefault(table, {})}):
        raise ledger_error(where, problems)
    data[table][key] = entry["v"]


def set_keys(record: dict[str, Any], changes: Mapping[str, Any]) -> None:
    for key, value in changes.items():
        if value is None:
            record.pop(key, None)
        else:
            record[key] = value


def apply_entry(data: dict[str, Any], entry: dict[str, Any], where: Path) -> None:
    """Replay one journal line on the ledger read from JSON (lines the JSON already holds are skipped)."""
    number, channel = entry.get("n"), entry.get("c")
    if not isinstance(number, int) or not isinstance(channel, str) or not isinstance(data.get("channels"), dict):
        raise ledger_error(where, [f"a journal entry without its number or channel: {str(entry)[:60]}"])
    if number <= data.get("seq", 0):
        return
    data["seq"] = number
    record = data["channels"].setdefault(channel, {})
    if isinstance(record, dict) and isinstance(entry.get("set"), dict):
        return set_keys(record, entry["set"])
    if isinstance(record, dict) and isinstance(entry.get("in"), str) and isinstance(entry.get("k"), str) \
            and isinstance(record.get(entry["in"], {}), dict):
        record.setdefault(entry["in"], {})[entry["k"]] = entry.get("v")
        return None
    raise ledger_error(where, [f"journal entry {number} is neither a change nor a table entry"])


def read_ledger_file(path: Path, issue_id: str) -> dict[str, Any]:
    """An issue's ledger, validated (a fresh one when the file does not exist); ``LedgerError`` otherwise."""
    if not path.exists():
        return {"version": LEDGER_VERSION, "issue": issue_id, "channels": {}}
    data: dict[str, Any] = parse_json_file(path)
    if problems := ledger_problems(data, issue_id):
        raise ledger_error(path, problems)
    return data
