"""The ledger is input: the blog's records a ledger may hold, checked before the run trusts them.

Every path the blog would touch must be one of its own files (``owned``: a post in ``_posts/``, an image in
its folder), every commit a git sha, every remote and branch a plain name. ``pipeline.check_ledger`` turns
what this returns into one ``LedgerError`` naming the file and how to recover.
"""

from __future__ import annotations

import re
from typing import Any

from leotalk_publish.ledger import ChannelState

from .owned import is_image_path, is_post_path, is_ref_name, is_sha
from .settings import BlogSettings


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
