"""A loopback fake of the WeChat Official Account API, written from ../shared/platforms/wechat.md.

It speaks real HTTP on 127.0.0.1 (``tests.loopback.serve``) and keeps what a real account would: tokens
that expire and rotate, uploaded images and materials, drafts of 1 to 8 articles, publication jobs and
published articles. It enforces the contract's checks (token validity, multipart field ``media``, JPEG/PNG
under 1 MB on uploadimg, title/digest/author/source-link limits by their own codes, 45002 at 20,000
characters of content counting the markup, 88000 for comments on an account without them, known
thumb_media_id, UTF-8 JSON without ASCII escapes) and answers uploadimg as ``text/plain`` with mmbiz
addresses of a real one's length (~120 characters).

As the corrected contract says, a published draft leaves the draft box (draft/get and draft/update then
answer 40007) and is listed by ``freepublish/batchget``; an account that may not publish (``verified=False``)
gets 48001 on every ``freepublish/*``. Drafts are handed back in the fake's own serialisation (re-spaced
styles, self-closed void tags), never as the bytes sent. Test controls play the writer in the editor:
``publish_by_hand``, ``edit_in_editor``, ``delete_draft``. WeChat's own faults are scripted per path (``fail``:
an errcode, a token that runs out, "busy", a 502 or a dropped connection; ``after=True`` applies the effect
first, then fails). Faults drawn at random with a seed, latency and a SIGKILL at the N-th write come from the
suite's one injector, ``tests/faults.py``: ``with_faults(fake, plan)`` is this fake's handler behind it.
"""

from __future__ import annotations

import hashlib
import io
import json
import re
import secrets
import threading
from contextlib import contextmanager
from dataclasses import dataclass, field
from email.parser import BytesParser
from email.policy import HTTP
from http.server import BaseHTTPRequestHandler
from typing import Any
from urllib.parse import parse_qs, urlparse

from PIL import Image

from tests.faults import FaultPlan, faulty
from tests.loopback import answer, serve

WRITES = ("media/uploadimg", "material/add_material", "draft/add", "draft/update", "draft/delete",
          "freepublish/submit")
MAX_ARTICLES = 8
CONTENT_LIMIT = 20_000  # characters, markup included (45002 at or past it)


@dataclass
class Fault:
    kind: str  # "502", "busy" (-1), "drop" (no answer), "expire" (token runs out), an errcode ("45009"),
    # or "ok" (this call goes through: lets a scripted fault hit a later call of the same path)
    after: bool = False  # apply the effect first (the answer is lost, the effect is not)
    errmsg: str = ""


