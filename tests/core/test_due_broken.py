"""``publish --due`` with a draft that cannot be read: it says so, the due issues still go out, and the exit
code is 1 (something was left undone, what was done is recorded) — never 2, which means nothing was written."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import FRONT

NOW = "2025-10-06T08:00:00+08:00"


def add_draft(project: Path, issue: str, data: bytes) -> None:
    folder = project / "drafts" / issue
    folder.mkdir(parents=True)
    (folder / "index.md").write_bytes(data)


def test_an_unreadable_draft_is_reported_and_the_others_go_out(project, probe, leotalk):
    add_draft(project, "issue-1", (FRONT + "第一段。\n").encode())
    add_draft(project, "issue-2", (FRONT + "第二期。\n").encode("gbk"))
    result = leotalk("publish", "--due", "--now", NOW, "--channels", probe)
    assert result.exit_code == 1, result.output
    assert "drafts/issue-2/index.md cannot be read" in result.stderr
    assert "leotalk check issue-2" in result.stderr
    assert "issue-1 probe: export → export/probe/issue-1.txt" in result.stdout
    assert "1 issue(s) not released: issue-2" in result.stderr
    assert (project / "export" / "probe" / "issue-1.txt").is_file()


def test_a_due_issue_that_fails_its_check_does_not_stop_the_next(project, probe, leotalk):
    add_draft(project, "issue-1", (FRONT + "![缺](images/missing.png)\n").encode())
    add_draft(project, "issue-2", (FRONT + "第二期。\n").encode())
    result = leotalk("publish", "--due", "--now", NOW, "--channels", probe)
    assert result.exit_code == 1, result.output
    assert "error: issue-1: 1 problem(s); it was not released" in result.stderr
    assert "images/missing.png" in result.stderr
    assert "issue-2 probe: export → export/probe/issue-2.txt" in result.stdout


def test_only_unreadable_drafts_is_exit_2_with_nothing_written(project, probe, leotalk, tree):
    add_draft(project, "issue-2", (FRONT + "第二期。\n").encode("gbk"))
    before = tree(project)
    result = leotalk("publish", "--due", "--now", NOW, "--channels", probe)
    assert result.exit_code == 2, result.output
    assert "nothing was written" in result.stderr
    assert tree(project) == before


def test_json_lists_the_drafts_that_were_not_released(project, probe, leotalk):
    """The JSON held only the issues that went out: a script could not tell which draft made the run fail."""
    import json
    add_draft(project, "issue-1", (FRONT + "第一段。\n").encode())
    add_draft(project, "issue-2", (FRONT + "第二期。\n").encode("gbk"))
    result = leotalk("publish", "--due", "--now", NOW, "--channels", probe, "--json")
    assert result.exit_code == 1, result.output
    data = json.loads(result.stdout)
    assert data["broken"] == ["issue-2"] and list(data["issues"]) == ["issue-1"]
    assert data["issues"]["issue-1"]["channels"][probe]["status"] == "pushed"
