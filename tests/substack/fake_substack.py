"""A loopback fake of Substack's private editor API, written from docs/../platforms/substack.md.

It checks what Substack checks: a browser-like User-Agent (else 403), the session cookie under
``substack.sid`` or ``connect.sid`` (else 401), ``draft_body`` sent as a JSON *string*, non-null
``draft_bylines``, images as JSON data URIs only (multipart → 400, a URL → 400 "Failed to fetch image"),
and "Please choose a section." when the publication has sections and the draft names none. Faults are
queued per call: an HTTP status (with Retry-After for 429) or a dropped connection, before or after the
effect is applied.
"""

from __future__ import annotations

import base64
import contextlib
import io
import json
import os
import random
import re
import signal
import threading
import time
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from http.server import BaseHTTPRequestHandler
from typing import Any
from urllib.parse import parse_qs, urlsplit

from PIL import Image

CDN = "https://substack-post-media.s3.amazonaws.com/public/images"


@dataclass
class Fault:
    method: str
    path: str  # a regular expression matched against the whole path
    status: int = 502  # 0 = drop the connection without an answer
    after: bool = False  # apply the effect, then fail
    retry_after: str = "0"


@dataclass
class FakeSubstack:
    cookie: str
    user_id: int = 4242
    subdomain: str = "leotalk"
    sections: list[dict[str, Any]] = field(default_factory=list)
    latency_s: float = 0.0
    expired: bool = False
    prepublish_errors: list[str] = field(default_factory=list)
    drafts: dict[int, dict[str, Any]] = field(default_factory=dict)
    images: list[dict[str, Any]] = field(default_factory=list)
    log: list[tuple[str, str]] = field(default_factory=list)
    published: list[dict[str, Any]] = field(default_factory=list)  # every publish call's body
    faults: list[Fault] = field(default_factory=list)
    seen_headers: list[dict[str, str]] = field(default_factory=list)
    fault_rate: float = 0.0  # a share of write calls fail at random (502 or a dropped connection) …
    fault_seed: int = 0  # … drawn from this seed; half of them after the effect is applied
    hidden: list[str] = field(default_factory=list)  # paths of writes applied whose answer was lost
    kill_at_write: tuple[int, int] | None = None  # (pid, n): SIGKILL pid once write n is applied

    def __post_init__(self) -> None:
        self.lock = threading.Lock()
        self.next_id = 1000
        self.rng = random.Random(self.fault_seed)
        self.write_count = 0

    def writes(self) -> list[tuple[str, str]]:
        return [(m, p) for m, p in self.log if m != "GET"]

    def count(self, method: str, pattern: str) -> int:
        return sum(1 for m, p in self.log if m == method and re.fullmatch(pattern, p))

    def emails_sent(self) -> int:
        return sum(1 for body in self.published if body.get("send") is True)

    def handler(self) -> type[BaseHTTPRequestHandler]:
        fake = self

        class Handler(_Handler):
            state = fake

        return Handler

    def take_fault(self, method: str, path: str) -> Fault | None:
        with self.lock:
            for fault in self.faults:
                if fault.method == method and re.fullmatch(fault.path, path):
                    self.faults.remove(fault)
                    return fault
            if method != "GET" and self.rng.random() < self.fault_rate:
                return Fault(method, path, status=self.rng.choice((502, 0)), after=self.rng.random() < 0.5)
        return None

    def applied(self, method: str, path: str, fault: Fault | None) -> None:
        """After a write took effect: note a hidden one, and kill the publisher at the chosen write."""
        if method == "GET":
            return
        with self.lock:
            self.write_count += 1
            if fault is not None:
                self.hidden.append(path)
            if self.kill_at_write and self.write_count == self.kill_at_write[1]:
                os.kill(self.kill_at_write[0], signal.SIGKILL)


class ApiError(Exception):
    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status, self.message = status, message


