"""Push a blog rendition: write the post and its images into the site checkout, then (git mode) commit
and push them.

One commit per issue version: the files are written first, and only a difference from the site's HEAD
is committed, so a run that died after its commit (before the ledger heard of it) only redoes the push.
A failed commit leaves nothing staged. Every write is atomic.
"""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime, tzinfo
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import yaml

from leotalk_publish.channel import PushContext, PushResult, Rendition
from leotalk_publish.errors import ChannelError
from leotalk_publish.ledger import ChannelState, atomic_write

from .paths import post_url
from .settings import BlogSettings
from .site_git import SiteRepo, open_repo


def push_mode(settings: BlogSettings, export: bool) -> str:
    """"git" when the site folder is a repository with the remote configured (and not --export), else "export"."""
    if export or open_repo(settings.site, settings.remote) is None:
        return "export"
    return "git"


def push(rendition: Rendition, settings: BlogSettings, ctx: PushContext) -> PushResult:
    site = settings.site
    repo = None if ctx.export else open_repo(site, settings.remote)
    changed = write_site(rendition, site, ctx.state)
    ctx.report(f"wrote {len(changed)} file(s) into {site}" if changed else f"files in {site} already up to date")
    remote: dict[str, Any] = {"site": ctx.shown(site), "post": rendition.payload["post"],
                              "images": sorted(rendition.payload["images"].values()),
                              "url": site_url(rendition, settings)}
    if repo is None:
        where = str(Path(remote["site"]) / rendition.payload["post"])
        return PushResult("export", where, remote=remote, published=False)
    remote["commit"] = commit_and_push(repo, rendition, settings, ctx)
    return PushResult("git", remote["url"] or remote["commit"], remote=remote, published=True)


# ── files ───────────────────────────────────────────────────────────────────────────────────────────
def site_files(rendition: Rendition) -> dict[str, bytes]:
    """Every file the rendition puts on the site, by path relative to the site root."""
    files = {rendition.payload["post"]: rendition.documents["post.md"].encode("utf-8")}
    for asset in rendition.assets:
        files[rendition.payload["images"][asset.src]] = asset.read_bytes()
    return files


def stale_post(rendition: Rendition, state: ChannelState) -> str | None:
    """The post file an earlier push wrote under another name (the date or slug changed since)."""
    before = (state.get("remote") or {}).get("post") or state.get("post")
    return before if before and before != rendition.payload["post"] else None


def write_site(rendition: Rendition, site: Path, state: ChannelState) -> list[str]:
    """Write what differs (atomically) and remove a stale post; return the paths touched."""
    touched = [rel for rel, data in site_files(rendition).items() if _write_if_changed(site / rel, data)]
    old = stale_post(rendition, state)
    if old and (site / old).is_file():
        (site / old).unlink()
        touched.append(old)
    state.record(post=rendition.payload["post"])
    return touched


def _write_if_changed(path: Path, data: bytes) -> bool:
    if path.is_file() and _sha(path.read_bytes()) == _sha(data):
        return False
    atomic_write(path, data)
    return True


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


# ── git ─────────────────────────────────────────────────────────────────────────────────────────────
def commit_and_push(repo: SiteRepo, rendition: Rendition, settings: BlogSettings, ctx: PushContext) -> str:
    """Commit the rendition's files when they differ from HEAD, record the commit, then push."""
    site = settings.site.resolve()
    paths = [str((site / rel).relative_to(repo.root)) for rel in _git_paths(rendition, ctx.state)]
    paths = [p for p in paths if repo.known(p)]
    branch = repo.branch(settings.branch)
    sha = _commit(repo, paths, _message(rendition), settings.commit_author)
    if sha:
        ctx.state.record(commit=sha)
        ctx.report(f"committed {sha[:12]} in {repo.root}")
    else:
        sha = repo.head() or ""
        ctx.report("nothing new to commit (the post already equals this version)")
    repo.push(branch)
    ctx.report(f"pushed to {repo.remote}/{branch}")
    return sha


def _git_paths(rendition: Rendition, state: ChannelState) -> list[str]:
    old = stale_post(rendition, state)
    return [*site_files(rendition), *([old] if old else [])]


def _commit(repo: SiteRepo, paths: list[str], message: str, author: str) -> str | None:
    try:
        if not repo.stage(paths):
            return None
        return repo.commit(paths, message, author)
    except ChannelError:
        repo.unstage(paths)
        raise


def _message(rendition: Rendition) -> str:
    payload = rendition.payload
    return (f"Publish {rendition.issue_id}: {payload['title']}\n\n"
            f"Post {payload['post']} with {len(payload['images'])} image(s); "
            f"content {rendition.content_hash[:12]}.")


# ── where readers find it ───────────────────────────────────────────────────────────────────────────
def site_url(rendition: Rendition, settings: BlogSettings) -> str:
    date = datetime.fromisoformat(rendition.payload["date"])
    return post_url(date, rendition.payload["slug"], settings, site_zone(settings.site))


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
