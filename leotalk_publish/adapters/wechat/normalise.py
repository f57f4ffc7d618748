"""Compare drafts as WeChat normalises them: what a reader sees, not the bytes.

WeChat hands a draft back in its own serialisation (styles re-spaced, void tags self-closed, entities as it
likes them), so a read-back never equals what was sent. ``canonical`` reduces both sides to the same form —
tags with their attributes sorted, each style as ``property:value`` pairs, text with its whitespace
collapsed — and ``fingerprint`` hashes it with the title. ``visible_lines`` is the text a reader sees, one
block per line, for the short diff shown when someone edited a draft in the editor.
"""

from __future__ import annotations

import difflib
import hashlib
import re
from html.parser import HTMLParser
from typing import Any

VOID = frozenset({"br", "img", "hr", "input", "meta", "link", "wbr", "col", "source"})
BLOCKS = frozenset({"section", "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "blockquote",
                    "figure", "figcaption", "table", "tr", "pre", "br", "hr"})
_SPACE = re.compile(r"\s+")


def style(value: str) -> str:
    """``a: b; c:d;`` → ``a:b;c:d`` (empty declarations dropped)."""
    rules = [r.split(":", 1) for r in value.split(";") if ":" in r]
    return ";".join(f"{k.strip().lower()}:{_SPACE.sub(' ', v.strip())}" for k, v in rules)


class _Canon(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.lines: list[str] = [""]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        shown = sorted((k, style(v or "") if k == "style" else (v or "")) for k, v in attrs)
        self.out.append("<" + tag + "".join(f" {k}={v!r}" for k, v in shown) + ">")
        if tag in BLOCKS:
            self.lines.append("")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag not in VOID:
            self.out.append(f"</{tag}>")
        if tag in BLOCKS:
            self.lines.append("")

    def handle_data(self, data: str) -> None:
        text = _SPACE.sub(" ", data.replace("\xa0", " "))
        if text.strip():
            self.out.append(text)
        self.lines[-1] += text


def _parsed(html: str) -> _Canon:
    parser = _Canon()
    parser.feed(html)
    parser.close()
    return parser


def canonical(html: str) -> str:
    return "".join(_parsed(html).out)


def visible_lines(html: str) -> list[str]:
    """The text a reader sees, one block per line, blank lines dropped."""
    return [line.strip() for line in _parsed(html).lines if line.strip()]


def fingerprint(article: dict[str, Any]) -> str:
    """One article as a reader sees it: its title and its content, normalised."""
    text = article.get("title", "") + "\0" + canonical(article.get("content", ""))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


def short_diff(before: list[str], after: list[str], limit: int = 12) -> list[str]:
    """The changed lines only (``- old`` / ``+ new``), at most ``limit`` of them, each cut to 100 characters."""
    changed = [line for line in difflib.unified_diff(before, after, lineterm="", n=0)
               if line[:1] in "+-" and not line.startswith(("+++", "---"))]
    shown = [f"{line[0]} {line[1:101]}" for line in changed[:limit]]
    if len(changed) > limit:
        shown.append(f"… and {len(changed) - limit} more changed line(s)")
    return shown
