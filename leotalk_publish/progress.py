"""Progress of a run, per channel: a live rich display on a terminal, plain prefixed lines elsewhere (CI, pipes)."""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable
from contextlib import AbstractContextManager
from typing import Any

ChannelReport = Callable[[str], None]


class PlainProgress(AbstractContextManager):
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


class LiveProgress(AbstractContextManager):
    """A rich table with one row per channel: its latest event and how many events it has had."""

    def __init__(self, channels: list[str]):
        from rich.console import Console
        from rich.live import Live
        self._rows = {name: ["waiting", 0] for name in channels}
        self._mutex = threading.Lock()
        self._console = Console(stderr=True)
        self._live = Live(self._table(), console=self._console, refresh_per_second=8, transient=False)

    def __enter__(self) -> LiveProgress:
        self._live.__enter__()
        return self

    def __exit__(self, *exc: Any) -> None:
        self._live.__exit__(*exc)

    def _table(self):
        from rich.table import Table
        table = Table(show_header=True, header_style="bold", box=None)
        table.add_column("channel")
        table.add_column("events", justify="right")
        table.add_column("now")
        for name, (line, count) in self._rows.items():
            table.add_row(name, str(count), line)
        return table

    def channel(self, name: str) -> ChannelReport:
        def report(line: str) -> None:
            with self._mutex:
                self._rows[name] = [line, self._rows[name][1] + 1]
                self._live.update(self._table())
            if line.startswith(("retrying", "giving up")):
                self._console.print(f"[yellow]{name}: {line}[/yellow]")
        return report

    def finished(self, name: str, status: str) -> None:
        with self._mutex:
            self._rows[name][0] = status
            self._live.update(self._table())


def progress_for(channels: list[str], write: Callable[[str], None] = print) -> PlainProgress | LiveProgress:
    """Live display on an interactive terminal outside CI; plain lines otherwise."""
    import os
    interactive = sys.stderr.isatty() and not os.environ.get("CI")
    return LiveProgress(channels) if interactive else PlainProgress(write)
