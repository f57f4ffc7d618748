"""A loopback fake of Substack's private editor API, written from ../shared/platforms/substack.md.

It checks what Substack checks: a browser-like User-Agent (else Cloudflare's HTML "error code: 1010"
page, 403), the session cookie under ``substack.sid`` or ``connect.sid`` (else 401), ``draft_body`` sent as a
JSON *string*, non-null ``draft_bylines``, images as JSON data URIs only (multipart → 400, a URL → 400
"Failed to fetch image", over 20 MB → 413), and "Please choose a section." when the publication has
sections and the draft names none. It behaves as the corrected contract says Substack does:

- the create ignores ``draft_section_id`` and ``audience`` (only a PUT sets them, with ``section_chosen``);
- a read-back is Substack's own serialisation (sorted keys, non-ASCII escaped, image defaults filled in),
  so it never equals the bytes sent;
- published posts stay draft objects (``is_published``, ``post_date``) listed by
  ``post_management/published``; scheduled ones by ``post_management/scheduled``;
- sustained traffic (``rate_max`` requests in ``rate_window_s``) starts a cooldown during which every call
  gets a 429 as ``text/plain`` with no ``Retry-After``;
- ``prepublish`` fails at random (``prepublish_fail_rate``) with an empty 500;
- a publication with a ``custom_domain`` 301s every call whose ``Referer`` is not its canonical
  ``https://<subdomain>.substack.com/…`` page;
- a person can edit a draft or a post "in the editor" between runs (``edit_in_editor``).

Substack's own faults are queued per call (``faults``): an HTTP status or a dropped connection, before or after
the effect is applied. Faults drawn at random with a seed, latency and a SIGKILL at the N-th write come from the
suite's one injector, ``tests/faults.py``: ``with_faults(fake, plan)`` is this fake's handler behind it.
"""

from __future__ import annotations

import base64
import contextlib
import io
import json
import random
import re
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from http.server import BaseHTTPRequestHandler
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

from PIL import Image

from tests.faults import FaultPlan, faulty
from tests.loopback import answer

CDN = "https://substack-post-media.s3.amazonaws.com/public/images"
MAX_IMAGE_BYTES = 20 * 1024 * 1024
CLOUDFLARE_1010 = (b"<!DOCTYPE html><html><head><title>Access denied | substack.com used Cloudflare to restrict "
                   b"access</title></head><body><h1>Error 1010</h1><p>error code: 1010</p>"
                   b"<p>The owner of this website has banned your access based on your browser's signature."
                   b"</p></body></html>")
IMAGE_DEFAULTS = {"croppedHeight": None, "croppedWidth": None, "topImage": False, "isProcessed": True,
                  "align": None, "offset": False, "href": None, "belowTheFold": False, "internalRedirect": None,
                  "title": None, "alt": None, "fullscreen": None, "resizeWidth": None}


