"""The Substack channel: the canonical issue as a Substack draft, updated in place, published or scheduled
on request (``ADAPTER`` is what the registry in ``leotalk_publish.adapters`` loads)."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from leotalk_publish.adapters.substack import check as checks
from leotalk_publish.adapters.substack import render as rendering
from leotalk_publish.adapters.substack.describe import describe as describe_channel
from leotalk_publish.adapters.substack.describe import preview as preview_rendition
from leotalk_publish.adapters.substack.settings import SubstackSettings, load_settings, push_mode
from leotalk_publish.adapters.substack.uploads import new_uploads, registry_at
from leotalk_publish.channel import Observation, PushContext, PushResult, Rendition
from leotalk_publish.errors import Problem
from leotalk_publish.frontmatter import ChannelOverride
from leotalk_publish.ledger import ChannelState
from leotalk_publish.model import Issue


class SubstackAdapter:
    name = "substack"
    overrides_model = ChannelOverride  # its front matter block (`substack:`): the shared override fields
    describe = describe_channel  # leotalk channels (describe.py)
    preview = preview_rendition  # leotalk preview (describe.py)

    def load_settings(self, project: Path, env: Mapping[str, str]) -> SubstackSettings:
        return load_settings(project, env)

    def check(self, issue: Issue, settings: SubstackSettings) -> list[Problem]:
        return checks.check(issue, settings)

    def render(self, issue: Issue, settings: SubstackSettings) -> Rendition:
        return rendering.render(issue, settings)

    def push_mode(self, settings: SubstackSettings, export: bool) -> str:
        return push_mode(settings, export)

    def check_ledger(self, state: ChannelState, settings: SubstackSettings) -> list[str]:
        from leotalk_publish.adapters.substack.ledger_check import ledger_problems
        return ledger_problems(state)

    def plan(self, rendition: Rendition, state: ChannelState, settings: SubstackSettings,
             export: bool) -> list[str]:
        folder = f"export/substack/{rendition.issue_id}/"
        if self.push_mode(settings, export) == "export":
            why = "--export" if settings.has_cookie else "SUBSTACK_COOKIE is not set"
            return [f"write {folder}post.html and draft_body.json with {len(rendition.assets)} image(s) ({why})"]
        draft_id = state.get("draft_id")
        fresh = new_uploads(rendition.assets, state, registry_at(state.ledger.root, settings))
        return [
            f"upload {fresh} image(s) ({len(rendition.assets) - fresh} already on Substack)",
            f"update draft {draft_id}" if draft_id is not None
            else f"create a draft (or adopt the draft or post with the slug '{rendition.payload['draft']['slug']}' "
                 "found on Substack)",
            _act_plan(settings, rendition),
        ]

    def observe(self, rendition: Rendition, settings: SubstackSettings, ctx: PushContext) -> Observation:
        from leotalk_publish.adapters.substack.observe import observe  # httpx, only when looking
        from leotalk_publish.adapters.substack.push import client_for
        with client_for(settings, ctx) as client:
            seen = observe(client, rendition, ctx)
        for line in seen.seen:  # a push shows what it saw as it goes (a dry run prints them in its plan)
            ctx.report(f"seen: {line}")
        return seen

    def push(self, rendition: Rendition, settings: SubstackSettings, ctx: PushContext) -> PushResult:
        from leotalk_publish.adapters.substack import push as pushing  # httpx, only when pushing
        return pushing.push(rendition, settings, ctx)


def _act_plan(settings: SubstackSettings, rendition: Rendition) -> str:
    email = "email subscribers" if settings.send_email else "email nobody"
    if settings.act == "publish":
        return f"publish it ({email})"
    if settings.act == "schedule":
        return f"schedule it for {rendition.payload['draft']['scheduled_release']} ({email})"
    return "leave it as a draft (publish = false); email nobody"


ADAPTER = SubstackAdapter()
