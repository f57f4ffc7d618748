"""Links in a WeChat article: only mp.weixin.qq.com links are clickable, so every other one keeps its text
in the body, gets a number (``[3]``) and is listed under "参考链接" at the end of the article."""

from __future__ import annotations

from dataclasses import dataclass, field
from html import escape
from urllib.parse import urlparse

REFERENCES_TITLE = "参考链接"
WECHAT_HOSTS = ("mp.weixin.qq.com",)


def is_wechat_link(href: str) -> bool:
    return urlparse(href).hostname in WECHAT_HOSTS


def is_external(href: str) -> bool:
    """A link a reader could follow outside the article (web or mail), not an in-page or relative one."""
    return urlparse(href).scheme in ("http", "https", "mailto")


@dataclass
class References:
    """The numbered references of one article, in order of first appearance; one number per address."""

    numbers: dict[str, int] = field(default_factory=dict)

    def number(self, href: str) -> int:
        return self.numbers.setdefault(href, len(self.numbers) + 1)

    def render(self) -> str:
        """The "参考链接" section, or nothing when the article has no references."""
        if not self.numbers:
            return ""
        lines = "<br>".join(f"[{n}] {escape(_shown(href))}" for href, n in self.numbers.items())
        return f'<section class="refs"><h3>{REFERENCES_TITLE}</h3>{lines}</section>'


def _shown(href: str) -> str:
    """The address as a reader copies it: no scheme (nothing is clickable there anyway)."""
    for prefix in ("mailto:", "https://", "http://"):
        href = href.removeprefix(prefix)
    return href


def render_link(href: str, inner: str, text: str, refs: References) -> str:
    """One link: clickable inside WeChat, its own address when that is its text, else text + ``[n]``."""
    if is_wechat_link(href):
        return f'<a href="{escape(href)}">{inner}</a>'
    if not is_external(href) or text.strip() in (href, _shown(href), href.removeprefix("mailto:")):
        return inner
    return f"{inner}<sup>[{refs.number(href)}]</sup>"
