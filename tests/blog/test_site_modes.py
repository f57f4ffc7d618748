"""Where the blog goes and says so: the site's remote (never a silent stop), --export to export/blog/,
files that keep the umask, a changed slug, and edits made by hand in the site."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from typer.testing import CliRunner

from leotalk_publish import pipeline
from leotalk_publish.cli import app
from leotalk_publish.project import Project
from tests.blog.conftest import copy_whole_issue
from tests.blog.jekyll_site import git, make_site, remote_commits

runner = CliRunner()


def cli(project: Path, *args: str, env: dict[str, str] | None = None):
    return runner.invoke(app, ["publish", "issue-7", "-c", "blog", "--project", str(project), *args],
                         env={"CI": "", **(env or {})})


# ── the site's remote ───────────────────────────────────────────────────────────────────────────────
def test_a_single_remote_of_any_name_is_pushed_to(project: Path, site: Path, remote: Path) -> None:
    git(site, "remote", "rename", "origin", "github")
    copy_whole_issue(project)
    result = cli(project)
    assert result.exit_code == 0, result.output
    assert "pushed to github/main" in result.output and remote_commits(remote) == 2


def test_a_missing_remote_is_a_warning_on_every_publish(project: Path, site: Path, remote: Path) -> None:
    (project / "channels" / "blog.toml").write_text('remote = "upstream"\n', encoding="utf-8")
    copy_whole_issue(project)
    for _ in range(2):
        result = cli(project)
        assert result.exit_code == 0, result.output
        assert "warning" in result.output and "no remote 'upstream' (its remotes: origin)" in result.output
        assert "not committed or pushed" in result.output
    assert remote_commits(remote) == 1


def test_a_missing_remote_is_an_error_under_ci(project: Path, site: Path, remote: Path) -> None:
    git(site, "remote", "remove", "origin")
    copy_whole_issue(project)
    result = cli(project, env={"CI": "true"})
    assert result.exit_code == 2, result.output
    assert "the site repository has no remote" in result.output
    assert not (site / "_posts").exists(), "nothing was written"


def test_several_remotes_without_origin_must_be_named(project: Path, site: Path, remote: Path) -> None:
    git(site, "remote", "rename", "origin", "a")
    git(site, "remote", "add", "b", str(remote))
    copy_whole_issue(project)
    result = cli(project, env={"CI": "true"})
    assert result.exit_code == 2 and "several remotes (a, b)" in result.output, result.output


# ── --export ────────────────────────────────────────────────────────────────────────────────────────
def test_export_writes_to_the_export_folder_and_never_into_the_site(project: Path, site: Path,
                                                                     remote: Path) -> None:
    copy_whole_issue(project)
    result = cli(project, "--export")
    assert result.exit_code == 0, result.output
    folder = project / "export" / "blog" / "issue-7"
    assert (folder / "_posts" / "2025-10-06-weekly-7.md").is_file()
    assert sorted(p.name for p in (folder / "assets/img/2025-10-06-weekly-7").iterdir()) == [
        "left.png", "right.png", "single.png"]
    assert git(site, "status", "--porcelain") == "" and remote_commits(remote) == 1


# ── the umask ───────────────────────────────────────────────────────────────────────────────────────
def test_written_files_keep_the_umask(project: Path) -> None:
    copy_whole_issue(project)
    old = os.umask(0o022)
    try:
        assert cli(project).exit_code == 0
    finally:
        os.umask(old)
    written = [*(project / "site").rglob("*.md"), *(project / "site").rglob("*.png"),
               project / "ledger" / "issue-7.json"]
    assert written and {stat.S_IMODE(p.stat().st_mode) for p in written} == {0o644}


# ── a changed slug ──────────────────────────────────────────────────────────────────────────────────
def test_a_changed_slug_moves_the_images_and_warns_that_the_address_breaks(project: Path, site: Path,
                                                                            remote: Path) -> None:
    folder = copy_whole_issue(project)
    assert cli(project).exit_code == 0
    index = folder / "index.md"
    index.write_text(index.read_text(encoding="utf-8").replace("slug: weekly-7", "slug: weekly-seven"), "utf-8")
    dry = cli(project, "--dry-run")
    assert "remove the earlier assets/img/2025-10-06-weekly-7/left.png" in dry.output
    result = cli(project)
    assert result.exit_code == 0, result.output
    assert "/blog/2025/weekly-7/ no longer works" in result.output and "/blog/2025/weekly-seven/" in result.output
    files = git(remote, "ls-tree", "-r", "--name-only", "main").splitlines()
    assert not any("weekly-7" in f for f in files)
    assert sorted(f for f in files if "weekly-seven" in f) == [
        "_posts/2025-10-06-weekly-seven.md", *(f"assets/img/2025-10-06-weekly-seven/{n}"
                                               for n in ("left.png", "right.png", "single.png"))]
    assert not (site / "assets/img/2025-10-06-weekly-7").exists()
    assert "rename" in git(remote, "show", "-M", "--summary", "--format=", "main")


def test_a_changed_slug_keeps_files_a_person_added_to_the_old_folder(project: Path) -> None:
    folder = copy_whole_issue(project)
    make_site(project / "site")
    assert cli(project).exit_code == 0
    extra = project / "site/assets/img/2025-10-06-weekly-7/extra.png"
    extra.write_bytes(b"mine")
    index = folder / "index.md"
    index.write_text(index.read_text(encoding="utf-8").replace("slug: weekly-7", "slug: weekly-seven"), "utf-8")
    assert cli(project).exit_code == 0
    assert extra.read_bytes() == b"mine"
    assert sorted(p.name for p in extra.parent.iterdir()) == ["extra.png"]
    assert not (project / "site/_posts/2025-10-06-weekly-7.md").exists()


# ── edits made by hand in the site ──────────────────────────────────────────────────────────────────
def edit_by_hand(site: Path, new: str = "一个人手改的一行。") -> Path:
    post = next((site / "_posts").glob("*.md"))
    post.write_text(post.read_text(encoding="utf-8").replace("最后一段。", new), encoding="utf-8")
    return post


def change_issue(folder: Path) -> None:
    index = folder / "index.md"
    index.write_text(index.read_text(encoding="utf-8").replace("开篇第一行", "开篇第一行（改）"), encoding="utf-8")


def test_a_hand_edit_in_the_site_stops_the_blog_with_a_diff_and_the_ways_on(project: Path, site: Path,
                                                                             remote: Path) -> None:
    folder = copy_whole_issue(project)
    assert cli(project).exit_code == 0
    post = edit_by_hand(site)
    change_issue(folder)
    dry = cli(project, "--dry-run")
    assert "seen: site " in dry.output and "seen: origin/main is at " in dry.output
    assert "stop: _posts/2025-10-06-weekly-7.md was edited in the site" in dry.output
    result = cli(project)
    assert result.exit_code == 1, result.output
    assert "+一个人手改的一行。" in result.output and "-最后一段。" in result.output
    assert "--overwrite" in result.output and "drafts/issue-7/index.md" in result.output
    assert "一个人手改的一行。" in post.read_text(encoding="utf-8") and remote_commits(remote) == 2

    overwritten = cli(project, "--overwrite")
    assert overwritten.exit_code == 0, overwritten.output
    assert "--overwrite replaces the edits" in overwritten.output
    assert "一个人手改的一行。" not in post.read_text(encoding="utf-8") and remote_commits(remote) == 3


def test_whitespace_an_editor_adds_is_not_an_edit(project: Path, site: Path, remote: Path) -> None:
    folder = copy_whole_issue(project)
    assert cli(project).exit_code == 0
    post = next((site / "_posts").glob("*.md"))
    post.write_bytes(post.read_bytes().replace(b"\n", b"\r\n") + b"\r\n\r\n")
    change_issue(folder)
    result = cli(project)
    assert result.exit_code == 0, result.output
    assert remote_commits(remote) == 3


def test_a_post_deleted_in_the_site_is_not_put_back_without_overwrite(project: Path, site: Path) -> None:
    folder = copy_whole_issue(project)
    assert cli(project).exit_code == 0
    next((site / "_posts").glob("*.md")).unlink()
    change_issue(folder)
    result = cli(project)
    assert result.exit_code == 1 and "was deleted in the site" in result.output, result.output


def test_observe_reads_only(project: Path, site: Path) -> None:
    folder = copy_whole_issue(project)
    assert cli(project).exit_code == 0
    edit_by_hand(site)
    change_issue(folder)
    before = {p: p.read_bytes() for p in project.rglob("*") if p.is_file()}
    (planned,) = pipeline.plan(Project(project), pipeline.prepare(Project(project), "issue-7", ["blog"], env={}))
    assert planned.observation.verdict == "stop"
    assert {p: p.read_bytes() for p in project.rglob("*") if p.is_file()} == before
