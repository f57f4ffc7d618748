"""Scheduled release: which issues are due, and on which channels they still have to go out.

Deciding reads only each draft's front matter and its ledger file (no Markdown, no images, no adapter),
so an archive of a thousand issues is decided in a fraction of a second.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from leotalk_publish.frontmatter import IssueMeta, parse_front_matter, split_front_matter
from leotalk_publish.load import list_issue_ids
from leotalk_publish.project import Project


@dataclass(frozen=True)
class DueIssue:
    issue_id: str
    date: datetime
    channels: tuple[str, ...]  # the channels it has not yet been released on


def released_channels(ledger_file: Path) -> set[str]:
    """Channels whose last finished push reached the platform (an export alone is not a release)."""
    if not ledger_file.is_file():
        return set()
    try:
        channels = json.loads(ledger_file.read_text(encoding="utf-8")).get("channels", {})
    except (OSError, ValueError, AttributeError, RecursionError):
        return set()  # publishing it reports the broken ledger clearly, before anything is pushed
    return {name for name, state in channels.items()
            if state.get("content_hash") and state.get("mode") not in (None, "export")}


def read_metas(project: Project) -> Iterator[tuple[str, IssueMeta | None]]:
    """Each draft's id with its front matter (None when it cannot be read)."""
    for issue_id in list_issue_ids(project.drafts):
        index = project.drafts / issue_id / "index.md"
        try:
            text = index.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            yield issue_id, None
            continue
        meta, _ = parse_front_matter(split_front_matter(text)[0], str(index))
        yield issue_id, meta


def find_due(project: Project, now: datetime, default_channels: list[str]) -> tuple[list[DueIssue], list[str]]:
    """Drafts dated at or before ``now`` with channels still to release (oldest first), and broken drafts."""
    due: list[DueIssue] = []
    broken: list[str] = []
    for issue_id, meta in read_metas(project):
        if meta is None:
            broken.append(issue_id)  # a release must not pass over a broken draft in silence
            continue
        if meta.date > now:
            continue
        done = released_channels(project.ledger / f"{issue_id}.json")
        pending = tuple(c for c in (meta.channels or default_channels) if c not in done)
        if pending:
            due.append(DueIssue(issue_id, meta.date, pending))
    return sorted(due, key=lambda d: (d.date, d.issue_id)), broken
