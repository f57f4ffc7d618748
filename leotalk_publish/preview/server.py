"""The preview server: 127.0.0.1 on a free port, standard library only.

Routes: ``/`` the page; ``/pane/<channel>`` one pane's document; ``/draft/<path>`` a file of the draft folder
(its images); ``/state?since=N`` the version with each pane's figures and problems — held open (long polling)
until the version moves past N. A watcher thread compares a signature of the draft's and the channel
settings' files (names, sizes, mtimes) ten times a second and renders again when it changes, so a save shows
in the page about as fast as the render itself (docs/performance.md).
"""

from __future__ import annotations

import json
import mimetypes
import threading
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, unquote, urlparse

from leotalk_publish.project import Project

from . import page as pages
from .panes import Preview, build

Signature = tuple[tuple[str, int, int], ...]  # each watched file: its path, size and modification time
LONG_POLL_S = 15.0  # a /state request waits this long for a change before answering "no change"


class Watched:
    """The draft folder and the channel settings, rendered again whenever one of their files changes."""

    def __init__(self, project: Project, issue_id: str, channels: list[str]):
        self.project, self.issue_id, self.channels = project, issue_id, channels
        self.folder = project.drafts / issue_id
        self._changed = threading.Condition()
        self._signature: Signature = ()
        self.version = 0
        self.preview = Preview(())
        self.stopped = threading.Event()

    def signature(self) -> Signature:
        files = [p for root in (self.folder, self.project.channels) if root.is_dir() for p in root.rglob("*")]
        return tuple(sorted((str(p), s.st_size, s.st_mtime_ns) for p in files if p.is_file() for s in [p.stat()]))

    def current(self) -> tuple[int, Preview]:
        """The version and preview as of now: rendered again when a watched file changed."""
        with self._changed:
            signature = self.signature()
            if signature != self._signature:
                self._signature, self.version = signature, self.version + 1
                self.preview = build(self.project, self.issue_id, self.channels)
                self._changed.notify_all()
            return self.version, self.preview

    def newer_than(self, since: int, timeout: float) -> tuple[int, Preview]:
        """Wait (up to ``timeout`` seconds) for a version other than ``since``; the latest either way."""
        with self._changed:
            self._changed.wait_for(lambda: self.version != since or self.stopped.is_set(), timeout)
            return self.version, self.preview

    def watch(self, every: float = 0.1) -> None:
        """Look for changes until ``stopped`` is set (the server's own thread)."""
        while not self.stopped.wait(every):
            self.current()


class PreviewServer(ThreadingHTTPServer):
    daemon_threads = True

    watched: Watched

    def server_close(self) -> None:
        self.watched.stopped.set()
        with self.watched._changed:
            self.watched._changed.notify_all()
        super().server_close()

    def handle_error(self, request: object, client_address: object) -> None:
        """A browser that drops a request (a pane reloading while its images load) is not an error to show;
        anything else is one line, never a traceback."""
        import sys
        exc = sys.exc_info()[1]
        if not isinstance(exc, ConnectionError):
            print(f"preview: a request failed: {exc.__class__.__name__}: {exc}", file=sys.stderr)


def handler_for(watched: Watched) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"  # keep-alive: a pane's images reuse the browser's few connections
        disable_nagle_algorithm = True  # headers and body go out as two writes; on a kept-alive connection
        # Nagle would hold each body back for the browser's delayed ACK (up to 40 ms per image)

        def do_GET(self) -> None:
            path = unquote(urlparse(self.path).path)
            if path == "/":
                version, preview = watched.current()
                self._send(pages.page(watched.issue_id, preview, version).encode(), "text/html; charset=utf-8")
            elif path == "/state":
                since = parse_qs(urlparse(self.path).query).get("since", [""])[0]
                now = watched.newer_than(int(since), LONG_POLL_S) if since.isdigit() else watched.current()
                self._send(json.dumps(_state(*now), ensure_ascii=False).encode(), "application/json")
            elif path.startswith("/pane/"):
                self._pane(path.removeprefix("/pane/"))
            elif path.startswith("/draft/"):
                self._file(watched.folder, path.removeprefix("/draft/"))
            else:
                self.send_error(HTTPStatus.NOT_FOUND)

        def _pane(self, channel: str) -> None:
            _, preview = watched.current()
            pane = next((p for p in preview.panes if p.channel == channel), None)
            if pane is None:
                self.send_error(HTTPStatus.NOT_FOUND)
                return
            self._send(pages.pane_document(pane.channel, pane.frame, pane.html).encode(), "text/html; charset=utf-8")

        def _file(self, folder: Path, relative: str) -> None:
            root = folder.resolve()
            target = (root / relative).resolve()
            if not target.is_relative_to(root) or not target.is_file():
                self.send_error(HTTPStatus.NOT_FOUND)
                return
            self._send(target.read_bytes(), mimetypes.guess_type(target.name)[0] or "application/octet-stream")

        def _send(self, body: bytes, kind: str) -> None:
            self.send_response(HTTPStatus.OK)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: Any) -> None:
            """Quiet: the terminal shows the URL and the changes, not every request."""

    return Handler


def _state(version: int, preview: Preview) -> dict[str, Any]:
    return {"version": version, "error": preview.error, "problems": list(preview.problems),
            "panes": [p.meta() for p in preview.panes]}


def serve(project: Project, issue_id: str, channels: list[str], port: int = 0) -> tuple[PreviewServer, Watched]:
    """A server bound to 127.0.0.1 (``port`` 0: a free one), not yet serving; the first render is done."""
    watched = Watched(project, issue_id, channels)
    watched.current()
    server = PreviewServer(("127.0.0.1", port), handler_for(watched))
    server.watched = watched
    threading.Thread(target=watched.watch, name="preview-watch", daemon=True).start()
    return server, watched


def url(server: ThreadingHTTPServer) -> str:
    host, port = server.server_address[:2]
    host = host.decode() if isinstance(host, bytes) else host
    return f"http://{host}:{port}/"
