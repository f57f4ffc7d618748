"""Fault injection for the loopback fakes, the one injector of the suite: wrap any fake's handler so a share of its
write calls fail (each fake's ``with_faults(fake, plan)`` does, with the platform's own "busy" answer).

A fault comes *before* the fake applies the call (nothing happened) or *after* (the effect is applied,
then the answer is lost): a 502, the platform's "busy" answer, a dropped connection, or a timeout.
A crash hook kills the publishing process at the N-th write, after the effect was applied.
"""

from __future__ import annotations

import contextlib
import io
import os
import random
import signal
import socket
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler

KINDS = ("502", "busy", "drop", "timeout")


@dataclass
class FaultPlan:
    rate: float = 0.0
    seed: int = 0
    kinds: tuple[str, ...] = KINDS
    after_share: float = 0.5
    hang_s: float = 1.5  # longer than the client's timeout in the tests
    latency_s: float = 0.0  # added to every request, as a far-away platform would
    busy: Callable[[BaseHTTPRequestHandler], None] | None = None  # how the platform says "busy"
    kill_pid_at_write: tuple[int, int] | None = None  # (pid, n): SIGKILL pid once write n is applied
    injected: list[tuple[str, str, bool]] = field(default_factory=list)  # (path, kind, after)
    writes: int = 0

    def __post_init__(self) -> None:
        self._rng = random.Random(self.seed)
        self._mutex = threading.Lock()

    def draw(self, path: str) -> tuple[str, bool] | None:
        """Decide this write's fate; count it."""
        with self._mutex:
            self.writes += 1
            if self._rng.random() >= self.rate:
                return None
            kind, after = self._rng.choice(self.kinds), self._rng.random() < self.after_share
            self.injected.append((path, kind, after))
            return kind, after

    def draw_from(self, *, rate: float, seed: int, kinds: tuple[str, ...] | None = None) -> None:
        """From now on a share ``rate`` of the writes fail, drawn from ``seed`` (of ``kinds``, if given)."""
        with self._mutex:
            self.rate, self.seed, self._rng = rate, seed, random.Random(seed)
            self.kinds = kinds or self.kinds

    def hidden(self, path: str) -> int:
        """Faults that let a write to ``path`` (a part of it) take effect and then lost its answer."""
        with self._mutex:
            return sum(1 for where, _, after in self.injected if after and path in where)

    def crash_due(self) -> int | None:
        with self._mutex:
            if self.kill_pid_at_write and self.writes >= self.kill_pid_at_write[1]:
                pid, _ = self.kill_pid_at_write
                self.kill_pid_at_write = None
                return pid
        return None


def faulty(handler: type[BaseHTTPRequestHandler], plan: FaultPlan,
           is_write: Callable[[str, str], bool]) -> type[BaseHTTPRequestHandler]:
    """A subclass of ``handler`` whose write calls (``is_write(method, path)``) obey ``plan``."""

    class Faulty(handler):  # type: ignore[misc, valid-type]
        def _guarded(self, real: Callable[[], None]) -> None:
            if plan.latency_s:
                time.sleep(plan.latency_s)
            if not is_write(self.command, self.path):
                real()
                return
            fate = plan.draw(self.path)
            if fate is None:
                self._apply_then_maybe_crash(real)
                return
            kind, after = fate
            if after:
                self._swallow(real)
            else:
                self._drain_body()
            self._fail(kind)

        def _apply_then_maybe_crash(self, real: Callable[[], None]) -> None:
            pid = plan.crash_due()
            if pid is None:
                real()
                return
            self._swallow(real)  # the effect is applied; the process dies before it hears back
            os.kill(pid, signal.SIGKILL)
            self._drop()

        def _swallow(self, real: Callable[[], None]) -> None:
            wfile, self.wfile = self.wfile, io.BytesIO()
            try:
                real()
            finally:
                self.wfile = wfile

        def _drain_body(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            if length:
                self.rfile.read(length)

        def _fail(self, kind: str) -> None:
            if kind == "502":
                self.send_response(502)
                self.send_header("Content-Length", "0")
                self.end_headers()
            elif kind == "busy" and plan.busy is not None:
                plan.busy(self)
            elif kind == "timeout":
                time.sleep(plan.hang_s)
                self._drop()
            else:
                self._drop()

        def _drop(self) -> None:
            self.close_connection = True
            with contextlib.suppress(OSError):
                self.connection.shutdown(socket.SHUT_RDWR)

        def _dispatch(self, method: str) -> None:
            real = getattr(super(), f"do_{method}", None)
            if real is None:
                self.send_error(501)
                return
            self._guarded(real)

        def do_GET(self) -> None:
            self._dispatch("GET")

        def do_POST(self) -> None:
            self._dispatch("POST")

        def do_PUT(self) -> None:
            self._dispatch("PUT")

        def do_DELETE(self) -> None:
            self._dispatch("DELETE")

    Faulty.__name__ = f"Faulty{handler.__name__}"
    return Faulty
