"""The blog channel: an al-folio Jekyll post plus its images, written into the site checkout and, when the
site is a git repository with a remote, committed and pushed (``--export``: to ``export/blog/<issue>/``).
``ADAPTER`` is what the registry loads; this module only wires the roles, one module each (settings, check,
render, plan, push, export, client, errors; see docs/adding-a-channel.md).
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from leotalk_publish.channel import Adapter, LedgerChecker, Observer, PushContext, PushResult
from leotalk_publish.errors import Problem
from leotalk_publish.frontmatter import ChannelOverride
from leotalk_publish.ledger import ChannelState
from leotalk_publish.model import Issue

from . import check as checks
from . import export as exporting
from . import ledger_check
from . import observe as observing
from . import plan as planning
from . import push as pushing
from . import render as rendering
from . import settings as config
from .describe import describe as describe_channel
from .describe import preview as preview_rendition
from .observe import BlogObservation, HandEdit
from .render import BlogPayload, BlogRendition
from .settings import BlogSettings

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

    def render(self, issue: Issue, settings: BlogSettings) -> BlogRendition:
        return rendering.render(issue, settings)

    def push_mode(self, settings: BlogSettings, export: bool) -> str:
        return planning.push_mode(settings, export)

    def check_ledger(self, state: ChannelState, settings: BlogSettings) -> list[str]:
        return ledger_check.ledger_problems(state, settings)

    def observe(self, rendition: BlogRendition, settings: BlogSettings, ctx: PushContext) -> BlogObservation:
        return observing.observe(rendition, settings, ctx)

    def plan(self, rendition: BlogRendition, state: ChannelState, settings: BlogSettings, export: bool) -> list[str]:
        return planning.plan(rendition, state, settings, export)

    def push(self, rendition: BlogRendition, settings: BlogSettings, ctx: PushContext) -> PushResult:
        if ctx.export:
            return exporting.export_files(rendition, ctx)
        return pushing.push(rendition, settings, ctx)

    def import_post(self, post: Path, drafts: Path, issue_id: str, *, force: bool = False) -> ImportResult:
        """`leotalk import`: an al-folio post back into a canonical draft (found through the registry)."""
        from .importer import import_post
        return import_post(post, drafts, issue_id, force=force)


ADAPTER = BlogAdapter()

if TYPE_CHECKING:  # mypy --strict checks the adapter against the contract in channel.py, method by method
    _adapter: Adapter[BlogSettings, BlogPayload] = ADAPTER
    _observer: Observer[BlogSettings, BlogPayload, HandEdit | None] = ADAPTER
    _ledger: LedgerChecker[BlogSettings] = ADAPTER
