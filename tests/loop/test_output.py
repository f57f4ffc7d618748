"""Output a person can follow: a dry run's summary first (full diffs with --diff), --json on publish and check,
--quiet and --verbose, --version, -h, shell completion, and progress that moves."""

from __future__ import annotations

import io
import json
import time

import pytest

from tests.loop.conftest import BODY

NOW = ("--now", "2025-09-23T00:00:00+00:00")
LONG = BODY + "".join(f"\n第 {n} 段，足够长的一段文字。\n" for n in range(200))


def test_a_dry_run_prints_a_summary_per_channel_and_the_diffs_only_with_diff(make_draft, probe, run_in, project):
    make_draft(LONG, images=("images/a.png",))
    summary = run_in(project, "publish", "issue-1", "-c", probe, "--dry-run")
    assert summary.exit_code == 0, summary.output
    assert summary.stdout.splitlines() == [
        "== probe ==", "  - write export/probe/issue-1.txt", "  diff: post.txt +203 −0",
        "full diffs: add --diff", "dry run: nothing was written."]
    full = run_in(project, "publish", "issue-1", "-c", probe, "--dry-run", "--diff")
    assert full.stdout.startswith("== probe ==\n  - write export/probe/issue-1.txt\n  diff: post.txt +203 −0\n")
    assert "+++ probe/post.txt (now)" in full.stdout and "+第 199 段，足够长的一段文字。" in full.stdout


def test_the_summary_counts_added_and_removed_lines_after_an_edit(draft, probe, run_in, project):
    run_in(project, "publish", "issue-1", "-c", probe, *NOW)
    index = draft / "index.md"
    edited = index.read_text(encoding="utf-8").replace("第一段文字。", "改过的。\n\n新的一段。")
    index.write_text(edited, encoding="utf-8")
    result = run_in(project, "publish", "issue-1", "-c", probe, "--dry-run")
    assert "  diff: post.txt +2 −1" in result.stdout


def test_publish_json_is_one_object_with_one_entry_per_channel(draft, probe, run_in, project):
    result = run_in(project, "publish", "issue-1", "-c", probe, "--json", *NOW)
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data == {"issue": "issue-1", "dry_run": False, "channels": {"probe": {
        "status": "pushed", "mode": "export", "where": "export/probe/issue-1.txt", "notes": [], "error": None}}}
    assert "probe: wrote issue-1.txt" in result.stderr, "progress goes to stderr, stdout stays JSON"
    again = json.loads(run_in(project, "publish", "issue-1", "-c", probe, "--json", *NOW).stdout)
    assert again["channels"]["probe"]["status"] == "unchanged"


def test_dry_run_json_has_the_actions_and_diff_sizes(draft, probe, run_in, project):
    data = json.loads(run_in(project, "publish", "issue-1", "-c", probe, "--dry-run", "--json").stdout)
    entry = data["channels"]["probe"]
    assert data["dry_run"] is True
    assert entry["actions"] == ["write export/probe/issue-1.txt"] and entry["diff"] == {
        "post.txt": {"added": 3, "removed": 0}}
    assert entry["diffs"]["post.txt"].startswith("--- /dev/null\n+++ probe/post.txt (now)\n")


def test_check_json_has_each_channels_problems(draft, probe, run_in, project):
    (project / "channels" / "probe.toml").write_text("max_title = 2\n", encoding="utf-8")
    result = run_in(project, "check", "issue-1", "-c", probe, "--json")
    assert result.exit_code == 2
    data = json.loads(result.stdout)
    assert data["ready"] is False and data["problems"] == []
    assert data["channels"]["probe"] == {"ready": False, "problems": [
        {"where": "issue-1:title", "what": "title longer than 2 characters", "fix": "shorten it",
         "severity": "error"}]}


def test_quiet_prints_nothing_on_success_and_verbose_says_more(draft, probe, run_in, project):
    quiet = run_in(project, "publish", "issue-1", "-c", probe, "-q", *NOW)
    assert quiet.exit_code == 0 and quiet.stdout == ""
    (draft / "index.md").write_text((draft / "index.md").read_text(encoding="utf-8") + "\n又一段。\n", "utf-8")
    verbose = run_in(project, "publish", "issue-1", "-c", probe, "--verbose", *NOW)
    assert f"project: {project.resolve()}" in verbose.stderr
    assert "probe: mode export" in verbose.stderr
    assert "probe: export → export/probe/issue-1.txt" in verbose.stdout


