"""The only files the blog may touch in the site: its posts in ``_posts/`` and its images in
``assets/img/<stem>/``. Every path read from the ledger is checked against this before it is used.

The ledger travels through pull requests and CI; a stale-post path set to ``_config.yml`` or
``../../x`` must never be deleted, staged or committed. ``ledger_check.ledger_problems`` refuses such a
ledger before the run starts (exit 2); ``owned_path`` checks again at the moment of use, symlinks resolved.
"""

from __future__ import annotations

import re
from pathlib import Path, PurePosixPath
from typing import Any

from .settings import BlogSettings

_PLAIN_NAME = re.compile(r"[^/\\\x00-\x1f.][^/\\\x00-\x1f]*")
_SHA = re.compile(r"[0-9a-f]{40}|[0-9a-f]{64}")
_REF_NAME = re.compile(r"[A-Za-z0-9_][A-Za-z0-9._/-]*")


def _parts(rel: str) -> tuple[str, ...] | None:
    """The path's parts when it is relative, plain and POSIX (no '..', no '.', no backslash)."""
    if not isinstance(rel, str) or not rel or rel.startswith("/") or "\\" in rel:
        return None
    parts = rel.split("/")
    return tuple(parts) if all(_PLAIN_NAME.fullmatch(p) for p in parts) else None


def is_post_path(rel: Any, settings: BlogSettings) -> bool:
    """``<posts_dir>/<name>.md``."""
    parts, base = _parts(rel), PurePosixPath(settings.posts_dir).parts
    if not parts:
        return False
    return parts[:-1] == base and parts[-1].endswith(".md")


def is_image_path(rel: Any, settings: BlogSettings) -> bool:
    """``<images_dir>/<stem>/<name>``."""
    parts, base = _parts(rel), PurePosixPath(settings.images_dir).parts
    if not parts:
        return False
    return len(parts) == len(base) + 2 and parts[:len(base)] == base


def is_sha(value: Any) -> bool:
    return isinstance(value, str) and bool(_SHA.fullmatch(value))


def is_ref_name(value: Any) -> bool:
    """A remote or branch name git would accept, that can never be read as an option."""
    return isinstance(value, str) and bool(_REF_NAME.fullmatch(value)) and ".." not in value


def owned_path(site: Path, rel: str, settings: BlogSettings) -> Path | None:
    """``site/rel`` when it is one of the blog's own files and stays inside the site once resolved."""
    if not (is_post_path(rel, settings) or is_image_path(rel, settings)):
        return None
    path = site / rel
    folder = settings.posts_dir if is_post_path(rel, settings) else settings.images_dir
    try:
        path.resolve().relative_to((site / folder).resolve())
    except ValueError:
        return None  # a symlink leads out of the folder
    return path
