"""Is a configured address usable: an API base (``https://host[:port][/path]``) or a proxy.

A settings value that HTTP cannot use would otherwise surface only at the first request, as a failed
connection (exit 1) or an internal error (exit 5) from the HTTP library. Settings check it when they load:
exit 2, naming where the value came from. Messages never repeat a proxy's address (it may carry a password).
"""

from __future__ import annotations

from importlib.util import find_spec
from urllib.parse import SplitResult, urlsplit

PROXY_SCHEMES = ("http", "https", "socks5", "socks5h")


def _split(value: str) -> SplitResult | None:
    try:
        parts = urlsplit(value.strip())
        parts.port  # noqa: B018 - raises ValueError on a port that is not a number in 0–65535
    except ValueError:
        return None
    return parts


def web_address_problem(value: str) -> str | None:
    """Why ``value`` is not an http(s) address with a host, or ``None`` when it is one."""
    parts = _split(value)
    if parts is None or parts.scheme not in ("http", "https") or not parts.hostname:
        return "is not a web address; write it as https://host, a port and a path may follow"
    return None


def proxy_url(value: str) -> str:
    """The proxy as the HTTP library reads the environment's: ``host:3128`` means ``http://host:3128``."""
    value = value.strip()
    return value if "://" in value else f"http://{value}"


def proxy_problem(value: str) -> str | None:
    """Why ``value`` (after ``proxy_url``) is not a usable proxy address, or ``None``; never the value itself."""
    parts = _split(proxy_url(value))
    if parts is None or parts.scheme not in PROXY_SCHEMES or not parts.hostname:
        return "is not a proxy address; write it as http://host:port (or http://user:password@host:port)"
    if parts.scheme.startswith("socks") and find_spec("socksio") is None:
        return "is a SOCKS proxy, which needs the socksio package: pip install 'httpx[socks]', or use an HTTP proxy"
    return None


def url_password(value: str) -> str | None:
    """The password in an address's user part (``http://user:password@host``), if any."""
    parts = _split(proxy_url(value))
    return parts.password if parts is not None else None
