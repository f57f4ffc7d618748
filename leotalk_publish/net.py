"""What every API client shares: retries that only retry transient failures, and secret redaction.

Retries use tenacity: exponential backoff with jitter, a cap on attempts and a total time budget; each
retry and each give-up is reported through the ``report`` callback so a person sees it.
"""

from __future__ import annotations

import functools
import ssl
from collections.abc import Callable
from typing import TypeVar

import httpx
from tenacity import (
    RetryCallState,
    Retrying,
    nap,
    retry_if_exception,
    stop_after_attempt,
    stop_after_delay,
    wait_exponential_jitter,
)

from leotalk_publish.errors import TransientError
from leotalk_publish.redaction import environment_secrets, redact, secret_forms

__all__ = ["environment_secrets", "is_transient", "redact", "secret_forms", "tls_context", "with_retries"]

T = TypeVar("T")
BROWSER_USER_AGENT = (
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/126.0 Safari/537.36"
)


@functools.cache
def tls_context(*, trust_env: bool) -> ssl.SSLContext:
    """The certificate store, loaded once per process and shared by every client.

    httpx builds a new SSL context (reading the whole CA bundle, ~50 ms of CPU) for each client it makes; a run
    makes a client per channel and step, so the store is loaded here once instead. ``trust_env`` keeps httpx's
    meaning: SSL_CERT_FILE and SSL_CERT_DIR are honoured only when the client trusts the environment.
    """
    return httpx.create_ssl_context(trust_env=trust_env)


def is_transient(exc: BaseException) -> bool:
    """Worth another try: our own TransientError, or the connection failing before an answer came."""
    return isinstance(exc, TransientError | httpx.TransportError)


def with_retries(call: Callable[[], T], *, what: str, report: Callable[[str], None],
                 attempts: int = 5, budget_s: float = 60.0, initial_s: float = 0.5,
                 max_wait_s: float = 8.0, sleep: Callable[[float], None] | None = None) -> T:
    """Run ``call``; retry transient failures with exponential backoff and jitter within a time budget."""

    def before_sleep(state: RetryCallState) -> None:
        exc = state.outcome.exception() if state.outcome else None
        wait = state.next_action.sleep if state.next_action else 0
        report(f"retrying {what} in {wait:.1f}s (attempt {state.attempt_number} failed: {_brief(exc)})")

    retrying = Retrying(
        retry=retry_if_exception(is_transient),
        stop=stop_after_attempt(attempts) | stop_after_delay(budget_s),
        wait=wait_exponential_jitter(multiplier=initial_s, max=max_wait_s, jitter=initial_s),
        before_sleep=before_sleep, reraise=True, sleep=sleep or nap.sleep)
    try:
        return retrying(call)
    except Exception as exc:
        if is_transient(exc):
            report(f"giving up on {what} after {attempts} attempts: {_brief(exc)}")
        raise


def _brief(exc: BaseException | None) -> str:
    """A one-line description that never carries a URL's query string."""
    if exc is None:
        return "unknown"
    if isinstance(exc, httpx.TransportError):
        return f"{type(exc).__name__} (connection failed)"
    return redact(str(exc)).splitlines()[0] if str(exc) else type(exc).__name__
