"""An append-only journal beside a JSON file: each recorded effect is one line, written at once.

Recording an effect appends one short line (one ``os.write`` on an ``O_APPEND`` descriptor, under a
``flock`` of the journal so that several processes may append), so its cost does not grow with the file.
The JSON file is rewritten (atomically, fsynced) only when the journal is compacted: when a push finishes,
when the lock is released, and after ``COMPACT_AFTER`` lines. A process killed at any moment leaves every
line it wrote; a line cut short by the kill is the last one and is ignored on reading (the effect it named
is found again from the platform, as with any effect the ledger did not hear of).

The kernel has each line as soon as ``write`` returns, which is what survives a killed run. Against a
machine crash the journal is flushed to disk (``fdatasync``) at most every ``SYNC_EVERY_S`` seconds and at
compaction, instead of once per effect (an fsync costs ~2 ms on this machine's disk, which is what made
1000 effects take seconds; see docs/performance.md).
"""

from __future__ import annotations

import fcntl
import json
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from leotalk_publish.ledger_shape import ledger_error

COMPACT_AFTER = 2000
SYNC_EVERY_S = 0.5


class Journal:
    """The journal file of one JSON file: ``append`` lines, ``entries`` to replay, ``clear`` after compaction."""

    def __init__(self, path: Path, shared: bool = False):
        self.path = path
        self.shared = shared  # other processes append too (the asset registry); else one writer (issue lock)
        self._fd: int | None = None
        self._synced = time.monotonic()
        self.lines = 0

    def append(self, entry: dict[str, Any]) -> None:
        data = (json.dumps(entry, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n").encode()
        if self.shared:
            with self.held() as fd:
                self._write(fd, data)
        else:
            self._write(self._own_fd(), data)
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
        return self._fd

    @contextmanager
    def held(self) -> Iterator[int]:
        """The journal open for appending and locked (``flock``), the very file now at ``path``: one another
        process compacted away meanwhile is made anew."""
        while True:
            fd = self._own_fd()
            fcntl.flock(fd, fcntl.LOCK_EX)
            try:
                if os.path.exists(self.path) and os.stat(self.path).st_ino == os.fstat(fd).st_ino:
                    yield fd
                    return
            finally:
                if self._fd == fd:  # still open (``clear`` inside closes it, which unlocks it too)
                    fcntl.flock(fd, fcntl.LOCK_UN)
            self.close()  # compacted away by another process: open the new journal

    def entries(self) -> list[dict[str, Any]]:
        """Every whole line written so far (a last line cut short by a kill is left out)."""
        try:
            raw = self.path.read_bytes()
        except (FileNotFoundError, NotADirectoryError):  # no journal, or no ledger folder (the probe says so)
            return []
        lines = raw.split(b"\n")
        whole, last = lines[:-1], lines[-1]  # ``last`` is b"" unless the final write was cut short
        entries = [self._parse(line, number) for number, line in enumerate(whole, 1) if line.strip()]
        self.lines = len(entries) + (1 if last.strip() else 0)
        return entries

    def _parse(self, line: bytes, number: int) -> dict[str, Any]:
        try:
            entry = json.loads(line.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError):
            entry = None
        if not isinstance(entry, dict):
            raise ledger_error(self.path, [f"line {number} is not a journal entry (a JSON object)"])
        return entry

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
