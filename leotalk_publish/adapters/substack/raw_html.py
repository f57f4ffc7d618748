"""Raw HTML in a draft, as Substack can carry it: a comment is nothing, ``<br>`` is a hard break, and
anything else keeps its visible text (its markup has no Substack equivalent and ``check`` says so)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import unescape

_COMMENT = re.compile(r"^\s*<!--.*?-->\s*$", re.DOTALL)
_BREAK = re.compile(r"^\s*<br\s*/?>\s*$", re.IGNORECASE)
_TAG = re.compile(r"<[^>]*>")
_TAG_NAME = re.compile(r"<\s*([a-zA-Z][a-zA-Z0-9-]*)")
# Elements whose content is not text: dropping their markup drops what the reader would see.
CONTENT_TAGS = frozenset({"img", "picture", "iframe", "video", "audio", "embed", "object", "svg", "canvas",
                          "script", "input", "math", "table"})


@dataclass(frozen=True)
class RawHtml:
    kind: str  # "comment", "break", "markup" (tags only), "text" (tags dropped, text kept) or "lost"
    text: str = ""
    tags: tuple[str, ...] = ()


def classify(html: str) -> RawHtml:
    """What of a piece of raw HTML survives on Substack."""
    if _COMMENT.match(html):
        return RawHtml("comment")
    if _BREAK.match(html):
        return RawHtml("break")
    tags = tuple(dict.fromkeys(t.lower() for t in _TAG_NAME.findall(html)))
    text = " ".join(unescape(_TAG.sub(" ", html)).split())
    if any(t in CONTENT_TAGS for t in tags):
        return RawHtml("lost", text, tags)
    return RawHtml("text" if text else "markup", text, tags)


def describe(raw: RawHtml) -> str:
    return ", ".join(f"<{t}>" for t in raw.tags) or "raw HTML"
