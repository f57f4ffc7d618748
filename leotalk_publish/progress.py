"""Progress of a run, per channel: a live rich display on a terminal, plain prefixed lines elsewhere (CI, pipes).

The live table shows each channel's latest report line and how long it has been at it, redrawn several times a
second, so a channel that is busy (uploading, waiting for a rate limit) visibly moves. A wait or a retry is also
printed above the table as one line, with its length, so it stays in the scrollback.
"""

from __future__ import annotations

import re
import sys
import threading
import time
from collections.abc import Callable
from contextlib import AbstractContextManager
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rich.table import Table

ChannelReport = Callable[[str], None]
# Lines kept above the live table, not only in its last cell: a wait (rate limit, lock) or a retry, with its length.
NOTABLE = re.compile(r"\b(waiting|retrying|giving up)\b")


class PlainProgress(AbstractContextManager["PlainProgress"]):
    """One line per event, prefixed by the channel: readable in CI logs and easy to grep."""

    def __init__(self, write: Callable[[str], None] = print):
        self._write = write
        self._mutex = threading.Lock()

    def channel(self, name: str) -> ChannelReport:
        def report(line: str) -> None:
            with self._mutex:
                self._write(f"{name}: {line}")
        return report

    def finished(self, name: str, status: str) -> None:
        """Nothing to redraw: the summary lines follow."""

    def __exit__(self, *exc: Any) -> None:
        return None


class LiveProgress(AbstractContextManager["LiveProgress"]):
    """A rich table with one row per channel: its latest event and how many events it has had."""

    def __init__(self, channels: list[str], console: Any = None):
        from rich.console import Console
        from rich.live import Live
        self._rows: dict[str, tuple[str, int]] = {name: ("waiting", 0) for name in channels}
        self._started = {name: time.monotonic() for name in channels}
        self._done: dict[str, float] = {}
        self._mutex = threading.Lock()
        self._console = console or Console(stderr=True)
        self._live = Live(get_renderable=self._table, console=self._console, refresh_per_second=8,
                          transient=False)

    def __enter__(self) -> LiveProgress:
        self._live.__enter__()
        return self

    def __exit__(self, *exc: Any) -> None:
        self._live.__exit__(*exc)

    def _table(self) -> Table:
        from rich.table import Table
        table = Table(show_header=True, header_style="bold", box=None)
        table.add_column("channel")
        table.add_column("events", justify="right")
        table.add_column("time", justify="right")
        table.add_column("now")
        now = time.monotonic()
        for name, (line, count) in self._rows.items():
            table.add_row(name, str(count), f"{self._done.get(name, now) - self._started[name]:.0f}s", line)
        return table

    def channel(self, name: str) -> ChannelReport:
        def report(line: str) -> None:
            with self._mutex:
                self._rows[name] = (line, self._rows[name][1] + 1)
            if NOTABLE.search(line):
                self._console.print(f"{name}: {line}", style="yellow", markup=False, highlight=False)
        return report

    def finished(self, name: str, status: str) -> None:
        with self._mutex:
            self._rows[name] = (status, self._rows[name][1])
            self._done[name] = time.monotonic()


def progress_for(channels: list[str], write: Callable[[str], None] = print,
                 live: bool = True) -> PlainProgress | LiveProgress:
    """Live display on an interactive terminal outside CI (unless ``live`` is off); plain lines otherwise."""
    import os
    interactive = live and sys.stderr.isatty() and not os.environ.get("CI")
    return LiveProgress(channels) if interactive else PlainProgress(write)
