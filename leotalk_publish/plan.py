"""Plan: compare each rendition with what the ledger says was last pushed, and say what a push would do."""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from leotalk_publish.channel import Rendition


@dataclass(frozen=True)
class ChannelPlan:
    channel: str
    unchanged: bool
    actions: tuple[str, ...]
    diffs: Mapping[str, str] = field(default_factory=dict)  # document name → unified diff


def unified_diffs(channel: str, before: Mapping[str, str], after: Mapping[str, str]) -> dict[str, str]:
    """Per document, a unified diff from the last snapshot (the whole text for a first publish)."""
    diffs: dict[str, str] = {}
    for name in sorted(set(before) | set(after)):
        old, new = before.get(name, ""), after.get(name, "")
        if old == new:
            continue
        lines = difflib.unified_diff(
            old.splitlines(keepends=True), new.splitlines(keepends=True),
            fromfile=f"{channel}/{name} (last pushed)" if name in before else "/dev/null",
            tofile=f"{channel}/{name} (now)")
        diffs[name] = "".join(line if line.endswith("\n") else line + "\n" for line in lines)
    return diffs


def plan_channel(rendition: Rendition[Any], last_hash: str | None, snapshot: Mapping[str, str],
                 actions: list[str]) -> ChannelPlan:
    unchanged = last_hash == rendition.content_hash
    if unchanged:
        return ChannelPlan(rendition.channel, True, ("nothing to do: unchanged since the last push",))
    return ChannelPlan(rendition.channel, False, tuple(actions),
                       unified_diffs(rendition.channel, snapshot, rendition.documents))
