"""The user's cache: what can be computed again from content alone, kept by content hash so it is computed
once (``$LEOTALK_CACHE_DIR``, else ``$XDG_CACHE_HOME/leotalk-publish`` or ``~/.cache/leotalk-publish``).

Never in the project and never in the ledger: nothing here is a fact of a platform, and removing the
folder only means computing again. A value is keyed by the hash of what it was computed from (and the
version of whatever computed it), so a changed byte is a new key and nothing is ever stale. Writes are
atomic; a cache that cannot be written (read-only home, full disk) is simply not used.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path


def cache_root() -> Path | None:
    """The cache folder, or None when there is no home to put it in."""
    root = os.environ.get("LEOTALK_CACHE_DIR") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "leotalk-publish")
    if not root or root.startswith("~"):
        return None
    return Path(root)


class ContentCache:
    """One kind of cached value (``name``), one file per key, spread over 256 folders by the key's start."""

    def __init__(self, name: str):
        root = cache_root()
        self.folder = None if root is None else root / name
        self.hits = self.misses = 0

    def path(self, key: str) -> Path | None:
        return None if self.folder is None else self.folder / key[:2] / key

    def get(self, key: str) -> bytes | None:
        path = self.path(key)
        try:
            data = path.read_bytes() if path is not None else None
        except OSError:
            data = None
        if data is None:
            self.misses += 1
        else:
            self.hits += 1
        return data

    def put(self, key: str, data: bytes) -> None:
        """Keep ``data`` (a temp file renamed into place: a reader sees all of it or nothing; no fsync, since
        a value lost in a crash is only computed again)."""
        path = self.path(key)
        if path is None:
            return
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}")
            tmp.write_bytes(data)
            os.replace(tmp, path)
        except OSError:
            pass  # a cache that cannot be written only means computing again next time

    def has(self, key: str) -> bool:
        path = self.path(key)
        return path is not None and path.exists()

    def mark(self, key: str) -> None:
        """Keep the bare fact that ``key`` was seen (an empty entry)."""
        self.put(key, b"")
