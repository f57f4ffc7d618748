"""``publish --due --now T`` end to end, through the command line (in-process: the process itself is not what is
tested here), against the blog's bare remote and the loopback fakes of Substack and WeChat.

The drafts folder holds past, present and future issues, one of them already out on two of its channels:
exactly the due channels go out, once; a second ``--due`` writes nothing; an issue dated in the future is
refused without ``--force`` (a dry run is allowed); ``--summary-file`` names what went out.
"""

from __future__ import annotations

import json
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from leotalk_publish.adapters import ORDER
from tests.conftest import write_png
from tests.exactly_once.test_all_channels import World, commits, world
from tests.kit.cli import leotalk

NOW = "2025-10-06T08:30:00+08:00"
EARLIER = ("blog", "wechat")  # the channels issue-2 went out on before the run
ONLY = ("blog", "wechat")  # issue-3's own 'channels:' list
ISSUES = {  # id: (date, channels in the front matter)
    "issue-1": ("2025-09-22T08:00:00+08:00", ""),  # past, never published
    "issue-2": ("2025-09-29T08:00:00+08:00", ""),  # past, already out on the blog and WeChat
    "issue-3": (NOW, ", ".join(ONLY)),  # dated this very minute, two channels only
    "issue-4": ("2025-10-13T08:00:00+08:00", ""),  # next week
}


def write_issue(project: Path, issue: str, date: str, channels: str, color: str) -> None:
    folder = project / "drafts" / issue
    extra = f"channels: [{channels}]\n" if channels else ""
    front = f'---\ntitle: "发布测试 {issue}"\ndate: {date}\nslug: release-{issue}\n{extra}---\n'
    body = f"# {issue}\n\n第一段，{issue} 的正文。\n\n![图](images/a.png \"图注\")\n\n_Opinion：看法。_\n"
    folder.mkdir(parents=True)
    (folder / "index.md").write_text(front + body, encoding="utf-8")
    write_png(folder / "images" / "a.png", color=color)


def write_settings(project: Path, wechat_publish: bool = False) -> None:
    (project / "channels" / "substack.toml").write_text(
        'publication = "leotalk"\nrequests_per_second = 1000.0\nretry_initial_seconds = 0.01\n', encoding="utf-8")
    (project / "channels" / "wechat.toml").write_text(
        f"timeout_s = 10\npoll_interval_s = 0\npublish = {str(wechat_publish).lower()}\n", encoding="utf-8")


def cli(w: World, *args: str) -> subprocess.CompletedProcess[str]:
    """``publish …``, with the fakes' addresses and credentials in the environment."""
    return leotalk("publish", *args, "--project", str(w.project), env=w.env)


def writes(w: World) -> tuple[int, int, int]:
    """(WeChat writes, Substack writes, blog commits) so far."""
    return len(w.wechat.writes()), len(w.substack.writes()), commits(w.remote)


def titles(drafts: dict, key: str) -> list[str]:
    return sorted(str(d.get("article", d).get(key, "")) for d in drafts.values())


@pytest.fixture
def released(project: Path) -> Iterator[World]:
    """Four drafts; issue-2 already published on the blog and WeChat (by the CLI, so the ledger is real)."""
    for i, (issue, (date, channels)) in enumerate(ISSUES.items()):
        write_issue(project, issue, date, channels, ("#3366cc", "#cc6633", "#33cc66", "#999933")[i])
    write_settings(project)
    with world(project) as w:
        done = cli(w, "issue-2", "--channels", ",".join(EARLIER), "--now", NOW)
        assert done.returncode == 0, done.stdout + done.stderr
        yield w


def test_due_publishes_exactly_the_due_channels_once_then_nothing(released: World, tmp_path: Path) -> None:
    w, summary = released, tmp_path / "summary.txt"
    before = writes(w)
    first = cli(w, "--due", "--now", NOW, "--summary-file", str(summary))
    assert first.returncode == 0, first.stdout + first.stderr
    assert titles(w.wechat.drafts, "title") == [f"发布测试 issue-{n}" for n in (1, 2, 3)]
    assert titles(w.substack.drafts, "draft_title") == [f"发布测试 issue-{n}" for n in (1, 2)]
    assert commits(w.remote) == before[2] + 2  # issue-1 and issue-3
    assert w.substack.next_id - 1000 == 2 and w.wechat.calls.count("draft/add") == 3
    lines = dict(line.split(": ", 1) for line in summary.read_text(encoding="utf-8").splitlines())
    due = {"issue-1": set(ORDER), "issue-2": set(ORDER) - set(EARLIER), "issue-3": set(ONLY)}  # the registry's
    assert {k: set(v.split(", ")) for k, v in lines.items()} == due
    rest = ", ".join(n for n in ORDER if n not in EARLIER)
    assert f"issue-2 (dated 2025-09-29T08:00:00+08:00) is due on: {rest}\n" in first.stdout
    assert "issue-4" not in first.stdout
    assert "issue-2 substack: api → " in first.stdout  # several issues: each outcome names its issue

    after_first = writes(w)
    second = cli(w, "--due", "--now", NOW, "--summary-file", str(summary))
    assert second.returncode == 0, second.stdout + second.stderr
    assert "nothing is due" in second.stdout
    assert writes(w) == after_first
    assert len(summary.read_text(encoding="utf-8").splitlines()) == 3  # the second run added no line


def test_a_future_issue_is_refused_without_force_but_a_dry_run_is_allowed(released: World) -> None:
    w = released
    before = writes(w)
    refused = cli(w, "issue-4", "--now", NOW)
    assert refused.returncode == 2
    assert "issue-4 is dated 2025-10-13T08:00:00+08:00" in refused.stderr and "--force" in refused.stderr
    dry = cli(w, "issue-4", "--dry-run", "--now", NOW)
    assert dry.returncode == 0, dry.stdout + dry.stderr
    assert "dry run: nothing was written." in dry.stdout
    assert writes(w) == before
    assert not (w.project / "ledger" / "issue-4.json").exists()


def test_the_future_issue_goes_out_when_its_date_comes(released: World) -> None:
    w = released
    assert cli(w, "--due", "--now", NOW).returncode == 0
    later = cli(w, "--due", "--now", "2025-10-13T08:00:00+08:00")
    assert later.returncode == 0, later.stdout + later.stderr
    assert "issue-4" in later.stdout and "issue-1" not in later.stdout
    assert "发布测试 issue-4" in titles(w.wechat.drafts, "title")


def test_wechat_on_an_unverified_account_saves_the_draft_and_says_to_press_publish(project: Path) -> None:
    write_issue(project, "issue-1", "2025-09-22T08:00:00+08:00", "wechat", "#3366cc")
    write_settings(project, wechat_publish=True)
    with world(project, verified=False) as w:
        done = cli(w, "--due", "--now", NOW)
        assert done.returncode == 0, done.stdout + done.stderr
        assert len(w.wechat.drafts) == 1 and not w.wechat.jobs
        assert w.wechat.calls.count("freepublish/submit") == 1
        assert "48001" in done.stdout and "publish it by hand" in done.stdout
        state = json.loads((project / "ledger" / "issue-1.json").read_text(encoding="utf-8"))["channels"]["wechat"]
        assert state["published"] is False
        again = cli(w, "--due", "--now", NOW)
        assert again.returncode == 0 and "nothing is due" in again.stdout
        assert w.wechat.calls.count("freepublish/submit") == 1
