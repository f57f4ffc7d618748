"""The command line over the probe channel: publish, dry-run, unchanged, future dates, status, help, exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

BODY = "# 本周\n\n第一段文字\nwith an English tail.\n\n![图](images/a.png)\n"  # soft-wrapped: joined with a space
PAST = "2025-09-22T08:00:00+08:00"


@pytest.fixture
def draft(make_draft) -> Path:
    return make_draft(BODY, images=("images/a.png",))


def test_a_first_dry_run_prints_the_whole_text_and_writes_nothing(draft, probe, leotalk, project, tree):
    before = tree(project)
    result = leotalk("publish", "issue-1", "--channels", probe, "--dry-run", "--diff")
    assert result.exit_code == 0, result.output
    assert "== probe ==" in result.stdout
    assert "  - write export/probe/issue-1.txt" in result.stdout
    assert "+++ probe/post.txt (now)" in result.stdout
    assert "+第一段文字 with an English tail." in result.stdout
    assert result.stdout.rstrip().endswith("dry run: nothing was written.")
    assert tree(project) == before


def test_publish_pushes_records_and_then_has_nothing_to_do(draft, probe, leotalk, project, tree):
    first = leotalk("publish", "issue-1", "--channels", probe)
    assert first.exit_code == 0, first.output
    assert (project / "export" / "probe" / "issue-1.txt").read_text(encoding="utf-8").startswith("测试周刊 1\n")
    ledger = json.loads((project / "ledger" / "issue-1.json").read_text(encoding="utf-8"))
    assert ledger["channels"]["probe"]["where"] == "export/probe/issue-1.txt"
    assert ledger["channels"]["probe"]["mode"] == "export"
    after_first = tree(project)
    second = leotalk("publish", "issue-1", "--channels", probe)
    assert second.exit_code == 0, second.output
    assert "probe: unchanged since the last push; nothing to do" in second.stdout
    assert tree(project) == after_first
    dry = leotalk("publish", "issue-1", "--channels", probe, "--dry-run")
    assert "nothing to do: unchanged since the last push" in dry.stdout
    assert "+++" not in dry.stdout


def test_an_edit_is_a_diff_against_the_last_push(draft, probe, leotalk):
    leotalk("publish", "issue-1", "--channels", probe)
    index = draft / "index.md"
    index.write_text(index.read_text(encoding="utf-8").replace("第一段文字", "改过的第一段"), encoding="utf-8")
    dry = leotalk("publish", "issue-1", "--channels", probe, "--dry-run", "--diff")
    assert "-第一段文字 with an English tail." in dry.stdout
    assert "+改过的第一段 with an English tail." in dry.stdout
    assert "+测试周刊 1" not in dry.stdout, "only the changed lines, not the whole text again"


def test_a_future_issue_is_refused_without_force(make_draft, probe, leotalk, project, tree):
    make_draft(BODY, images=("images/a.png",), front="---\ntitle: 下周\ndate: 2031-01-06T08:00:00+08:00\n---\n")
    before = tree(project)
    result = leotalk("publish", "issue-1", "--channels", probe, "--now", PAST)
    assert result.exit_code == 2
    assert "still in the future" in result.stderr and "--force" in result.stderr
    assert tree(project) == before
    forced = leotalk("publish", "issue-1", "--channels", probe, "--now", PAST, "--force")
    assert forced.exit_code == 0, forced.output
    assert (project / "export" / "probe" / "issue-1.txt").exists()


def test_the_issue_goes_out_once_its_date_has_come(make_draft, probe, leotalk, project):
    make_draft(BODY, images=("images/a.png",), front="---\ntitle: 下周\ndate: 2031-01-06T08:00:00+08:00\n---\n")
    result = leotalk("publish", "issue-1", "--channels", probe, "--now", "2031-01-06T08:00:00+08:00")
    assert result.exit_code == 0, result.output


def test_now_without_an_offset_is_bad_input(draft, probe, leotalk):
    result = leotalk("publish", "issue-1", "--channels", probe, "--now", "2025-09-22T08:00:00")
    assert result.exit_code == 2
    assert "UTC offset" in result.stderr


def test_status_before_and_after_a_publish(draft, probe, leotalk):
    assert leotalk("status").stdout == "issue-1: never published\n"
    leotalk("publish", "issue-1", "--channels", probe, "--now", "2025-09-23T00:00:00+00:00")
    result = leotalk("status", "issue-1")
    assert result.exit_code == 0
    assert result.stdout == "issue-1 probe: export → export/probe/issue-1.txt (2025-09-23T00:00:00+00:00)\n"


def test_check_of_a_good_draft_says_ready(draft, probe, leotalk):
    result = leotalk("check", "issue-1", "--channels", probe)
    assert result.exit_code == 0, result.output
    assert result.stdout == "issue-1: ready for probe\n"


def test_a_channel_check_problem_is_exit_2(draft, probe, leotalk, project, tree):
    (project / "channels" / "probe.toml").write_text("max_title = 2\n", encoding="utf-8")
    before = tree(project)
    for command in (("check",), ("publish",)):
        result = leotalk(*command, "issue-1", "--channels", probe)
        assert result.exit_code == 2
        assert "[probe] title longer than 2 characters" in result.stderr
    assert tree(project) == before


def test_an_unknown_channel_is_exit_2(draft, leotalk):
    result = leotalk("publish", "issue-1", "--channels", "myspace")
    assert result.exit_code == 2
    assert "unknown channel(s) myspace" in result.stderr


def test_a_held_lock_is_exit_4(draft, probe, leotalk, project):
    from leotalk_publish.ledger import Ledger
    with Ledger(project / "ledger", "issue-1").locked():
        result = leotalk("publish", "issue-1", "--channels", probe)
    assert result.exit_code == 4
    assert "another publish of issue-1 is running" in result.stderr


@pytest.mark.parametrize("args, words", [
    ((), ["publish", "check", "status", "publish issue-1 --dry-run"]),
    (("publish",), ["--channels", "--dry-run", "--export", "--force", "--now"]),
    (("check",), ["--channels", "every problem"]),
    (("status",), ["ledger"]),
])
def test_help_texts_name_what_a_newcomer_needs(leotalk, args, words):
    result = leotalk(*args, "--help")
    assert result.exit_code == 0
    text = " ".join(result.stdout.split())  # click wraps lines
    for word in words:
        assert word in text, word


def test_the_publish_script_is_leotalk_publish(monkeypatch, capsys):
    from leotalk_publish import cli
    monkeypatch.setattr("sys.argv", ["publish", "--help"])
    with pytest.raises(SystemExit) as exit_info:
        cli.publish_main()
    assert exit_info.value.code == 0
    assert "--dry-run" in capsys.readouterr().out


def test_the_publish_script_names_itself_in_its_usage_line(monkeypatch, capsys):
    from leotalk_publish import cli
    monkeypatch.setattr("sys.argv", ["publish", "--help"])
    with pytest.raises(SystemExit):
        cli.publish_main()
    assert "Usage: publish [OPTIONS] [issue_id]" in " ".join(capsys.readouterr().out.split())
