"""盘古之白 (opt-in, ``pangu = true``): a thin space between Chinese and Latin letters or digits, as Chinese
typographers set it. Only running text gets it: code, addresses and the marks around them stay as written."""

from __future__ import annotations

import re

THIN_SPACE = "\u2009"
_HAN = r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]"
_LATIN = r"[A-Za-z0-9]"
_BETWEEN = re.compile(rf"(?<={_HAN})(?={_LATIN})|(?<={_LATIN})(?={_HAN})")
_ADDRESS = re.compile(r"(?:https?://|mailto:|www\.)\S+|\S+@\S+\.\S+")


def spaced(text: str) -> str:
    """``text`` with a thin space at each Chinese–Latin boundary outside web and mail addresses."""
    pieces, last = [], 0
    for match in _ADDRESS.finditer(text):
        pieces += [_BETWEEN.sub(THIN_SPACE, text[last:match.start()]), match.group(0)]
        last = match.end()
    pieces.append(_BETWEEN.sub(THIN_SPACE, text[last:]))
    return "".join(pieces)