@dataclass
class FakeWechat:
    appid: str = field(default_factory=lambda: "wxfake" + secrets.token_hex(5))
    secret: str = field(default_factory=lambda: "fakesecret" + secrets.token_hex(12))
    verified: bool = True  # False: freepublish answers 48001
    token_lifetime: int = 7200
    publish_polls: int = 1  # how many freepublish/get answers say "publishing" first
    publish_outcome: int = 0
    content_limit: int = CONTENT_LIMIT
    comments_allowed: bool = True  # False: need_open_comment=1 answers 88000

    def __post_init__(self) -> None:
        self.lock = threading.RLock()
        self.token = ""
        self.old_tokens: set[str] = set()
        self.token_calls: list[bool] = []  # force_refresh of each stable_token call
        self.calls: list[str] = []  # paths, in order (stable_token included)
        self.images: list[dict[str, Any]] = []
        self.materials: dict[str, dict[str, Any]] = {}
        self.drafts: dict[str, dict[str, Any]] = {}  # media_id → {"articles", "article" (the first), "update_time"}
        self.created: list[str] = []  # every media_id draft/add ever made
        self.published: dict[str, dict[str, Any]] = {}  # article_id → {"articles", "update_time", "media_id"}
        self.refused_sizes: list[int] = []  # content lengths answered with 45002
        self.clock = 1_758_499_200  # 2025-09-22 00:00 UTC: update_time of the next change, in seconds
        self.jobs: dict[str, dict[str, Any]] = {}
        self.faults: dict[str, list[Fault]] = {}
        self.injected: list[tuple[str, str, bool]] = []  # (path, kind, after) of every scripted fault served

    # ── test controls ─────────────────────────────────────────────────────────────────────────────
    def fail(self, path: str, *faults: Fault) -> None:
        self.faults.setdefault(path, []).extend(faults)

    def expire_token(self) -> None:
        """The current token stops working (as after its lifetime, or a plain ``token`` call elsewhere)."""
        with self.lock:
            self.old_tokens.add(self.token)
            self.token = ""

    def writes(self) -> list[str]:
        return [c for c in self.calls if c in WRITES]

    def delete_draft(self, media_id: str) -> None:
        """The writer deletes the draft in the editor."""
        self.drafts.pop(media_id, None)

    def publish_by_hand(self, media_id: str) -> str:
        """The writer presses 发表 in the editor: the draft leaves the box; return the article_id."""
        with self.lock:
            return self._publish(media_id)

    def edit_in_editor(self, media_id: str, old: str, new: str, index: int = 0) -> None:
        """The writer changes the draft's text in the editor (what is stored is then the editor's serialisation)."""
        with self.lock:
            article = served(self.drafts[media_id]["articles"][index])
            assert old in article["content"], old
            article["content"] = article["content"].replace(old, new, 1)
            self.drafts[media_id]["articles"][index] = article
            self.drafts[media_id]["article"] = self.drafts[media_id]["articles"][0]
            self.drafts[media_id]["update_time"] = self._tick()

    def published_articles(self) -> list[dict[str, Any]]:
        return [a for p in self.published.values() for a in p["articles"]]

    # ── the API ───────────────────────────────────────────────────────────────────────────────────
    def handle(self, path: str, query: dict[str, str], headers: Any, body: bytes) -> tuple[int, str, bytes | None]:
        with self.lock:
            self.calls.append(path)
            fault = self._fault_for(path)
            if fault and fault.kind == "expire":  # the token runs out just before this call
                self.expire_token()
                fault = None
            if fault and not fault.after:
                return self._fault_answer(fault)
            if path != "stable_token":
                problem = self._token_problem(query.get("access_token", ""))
                if problem:
                    return _json(problem)
            status, ctype, answer = self._route(path, query, headers, body)
            if fault:
                return self._fault_answer(fault)
            return status, ctype, answer

    def _fault_for(self, path: str) -> Fault | None:
        fault = None
        if self.faults.get(path):
            fault = self.faults[path].pop(0)
        if fault:
            self.injected.append((path, fault.kind, fault.after))
        return None if fault and fault.kind == "ok" else fault

    def _fault_answer(self, fault: Fault) -> tuple[int, str, bytes | None]:
        if fault.kind == "502":
            return 502, "text/html", b"<html>502 Bad Gateway</html>"
        if fault.kind == "drop":
            return 0, "", None
        code = -1 if fault.kind == "busy" else int(fault.kind)
        return _json({"errcode": code, "errmsg": fault.errmsg or ("system error" if code == -1 else "refused")})

    def _token_problem(self, token: str) -> dict[str, Any] | None:
        if token and token == self.token:
            return None
        if token in self.old_tokens:
            return {"errcode": 42001, "errmsg": "access_token expired"}
        return {"errcode": 40001, "errmsg": "invalid credential, access_token is invalid or not latest"}

    def _route(self, path, query, headers, body) -> tuple[int, str, bytes | None]:
        if path in ("media/uploadimg", "material/add_material"):
            part = _media_part(headers, body)
            if part is None:
                return _json({"errcode": 41005, "errmsg": "media data missing"})
            if path == "media/uploadimg":
                return self._uploadimg(part)
            return _json(self._add_material(part, query))
        handler = _JSON_ROUTES.get(path)
        if handler is None:
            return 404, "text/plain", b"not found"
        raw = body.decode("utf-8")
        if "\\u" in raw:
            return _json({"errcode": 47001, "errmsg": "data format error: ASCII-escaped text would show as-is"})
        return _json(handler(self, json.loads(raw)))

    def stable_token(self, data: dict[str, Any]) -> dict[str, Any]:
        self.token_calls.append(bool(data.get("force_refresh")))
        if data.get("grant_type") != "client_credential" or data.get("appid") != self.appid:
            return {"errcode": 40013, "errmsg": "invalid appid"}
        if data.get("secret") != self.secret:
            return {"errcode": 40125, "errmsg": "invalid appsecret"}
        if not self.token or data.get("force_refresh"):
            if self.token:
                self.old_tokens.add(self.token)
            self.token = "FAKETOKEN" + secrets.token_hex(16)
        return {"access_token": self.token, "expires_in": self.token_lifetime}

    def _uploadimg(self, part: dict[str, Any]) -> tuple[int, str, bytes | None]:
        kind = _image_kind(part["data"])
        if kind not in ("jpeg", "png"):
            return _json({"errcode": 40005, "errmsg": "invalid file type"})
        if len(part["data"]) >= 1024 * 1024:
            return _json({"errcode": 40009, "errmsg": "invalid image size"})
        sha = hashlib.sha256(part["data"]).hexdigest()
        url = f"http://mmbiz.qpic.cn/mmbiz_{kind}/{sha[:40]}{secrets.token_hex(24)}/0"
        self.images.append({"filename": part["filename"], "sha256": sha, "url": url, "kind": kind})
        status, _, answer = _json({"url": url})
        return status, "text/plain", answer  # the real one says text/plain

    def _add_material(self, part: dict[str, Any], query: dict[str, str]) -> dict[str, Any]:
        if query.get("type") != "image":
            return {"errcode": 40004, "errmsg": "invalid media type"}
        if _image_kind(part["data"]) not in ("jpeg", "png", "gif", "bmp"):
            return {"errcode": 40005, "errmsg": "invalid file type"}
        if len(part["data"]) > 10 * 1024 * 1024:
            return {"errcode": 40009, "errmsg": "invalid image size"}
        media_id = "MAT" + secrets.token_hex(10)
        self.materials[media_id] = {"filename": part["filename"], "size": len(part["data"])}
        return {"media_id": media_id, "url": f"http://mmbiz.qpic.cn/mmbiz_png/{media_id}/0"}

    def draft_add(self, data: dict[str, Any]) -> dict[str, Any]:
        articles = data.get("articles") or []
        if not 1 <= len(articles) <= MAX_ARTICLES:
            return {"errcode": 40007 if not articles else 45028, "errmsg": "invalid articles count"}
        for article in articles:
            problem = self._article_problem(article)
            if problem:
                return problem
        media_id = "DRAFT" + secrets.token_hex(10)
        self.drafts[media_id] = {"articles": [dict(a) for a in articles], "update_time": self._tick()}
        self.drafts[media_id]["article"] = self.drafts[media_id]["articles"][0]  # the first, for older tests
        self.created.append(media_id)
        return {"media_id": media_id}

    def draft_update(self, data: dict[str, Any]) -> dict[str, Any]:
        draft = self.drafts.get(data.get("media_id"))
        if draft is None:  # deleted, or published (a published draft leaves the box)
            return {"errcode": 40007, "errmsg": "invalid media_id"}
        index = int(data.get("index", 0))
        if not 0 <= index < len(draft["articles"]):
            return {"errcode": 40007, "errmsg": "invalid index"}
        problem = self._article_problem(data["articles"])
        if problem:
            return problem
        draft["articles"][index] = dict(data["articles"])
        draft["article"], draft["update_time"] = draft["articles"][0], self._tick()
        return {"errcode": 0, "errmsg": "ok"}

    def draft_get(self, data: dict[str, Any]) -> dict[str, Any]:
        draft = self.drafts.get(data.get("media_id"))
        if draft is None:
            return {"errcode": 40007, "errmsg": "invalid media_id"}
        return {"news_item": [served(a) for a in draft["articles"]]}

    def draft_delete(self, data: dict[str, Any]) -> dict[str, Any]:
        if self.drafts.pop(data.get("media_id"), None) is None:
            return {"errcode": 40007, "errmsg": "invalid media_id"}
        return {"errcode": 0, "errmsg": "ok"}

    def draft_batchget(self, data: dict[str, Any]) -> dict[str, Any]:
        newest = sorted(self.drafts.items(), key=lambda kv: -kv[1]["update_time"])
        page = newest[data["offset"]: data["offset"] + min(20, data["count"])]
        items = [{"media_id": mid, "update_time": d["update_time"],
                  "content": {"news_item": [_listed(served(a), data.get("no_content")) for a in d["articles"]]}}
                 for mid, d in page]
        return {"total_count": len(self.drafts), "item_count": len(items), "item": items}

    def freepublish_submit(self, data: dict[str, Any]) -> dict[str, Any]:
        if not self.verified:
            return {"errcode": 48001, "errmsg": "api unauthorized"}
        if data.get("media_id") not in self.drafts:
            return {"errcode": 40007, "errmsg": "invalid media_id"}
        publish_id = str(len(self.jobs) + 100)
        self.jobs[publish_id] = {"media_id": data["media_id"], "polls": 0, "article_id": ""}
        if self.publish_outcome == 0:  # the platform publishes on its own time, whether anyone polls or not
            self.jobs[publish_id]["article_id"] = self._publish(data["media_id"])
        return {"errcode": 0, "errmsg": "ok", "publish_id": publish_id, "msg_data_id": publish_id}

    def freepublish_get(self, data: dict[str, Any]) -> dict[str, Any]:
        if not self.verified:
            return {"errcode": 48001, "errmsg": "api unauthorized"}
        job = self.jobs.get(str(data.get("publish_id")))
        if job is None:
            return {"errcode": 53600, "errmsg": "invalid publish_id"}
        job["polls"] += 1
        if job["polls"] <= self.publish_polls:
            return {"publish_id": data["publish_id"], "publish_status": 1}
        if self.publish_outcome != 0:
            return {"publish_id": data["publish_id"], "publish_status": self.publish_outcome}
        published = self.published[job["article_id"]]
        items = [{"idx": i + 1, "article_url": a["url"]} for i, a in enumerate(published["articles"])]
        return {"publish_id": data["publish_id"], "publish_status": 0, "article_id": job["article_id"],
                "article_detail": {"count": len(items), "item": items}}

    def freepublish_batchget(self, data: dict[str, Any]) -> dict[str, Any]:
        if not self.verified:
            return {"errcode": 48001, "errmsg": "api unauthorized"}
        newest = sorted(self.published.items(), key=lambda kv: -kv[1]["update_time"])
        page = newest[data["offset"]: data["offset"] + min(20, data["count"])]
        items = [{"article_id": aid, "update_time": p["update_time"],
                  "content": {"news_item": [_listed(a, data.get("no_content")) for a in p["articles"]]}}
                 for aid, p in page]
        return {"total_count": len(self.published), "item_count": len(items), "item": items}

    def _publish(self, media_id: str) -> str:
        """The draft goes out: it leaves the draft box and is listed by freepublish/batchget."""
        draft = self.drafts.pop(media_id)
        article_id = "ART" + secrets.token_hex(8)
        articles = [{**served(a), "url": f"https://mp.weixin.qq.com/s/{article_id}{i}", "is_deleted": False}
                    for i, a in enumerate(draft["articles"])]
        self.published[article_id] = {"articles": articles, "update_time": self._tick(), "media_id": media_id}
        return article_id

    def _tick(self) -> int:
        self.clock += 60
        return self.clock

    def _article_problem(self, article: dict[str, Any]) -> dict[str, Any] | None:
        content = article.get("content", "")
        if len(content) >= self.content_limit or len(content.encode()) >= 1_000_000:
            self.refused_sizes.append(len(content))
            return {"errcode": 45002, "errmsg": "content size out of limit"}
        checks = (("title", 64, 45003, "title size out of limit"),
                  ("digest", 128, 45004, "description size out of limit"),
                  ("author", 16, 45110, "author size out of limit"))
        if not article.get("title"):
            return {"errcode": 45003, "errmsg": "title size out of limit"}
        for key, limit, code, message in checks:
            if len(article.get(key, "")) > limit:
                return {"errcode": code, "errmsg": message}
        if len(article.get("content_source_url", "").encode()) > 1024:
            return {"errcode": 45005, "errmsg": "content_source_url size out of limit"}
        if article.get("need_open_comment") and not self.comments_allowed:
            return {"errcode": 88000, "errmsg": "without comment privilege"}
        if article.get("thumb_media_id") not in self.materials:
            return {"errcode": 40007, "errmsg": "invalid media_id"}
        return None


