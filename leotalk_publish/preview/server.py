"""The preview server: 127.0.0.1 on a free port, standard library only.

Routes: ``/`` the page; ``/pane/<channel>`` one pane's document; ``/draft/<path>`` a file of the draft folder
(its images); ``/state`` the version (a signature of the draft's and the channel settings' files: names,
sizes, mtimes) with each pane's figures and problems. The page polls ``/state`` about three times a second, so
saving ``index.md`` or an image shows within a second; a render happens only when the version changed.
"""

from __future__ import annotations

import json
import mimetypes
import threading
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlparse

from leotalk_publish.project import Project

from . import page as pages
from .panes import Preview, build


class Watched:
    """The draft folder and the channel settings, rendered again whenever one of their files changes."""

    def __init__(self, project: Project, issue_id: str, channels: list[str]):
        self.project, self.issue_id, self.channels = project, issue_id, channels
        self.folder = project.drafts / issue_id
        self._mutex = threading.Lock()
        self._signature: tuple = ()
        self.version = 0
        self.preview = Preview(())

    def signature(self) -> tuple:
        files = [p for root in (self.folder, self.project.channels) if root.is_dir() for p in root.rglob("*")]
        return tuple(sorted((str(p), s.st_size, s.st_mtime_ns) for p in files if p.is_file() for s in [p.stat()]))

    def current(self) -> tuple[int, Preview]:
        """The version and preview as of now: rendered again when a watched file changed."""
        with self._mutex:
            signature = self.signature()
            if signature != self._signature:
                self._signature, self.version = signature, self.version + 1
                self.preview = build(self.project, self.issue_id, self.channels)
            return self.version, self.preview


def handler_for(watched: Watched) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            path = unquote(urlparse(self.path).path)
            if path == "/":
                version, preview = watched.current()
                self._send(pages.page(watched.issue_id, preview, version).encode(), "text/html; charset=utf-8")
            elif path == "/state":
                self._send(json.dumps(_state(*watched.current()), ensure_ascii=False).encode(), "application/json")
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

        def log_message(self, format: str, *args) -> None:
            """Quiet: the terminal shows the URL and the changes, not every request."""

    return Handler


def _state(version: int, preview: Preview) -> dict:
    return {"version": version, "error": preview.error, "problems": list(preview.problems),
            "panes": [p.meta() for p in preview.panes]}


def serve(project: Project, issue_id: str, channels: list[str], port: int = 0) -> tuple[ThreadingHTTPServer, Watched]:
    """A server bound to 127.0.0.1 (``port`` 0: a free one), not yet serving; the first render is done."""
    watched = Watched(project, issue_id, channels)
    watched.current()
    server = ThreadingHTTPServer(("127.0.0.1", port), handler_for(watched))
    server.daemon_threads = True
    return server, watched


def url(server: ThreadingHTTPServer) -> str:
    host, port = server.server_address[:2]
    return f"http://{host}:{port}/"
