"""Golden files: readable expected outputs, compared byte for byte and regenerated only on purpose.

``UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/<folder>`` rewrites the files a run compares; read the diff
before committing it.
"""

from __future__ import annotations

import os
from pathlib import Path


def updating() -> bool:
    """Whether this run rewrites golden files instead of comparing with them."""
    return os.environ.get("UPDATE_GOLDEN") == "1"


def assert_golden(path: Path, actual: str) -> None:
    """Assert ``actual`` equals the golden file at ``path``; with ``UPDATE_GOLDEN=1``, write it there instead."""
    if updating():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8")
        return
    assert path.exists(), f"no golden file {path}: run with UPDATE_GOLDEN=1 to create it, then review it"
    assert actual == path.read_text(encoding="utf-8"), f"output differs from {path} (UPDATE_GOLDEN=1 to accept)"