_JSON_ROUTES = {
    "stable_token": FakeWechat.stable_token, "draft/add": FakeWechat.draft_add,
    "draft/update": FakeWechat.draft_update, "draft/batchget": FakeWechat.draft_batchget,
    "draft/get": FakeWechat.draft_get, "draft/delete": FakeWechat.draft_delete,
    "freepublish/submit": FakeWechat.freepublish_submit, "freepublish/get": FakeWechat.freepublish_get,
    "freepublish/batchget": FakeWechat.freepublish_batchget,
}

_STYLE = re.compile(r'style="([^"]*)"')
_VOID = re.compile(r"<(br|img|hr)\b([^>]*?)\s*/?>")


def served(article: dict[str, Any]) -> dict[str, Any]:
    """An article as WeChat hands it back: its own serialisation, never the bytes it was sent.

    Styles are re-spaced (``a:b;c:d`` → ``a: b; c: d;``) and void tags self-closed (``<br>`` → ``<br/>``),
    as the editor's serialiser does; ``data-*`` attributes are kept.
    """
    content = _STYLE.sub(lambda m: 'style="' + _respaced(m.group(1)) + '"', article.get("content", ""))
    content = _VOID.sub(lambda m: f"<{m.group(1)}{m.group(2)} />", content)
    return {**article, "content": content}


