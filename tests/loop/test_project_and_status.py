"""The project is found from any folder inside it; every "not found" names the folder searched; status says what
changed since the last push and what was never pushed."""

from __future__ import annotations

import json

NOW = ("--now", "2025-09-23T00:00:00+00:00")


def test_commands_work_from_a_folder_inside_the_project(draft, probe, run_in, project):
    result = run_in(draft / "images", "check", "issue-1", "--channels", probe)
    assert result.exit_code == 0, result.output
    published = run_in(project / "drafts", "publish", "issue-1", "--channels", probe, *NOW)
    assert published.exit_code == 0, published.output
    assert (project / "ledger" / "issue-1.json").is_file(), "the ledger is the project's, not the subfolder's"
    assert not (project / "drafts" / "ledger").exists()


def test_outside_any_project_the_error_names_the_folder_searched(tmp_path, run_in):
    empty = tmp_path / "elsewhere"
    empty.mkdir()
    for command in (("status",), ("check", "issue-1"), ("publish", "issue-1")):
        result = run_in(empty, *command)
        assert result.exit_code == 2, result.output
        assert f"no leotalk project in {empty.resolve()} or any folder above it" in result.stderr
        assert "Traceback" not in result.output


def test_an_unknown_issue_names_the_drafts_folder_it_looked_in(draft, probe, run_in, project):
    result = run_in(project / "drafts", "publish", "issue-2", "--channels", probe)
    assert result.exit_code == 2
    assert "no draft folder 'drafts/issue-2'; known issues in drafts: issue-1" in result.stderr  # project-relative


def test_status_of_an_unknown_issue_is_an_error_naming_the_folder(draft, run_in, project):
    result = run_in(project, "status", "issue-2")
    assert result.exit_code == 2, result.output
    assert "no issue 'issue-2' in drafts/ (no issue-2/index.md there" in result.stderr  # project-relative
    assert str(project.resolve()) not in result.stderr
    assert "known issues: issue-1" in result.stderr


def test_status_flags_a_draft_changed_since_its_last_push(draft, probe, run_in, project):
    run_in(project, "publish", "issue-1", "--channels", probe, *NOW)
    assert "changed since" not in run_in(project, "status").stdout
    (draft / "images" / "a.png").write_bytes((draft / "images" / "a.png").read_bytes() + b"\0")
    result = run_in(project, "status")
    assert result.stdout == ("issue-1 probe: export → export/probe/issue-1.txt (2025-09-23T00:00:00+00:00); "
                             "the draft changed since this push: run publish issue-1 --dry-run\n")
    run_in(project, "publish", "issue-1", "--channels", probe, *NOW)
    assert "changed since" not in run_in(project, "status").stdout


def test_status_json_has_one_entry_per_issue_and_channel(draft, probe, make_draft, run_in, project):
    make_draft("# 下期\n\n草稿。\n", issue="issue-2")
    run_in(project, "publish", "issue-1", "--channels", probe, *NOW)
    result = run_in(project, "status", "--json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["issues"]["issue-2"] == {"draft": True, "never_pushed": True, "channels": {}}
    probe_entry = data["issues"]["issue-1"]["channels"]["probe"]
    assert probe_entry == {"mode": "export", "where": "export/probe/issue-1.txt",
                           "pushed_at": "2025-09-23T00:00:00+00:00", "changed_since_push": False}


def test_status_does_not_import_the_parser_or_imaging_libraries(draft, project):
    import subprocess
    import sys
    code = ("import sys\nfrom leotalk_publish.cli import main\nsys.argv=['leotalk','status','--project',sys.argv[1]]\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\n"
            "print('loaded=' + ','.join(m for m in ('PIL', 'markdown_it', 'mdit_py_plugins') if m in sys.modules))")
    run = subprocess.run([sys.executable, "-c", code, str(project)], capture_output=True, text=True)
    assert run.stdout.splitlines()[-1] == "loaded=", run.stdout + run.stderr


def test_status_still_lists_an_issue_whose_draft_folder_is_gone(draft, probe, run_in, project):
    import shutil
    run_in(project, "publish", "issue-1", "--channels", probe, *NOW)
    shutil.rmtree(draft)
    result = run_in(project, "status")
    assert result.stdout.splitlines()[0] == "issue-1: its draft folder is gone; the ledger still says:"
    assert "issue-1 probe: export → export/probe/issue-1.txt (2025-09-23T00:00:00+00:00)\n" in result.stdout


def test_status_with_a_file_where_the_ledger_folder_goes_is_an_error(draft, run_in, project):
    """It said every issue was never published, exit 0."""
    (project / "ledger").write_text("in the way", encoding="utf-8")
    result = run_in(project, "status")
    assert result.exit_code == 2, result.output
    assert "ledger: is a file where the project keeps its ledger folder" in result.stderr
