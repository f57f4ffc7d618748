"""Golden files of the WeChat renderer: readable expected outputs, regenerated on purpose.

Run ``UPDATE_GOLDEN=1 python -m pytest tests/wechat`` to rewrite them after an intended change, then
read the diff before committing it.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

GOLDEN = Path(__file__).parent / "golden"
_BLOCK_START = re.compile(r"(?=<(?:p|section|h[1-6]|blockquote|table|tr|hr|img)[ >])")


def readable(html: str) -> str:
    """One block per line (the renderer writes no newlines, so this loses nothing)."""
    return _BLOCK_START.sub("\n", html).lstrip("\n") + "\n"


def assert_golden(name: str, actual: str) -> None:
    path = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN") == "1":
        path.write_text(actual, encoding="utf-8")
    assert path.exists(), f"no golden file {path}; run with UPDATE_GOLDEN=1 to create it"
    assert actual == path.read_text(encoding="utf-8"), f"{name} differs from its golden file"