def _respaced(style: str) -> str:
    rules = [r.split(":", 1) for r in style.split(";") if ":" in r]
    return " ".join(f"{k.strip()}: {v.strip()};" for k, v in rules)


def _listed(article: dict[str, Any], no_content: int | None) -> dict[str, Any]:
    return {k: v for k, v in article.items() if not (no_content and k == "content")}


def _json(data: dict[str, Any]) -> tuple[int, str, bytes]:
    return 200, "application/json; charset=utf-8", json.dumps(data, ensure_ascii=False).encode()


def _media_part(headers: Any, body: bytes) -> dict[str, Any] | None:
    """The multipart part named ``media`` (filename, bytes), parsed as a real server would."""
    ctype = headers.get("Content-Type", "")
    if not ctype.startswith("multipart/form-data"):
        return None
    message = BytesParser(policy=HTTP).parsebytes(f"Content-Type: {ctype}\r\n\r\n".encode() + body)
    for part in message.iter_parts():
        if part.get_param("name", header="content-disposition") == "media":
            return {"filename": part.get_filename(), "data": part.get_payload(decode=True)}
    return None


def _image_kind(data: bytes) -> str:
    try:
        with Image.open(io.BytesIO(data)) as img:
            return (img.format or "").lower()
    except OSError:
        return ""