@dataclass
class Fault:
    method: str
    path: str  # a regular expression matched against the whole path
    status: int = 502  # 0 = drop the connection without an answer
    after: bool = False  # apply the effect, then fail
    retry_after: str | None = None  # Substack sends none; a test may ask for one


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
    custom_domain: str | None = None  # calls without the canonical Referer 301 here
    rate_max: int | None = None  # more requests than this within rate_window_s start a cooldown …
    rate_window_s: float = 30.0
    cooldown_s: float = 90.0  # … of this long, every call answered 429 (text/plain, no Retry-After)
    now: Callable[[], float] = time.monotonic  # the limiter's clock (a test hands in a virtual one)
    prepublish_fail_rate: float = 0.0
    echo_session: bool = False  # error bodies echo the session cookie, as some of Substack's do
    refused_429: int = 0
    cloudflare_block: bool = False  # Cloudflare bans this client's signature whatever its User-Agent
    sent: dict[int, str] = field(default_factory=dict)  # the last draft_body sent for each draft, as sent

    def __post_init__(self) -> None:
        self.lock = threading.Lock()
        self.next_id = 1000
        self.rng = random.Random(0)  # prepublish's flaky answers
        self.hits: list[float] = []
        self.cooldown_until = float("-inf")

    def posts(self) -> int:
        """Drafts ever created (a deleted one counts)."""
        return self.next_id - 1000

    def published_posts(self) -> list[dict[str, Any]]:
        return [d for d in self.drafts.values() if d["is_published"]]

    def edit_in_editor(self, draft_id: int, old: str, new: str) -> None:
        """What a person does in Substack's editor: change a text (the body is stored re-serialised)."""
        with self.lock:
            draft = self.drafts[draft_id]
            doc = json.loads(draft["draft_body"])
            _replace_text(doc, old, new)
            draft["draft_body"] = serialise(doc)
            draft["draft_updated_at"] = _stamp()

    def publish_by_hand(self, draft_id: int, send: bool = False) -> None:
        with self.lock:
            draft = self.drafts[draft_id]
            self.published.append({"id": draft_id, "send": send, "by_hand": True})
            _mark_published(draft)

    def rate_limited(self) -> bool:
        """Sustained traffic trips the limiter; while it cools down every call is refused."""
        if self.rate_max is None:
            return False
        with self.lock:
            now = self.now()
            self.hits = [t for t in self.hits if t > now - self.rate_window_s] + [now]
            if now < self.cooldown_until:
                self.refused_429 += 1
                return True
            if len(self.hits) > self.rate_max:
                self.cooldown_until = now + self.cooldown_s
                self.refused_429 += 1
                return True
        return False

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
        return None


class ApiError(Exception):
    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status, self.message = status, message


class _Handler(BaseHTTPRequestHandler):
    state: FakeSubstack
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True  # headers and body are two writes: with Nagle, a kept-alive connection
    # holds the body back until the client's delayed ACK (up to 40 ms an answer), as no real server does

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
        if fake.cloudflare_block or "Mozilla/" not in self.headers.get("User-Agent", ""):
            return self.raw(403, CLOUDFLARE_1010, "text/html; charset=UTF-8")
        if fake.custom_domain and not self.headers.get("Referer", "").startswith(
                f"https://{fake.subdomain}.substack.com/"):
            return self.raw(301, b"", "text/plain", {"Location": f"https://{fake.custom_domain}{self.path}"})
        if fake.rate_limited():
            return self.raw(429, b"Too Many Requests", "text/plain")
        fault = fake.take_fault(method, url.path)
        if fault is None and method == "GET" and url.path.endswith("/prepublish"):
            with fake.lock:
                flaky = fake.rng.random() < fake.prepublish_fail_rate
            fault = Fault(method, url.path, status=500) if flaky else None
        if fault and not fault.after:
            return self.fail(fault)
        try:
            self.authorise()
            with fake.lock:
                status, answer = route(fake, method, url.path, parse_qs(url.query), self.headers, body)
        except ApiError as exc:
            status, answer = exc.status, {"error": exc.message}
            if fake.echo_session and status >= 400:  # as some of Substack's error bodies do: the session id
                answer["error"] += f" (session {self.session_id()}, decoded {unquote(self.session_id())})"
        if fault:
            return self.fail(fault)
        self.reply(status, answer)

    def session_id(self) -> str:
        jar = SimpleCookie()
        jar.load(self.headers.get("Cookie", ""))
        return next((jar[name].value for name in ("substack.sid", "connect.sid") if name in jar), "")

    def authorise(self) -> None:
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
        if fault.status == 429:  # plain text, and (unless a test asks) no Retry-After
            headers = {"Retry-After": fault.retry_after} if fault.retry_after is not None else {}
            return self.raw(429, b"Too Many Requests", "text/plain", headers)
        if fault.status == 500:  # prepublish's flaky answer: an empty body
            return self.raw(500, b"", "text/plain")
        self.reply(fault.status, {"error": "Bad Gateway"})

    def raw(self, status: int, data: bytes, kind: str, headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(data)))
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.end_headers()
        self.wfile.write(data)

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
    publication = {"id": 1, "subdomain": fake.subdomain, "custom_domain": fake.custom_domain}
    return {"id": fake.user_id, "publicationUsers": [{"publication": publication, "is_primary": True,
                                                       "role": "admin"}]}


