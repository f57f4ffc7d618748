"""A tiny channel for the core's tests: renders the issue's plain text, exports it to export/probe/.

Tests register it with ``monkeypatch.setitem(ADAPTERS, "probe", "probe_adapter")`` (after putting this folder on
sys.path), so core behaviour is tested without depending on any real channel being complete.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from leotalk_publish import model as m
from leotalk_publish.channel import PushContext, PushResult, Rendition
from leotalk_publish.errors import Problem
from leotalk_publish.ledger import ChannelState
from leotalk_publish.project import Project


class ProbeAdapter:
    name = "probe"

    def load_settings(self, project: Path, env: Mapping[str, str]) -> dict[str, Any]:
        return Project(project).read_channel_toml(self.name)

    def check(self, issue: m.Issue, settings: dict[str, Any]) -> list[Problem]:
        limit = settings.get("max_title")
        if limit and len(issue.meta.title) > limit:
            return [Problem(f"{issue.issue_id}:title", f"title longer than {limit} characters", "shorten it")]
        return []

    def render(self, issue: m.Issue, settings: dict[str, Any]) -> Rendition:
        _crash(settings, "render")
        lines = [issue.meta.title_for(self.name)]
        lines += [m.plain_text(b.children) for b in m.document_blocks(issue.document) if hasattr(b, "children")]
        return Rendition(self.name, issue.issue_id, {"post.txt": "\n".join(lines) + "\n"},
                         assets=tuple(issue.assets.values()))

    def push_mode(self, settings: dict[str, Any], export: bool) -> str:
        return "export"

    def plan(self, rendition: Rendition, state: ChannelState, settings: dict[str, Any], export: bool) -> list[str]:
        return [f"write export/probe/{rendition.issue_id}.txt"]

    def push(self, rendition: Rendition, settings: dict[str, Any], ctx: PushContext) -> PushResult:
        _crash(settings, "push")
        target = ctx.project / "export" / "probe" / f"{rendition.issue_id}.txt"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(rendition.documents["post.txt"], encoding="utf-8")
        ctx.report(f"wrote {target.name}")
        return PushResult("export", str(target.relative_to(ctx.project)))


def _crash(settings: dict[str, Any], step: str) -> None:
    """``crash = "push"`` in channels/probe.toml: a bug at that step, its message holding ``crash_text``."""
    if settings.get("crash") == step:
        raise RuntimeError(f"probe broke in {step}: {settings.get('crash_text', '')}")


ADAPTER = ProbeAdapter()