class _Handler(BaseHTTPRequestHandler):
    state: FakeSubstack
    protocol_version = "HTTP/1.1"

    def log_message(self, *args: Any) -> None:  # keep test output quiet
        pass

    def handle(self) -> None:
        with contextlib.suppress(OSError):  # the publisher was killed or dropped the connection
            super().handle()

    def do_GET(self) -> None:
        self.serve("GET")

    def do_POST(self) -> None:
        self.serve("POST")

    def do_PUT(self) -> None:
        self.serve("PUT")

    def do_DELETE(self) -> None:
        self.serve("DELETE")

    def serve(self, method: str) -> None:
        fake = self.state
        url = urlsplit(self.path)
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        if fake.latency_s:
            time.sleep(fake.latency_s)
        with fake.lock:
            fake.log.append((method, url.path))
            fake.seen_headers.append(dict(self.headers))
        fault = fake.take_fault(method, url.path)
        if fault and not fault.after:
            return self.fail(fault)
        try:
            self.authorise()
            with fake.lock:
                status, answer = route(fake, method, url.path, parse_qs(url.query), self.headers, body)
        except ApiError as exc:
            status, answer = exc.status, {"error": exc.message}
        if status == 200:
            fake.applied(method, url.path, fault)
        if fault:
            return self.fail(fault)
        self.reply(status, answer)

    def authorise(self) -> None:
        if "Mozilla/" not in self.headers.get("User-Agent", ""):
            raise ApiError(403, "Forbidden")
        jar = SimpleCookie()
        jar.load(self.headers.get("Cookie", ""))
        values = {jar[name].value for name in ("substack.sid", "connect.sid") if name in jar}
        if self.state.expired or self.state.cookie not in values:
            raise ApiError(401, "Not authorized")

    def fail(self, fault: Fault) -> None:
        if fault.status == 0:
            self.close_connection = True
            self.connection.shutdown(2)
            return
        headers = {"Retry-After": fault.retry_after} if fault.status == 429 else {}
        self.reply(fault.status, {"error": "Too Many Requests" if fault.status == 429 else "Bad Gateway"}, headers)

    def reply(self, status: int, answer: Any, headers: dict[str, str] | None = None) -> None:
        data = json.dumps(answer).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.end_headers()
        self.wfile.write(data)


# ── routes ─────────────────────────────────────────────────────────────────────────────────────────
def route(fake: FakeSubstack, method: str, path: str, query: dict, headers: Any, body: bytes) -> tuple[int, Any]:
    for verb, pattern, handler in ROUTES:
        match = re.fullmatch(pattern, path)
        if verb == method and match:
            return 200, handler(fake, *match.groups(), query=query, headers=headers, body=body)
    raise ApiError(404, "Not found")


def _json_body(headers: Any, body: bytes) -> dict[str, Any]:
    if not str(headers.get("Content-Type", "")).startswith("application/json"):
        raise ApiError(400, "Expected a JSON body")
    try:
        data = json.loads(body)
    except ValueError:
        raise ApiError(400, "Invalid JSON") from None
    if not isinstance(data, dict):
        raise ApiError(400, "Invalid JSON")
    return data


def profile(fake: FakeSubstack, **_: Any) -> dict[str, Any]:
    publication = {"id": 1, "subdomain": fake.subdomain, "custom_domain": None}
    return {"id": fake.user_id, "publicationUsers": [{"publication": publication, "is_primary": True,
                                                       "role": "admin"}]}


def subscriptions(fake: FakeSubstack, **_: Any) -> dict[str, Any]:
    return {"publications": [{"id": 1, "subdomain": fake.subdomain, "sections": fake.sections}]}


def _check_draft_fields(data: dict[str, Any], creating: bool) -> None:
    if "draft_body" in data:
        if not isinstance(data["draft_body"], str):
            raise ApiError(400, "draft_body must be a string")
        doc = json.loads(data["draft_body"])
        if not isinstance(doc, dict) or doc.get("type") != "doc":
            raise ApiError(400, "draft_body is not a document")
    if "draft_bylines" in data or creating:
        bylines = data.get("draft_bylines")
        if not isinstance(bylines, list) or not all(isinstance(b, dict) and "id" in b for b in bylines):
            raise ApiError(400, "draft_bylines must be a list of {id, is_guest}")


def create_draft(fake: FakeSubstack, *, headers: Any, body: bytes, **_: Any) -> dict[str, Any]:
    data = _json_body(headers, body)
    _check_draft_fields(data, creating=True)
    fake.next_id += 1
    draft = {"id": fake.next_id, "draft_title": "", "draft_subtitle": "", "draft_body": None,
             "audience": "everyone", "draft_section_id": None, "section_chosen": False,
             "is_published": False, "post_date": None, "scheduled_release": None, **data,
             "updated": time.time()}
    fake.drafts[draft["id"]] = draft
    return draft


def _draft(fake: FakeSubstack, draft_id: str) -> dict[str, Any]:
    draft = fake.drafts.get(int(draft_id))
    if draft is None:
        raise ApiError(404, "Not found")
    return draft


