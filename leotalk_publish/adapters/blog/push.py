"""Push a blog rendition: write the post and its images into the site checkout, then (git mode) commit
and push them (``--export`` is ``export.py``: ``export/blog/<issue>/``, the site left alone).

One commit per issue version: the files are written first, and only a difference from the site's HEAD
is committed, so a run that died after its commit (before the ledger heard of it) only redoes the push.
A failed commit leaves nothing staged. Every write is atomic; every path read from the ledger is one of
the blog's own files (``owned``). The git steps run under the site's lock (``site_lock``); the push is
written to the ledger as an intent first and resolved against the remote by the next run (``git_push``).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import UTC, datetime, tzinfo
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import yaml

from leotalk_publish.channel import PushContext, PushResult
from leotalk_publish.errors import ChannelError
from leotalk_publish.fingerprint import file_sha256
from leotalk_publish.ledger import ChannelState, atomic_copy, atomic_write
from leotalk_publish.model import Asset

from .client import open_repo
from .errors import OutsideSite
from .git_push import commit_and_push
from .owned import is_image_path, is_post_path, owned_path
from .paths import post_url
from .render import BlogRendition
from .settings import BlogSettings
from .site_lock import recover_index_lock, site_locked


def push(rendition: BlogRendition, settings: BlogSettings, ctx: PushContext) -> PushResult:
    """Into the site: written (no repository with a remote), or written, committed and pushed (git)."""
    repo = open_repo(settings.site, settings.remote)
    if repo is None:
        changes = write_site(rendition, settings, ctx)
        ctx.state.record(stale=None)
        return PushResult("site", str(Path(ctx.shown(settings.site)) / rendition.payload.post),
                          changes.notes, _facts(rendition, settings, ctx), published=False)
    for line in ctx.observation.seen:
        ctx.report(f"seen: {line}")
    with site_locked(repo.git_dir(), ctx.report):
        recover_index_lock(repo.git_dir(), repo.root, ctx.report)
        changes = write_site(rendition, settings, ctx)
        commit = commit_and_push(repo, changes.paths, rendition, settings, ctx)
    facts = {**_facts(rendition, settings, ctx), "commit": commit}
    return PushResult("git", facts["url"] or commit, changes.notes, facts, published=True)


def _facts(rendition: BlogRendition, settings: BlogSettings, ctx: PushContext) -> dict[str, Any]:
    return {"site": ctx.shown(settings.site), "post": rendition.payload.post,
            "images": sorted(rendition.payload.images.values()), "url": site_url(rendition, settings)}


# ── files ───────────────────────────────────────────────────────────────────────────────────────────
SiteFile = bytes | Asset  # the post's text, or an image: copied from the draft, compared by its hash


def site_files(rendition: BlogRendition) -> dict[str, SiteFile]:
    """Every file the rendition puts on the site, by path relative to the site root (images are not read:
    the loaded asset's hash and size say what they hold)."""
    files: dict[str, SiteFile] = {rendition.payload.post: rendition.documents["post.md"].encode("utf-8")}
    for asset in rendition.assets:
        files[rendition.payload.images[asset.src]] = asset
    return files


def same_content(path: Path, item: SiteFile) -> bool:
    """Whether ``path`` already holds ``item`` (an image is hashed a chunk at a time, after a size check)."""
    if not path.is_file():
        return False
    if isinstance(item, bytes):
        return path.read_bytes() == item
    return path.stat().st_size == item.size and file_sha256(path) == item.sha256


def stale_files(rendition: BlogRendition, state: ChannelState, settings: BlogSettings) -> list[str]:
    """The blog's own files an earlier push wrote that this version no longer has (the date or slug changed,
    an image left the issue), plus removals not yet committed. Only paths in ``_posts/`` and the images
    folder are ever listed, whatever the ledger says."""
    before = [state.get("post") or (state.get("remote") or {}).get("post"),
              *(state.get("images") or (state.get("remote") or {}).get("images") or []),
              *(state.get("stale") or [])]
    now = set(site_files(rendition))
    owned = [p for p in before if is_post_path(p, settings) or is_image_path(p, settings)]
    return sorted({p for p in owned if p not in now})


def stale_post(rendition: BlogRendition, state: ChannelState, settings: BlogSettings) -> str | None:
    """The post file an earlier push wrote under another name (the date or slug changed since)."""
    return next((p for p in stale_files(rendition, state, settings) if is_post_path(p, settings)), None)


def moved_address(rendition: BlogRendition, state: ChannelState, settings: BlogSettings) -> str:
    """The warning for readers' links when the post's address changes ("" when it does not)."""
    old, new = state.get("site_url") or (state.get("remote") or {}).get("url"), site_url(rendition, settings)
    if not stale_post(rendition, state, settings) or not old or old == new:
        return ""
    return (f"the post's address changed: {old} no longer works, the post is now at {new} "
            "(links readers already have break; add a redirect on the site if they matter)")


@dataclass
class SiteChanges:
    paths: list[str]  # every path written or removed, relative to the site (what the commit must hold)
    notes: tuple[str, ...] = field(default_factory=tuple)


def write_site(rendition: BlogRendition, settings: BlogSettings, ctx: PushContext) -> SiteChanges:
    """Write what differs (atomically), remove the stale files; the ledger hears of both at once."""
    site, state = settings.site, ctx.state
    stale, note = stale_files(rendition, state, settings), moved_address(rendition, state, settings)
    files = site_files(rendition)
    written = [rel for rel, data in files.items() if write_if_changed(_owned(site, rel, settings), data)]
    state.record(stale=stale or None)  # removals are committed later: remembered until then
    removed = remove_stale(site, stale, settings)
    images = sorted(rendition.payload.images.values())
    state.record(post=rendition.payload.post, images=images or None,
                 post_sha=normalised_sha(rendition.documents["post.md"]), site_url=site_url(rendition, settings))
    touched = written + removed
    ctx.report(f"wrote {len(written)} and removed {len(removed)} file(s) in {site}" if touched
               else f"files in {site} already up to date")
    return SiteChanges(sorted(set(files) | set(stale)), (note,) if note else ())


def _owned(site: Path, rel: str, settings: BlogSettings) -> Path:
    path = owned_path(site, rel, settings)
    if path is None:
        raise OutsideSite(f"{rel} is outside {settings.posts_dir}/ and {settings.images_dir}/ of the site; "
                           "the blog writes nowhere else")
    return path


def remove_stale(site: Path, stale: list[str], settings: BlogSettings) -> list[str]:
    """Remove each stale file (only the blog's own), then its image folder when nothing else is left in it."""
    removed = []
    for rel in stale:
        path = owned_path(site, rel, settings)
        if path is not None and path.is_file():
            path.unlink()
            removed.append(rel)
    for folder in {(site / rel).parent for rel in stale if is_image_path(rel, settings)}:
        if folder.is_dir() and not any(folder.iterdir()):
            folder.rmdir()
    return removed


def write_if_changed(path: Path, item: SiteFile) -> bool:
    """Write the post's text or copy an image (atomically, a chunk at a time) unless the file already holds
    it; True when it was written."""
    if same_content(path, item):
        return False
    if isinstance(item, bytes):
        atomic_write(path, item)
    elif atomic_copy(item.path, path) != item.sha256:
        raise ChannelError(f"{item.src} changed while this run was going on (after it was checked); run "
                           "again to publish the new version")
    return True


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def normalise(text: str) -> str:
    """A post as a reader sees it: line endings, trailing spaces (two or more are a line break, fewer are
    nothing) and blank lines at the end do not count."""
    lines = []
    for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        bare = line.rstrip(" \t")
        lines.append(bare + "  " if len(line) - len(bare) >= 2 and line.endswith("  ") else bare)
    return "\n".join(lines).rstrip("\n") + "\n"


def normalised_sha(text: str) -> str:
    return _sha(normalise(text).encode("utf-8"))


# ── where readers find it ───────────────────────────────────────────────────────────────────────────
def site_url(rendition: BlogRendition, settings: BlogSettings) -> str:
    date = datetime.fromisoformat(rendition.payload.date)
    return post_url(date, rendition.payload.slug, settings, site_zone(settings.site))


def site_config(site: Path) -> dict[str, Any]:
    """The site's ``_config.yml`` as a mapping ({} when absent or unreadable)."""
    path = site / "_config.yml"
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) if path.is_file() else {}
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return {}
    return data if isinstance(data, dict) else {}


def site_zone(site: Path) -> tzinfo:
    """The zone Jekyll dates posts in: the config's ``timezone``, else UTC (what CI builders run in)."""
    name = site_config(site).get("timezone")
    try:
        return ZoneInfo(str(name)) if name else UTC
    except (ZoneInfoNotFoundError, ValueError):
        return UTC
