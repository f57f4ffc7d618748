"""The blog channel: an al-folio Jekyll post plus its images, written into the site checkout and, when the
site is a git repository with a remote, committed and pushed. ``ADAPTER`` is what the registry loads.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from leotalk_publish.channel import PushContext, PushResult, Rendition
from leotalk_publish.errors import Problem
from leotalk_publish.ledger import ChannelState
from leotalk_publish.model import Issue

from . import check as checks
from . import push as pushing
from . import render as rendering
from . import settings as config
from .settings import BlogSettings


class BlogAdapter:
    name = "blog"
    from .describe import describe, preview  # leotalk channels / leotalk preview (describe.py)

    def load_settings(self, project: Path, env: Mapping[str, str]) -> BlogSettings:
        return config.load_settings(project, env)

    def check(self, issue: Issue, settings: BlogSettings) -> list[Problem]:
        return checks.check(issue, settings)

    def render(self, issue: Issue, settings: BlogSettings) -> Rendition:
        return rendering.render(issue, settings)

    def push_mode(self, settings: BlogSettings, export: bool) -> str:
        return pushing.push_mode(settings, export)

    def plan(self, rendition: Rendition, state: ChannelState, settings: BlogSettings, export: bool) -> list[str]:
        return plan_actions(rendition, state, settings, export=export)

    def push(self, rendition: Rendition, settings: BlogSettings, ctx: PushContext) -> PushResult:
        return pushing.push(rendition, settings, ctx)


def plan_actions(rendition: Rendition, state: ChannelState, settings: BlogSettings, export: bool) -> list[str]:
    """The push in words: which files change in the site, and whether git commits and pushes them."""
    site = settings.site
    files = pushing.site_files(rendition)
    changed = [rel for rel, data in files.items() if not _same(site / rel, data)]
    actions = [f"write {rel} in {site}" for rel in changed] or [f"files in {site} already match this version"]
    if old := pushing.stale_post(rendition, state):
        actions.append(f"remove the earlier post {old}")
    if pushing.push_mode(settings, export) == "git":
        actions.append(f"commit in the site repository and push to {settings.remote}")
    actions.append(f"post address: {pushing.site_url(rendition, settings)}")
    return actions


def _same(path: Path, data: bytes) -> bool:
    return path.is_file() and path.read_bytes() == data


ADAPTER = BlogAdapter()
