"""The Substack channel: the canonical issue as a Substack draft, updated in place, published or scheduled
on request (``ADAPTER`` is what the registry in ``leotalk_publish.adapters`` loads). This module only wires
the roles, one module each (settings, check, render, plan, push, export, client, errors; see
docs/adding-a-channel.md); httpx is imported only when a push or a look needs it.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from leotalk_publish.adapters.substack import check as checks
from leotalk_publish.adapters.substack import plan as planning
from leotalk_publish.adapters.substack import render as rendering
from leotalk_publish.adapters.substack.describe import describe as describe_channel
from leotalk_publish.adapters.substack.describe import preview as preview_rendition
from leotalk_publish.adapters.substack.render import SubstackPayload, SubstackRendition
from leotalk_publish.adapters.substack.settings import SubstackSettings, load_settings
from leotalk_publish.channel import Adapter, LedgerChecker, Observer, PushContext, PushResult
from leotalk_publish.errors import Problem
from leotalk_publish.frontmatter import ChannelOverride
from leotalk_publish.ledger import ChannelState
from leotalk_publish.model import Issue

if TYPE_CHECKING:
    from leotalk_publish.adapters.substack.observe import Remote, SubstackObservation


class SubstackAdapter:
    name = "substack"
    overrides_model = ChannelOverride  # its front matter block (`substack:`): the shared override fields
    describe = describe_channel  # leotalk channels (describe.py)
    preview = preview_rendition  # leotalk preview (describe.py)

    def load_settings(self, project: Path, env: Mapping[str, str]) -> SubstackSettings:
        return load_settings(project, env)

    def check(self, issue: Issue, settings: SubstackSettings) -> list[Problem]:
        return checks.check(issue, settings)

    def render(self, issue: Issue, settings: SubstackSettings) -> SubstackRendition:
        return rendering.render(issue, settings)

    def push_mode(self, settings: SubstackSettings, export: bool) -> str:
        return planning.push_mode(settings, export)

    def check_ledger(self, state: ChannelState, settings: SubstackSettings) -> list[str]:
        from leotalk_publish.adapters.substack.ledger_check import ledger_problems
        return ledger_problems(state)

    def plan(self, rendition: SubstackRendition, state: ChannelState, settings: SubstackSettings,
             export: bool) -> list[str]:
        return planning.plan(rendition, state, settings, export)

    def observe(self, rendition: SubstackRendition, settings: SubstackSettings,
                ctx: PushContext) -> SubstackObservation:
        from leotalk_publish.adapters.substack.observe import observe, with_section  # httpx, only when looking
        from leotalk_publish.adapters.substack.push import client_for
        with client_for(settings, ctx) as client:
            seen = with_section(observe(client, rendition, ctx), client, settings, ctx)
        for line in seen.seen:  # a push shows what it saw as it goes (a dry run prints them in its plan)
            ctx.report(f"seen: {line}")
        return seen

    def push(self, rendition: SubstackRendition, settings: SubstackSettings, ctx: PushContext) -> PushResult:
        if planning.push_mode(settings, ctx.export) == "export":
            from leotalk_publish.adapters.substack.export import export_files
            return export_files(rendition, ctx)
        from leotalk_publish.adapters.substack import push as pushing  # httpx, only when pushing
        return pushing.push(rendition, settings, ctx)


ADAPTER = SubstackAdapter()

if TYPE_CHECKING:  # mypy --strict checks the adapter against the contract in channel.py, method by method
    _adapter: Adapter[SubstackSettings, SubstackPayload] = ADAPTER
    _observer: Observer[SubstackSettings, SubstackPayload, Remote] = ADAPTER
    _ledger: LedgerChecker[SubstackSettings] = ADAPTER
