"""Every call to Substack's private editor API, in one module (it changes without notice).

``SubstackClient`` speaks httpx with an injectable transport, a browser-like User-Agent, the session
cookie and the publication's ``Referer``, and keeps to ``requests_per_second`` per host (``RateLimiter``).
One base URL (``LEOTALK_SUBSTACK_API_BASE``) may serve both account and publication calls. Answers become
exceptions of the project's tree: 401/403 → ``AuthError``; Cloudflare's "error code: 1010" page →
``BlockedByCloudflare``; a 3xx → ``Misdirected`` (a configuration problem, named); 5xx/dropped connection →
``TransientError``; 404 → ``DraftNotFound``; "Please choose a section." → ``SectionRequired``. A 429 (plain
text, no ``Retry-After``) is waited out on an escalating ladder (15 → 30 → 60 → 120 s, each wait reported),
then ``RateLimited`` stops the push cleanly: the request was refused, so repeating it is safe. No message
ever carries the cookie in any of its forms.
"""

from __future__ import annotations

import base64
import threading
import time
from collections.abc import Callable
from typing import Any, TypeVar, cast
from urllib.parse import urlsplit

import httpx

from leotalk_publish.adapters.substack.errors import (
    BlockedByCloudflare,
    DraftNotFound,
    Misdirected,
    RateLimited,
    SectionRequired,
    UnexpectedAnswer,
)
from leotalk_publish.adapters.substack.settings import SubstackSettings
from leotalk_publish.errors import AuthError, ChannelError, TransientError
from leotalk_publish.net import BROWSER_USER_AGENT, redact, tls_context, with_retries

T = TypeVar("T")
API = "/api/v1"
COOKIE_EXPIRED = (
    "the Substack cookie was refused ({status}): it has expired or was signed out. Get a new one: sign in "
    "at substack.com in your browser, open the developer tools → Application/Storage → Cookies → "
    "https://substack.com, copy the value of 'substack.sid' (or 'connect.sid') and put it in SUBSTACK_COOKIE "
    "(environment or .env). Until then, --export writes the post to paste by hand.")
MAX_RETRY_AFTER_S = 120.0
RATE_LADDER_S = (15.0, 30.0, 60.0, 120.0)  # 3m45s in all, longer than Substack's reported 60–120 s cooldown


def cookie_header(raw: str) -> str:
    """A bare session id is sent under both names; a whole cookie string is sent as it is."""
    value = raw.strip().removeprefix("Cookie:").strip()
    if ";" in value or "sid=" in value:
        return value
    return f"substack.sid={value}; connect.sid={value}"


class RateLimiter:
    """At most ``per_second`` requests per host; a 429's Retry-After pushes that host's next slot back."""

    def __init__(self, per_second: float, clock: Callable[[], float] = time.monotonic,
                 sleep: Callable[[float], None] = time.sleep):
        self.interval = 1.0 / per_second
        self.clock, self.sleep = clock, sleep
        self._next: dict[str, float] = {}
        self._lock = threading.Lock()

    def wait(self, host: str) -> None:
        with self._lock:
            now = self.clock()
            slot = max(now, self._next.get(host, now))
            self._next[host] = slot + self.interval
        if slot > now:
            self.sleep(slot - now)

    def hold(self, host: str, seconds: float) -> None:
        with self._lock:
            self._next[host] = max(self._next.get(host, 0.0), self.clock() + seconds)


