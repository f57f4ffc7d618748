"""Raw HTML in a draft: what WeChat can carry passes through, anything else is reported by check.

WeChat keeps plain formatting tags with inline styles; it strips scripts, styles, classes, iframes and
forms, and refuses images that are not on its own host. Template tags (``{% … %}``) mean nothing there.
"""

from __future__ import annotations

import re

CARRIED_TAGS = frozenset({
    "br", "sup", "sub", "u", "s", "del", "ins", "b", "strong", "i", "em", "span", "mark", "small",
    "section", "p", "blockquote", "center", "hr",
})
CARRIED_ATTRIBUTES = frozenset({"style"})
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_TEMPLATE = re.compile(r"\{%.*?%\}|\{\{.*?\}\}", re.DOTALL)


def raw_html_problem(html: str) -> str:
    """Why WeChat cannot carry this HTML, or "" when it can."""
    if _TEMPLATE.search(html):
        return "holds template tags ({% … %}) that WeChat cannot run"
    from bs4 import BeautifulSoup  # only issues with raw HTML pay for importing it
    soup = BeautifulSoup(_COMMENT.sub("", html), "html.parser")
    for tag in soup.find_all(True):
        if tag.name not in CARRIED_TAGS:
            return f"holds <{tag.name}>, which WeChat does not carry"
        extra = sorted(set(tag.attrs) - CARRIED_ATTRIBUTES)
        if extra:
            return f"<{tag.name}> has attribute(s) {', '.join(extra)}, which WeChat strips"
        if "font-family" in str(tag.get("style", "")).lower():
            return f"<{tag.name}> sets font-family, which WeChat overrides"
    return ""


def carried_html(html: str) -> str:
    """The HTML as it goes into the article: comments dropped, the rest as written."""
    from bs4 import BeautifulSoup, Comment
    soup = BeautifulSoup(html, "html.parser")
    for comment in soup.find_all(string=lambda s: isinstance(s, Comment)):
        comment.extract()
    return str(soup).strip()


def is_only_comment(html: str) -> bool:
    return not _COMMENT.sub("", html).strip()

