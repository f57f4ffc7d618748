"""The WeChat Official Account API, every endpoint this channel uses, over one ``httpx.Client``.

The access token comes from ``stable_token`` only (a plain ``token`` call would invalidate the token other
tools on the same AppID hold) and is cached until shortly before it expires. It travels in the query
string, so nothing this module raises or reports carries a URL; httpx's own log lines are redacted too.
Transient failures (-1, 5xx, lost connections) are retried through ``net.with_retries``; a refused token
is refreshed once and the call retried once; every other errcode fails at once (``errors.error_for``).
A token that cannot be had — refused, or unreachable after its retries — fails every later call of the
client at once, so an unreachable API fails the channel in one go instead of once per image.
"""

from __future__ import annotations

import json
import logging
import threading
import time
from collections.abc import Callable
from typing import Any

import httpx

from leotalk_publish.adapters.wechat.errors import TokenRejected, WechatError, error_for
from leotalk_publish.adapters.wechat.images import Upload
from leotalk_publish.adapters.wechat.settings import WechatSettings
from leotalk_publish.errors import TransientError
from leotalk_publish.net import redact, tls_context, with_retries

TOKEN_MARGIN_S = 300  # renew this long before WeChat says the token expires
Report = Callable[[str], None]


class _RedactTokens(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        record.msg, record.args = redact(record.getMessage()), ()
        return True


logging.getLogger("httpx").addFilter(_RedactTokens())


class WechatClient:
    def __init__(self, settings: WechatSettings, report: Report, transport: httpx.BaseTransport | None = None,
                 monotonic: Callable[[], float] = time.monotonic, sleep: Callable[[float], None] | None = None):
        self.appid = settings.appid or ""
        self._secret = settings.appsecret.get_secret_value() if settings.appsecret else ""
        self.report = report
        self._monotonic, self._sleep = monotonic, sleep
        self._lock = threading.Lock()
        self._token, self._expires_at = "", 0.0
        self._refused: WechatError | None = None  # a token request WeChat refused for good: no second try
        self.http = httpx.Client(
            base_url=settings.api_base.rstrip("/") + "/cgi-bin/", transport=transport, trust_env=False,
            verify=tls_context(trust_env=False), proxy=None if transport else settings.proxy,
            timeout=settings.timeout_s)

    def close(self) -> None:
        self.http.close()

    # ── endpoints ───────────────────────────────────────────────────────────────────────────────────
    def upload_image(self, upload: Upload) -> str:
        """``media/uploadimg``: a body image → its mmbiz address (always https)."""
        answer = self.call("media/uploadimg", f"uploading {upload.filename}", files=_media(upload))
        return _https(str(_field(answer, "url", "uploadimg")))

    def add_material(self, upload: Upload) -> tuple[str, str]:
        """``material/add_material`` type=image (the cover) → (media_id, url)."""
        answer = self.call("material/add_material", f"uploading the cover {upload.filename}",
                           files=_media(upload), params={"type": "image"})
        return str(_field(answer, "media_id", "add_material")), _https(str(answer.get("url", "")))

    def draft_add(self, articles: list[dict[str, Any]], retry: bool = True) -> str:
        """``draft/add`` with 1 to 8 articles → the draft's media_id."""
        answer = self.call("draft/add", "creating the draft", body={"articles": articles}, retry=retry)
        return str(_field(answer, "media_id", "draft/add"))

    def draft_update(self, media_id: str, article: dict[str, Any], index: int = 0) -> None:
        self.call("draft/update", "updating the draft",
                  body={"media_id": media_id, "index": index, "articles": article})

    def draft_get(self, media_id: str) -> list[dict[str, Any]]:
        """The draft's articles as WeChat holds them now (``DraftGone`` when it left the box)."""
        answer = self.call("draft/get", "reading the draft", body={"media_id": media_id})
        return list(answer.get("news_item") or [])

    def draft_delete(self, media_id: str) -> None:
        self.call("draft/delete", "deleting the old draft", body={"media_id": media_id})

    def draft_batchget(self, offset: int, count: int = 20, no_content: int = 0) -> dict[str, Any]:
        return self.call("draft/batchget", "listing drafts",
                         body={"offset": offset, "count": count, "no_content": no_content})

    def freepublish_batchget(self, offset: int, count: int = 20, no_content: int = 0) -> dict[str, Any]:
        """Published articles, newest first (``NotAuthorised`` on accounts that may not publish)."""
        return self.call("freepublish/batchget", "listing published articles",
                         body={"offset": offset, "count": count, "no_content": no_content})

    def freepublish_submit(self, media_id: str) -> str:
        answer = self.call("freepublish/submit", "submitting for publication", body={"media_id": media_id},
                           retry=False)
        return str(_field(answer, "publish_id", "freepublish/submit"))

    def freepublish_get(self, publish_id: str) -> dict[str, Any]:
        return self.call("freepublish/get", "asking how publication goes", body={"publish_id": publish_id})

    # ── plumbing ────────────────────────────────────────────────────────────────────────────────────
    def call(self, path: str, what: str, *, body: dict[str, Any] | None = None, files: Any = None,
             params: dict[str, str] | None = None, retry: bool = True) -> dict[str, Any]:
        """One authenticated call; transient failures retried, a refused token refreshed once."""
        def attempt() -> dict[str, Any]:
            return self._with_token(path, what, body, files, params)
        if not retry:
            return attempt()
        return with_retries(attempt, what=what, report=self.report, **self.retry_options())

    def _with_token(self, path: str, what: str, body: dict[str, Any] | None, files: Any,
                    params: dict[str, str] | None) -> dict[str, Any]:
        token = self.token()
        try:
            return self._send(path, what, body, files, {**(params or {}), "access_token": token})
        except TokenRejected:
            self.report(f"the access token was refused while {what}; fetching a new one and trying once more")
            self._renew(refused=token)
            return self._send(path, what, body, files, {**(params or {}), "access_token": self.token()})

    def token(self) -> str:
        with self._lock:
            if self._refused:
                raise self._refused
            if not self._token or self._monotonic() >= self._expires_at:
                self._fetch_token(force=False)
            return self._token

    def _renew(self, refused: str) -> None:
        """A fresh token; ask WeChat to force one only if the normal answer is the token it just refused."""
        with self._lock:
            if self._token != refused:
                return
            self._fetch_token(force=False)
            if self._token == refused:
                self._fetch_token(force=True)

    def _fetch_token(self, force: bool) -> None:
        body = {"grant_type": "client_credential", "appid": self.appid, "secret": self._secret,
                "force_refresh": force}
        try:
            answer = with_retries(lambda: self._send("stable_token", "fetching an access token", body, None, None),
                                  what="fetching an access token", report=self.report, **self.retry_options())
        except TransientError as exc:  # unreachable after the retries: every later call would fail the same way
            self._refused = WechatError(f"WeChat's API could not be reached ({exc}); nothing more was sent. "
                                        "Check the network or the proxy, then run the same command again")
            raise self._refused from None
        except WechatError as exc:
            self._refused = exc
            raise
        self._token = str(answer["access_token"])
        lifetime = float(answer.get("expires_in", 7200))
        self._expires_at = self._monotonic() + lifetime - min(TOKEN_MARGIN_S, lifetime / 10)

    def _send(self, path: str, what: str, body: dict[str, Any] | None, files: Any,
              params: dict[str, str] | None) -> dict[str, Any]:
        try:
            if files is not None:
                response = self.http.post(path, params=params, files=files)
            else:
                response = self.http.post(path, params=params, content=_json(body),
                                          headers={"Content-Type": "application/json; charset=utf-8"})
        except httpx.TransportError as exc:
            raise TransientError(f"{what}: connection failed ({type(exc).__name__})") from None
        return self._decode(response, what)

    def _decode(self, response: httpx.Response, what: str) -> dict[str, Any]:
        if response.status_code >= 500:
            raise TransientError(f"{what}: WeChat answered HTTP {response.status_code}")
        try:
            answer: dict[str, Any] = json.loads(response.text)  # uploadimg may say text/plain
        except ValueError:
            raise WechatError(f"{what}: WeChat answered HTTP {response.status_code} with no JSON") from None
        code = int(answer.get("errcode") or 0)
        if code == -1:
            raise TransientError(f"{what}: WeChat is busy (-1)")
        if code:
            raise error_for(code, redact(str(answer.get("errmsg", "")), [self._secret, self._token]), what)
        return answer

    def retry_options(self) -> dict[str, Any]:
        return {"sleep": self._sleep} if self._sleep else {}


def _field(answer: dict[str, Any], key: str, endpoint: str) -> Any:
    if key not in answer:
        raise WechatError(f"WeChat's answer to {endpoint} has no '{key}'; the API may have changed")
    return answer[key]


def _json(body: dict[str, Any] | None) -> bytes:
    """UTF-8 JSON without ASCII escapes: WeChat shows ``\\u4f5c`` escapes literally."""
    return json.dumps(body or {}, ensure_ascii=False).encode("utf-8")


def _media(upload: Upload) -> dict[str, tuple[str, bytes, str]]:
    return {"media": (upload.filename, upload.data, upload.mime)}


def _https(url: str) -> str:
    return "https://" + url.removeprefix("http://") if url.startswith("http://") else url
