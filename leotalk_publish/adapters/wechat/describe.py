"""How the WeChat channel shows itself: ``leotalk channels`` (mode, why, the AppID masked, what is wrong) and
``leotalk preview`` (the very article HTML a push would send, its size against the limit and the fit step).
Both become methods of ``WechatAdapter`` by one import line in its class body.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .payload import WechatPayload, WechatRendition
from .settings import DEFAULT_API_BASE, WechatSettings
from .size import MAX_CHARS, estimated


def masked(appid: str) -> str:
    """``wx1234567890abcdef`` → ``wx12…cdef``: enough to tell two accounts apart, not to use one."""
    return appid[:4] + "…" + appid[-4:] if len(appid) > 10 else appid[:2] + "…"


def describe(self: Any, settings: WechatSettings, sources: Mapping[str, str]) -> list[str]:
    """Lines for ``leotalk channels``; the AppSecret's value is never shown, only where it was found."""
    have_id, have_secret = bool(settings.appid), bool(settings.appsecret and settings.appsecret.get_secret_value())
    if not settings.has_credentials:
        lines = ["mode: export", "why: no WECHAT_APPID/WECHAT_APPSECRET (environment or .env): publish writes "
                 "export/wechat/<issue>/ to paste by hand"]
        if have_id != have_secret:
            missing = "WECHAT_APPSECRET" if have_id else "WECHAT_APPID"
            lines.append(f"problem: only one of the two is set; {missing} is missing")
        return lines
    where = sorted({sources.get("WECHAT_APPID", "the environment"), sources.get("WECHAT_APPSECRET", "the environment")})
    lines = ["mode: api", f"why: WECHAT_APPID and WECHAT_APPSECRET found in {' and '.join(where)}: publish "
             f"{'submits the draft for publication' if settings.publish else 'saves a draft in the draft box'}",
             f"account: AppID {masked(settings.appid or '')}"]
    if settings.api_base != DEFAULT_API_BASE:
        lines.append(f"note: calls go to {settings.api_base}")
    if settings.proxy:
        lines.append("note: calls go through a proxy (WeChat's IP whitelist)")
    return lines


def preview(self: Any, rendition: WechatRendition, settings: WechatSettings) -> dict[str, Any]:
    """The article for ``leotalk preview``: the chosen rung's HTML exactly as push sends it (local images)."""
    payload: WechatPayload = rendition.payload
    size = len(estimated(payload.content, settings.image_url_estimate))
    facts = [f"{size:,} of {MAX_CHARS:,} characters (image addresses estimated)",
             f"fit: {payload.fit.step}" + (f" — {payload.fit.note}" if payload.fit.note else ""),
             f"{len(payload.images)} image(s)" + (f", cover {payload.cover}" if payload.cover else "")]
    head = (f"<h1 class=\"rich_media_title\">{_escape(payload.fields['title'])}</h1>\n"
            f"<p class=\"rich_media_meta\">{_escape(payload.fields.get('author') or '')}</p>\n")
    return {"title": "WeChat", "frame": "phone", "html": head + payload.content, "facts": facts,
            "over_limit": size > MAX_CHARS}


def _escape(text: str) -> str:
    from html import escape
    return escape(text)