def subscriptions(fake: FakeSubstack, **_: Any) -> dict[str, Any]:
    return {"publications": [{"id": 1, "subdomain": fake.subdomain, "sections": fake.sections}]}


# ── Substack's own serialisation of what it stores ─────────────────────────────────────────────────
def serialise(doc: dict[str, Any]) -> str:
    """As Substack stores a body: image defaults filled in, keys sorted, non-ASCII escaped, no spaces."""
    return json.dumps(_filled(doc), sort_keys=True, ensure_ascii=True, separators=(",", ":"))


def _filled(node: Any) -> Any:
    if not isinstance(node, dict):
        return node
    out = dict(node)
    if out.get("type") == "image2":
        out["attrs"] = {**IMAGE_DEFAULTS, **(out.get("attrs") or {})}
    if isinstance(out.get("content"), list):
        out["content"] = [_filled(child) for child in out["content"]]
    return out


def _replace_text(node: dict[str, Any], old: str, new: str) -> None:
    if node.get("type") == "text" and old in node.get("text", ""):
        node["text"] = node["text"].replace(old, new)
    for child in node.get("content", []) or []:
        _replace_text(child, old, new)


def _stamp() -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%S.000Z", time.gmtime())


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


def _stored(data: dict[str, Any]) -> dict[str, Any]:
    """The keys sent, as Substack keeps them (the body re-serialised)."""
    out = dict(data)
    if isinstance(out.get("draft_body"), str):
        out["draft_body"] = serialise(json.loads(out["draft_body"]))
    return out


def create_draft(fake: FakeSubstack, *, headers: Any, body: bytes, **_: Any) -> dict[str, Any]:
    data = _json_body(headers, body)
    _check_draft_fields(data, creating=True)
    fake.next_id += 1
    # the create ignores the section and the audience (reported), and keys outside its contract (the slug)
    ignored = {"draft_section_id", "section_chosen", "audience", "slug"}
    draft = {"id": fake.next_id, "draft_title": "", "draft_subtitle": "", "draft_body": None, "slug": None,
             "audience": "everyone", "draft_section_id": None, "section_chosen": False,
             "is_published": False, "post_date": None, "scheduled_release": None,
             **{k: v for k, v in _stored(data).items() if k not in ignored}, "draft_updated_at": _stamp(),
             "updated": time.time()}
    fake.drafts[draft["id"]] = draft
    if isinstance(data.get("draft_body"), str):
        fake.sent[draft["id"]] = data["draft_body"]
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
    draft.update(_stored(data), updated=time.time(), draft_updated_at=_stamp())
    if isinstance(data.get("draft_body"), str):
        fake.sent[draft["id"]] = data["draft_body"]
    return draft


def get_draft(fake: FakeSubstack, draft_id: str, **_: Any) -> dict[str, Any]:
    return _draft(fake, draft_id)


def delete_draft(fake: FakeSubstack, draft_id: str, **_: Any) -> dict[str, Any]:
    _draft(fake, draft_id)
    del fake.drafts[int(draft_id)]
    return {}


def _summary(draft: dict[str, Any]) -> dict[str, Any]:
    """A list entry: the post without its body."""
    keys = ("id", "draft_title", "title", "slug", "is_published", "post_date", "scheduled_release", "audience",
            "draft_updated_at")
    return {k: draft.get(k) for k in keys}


def _listed(fake: FakeSubstack, query: dict, keep: Callable[[dict[str, Any]], bool]) -> dict[str, Any]:
    offset, limit = int(query.get("offset", ["0"])[0]), int(query.get("limit", ["25"])[0])
    posts = sorted((d for d in fake.drafts.values() if keep(d)), key=lambda d: -d["updated"])
    return {"posts": [_summary(d) for d in posts[offset:offset + limit]], "total": len(posts)}


