"""The WeChat channel's errors, each mapped from an ``errcode`` to a plain message and a reaction.

    ChannelError (core)
    ├── TransientError (core)   -1 system busy, HTTP 5xx, a connection lost: retried with backoff
    └── WechatError             any other errcode: fails at once with WeChat's code and a fix
        ├── TokenRejected       40001/40014/42001: the client refreshes the token once and retries once
        ├── DraftGone           40007: the draft left the box (deleted by hand, or published): observe asks which
        ├── NotAuthorised       48001: this account may not use the API (e.g. freepublish): stop at the draft
        └── ContentTooLarge     45002: the content is over WeChat's limit: push steps down the fit ladder
    ImageRefused (ChannelError) an image no copy of which WeChat would take (images.py): crop or resize it
"""

from __future__ import annotations

import re

from leotalk_publish.errors import ChannelError

TOKEN_CODES = frozenset({40001, 40014, 42001})
IP_CODES = frozenset({40164, 61004})
_IP = re.compile(r"\b(\d{1,3}(?:\.\d{1,3}){3})\b")


class ImageRefused(ChannelError):
    """An image of the issue that cannot be made acceptable to WeChat (too long a side, too large a copy)."""


class WechatError(ChannelError):
    def __init__(self, message: str, code: int = 0):
        super().__init__(message)
        self.code = code


class TokenRejected(WechatError):
    pass


class DraftGone(WechatError):
    pass


class NotAuthorised(WechatError):
    pass


class ContentTooLarge(WechatError):
    pass


FIELD_CODES = {45003: ("title", "64 characters"), 45004: ("digest", "128 characters"),
               45005: ("content_source_url", "1 KB"), 45110: ("author", "16 characters")}


def error_for(code: int, errmsg: str, what: str) -> WechatError:
    """The exception for a WeChat ``errcode`` (never for -1, which is transient)."""
    if code in TOKEN_CODES:
        return TokenRejected(f"WeChat refused the access token while {what} ({code})", code)
    if code in IP_CODES:
        return WechatError(_ip_message(errmsg), code)
    if code == 45009:
        return WechatError(f"WeChat's daily quota for {what} is used up (45009); run again tomorrow", code)
    if code == 40007:
        return DraftGone(f"WeChat does not know that media_id while {what} (40007)", code)
    if code == 45002:
        return ContentTooLarge(f"WeChat refused the content as too large while {what} (45002)", code)
    if code in FIELD_CODES:
        name, limit = FIELD_CODES[code]
        return WechatError(f"WeChat refused the article's {name} as too long while {what} ({code}); keep it under "
                           f"{limit}: set a shorter one under 'wechat:' in the front matter", code)
    if code == 88000:
        return WechatError(f"this account has no comment privilege (88000) while {what}: turn need_open_comment "
                           "off in channels/wechat.toml (need_open_comment = false)", code)
    if code == 48001:
        return NotAuthorised(f"this Official Account may not call the API for {what} (48001)", code)
    if code in (40013, 40125, 41004):
        return WechatError(f"WeChat refused the AppID or AppSecret ({code}): check WECHAT_APPID and "
                           "WECHAT_APPSECRET against mp.weixin.qq.com → 设置与开发 → 基本配置", code)
    return WechatError(f"WeChat refused {what}: {code} {errmsg}".rstrip(), code)


def _ip_message(errmsg: str) -> str:
    found = _IP.search(errmsg)
    ip = found.group(1) if found else "this machine's address"
    return (f"WeChat refused the call from IP {ip}, which is not on the account's IP whitelist (40164): add {ip} "
            "at mp.weixin.qq.com → 设置与开发 → 基本配置 → IP白名单, or set 'proxy' in channels/wechat.toml "
            "to go out through a fixed address")