def handler_for(fake: FakeWechat) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        disable_nagle_algorithm = True  # see fake_substack._Handler: no 40 ms delayed-ACK stall per answer

        def do_POST(self) -> None:
            url = urlparse(self.path)
            query = {k: v[0] for k, v in parse_qs(url.query).items()}
            body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            status, ctype, answer = fake.handle(url.path.removeprefix("/cgi-bin/"), query, self.headers, body)
            if answer is None:  # a dropped connection: no answer at all
                self.close_connection = True
                return
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(answer)))
            self.end_headers()
            self.wfile.write(answer)

        def log_message(self, format: str, *args: Any) -> None:
            pass

    return Handler


@contextmanager
def running(fake: FakeWechat):
    """Serve ``fake``; yield its base URL."""
    with serve(handler_for(fake)) as base:
        yield base


def is_write(method: str, path: str) -> bool:
    """Whether a call changes the account (what a fault plan counts and fails)."""
    return any(f"/cgi-bin/{write}" in path for write in WRITES)


def busy(handler: BaseHTTPRequestHandler) -> None:
    """WeChat's "system busy": HTTP 200 with errcode -1."""
    answer(handler, 200, b'{"errcode":-1,"errmsg":"system error"}')


def with_faults(fake: FakeWechat, plan: FaultPlan) -> type[BaseHTTPRequestHandler]:
    """The fake's handler behind ``plan`` (tests/faults.py), whose "busy" is WeChat's errcode -1."""
    if plan.busy is None:
        plan.busy = busy
    return faulty(handler_for(fake), plan, is_write)