def list_drafts(fake: FakeSubstack, *, query: dict, **_: Any) -> dict[str, Any]:
    return _listed(fake, query, lambda d: not d["is_published"] and not d["scheduled_release"])


def list_published(fake: FakeSubstack, *, query: dict, **_: Any) -> dict[str, Any]:
    return _listed(fake, query, lambda d: d["is_published"])


def list_scheduled(fake: FakeSubstack, *, query: dict, **_: Any) -> dict[str, Any]:
    return _listed(fake, query, lambda d: not d["is_published"] and bool(d["scheduled_release"]))


def prepublish(fake: FakeSubstack, draft_id: str, **_: Any) -> dict[str, Any]:
    draft = _draft(fake, draft_id)
    errors = list(fake.prepublish_errors) + ([] if draft.get("draft_title") else ["Your post needs a title"])
    return {"errors": errors, "suggestions": []}


def _needs_section(fake: FakeSubstack, draft: dict[str, Any], scheduling: bool = False) -> None:
    if (fake.sections and not draft.get("draft_section_id")) or (scheduling and not draft.get("section_chosen")):
        raise ApiError(400, "Please choose a section.")


def _mark_published(draft: dict[str, Any]) -> None:
    """The web post now shows the draft; the first publish dates it and fixes its address."""
    draft.update(is_published=True, post_date=draft.get("post_date") or "2025-09-22T00:00:00.000Z",
                 title=draft.get("draft_title"), scheduled_release=None)
    draft["slug"] = draft.get("slug") or re.sub(r"[^a-z0-9]+", "-", str(draft.get("draft_title")).lower()).strip("-")


def publish(fake: FakeSubstack, draft_id: str, *, headers: Any, body: bytes, **_: Any) -> dict[str, Any]:
    draft = _draft(fake, draft_id)
    data = _json_body(headers, body)
    _needs_section(fake, draft)
    fake.published.append({"id": draft["id"], **data})
    _mark_published(draft)
    return draft


def schedule(fake: FakeSubstack, draft_id: str, *, headers: Any, body: bytes, **_: Any) -> dict[str, Any]:
    draft = _draft(fake, draft_id)
    data = _json_body(headers, body)
    if not re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z", str(data.get("trigger_at"))):
        raise ApiError(400, "trigger_at must be an ISO time in UTC")
    _needs_section(fake, draft, scheduling=True)
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
    if len(raw) > MAX_IMAGE_BYTES:
        raise ApiError(413, "Request Entity Too Large")
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
    ("GET", r"/api/v1/post_management/published", list_published),
    ("GET", r"/api/v1/post_management/scheduled", list_scheduled),
    ("GET", r"/api/v1/drafts/(\d+)/prepublish", prepublish),
    ("POST", r"/api/v1/drafts/(\d+)/publish", publish),
    ("POST", r"/api/v1/drafts/(\d+)/scheduled_release", schedule),
    ("DELETE", r"/api/v1/drafts/(\d+)/scheduled_release", unschedule),
    ("POST", r"/api/v1/image", upload_image),
)


def is_write(method: str, path: str) -> bool:
    """Whether a call changes the publication (what a fault plan counts and fails)."""
    return method != "GET"


def busy(handler: BaseHTTPRequestHandler) -> None:
    """Substack's "slow down": 429 with Retry-After."""
    answer(handler, 429, b'{"error":"Too Many Requests"}', headers={"Retry-After": "0"})


def with_faults(fake: FakeSubstack, plan: FaultPlan) -> type[BaseHTTPRequestHandler]:
    """The fake's handler behind ``plan`` (tests/faults.py), whose "busy" is Substack's 429."""
    if plan.busy is None:
        plan.busy = busy
    return faulty(fake.handler(), plan, is_write)
