"""Links in a WeChat article: only mp.weixin.qq.com links are clickable, so every other one keeps its text
in the body, marked (underlined, with its number ``[3]``), and is listed under "参考链接" at the end of the
article: its text, then its address as a reader reads it (no scheme, Chinese shown as Chinese rather than
``%E5%89%8D…``). When the reference list gives way to 阅读原文 (a rung of the fit ladder), the text stays
marked and one line sends readers to the original."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html import escape
from urllib.parse import urlparse

REFERENCES_TITLE = "参考链接"
SOURCE_NOTE = "文中链接的地址，请点文末「阅读原文」查看。"
WECHAT_HOSTS = ("mp.weixin.qq.com",)
_ENCODED_RUN = re.compile(r"(?:%[89a-fA-F][0-9a-fA-F])+")


def is_wechat_link(href: str) -> bool:
    return urlparse(href).hostname in WECHAT_HOSTS


def is_external(href: str) -> bool:
    """A link a reader could follow outside the article (web or mail), not an in-page or relative one."""
    return urlparse(href).scheme in ("http", "https", "mailto")


@dataclass
class References:
    """The numbered references of one article, in order of first appearance; one number per address.

    ``listed`` False: the list is replaced by one line pointing to 阅读原文 (the numbers are not shown).
    """

    listed: bool = True
    numbers: dict[str, int] = field(default_factory=dict)
    texts: dict[str, str] = field(default_factory=dict)

    def number(self, href: str, text: str) -> int:
        self.texts.setdefault(href, text)
        return self.numbers.setdefault(href, len(self.numbers) + 1)

    def render(self) -> str:
        """The "参考链接" section, the 阅读原文 line, or nothing when the article has no references."""
        if not self.numbers:
            return ""
        if not self.listed:
            return f'<p class="refs">{SOURCE_NOTE}</p>'
        lines = "<br>".join(self._line(href, n) for href, n in self.numbers.items())
        return f'<section class="refs"><h3>{REFERENCES_TITLE}</h3>{lines}</section>'

    def _line(self, href: str, n: int) -> str:
        text = " ".join(self.texts[href].split())
        label = f"{escape(text, quote=False)}：" if text else ""
        return f"[{n}] {label}{escape(shown_address(href), quote=False)}"


def shown_address(href: str) -> str:
    """The address as a reader copies it: no scheme, percent-encoded UTF-8 (Chinese) decoded."""
    for prefix in ("mailto:", "https://", "http://"):
        href = href.removeprefix(prefix)
    return _ENCODED_RUN.sub(_decoded, href)


def _decoded(match: re.Match[str]) -> str:
    raw = bytes.fromhex(match.group(0).replace("%", ""))
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return match.group(0)


def render_link(href: str, inner: str, text: str, refs: References) -> str:
    """One link: clickable inside WeChat, its own address when that is its text, else marked text + ``[n]``."""
    if is_wechat_link(href):
        return f'<a href="{escape(href)}">{inner}</a>'
    plain = text.strip()
    if not is_external(href) or plain in (href, shown_address(href), href.removeprefix("mailto:")):
        return inner
    number = refs.number(href, plain)
    mark = f"[{number}]" if refs.listed else ""
    return f"<u>{inner}</u>{mark}"
