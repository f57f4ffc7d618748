"""Secret redaction: every form of every secret out of any text (no network library imported here).

``net.redact`` is this function; it lives apart so that the pipeline can redact an unexpected error without
importing httpx and tenacity into a dry run.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from urllib.parse import quote, quote_plus, unquote, unquote_plus

from leotalk_publish.web_address import url_password

_QUERY_SECRET = re.compile(r"((?:access_token|secret|appsecret|token)=)[^&\s'\"]+", re.IGNORECASE)
_SECRET_NAME = re.compile(r"SECRET|TOKEN|COOKIE|PASSWORD|PASSWD|API_?KEY", re.IGNORECASE)
MIN_SECRET = 4  # shorter values (a cookie's "1" flag) are not secrets and would blank ordinary text


def redact(text: str, secrets: Iterable[str | None] = ()) -> str:
    """Remove every form of every secret, and every token-like query parameter, from a text.

    A form is the value as given, URL-encoded or URL-decoded; for a cookie string (``a=1; sid=…``) also each
    cookie's value on its own. Longer forms go first, so no fragment of a secret is left behind.
    """
    forms = sorted({form for secret in secrets if secret for form in secret_forms(secret)}, key=len, reverse=True)
    for form in forms:
        text = text.replace(form, "***")
    return _QUERY_SECRET.sub(r"\1***", text)


def secret_forms(secret: str) -> set[str]:
    """The secret, each cookie value in it, and each of those URL-encoded and URL-decoded."""
    parts = {secret, secret.strip()}
    for piece in re.split(r";\s*", secret):
        _, sep, value = piece.partition("=")
        parts |= {piece.strip(), value.strip()} if sep else {piece.strip()}
    forms = set()
    for part in parts:
        forms |= {part, quote(part, safe=""), quote_plus(part), unquote(part), unquote_plus(part),
                  quote(unquote(part), safe=""), quote_plus(unquote_plus(part))}
    return {form for form in forms if len(form) >= MIN_SECRET}


def environment_secrets(env: Mapping[str, str]) -> list[str]:
    """The values of the environment variables that hold secrets (by name: *SECRET*, *TOKEN*, *COOKIE*, …), and
    the password in any proxy variable's address (``http://user:password@host:3128``)."""
    named = [value for name, value in env.items() if value and _SECRET_NAME.search(name)]
    in_proxies = [url_password(value) for name, value in env.items() if value and "PROXY" in name.upper()]
    return named + [password for password in in_proxies if password]


