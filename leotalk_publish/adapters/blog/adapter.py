"""The blog channel: an al-folio Jekyll post plus its images, written into the site checkout and, when the
site is a git repository with a remote, committed and pushed (``--export``: to ``export/blog/<issue>/``).
``ADAPTER`` is what the registry loads.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from leotalk_publish.channel import Observation, PushContext, PushResult, Rendition
from leotalk_publish.errors import Problem
from leotalk_publish.frontmatter import ChannelOverride
from leotalk_publish.ledger import ChannelState
from leotalk_publish.model import Issue

from . import check as checks
from . import observe as observing
from . import owned
from . import push as pushing
from . import render as rendering
from . import settings as config
from .describe import describe as describe_channel
from .describe import preview as preview_rendition
from .settings import BlogSettings
from .site_git import open_repo

if TYPE_CHECKING:
    from .importer import ImportResult


class BlogAdapter:
    name = "blog"
    overrides_model = ChannelOverride  # its front matter block (`blog:`): the shared override fields
    describe = describe_channel  # leotalk channels (describe.py)
    preview = preview_rendition  # leotalk preview (describe.py)

    def load_settings(self, project: Path, env: Mapping[str, str]) -> BlogSettings:
        return config.load_settings(project, env)

    def check(self, issue: Issue, settings: BlogSettings) -> list[Problem]:
        return checks.check(issue, settings)

    def render(self, issue: Issue, settings: BlogSettings) -> Rendition:
        return rendering.render(issue, settings)

    def push_mode(self, settings: BlogSettings, export: bool) -> str:
        return pushing.push_mode(settings, export)

    def check_ledger(self, state: ChannelState, settings: BlogSettings) -> list[str]:
        return owned.ledger_problems(state, settings)

    def observe(self, rendition: Rendition, settings: BlogSettings, ctx: PushContext) -> Observation:
        return observing.observe(rendition, settings, ctx)

    def plan(self, rendition: Rendition, state: ChannelState, settings: BlogSettings, export: bool) -> list[str]:
        return plan_actions(rendition, state, settings, export=export)

    def push(self, rendition: Rendition, settings: BlogSettings, ctx: PushContext) -> PushResult:
        return pushing.push(rendition, settings, ctx)

    def import_post(self, post: Path, drafts: Path, issue_id: str, *, force: bool = False) -> ImportResult:
        """`leotalk import`: an al-folio post back into a canonical draft (found through the registry)."""
        from .importer import import_post
        return import_post(post, drafts, issue_id, force=force)


def plan_actions(rendition: Rendition, state: ChannelState, settings: BlogSettings, export: bool) -> list[str]:
    """The push in words: which files change in the site, and whether git commits and pushes them."""
    if export:
        return [f"write the post and {len(rendition.assets)} image(s) to export/blog/{rendition.issue_id}/ "
                "(the site is left alone)"]
    site = settings.site
    files = pushing.site_files(rendition)
    changed = [rel for rel, item in files.items() if not pushing.same_content(site / rel, item)]
    actions = [f"write {rel} in {site}" for rel in changed] or [f"files in {site} already match this version"]
    actions += [f"remove the earlier {rel}" for rel in pushing.stale_files(rendition, state, settings)]
    if moved := pushing.moved_address(rendition, state, settings):
        actions.append(f"warning: {moved}")
    if repo := open_repo(site, settings.remote):
        actions.append(f"commit in the site repository and push to {repo.remote}")
    actions.append(f"post address: {pushing.site_url(rendition, settings)}")
    return actions


ADAPTER = BlogAdapter()
