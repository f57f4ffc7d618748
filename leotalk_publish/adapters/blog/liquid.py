"""Keep Liquid's hands off text: Jekyll runs Liquid over a post before Markdown, so ``{{`` and ``{%`` in
the issue's own words would be evaluated (or fail the build). Such text is wrapped in ``{% raw %}``.
"""

from __future__ import annotations

import re

RAW, ENDRAW = "{% raw %}", "{% endraw %}"
_TRIGGER = re.compile(r"\{[{%]")
_ENDRAW_WORD = re.compile(r"(endraw)")


def needs_protection(text: str) -> bool:
    return bool(_TRIGGER.search(text))


def protect(text: str) -> str:
    """``text`` with every ``{{``/``{%`` inside a raw span; unchanged when there is none.

    The word ``endraw`` itself stays outside the raw spans, so text that spells out
    ``{% endraw %}`` cannot close a span early.
    """
    if not needs_protection(text):
        return text
    return "".join(piece if piece == "endraw" else _wrap(piece) for piece in _ENDRAW_WORD.split(text))


def _wrap(piece: str) -> str:
    hits = list(_TRIGGER.finditer(piece))
    if not hits:
        return piece
    start, end = hits[0].start(), hits[-1].end()
    return f"{piece[:start]}{RAW}{piece[start:end]}{ENDRAW}{piece[end:]}"


def unprotect(text: str) -> str:
    """What Liquid leaves of protected text (the raw tags removed); the inverse of ``protect``."""
    return text.replace(RAW, "").replace(ENDRAW, "")