class SubstackClient:
    """One method per endpoint; each returns the decoded JSON answer."""

    def __init__(self, settings: SubstackSettings, *, transport: httpx.BaseTransport | None = None,
                 report: Callable[[str], None] = print, sleep: Callable[[float], None] = time.sleep,
                 clock: Callable[[], float] | None = None):
        if not settings.has_cookie:
            raise AuthError("SUBSTACK_COOKIE is not set: the Substack API needs your browser's session cookie")
        self.settings = settings
        self.report = report
        self.sleep = sleep
        self._secret = settings.cookie.get_secret_value() if settings.cookie else ""
        self.secrets = [self._secret]  # redact() removes every form of it (each cookie value, encoded, decoded)
        self.gave_up: RateLimited | None = None
        self.limiter = RateLimiter(settings.requests_per_second, clock=clock or time.monotonic, sleep=sleep)
        self.http = httpx.Client(
            transport=transport, verify=tls_context(trust_env=True), timeout=httpx.Timeout(30.0, connect=10.0),
            headers={"User-Agent": BROWSER_USER_AGENT, "Accept": "application/json",
                     "Referer": f"{settings.canonical_url}/publish/home", "Cookie": cookie_header(self._secret)})

    def __enter__(self) -> SubstackClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.http.close()

    # ── endpoints ──────────────────────────────────────────────────────────────────────────────────
    def profile(self) -> dict[str, Any]:
        return self._json_object("GET", self.settings.account_base, "/user/profile/self", what="read your profile")

    def user_id(self) -> int:
        return _field(self.profile(), "id", int, "the profile")

    def subscriptions(self) -> dict[str, Any]:
        return self._json_object("GET", self.settings.account_base, "/subscriptions", what="list your publications")

    def create_draft(self, payload: dict[str, Any]) -> dict[str, Any]:
        """One POST, never retried here: the caller looks the draft up before trying again."""
        return self._once_object("POST", self.settings.publication_base, "/drafts", what="create the draft",
                                 json=payload)

    def update_draft(self, draft_id: int, payload: dict[str, Any]) -> dict[str, Any]:
        return self._json_object("PUT", self.settings.publication_base, f"/drafts/{draft_id}",
                          what=f"update draft {draft_id}", json=payload)

    def get_draft(self, draft_id: int) -> dict[str, Any]:
        return self._json_object("GET", self.settings.publication_base, f"/drafts/{draft_id}",
                                 what=f"read draft {draft_id}")

    def list_posts(self, kind: str = "drafts", limit: int = 50, offset: int = 0) -> list[dict[str, Any]]:
        """One page of ``post_management/{drafts|published|scheduled}``, the most recently changed first."""
        order = "post_date" if kind == "published" else "draft_updated_at"
        params = {"offset": offset, "limit": limit, "order_by": order, "order_direction": "desc"}
        answer = self._json("GET", self.settings.publication_base, f"/post_management/{kind}",
                            what=f"list your {kind} posts", params=params)
        posts = answer.get("posts") if isinstance(answer, dict) else answer
        if not isinstance(posts, list):
            raise UnexpectedAnswer(f"Substack's {kind} list came without a 'posts' list; its API may have changed")
        return [p for p in posts if isinstance(p, dict)]

    def prepublish(self, draft_id: int) -> dict[str, Any]:
        return self._json_object("GET", self.settings.publication_base, f"/drafts/{draft_id}/prepublish",
                          what="run Substack's pre-publish check")

    def publish(self, draft_id: int, send: bool, share: bool) -> dict[str, Any]:
        """One POST, never retried here (it may email every subscriber)."""
        return self._once_object("POST", self.settings.publication_base, f"/drafts/{draft_id}/publish",
                          what="publish the post", json={"send": send, "share_automatically": share})

    def schedule(self, draft_id: int, trigger_at: str, audience: str, email: bool) -> dict[str, Any]:
        body = {"trigger_at": trigger_at, "post_audience": audience}
        if email:  # nobody to email: no email_audience at all (as the clients in use do)
            body["email_audience"] = audience
        return self._once_object("POST", self.settings.publication_base, f"/drafts/{draft_id}/scheduled_release",
                          what="schedule the post", json=body)

    def unschedule(self, draft_id: int) -> dict[str, Any]:
        return self._json_object("DELETE", self.settings.publication_base, f"/drafts/{draft_id}/scheduled_release",
                          what="cancel the scheduled release")

    def upload_image(self, data: bytes, mime: str, name: str) -> dict[str, Any]:
        uri = f"data:{mime};base64,{base64.b64encode(data).decode('ascii')}"
        return self._json_object("POST", self.settings.publication_base, "/image", what=f"upload image '{name}'",
                          json={"image": uri})

    def _json_object(self, method: str, base: str, path: str, *, what: str, **kwargs: Any) -> dict[str, Any]:
        """``_json`` for an endpoint whose answer is a JSON object."""
        return cast("dict[str, Any]", self._json(method, base, path, what=what, **kwargs))

    def _once_object(self, method: str, base: str, path: str, *, what: str, **kwargs: Any) -> dict[str, Any]:
        """``_once`` for an endpoint whose answer is a JSON object."""
        return cast("dict[str, Any]", self._once(method, base, path, what=what, **kwargs))

    # ── transport ──────────────────────────────────────────────────────────────────────────────────
    def _json(self, method: str, base: str, path: str, *, what: str, **kwargs: Any) -> Any:
        """A call that is safe to repeat: transient failures are retried (and reported)."""
        return with_retries(lambda: self._once(method, base, path, what=what, **kwargs), what=what,
                            report=self.report, initial_s=self.settings.retry_initial_seconds,
                            sleep=self.sleep)

    def _once(self, method: str, base: str, path: str, *, what: str, **kwargs: Any) -> Any:
        """One request; a 429 (which Substack did not act on) is waited out on the ladder and sent again."""
        if self.gave_up is not None:  # one stop for the whole run: no other call waits the ladder again
            raise RateLimited(str(self.gave_up))
        url = f"{base}{API}{path}"
        host = urlsplit(url).netloc
        for step, ladder_wait in enumerate((*RATE_LADDER_S, None)):
            response = self._send(method, url, host, what, **kwargs)
            if response.status_code != 429:
                return self._answer(response, what)
            if ladder_wait is None:
                break
            wait = _retry_after(response, ladder_wait)
            self.report(f"Substack is rate limiting (429); waiting {wait:.0f} s before trying again "
                        f"({step + 1}/{len(RATE_LADDER_S)})")
            self.limiter.hold(host, wait)
        self.gave_up = RateLimited(
            f"{what}: Substack is still refusing requests (429, rate limited) after waiting "
            f"{sum(RATE_LADDER_S):.0f} s. What was done so far is recorded: run the same command later (in a few "
            "minutes) to finish the job")
        raise self.gave_up

    def _send(self, method: str, url: str, host: str, what: str, **kwargs: Any) -> httpx.Response:
        self.limiter.wait(host)
        try:
            return self.http.request(method, url, **kwargs)
        except httpx.TransportError as exc:
            raise TransientError(f"{what}: the connection failed ({type(exc).__name__})") from None

    def _answer(self, response: httpx.Response, what: str) -> Any:
        status = response.status_code
        if 300 <= status < 400:
            raise Misdirected(self._misdirected(response, what))
        if status == 403 and "error code: 1010" in response.text:
            raise BlockedByCloudflare(
                f"{what}: Cloudflare refused the request (\"error code: 1010\": the client's browser signature "
                "was banned). This is not an expired cookie: the cookie was not even looked at. Wait a while, "
                "run from another network, or use --export meanwhile")
        if status in (401, 403):
            raise AuthError(COOKIE_EXPIRED.format(status=status))
        if status >= 500:
            raise TransientError(f"{what}: Substack answered {status}")
        message = self._message(response)
        if status == 404:
            raise DraftNotFound(f"{what}: not found on Substack (404)")
        if status == 400 and "choose a section" in message.lower():
            raise SectionRequired(message)
        if status >= 400:
            raise ChannelError(f"{what}: Substack answered {status}: {message}")
        return self._decode(response, what)

    def _decode(self, response: httpx.Response, what: str) -> Any:
        if not response.content:
            return {}
        try:
            return response.json()
        except ValueError:
            raise UnexpectedAnswer(f"{what}: Substack answered with something that is not JSON; "
                                   "its private API may have changed (use --export meanwhile)") from None

    def _message(self, response: httpx.Response) -> str:
        try:
            data = response.json()
            text = data.get("error") or data.get("message") or data.get("errors") if isinstance(data, dict) else data
        except ValueError:
            text = response.text
        return redact(str(text or response.reason_phrase), self.secrets)[:300]

    def _misdirected(self, response: httpx.Response, what: str) -> str:
        target = urlsplit(response.headers.get("Location", "")).netloc or "another host"
        return (f"{what}: Substack redirected the call ({response.status_code}) from {response.url.host} to "
                f"{target}. This is a configuration problem, not a change of Substack's API: calls must go to "
                f"the publication's canonical host ({self.settings.canonical_url}) with its Referer. Check "
                "'publication' in channels/substack.toml (your subdomain, even with a custom domain) and leave "
                "'host' empty unless you know your publication answers there")


def _retry_after(response: httpx.Response, default: float) -> float:
    """Substack's Retry-After if it sent one (it usually sends none), within bounds; else the ladder's wait."""
    try:
        return min(max(float(response.headers["Retry-After"]), 0.0), MAX_RETRY_AFTER_S)
    except (KeyError, ValueError):
        return default


def _field(data: Any, key: str, kind: type[T], where: str) -> T:
    """A field Substack must send; a missing one means its API changed."""
    value = data.get(key) if isinstance(data, dict) else None
    if not isinstance(value, kind) or isinstance(value, bool):
        raise UnexpectedAnswer(f"{where} came without '{key}'; Substack's private API may have changed "
                               "(use --export meanwhile)")
    return value
