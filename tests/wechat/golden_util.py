"""Golden files of the WeChat renderer: where they live, and the readable form they are kept in.

``tests/kit/golden.py`` compares them; ``UPDATE_GOLDEN=1 python -m pytest tests/wechat`` rewrites them after an
intended change (read the diff before committing it).
"""

from __future__ import annotations

import re
from pathlib import Path

GOLDEN = Path(__file__).parent / "golden"
_BLOCK_START = re.compile(r"(?=<(?:p|section|h[1-6]|blockquote|table|tr|hr|img)[ >])")


def readable(html: str) -> str:
    """One block per line (the renderer writes no newlines, so this loses nothing)."""
    return _BLOCK_START.sub("\n", html).lstrip("\n") + "\n"

