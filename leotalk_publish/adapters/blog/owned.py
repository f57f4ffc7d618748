"""The only files the blog may touch in the site: its posts in ``_posts/`` and its images in
``assets/img/<stem>/``. Every path read from the ledger is checked against this before it is used.

The ledger travels through pull requests and CI; a stale-post path set to ``_config.yml`` or
``../../x`` must never be deleted, staged or committed. ``ledger_problems`` refuses such a ledger before
the run starts (exit 2); ``owned_path`` checks again at the moment of use, symlinks resolved.
"""

from __future__ import annotations

import re
from pathlib import Path, PurePosixPath
from typing import Any

from leotalk_publish.ledger import ChannelState

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


def ledger_problems(state: ChannelState, settings: BlogSettings) -> list[str]:
    """What is wrong with the blog's records: every path the blog would touch, every commit and name."""
    remote = state.get("remote") or {}
    problems = _path_problems("post", state.get("post"), settings)
    problems += _path_problems("remote.post", remote.get("post"), settings)
    for key, images in (("images", state.get("images")), ("remote.images", remote.get("images"))):
        if images is not None and not (isinstance(images, list) and all(is_image_path(i, settings) for i in images)):
            problems.append(f"{key}: every image must be {settings.images_dir}/<post>/<file name>")
    stale = state.get("stale")
    if stale is not None and not (isinstance(stale, list) and all(
            is_post_path(p, settings) or is_image_path(p, settings) for p in stale)):
        problems.append(f"stale: every path must be a post in {settings.posts_dir}/ or an image in "
                        f"{settings.images_dir}/")
    problems += [f"{key}: {value!r} is not a git commit sha" for key, value in
                 (("commit", state.get("commit")), ("remote.commit", remote.get("commit")),
                  ("pushed_commit", state.get("pushed_commit"))) if value is not None and not is_sha(value)]
    if state.get("post_sha") is not None and not _is_hex64(state.get("post_sha")):
        problems.append("post_sha: is not a sha256 (64 hex digits)")
    return problems + intent_problems(state.get("push_intent"))


def _is_hex64(value: Any) -> bool:
    return isinstance(value, str) and bool(re.fullmatch(r"[0-9a-f]{64}", value))


def _path_problems(key: str, value: Any, settings: BlogSettings) -> list[str]:
    if value is None or is_post_path(value, settings):
        return []
    return [f"{key}: {value!r} is not a post of the site ({settings.posts_dir}/<name>.md); the blog touches "
            f"only {settings.posts_dir}/ and {settings.images_dir}/"]


def intent_problems(intent: Any) -> list[str]:
    """An open push intent: the commit about to be pushed, to which remote and branch."""
    if intent is None:
        return []
    if not (isinstance(intent, dict) and is_sha(intent.get("commit")) and is_ref_name(intent.get("remote"))
            and is_ref_name(intent.get("branch"))):
        return ["push_intent: must be {commit: <sha>, remote: <name>, branch: <name>}"]
    return []
