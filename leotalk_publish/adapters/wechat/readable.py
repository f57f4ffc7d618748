"""The WeChat article one block per line, for diffs: a one-sentence edit changes one line, not the whole
article. A newline goes before each child of the article's root section and before its end tag; joining
the lines back (without the newlines) gives exactly the content that is sent."""

from __future__ import annotations

import re

from leotalk_publish.adapters.wechat.structure import VOID
from leotalk_publish.adapters.wechat.theme import START_TAG

_TAG = re.compile(rf"{START_TAG.pattern}|</[a-zA-Z][^\s>]*\s*>")
_NAME = re.compile(r"</?([a-zA-Z][^\s/>]*)")


def one_block_per_line(html: str) -> str:
    """``html`` with a newline before every top-level block of its root element, ending in a newline."""
    out, depth, last = [], 0, 0
    for match in _TAG.finditer(html):
        tag, closing = match.group(0), match.group(0).startswith("</")
        name = _NAME.match(tag).group(1).lower()  # type: ignore[union-attr]
        depth -= closing
        if (depth == 0) if closing else (depth == 1):
            out += [html[last:match.start()], "\n"]
            last = match.start()
        if not closing and name not in VOID and not tag.endswith("/>"):
            depth += 1
    return "".join([*out, html[last:]]).lstrip("\n") + "\n"


def joined(readable: str) -> str:
    """The content as sent, from its readable form."""
    return readable.replace("\n", "")
