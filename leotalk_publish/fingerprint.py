"""A draft folder's fingerprint: one hash of every file in it (names and bytes), recorded at each push.

``leotalk status`` compares it with the folder as it is now, so it can say "changed since the last push"
without parsing Markdown or opening an image (fast, and no parser or imaging library is imported).
"""

from __future__ import annotations

import hashlib
from pathlib import Path


def draft_files(folder: Path) -> list[Path]:
    """Every file of the draft, in a stable order; hidden files (.DS_Store, editor swap files) do not count."""
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.rglob("*")
                  if p.is_file() and not any(part.startswith(".") for part in p.relative_to(folder).parts))


def draft_fingerprint(folder: Path) -> str:
    """sha256 over each file's path (relative to the folder) and bytes; "" when the folder does not exist."""
    files = draft_files(folder)
    if not files:
        return ""
    digest = hashlib.sha256()
    for path in files:
        digest.update(path.relative_to(folder).as_posix().encode() + b"\0")
        digest.update(bytes.fromhex(file_sha256(path)))
    return digest.hexdigest()


def file_sha256(path: Path) -> str:
    """The file's sha256, read in chunks (a large image is never all in memory)."""
    with path.open("rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()