def update_draft(fake: FakeSubstack, draft_id: str, *, headers: Any, body: bytes, **_: Any) -> dict[str, Any]:
    draft = _draft(fake, draft_id)
    data = _json_body(headers, body)
    _check_draft_fields(data, creating=False)
    draft.update(data, updated=time.time())
    return draft


def get_draft(fake: FakeSubstack, draft_id: str, **_: Any) -> dict[str, Any]:
    return _draft(fake, draft_id)


def delete_draft(fake: FakeSubstack, draft_id: str, **_: Any) -> dict[str, Any]:
    _draft(fake, draft_id)
    del fake.drafts[int(draft_id)]
    return {}


def list_drafts(fake: FakeSubstack, *, query: dict, **_: Any) -> dict[str, Any]:
    offset, limit = int(query.get("offset", ["0"])[0]), int(query.get("limit", ["25"])[0])
    drafts = sorted((d for d in fake.drafts.values() if not d["is_published"]), key=lambda d: -d["updated"])
    return {"posts": drafts[offset:offset + limit], "total": len(drafts)}


def prepublish(fake: FakeSubstack, draft_id: str, **_: Any) -> dict[str, Any]:
    draft = _draft(fake, draft_id)
    errors = list(fake.prepublish_errors) + ([] if draft.get("draft_title") else ["Your post needs a title"])
    return {"errors": errors, "suggestions": []}


def _needs_section(fake: FakeSubstack, draft: dict[str, Any]) -> None:
    if fake.sections and not draft.get("draft_section_id"):
        raise ApiError(400, "Please choose a section.")


def publish(fake: FakeSubstack, draft_id: str, *, headers: Any, body: bytes, **_: Any) -> dict[str, Any]:
    draft = _draft(fake, draft_id)
    data = _json_body(headers, body)
    _needs_section(fake, draft)
    fake.published.append({"id": draft["id"], **data})
    draft.update(is_published=True, post_date="2025-09-22T00:00:00.000Z")
    return draft


def schedule(fake: FakeSubstack, draft_id: str, *, headers: Any, body: bytes, **_: Any) -> dict[str, Any]:
    draft = _draft(fake, draft_id)
    data = _json_body(headers, body)
    if not re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z", str(data.get("trigger_at"))):
        raise ApiError(400, "trigger_at must be an ISO time in UTC")
    _needs_section(fake, draft)
    draft["scheduled_release"] = data
    return data


def unschedule(fake: FakeSubstack, draft_id: str, **_: Any) -> dict[str, Any]:
    _draft(fake, draft_id)["scheduled_release"] = None
    return {}


def upload_image(fake: FakeSubstack, *, headers: Any, body: bytes, **_: Any) -> dict[str, Any]:
    data = _json_body(headers, body)
    image = data.get("image")
    if isinstance(image, str) and image.startswith(("http://", "https://")):
        raise ApiError(400, "Failed to fetch image")
    match = re.fullmatch(r"data:(image/[a-z+.-]+);base64,([A-Za-z0-9+/=]+)", image or "")
    if not match:
        raise ApiError(400, "Invalid image")
    raw = base64.b64decode(match.group(2))
    with Image.open(io.BytesIO(raw)) as img:
        width, height, real = img.width, img.height, Image.MIME.get(img.format or "")
    if real != match.group(1):
        raise ApiError(400, f"Image type mismatch: sent {match.group(1)}, is {real}")
    record = {"id": len(fake.images) + 1, "url": f"{CDN}/{len(fake.images) + 1:04d}.png", "imageWidth": width,
              "imageHeight": height, "bytes": len(raw), "contentType": real}
    fake.images.append(record)
    return record


ROUTES = (
    ("GET", r"/api/v1/user/profile/self", profile),
    ("GET", r"/api/v1/subscriptions", subscriptions),
    ("POST", r"/api/v1/drafts", create_draft),
    ("PUT", r"/api/v1/drafts/(\d+)", update_draft),
    ("GET", r"/api/v1/drafts/(\d+)", get_draft),
    ("DELETE", r"/api/v1/drafts/(\d+)", delete_draft),
    ("GET", r"/api/v1/post_management/drafts", list_drafts),
    ("GET", r"/api/v1/drafts/(\d+)/prepublish", prepublish),
    ("POST", r"/api/v1/drafts/(\d+)/publish", publish),
    ("POST", r"/api/v1/drafts/(\d+)/scheduled_release", schedule),
    ("DELETE", r"/api/v1/drafts/(\d+)/scheduled_release", unschedule),
    ("POST", r"/api/v1/image", upload_image),
)