@pytest.mark.parametrize("args", [("--version",), ("publish", "--version")])
def test_version(run_in, project, args):
    from importlib.metadata import version
    result = run_in(project, *args)
    assert result.exit_code == 0
    assert result.stdout == f"leotalk-publish {version('leotalk-publish')}\n"


def test_dash_h_and_shell_completion(run_in, project):
    result = run_in(project, "-h")
    assert result.exit_code == 0
    for word in ("--install-completion", "--show-completion", "new", "preview", "channels", "The loop:"):
        assert word in result.stdout, word
    assert "--json" in run_in(project, "publish", "-h").stdout
    assert "--json" in run_in(project, "check", "-h").stdout


def test_the_publish_script_has_version_and_dash_h(monkeypatch, capsys):
    from leotalk_publish import cli
    for flag in ("-h", "--version"):
        monkeypatch.setattr("sys.argv", ["publish", flag])
        with pytest.raises(SystemExit) as done:
            cli.publish_main()
        assert done.value.code == 0
    out = capsys.readouterr().out
    assert "Usage: publish" in out and "leotalk-publish " in out


def test_the_live_table_moves_while_a_channel_is_silent_and_keeps_waits_as_one_line():
    from rich.console import Console

    from leotalk_publish.progress import LiveProgress
    screen = io.StringIO()
    console = Console(file=screen, force_terminal=True, width=100, color_system=None)
    with LiveProgress(["blog", "substack"], console=console) as progress:
        report = progress.channel("substack")
        report("uploading 1/3 images")
        report("Substack is rate limiting (429); waiting 1 s before trying again")
        time.sleep(1.3)
        report("uploading 2/3 images")
        progress.finished("substack", "done")
    text = screen.getvalue()
    assert text.count("substack: Substack is rate limiting (429); waiting 1 s before trying again") == 1
    # printed above the table: the table is drawn again under the line (a first picture may come before it)
    assert text.index("substack: Substack is rate limiting (429)") < text.rindex("channel")
    assert " 0s " in text and " 1s " in text, "the time column counts up while the channel reports nothing"
    assert " substack       3    1s  done" in text.splitlines()[-2], "the last picture: three events, done"


def test_on_a_terminal_the_diffs_go_through_the_pager_in_colour(draft, project):
    """A real pseudo-terminal (no CI variable): --diff pipes the coloured diffs to $PAGER."""
    import os
    import pty
    import subprocess
    import sys
    if sys.platform != "linux":
        pytest.skip("needs a Linux pty")
    env = {k: v for k, v in os.environ.items() if k != "CI"} | {"PAGER": "cat > pager.out", "TERM": "xterm"}
    leader, follower = pty.openpty()
    command = [sys.executable, "-c", "from leotalk_publish.cli import main; main()", "publish", "issue-1", "-c",
               "wechat", "--dry-run", "--diff"]
    done = subprocess.run(command, cwd=project, env=env, stdin=follower, stdout=follower, stderr=subprocess.PIPE,
                          timeout=120)
    os.close(follower)
    screen = b""
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:
            break
        if not chunk:
            break
        screen += chunk
    os.close(leader)
    assert done.returncode == 0, done.stderr
    paged = (project / "pager.out").read_text(encoding="utf-8")
    assert "\x1b[32m+" in paged, "added lines in green"
    assert "+++ wechat/content.html (now)" in paged
    assert b"diff: article.json +9" in screen and b"+++ wechat" not in screen, "the summary on screen, diffs paged"


def test_the_scheduled_release_in_json_keeps_stdout_one_object(make_draft, probe, run_in, project):
    make_draft(BODY, images=("images/a.png",))
    make_draft(BODY, images=("images/a.png",), issue="issue-2")
    result = run_in(project, "publish", "--due", "-c", probe, "--json", "--now", "2025-09-23T00:00:00+00:00")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert sorted(data["issues"]) == ["issue-1", "issue-2"]
    assert data["issues"]["issue-2"]["channels"]["probe"]["status"] == "pushed"
    assert "issue-1 (dated 2025-09-22T08:00:00+08:00) is due on: probe" in result.stderr
