"""Which issues are due: decided from front matter and ledgers alone."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

from leotalk_publish.project import Project
from leotalk_publish.release import find_due, released_channels

NOW = datetime.fromisoformat("2025-10-06T08:30:00+08:00")
ALL = ["blog", "substack", "wechat"]


def draft(project: Path, issue: str, date: str, channels: str = "") -> None:
    folder = project / "drafts" / issue
    folder.mkdir(parents=True)
    extra = f"channels: [{channels}]\n" if channels else ""
    (folder / "index.md").write_text(f"---\ntitle: {issue}\ndate: {date}\n{extra}---\n正文\n", encoding="utf-8")


def ledger(project: Path, issue: str, channels: dict[str, str]) -> None:
    (project / "ledger").mkdir(exist_ok=True)
    data = {"channels": {name: {"content_hash": "abc", "mode": mode} for name, mode in channels.items()}}
    (project / "ledger" / f"{issue}.json").write_text(json.dumps(data), encoding="utf-8")


def test_due_are_past_and_present_issues_with_channels_left(tmp_path):
    draft(tmp_path, "issue-1", "2025-09-22T08:00:00+08:00")
    draft(tmp_path, "issue-2", "2025-09-29T08:00:00+08:00")
    draft(tmp_path, "issue-3", "2025-10-06T08:00:00+08:00", channels="blog, wechat")
    draft(tmp_path, "issue-4", "2025-10-13T08:00:00+08:00")
    ledger(tmp_path, "issue-1", {"blog": "git", "substack": "api", "wechat": "api"})
    ledger(tmp_path, "issue-2", {"blog": "git", "substack": "export"})
    due, broken = find_due(Project(tmp_path), NOW, ALL)
    assert [(d.issue_id, d.channels) for d in due] == [
        ("issue-2", ("substack", "wechat")),  # an export alone is not a release
        ("issue-3", ("blog", "wechat")),  # its own channel list
    ]
    assert broken == []


def test_an_issue_dated_exactly_now_is_due_and_one_second_later_is_not(tmp_path):
    draft(tmp_path, "issue-9", "2025-10-06T08:30:00+08:00")
    draft(tmp_path, "issue-10", "2025-10-06T08:30:01+08:00")
    due, _ = find_due(Project(tmp_path), NOW, ["blog"])
    assert [d.issue_id for d in due] == ["issue-9"]


def test_offsets_are_compared_as_instants(tmp_path):
    draft(tmp_path, "issue-5", "2025-10-06T00:29:00+00:00")  # 08:29 in +08:00: due
    draft(tmp_path, "issue-6", "2025-10-05T20:31:00-04:00")  # 08:31 in +08:00: not yet
    due, _ = find_due(Project(tmp_path), NOW, ["blog"])
    assert [d.issue_id for d in due] == ["issue-5"]


def test_a_broken_draft_is_reported_not_skipped(tmp_path):
    draft(tmp_path, "issue-1", "2025-09-22")  # no offset
    due, broken = find_due(Project(tmp_path), NOW, ALL)
    assert due == [] and broken == ["issue-1"]


def test_released_channels_of_a_missing_ledger_is_empty(tmp_path):
    assert released_channels(tmp_path / "none.json") == set()
