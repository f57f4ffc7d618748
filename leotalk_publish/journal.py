"""An append-only journal beside a JSON file: each recorded effect is one line, written at once.

Recording an effect appends one short line (one ``os.write`` on an ``O_APPEND`` descriptor; the issue's
lock keeps other writers away), so its cost does not grow with the file.
The JSON file is rewritten (atomically, fsynced) only when the journal is compacted: when a push finishes,
when the lock is released, and after ``COMPACT_AFTER`` lines. A process killed at any moment leaves every
line it wrote; a line cut short by the kill is the last one and is ignored on reading (the effect it named
is found again from the platform, as with any effect the ledger did not hear of).

The kernel has each line as soon as ``write`` returns, which is what survives a killed run. Against a
machine crash the journal is flushed to disk (``fdatasync``) at most every ``SYNC_EVERY_S`` seconds and at
compaction, instead of once per effect (an fsync costs ~2 ms on this machine's disk, which is what made
1000 effects take seconds; see docs/performance.md).

Before a writer appends to a journal it did not write last (on opening it, and on every append to a journal
shared by several processes), a torn tail left by a killed writer is cut off (``seal``), so the next line
never joins onto half of one.
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path
from typing import Any

from leotalk_publish.ledger_shape import ledger_error

COMPACT_AFTER = 2000
SYNC_EVERY_S = 0.5


class Journal:
    """The journal file of one JSON file: ``append`` lines, ``entries`` to replay, ``clear`` after compaction."""

    def __init__(self, path: Path):
        self.path = path  # one writer at a time: the run holding the lock
        self._fd: int | None = None
        self._synced = time.monotonic()
        self.lines = 0

    def append(self, entry: dict[str, Any], seal: bool = False) -> None:
        """One line, at once; ``seal``: cut a torn tail off first (a shared journal, under its lock)."""
        data = (json.dumps(entry, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n").encode()
        fd = self._own_fd()
        if seal:
            seal_tail(fd)
        self._write(fd, data)
        self.lines += 1

    def _write(self, fd: int, data: bytes) -> None:
        os.write(fd, data)
        if time.monotonic() - self._synced >= SYNC_EVERY_S:
            os.fdatasync(fd)
            self._synced = time.monotonic()

    def _own_fd(self) -> int:
        if self._fd is None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._fd = os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_APPEND, 0o666)
            seal_tail(self._fd)
        return self._fd

    def entries(self) -> list[dict[str, Any]]:
        """Every whole line written so far (a last line cut short by a kill is left out)."""
        try:
            raw = self.path.read_bytes()
        except (FileNotFoundError, NotADirectoryError):  # no journal, or no ledger folder (the probe says so)
            return []
        except OSError as exc:
            raise ledger_error(self.path, [f"it cannot be read ({exc.strerror})"]) from None
        lines = raw.split(b"\n")
        whole, last = lines[:-1], lines[-1]  # ``last`` is b"" unless the final write was cut short
        entries = [self._parse(line, number) for number, line in enumerate(whole, 1) if line.strip()]
        self.lines = len(entries) + (1 if last.strip() else 0)
        return entries

    def _parse(self, line: bytes, number: int) -> dict[str, Any]:
        try:
            entry = json.loads(line.decode("utf-8"))
        except (UnicodeDecodeError, ValueError, RecursionError):  # not JSON, a 4300-digit number, too deep
            entry = None
        if not isinstance(entry, dict):
            raise ledger_error(self.path, [f"line {number} is not a journal entry (a JSON object)"])
        return entry

    def empty(self) -> None:
        """After the JSON file holds every entry, when other processes may hold it open: truncate in place
        (their ``O_APPEND`` descriptors stay valid and write at the new end)."""
        if self.path.exists():
            os.truncate(self.path, 0)
        self.lines = 0

    def clear(self) -> None:
        """After the JSON file holds every entry: start an empty journal."""
        self.close()
        self.path.unlink(missing_ok=True)
        self.lines = 0

    def close(self) -> None:
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None

    @property
    def due(self) -> bool:
        return self.lines >= COMPACT_AFTER


def seal_tail(fd: int) -> None:
    """Cut off a last line without its newline (a write cut short by a kill), so the next line starts clean."""
    size = os.fstat(fd).st_size
    if size == 0 or os.pread(fd, 1, size - 1) == b"\n":
        return
    raw = os.pread(fd, size, 0)
    os.ftruncate(fd, raw.rfind(b"\n") + 1)
