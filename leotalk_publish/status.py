"""What ``leotalk status`` says: per issue and channel, what the ledger records, and what is not out yet.

Reads the ledger and fingerprints the draft folders (``fingerprint.py``); it parses no Markdown and opens no
image, so it answers at once for any number of issues.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from leotalk_publish.errors import InputError, LedgerError
from leotalk_publish.fingerprint import draft_fingerprint
from leotalk_publish.ledger import Ledger
from leotalk_publish.project import Project


@dataclass(frozen=True)
class ChannelStatus:
    channel: str
    mode: str
    where: str
    pushed_at: str  # "" when the push did not finish
    changed: bool | None  # the draft changed since this push; None when the ledger predates fingerprints

    def line(self, issue: str) -> str:
        text = f"{issue} {self.channel}: {self.mode} → {self.where} ({self.pushed_at or 'not finished'})"
        if self.changed:
            text += f"; the draft changed since this push: run publish {issue} --dry-run"
        return text


@dataclass(frozen=True)
class IssueStatus:
    issue: str
    has_draft: bool
    channels: tuple[ChannelStatus, ...] = field(default_factory=tuple)

    def lines(self) -> list[str]:
        if not self.channels:
            return [f"{self.issue}: never published"]
        head = [] if self.has_draft else [f"{self.issue}: its draft folder is gone; the ledger still says:"]
        return head + [c.line(self.issue) for c in self.channels]

    def as_json(self) -> dict[str, Any]:
        return {"draft": self.has_draft, "never_pushed": not self.channels,
                "channels": {c.channel: {"mode": c.mode, "where": c.where, "pushed_at": c.pushed_at or None,
                                         "changed_since_push": c.changed} for c in self.channels}}


def issue_status(project: Project, issue: str) -> IssueStatus:
    folder = project.drafts / issue
    fingerprint = draft_fingerprint(folder)
    channels = Ledger(project.ledger, issue).data["channels"]
    return IssueStatus(issue, (folder / "index.md").is_file(), tuple(
        _channel_status(name, state, fingerprint) for name, state in sorted(channels.items()) if state))


def _channel_status(name: str, state: dict[str, Any], fingerprint: str) -> ChannelStatus:
    recorded = state.get("draft_hash")
    changed = None if not (recorded and fingerprint) else recorded != fingerprint  # no draft: nothing to compare
    return ChannelStatus(name, state.get("mode", "?"), state.get("where", "?"), state.get("pushed_at", ""), changed)


def issue_ids(drafts: Path) -> list[str]:
    """The drafts' ids (as ``load.list_issue_ids``, without importing the loader and its parser)."""
    if not drafts.is_dir():
        return []
    return sorted(p.name for p in drafts.iterdir() if (p / "index.md").is_file())


def statuses(project: Project, issue: str | None) -> list[IssueStatus]:
    """One issue (an error naming the folder when neither its draft nor its ledger exists), or all of them."""
    if project.ledger.exists() and not project.ledger.is_dir():
        raise LedgerError("ledger: is a file where the project keeps its ledger folder, so nothing can be said of "
                          "what was published; move it aside (mv ledger ledger.broken) and run again")
    if issue is None:
        recorded = {p.stem for p in project.ledger.glob("*.json")} if project.ledger.is_dir() else set()
        return [issue_status(project, i) for i in sorted(set(issue_ids(project.drafts)) | recorded)]
    if not (project.drafts / issue / "index.md").is_file() and not (project.ledger / f"{issue}.json").is_file():
        known = ", ".join(issue_ids(project.drafts)) or "none"
        raise InputError(f"no issue '{issue}' in drafts/ (no {issue}/index.md there and no ledger entry); "
                         f"known issues: {known}")
    return [issue_status(project, issue)]
