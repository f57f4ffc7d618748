"""The ledger is input: no value in it can make the blog touch a file outside ``_posts/`` and the images
folder, and a corrupt or wrong-shaped ledger stops the run (exit 2) before anything is written or pushed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from leotalk_publish.cli import app
from tests.blog.conftest import copy_whole_issue
from tests.blog.jekyll_site import git, make_site_with_remote

runner = CliRunner()


def publish(project: Path):
    return runner.invoke(app, ["publish", "issue-7", "-c", "blog", "--project", str(project)])


@pytest.fixture
def pushed(project: Path, tmp_path: Path) -> tuple[Path, Path, Path]:
    """A git site with issue-7 pushed once; returns (site, remote, draft folder)."""
    remote = tmp_path / "remote.git"
    site = make_site_with_remote(project / "site", remote)
    folder = copy_whole_issue(project)
    assert publish(project).exit_code == 0
    return site, remote, folder


def edit_ledger(project: Path, change) -> Path:
    path = project / "ledger" / "issue-7.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    change(data["channels"]["blog"])
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def change_issue(folder: Path) -> None:
    index = folder / "index.md"
    index.write_text(index.read_text(encoding="utf-8").replace("最后一段。", "最后一段，改过。"), encoding="utf-8")


def remote_files(remote: Path) -> list[str]:
    return git(remote, "ls-tree", "-r", "--name-only", "main").splitlines()


@pytest.mark.parametrize("stale", ["_config.yml", "../../outside.txt", "_posts/../_config.yml",
                                   "/etc/hostname", "_layouts/post.html"])
def test_a_stale_post_path_outside_posts_never_deletes_anything(project: Path, pushed, stale: str) -> None:
    site, remote, folder = pushed
    (project / "outside.txt").write_text("mine\n", encoding="utf-8")
    before = {p: (site / p).read_bytes() for p in ("_config.yml", "_layouts/post.html")}
    head = git(remote, "rev-parse", "main")

    def point_elsewhere(blog: dict) -> None:
        blog["post"] = stale
        blog["remote"]["post"] = stale

    edit_ledger(project, point_elsewhere)
    change_issue(folder)
    result = publish(project)
    assert result.exit_code == 2, result.output
    assert "ledger/issue-7.json: the ledger cannot be trusted" in result.output and "move it aside" in result.output
    assert "Traceback" not in result.output
    assert git(remote, "rev-parse", "main") == head, "nothing was pushed"
    assert {p: (site / p).read_bytes() for p in before} == before
    assert (project / "outside.txt").read_text(encoding="utf-8") == "mine\n"
    assert "_config.yml" in remote_files(remote)


def test_image_paths_outside_the_images_folder_are_refused(project: Path, pushed) -> None:
    _, remote, folder = pushed
    edit_ledger(project, lambda blog: blog["remote"].update(images=["_config.yml"]))
    change_issue(folder)
    result = publish(project)
    assert result.exit_code == 2 and "images" in result.output, result.output
    assert "_config.yml" in remote_files(remote)


def test_a_commit_of_the_wrong_shape_is_refused(project: Path, pushed) -> None:
    _, _, folder = pushed
    edit_ledger(project, lambda blog: blog.update(commit="--upload-pack=touch /tmp/x"))
    change_issue(folder)
    result = publish(project)
    assert result.exit_code == 2 and "commit" in result.output, result.output


@pytest.mark.parametrize("content, what", [
    ("", "empty"),
    ('{"version": 1, "issue": "issue-7", "chan', "not valid JSON"),
    ("[1, 2]", "not an object"),
    ('{"version": 9, "issue": "issue-7", "channels": {}}', "version"),
    ('{"version": 1, "issue": "issue-8", "channels": {}}', "belongs to issue"),
    ('{"version": 1, "issue": "issue-7", "channels": {"blog": []}}', "not an object"),
    ('{"version": 1, "issue": "issue-7", "channels": {"blog": {"snapshot": ["../../../x"]}}}', "snapshot"),
    ('{"version": 1, "issue": "issue-7", "channels": {"blog": {"content_hash": 7}}}', "content_hash"),
])
def test_a_broken_ledger_is_a_clear_error_before_anything_is_written(project: Path, tmp_path: Path,
                                                                    content: str, what: str) -> None:
    remote = tmp_path / "remote.git"
    site = make_site_with_remote(project / "site", remote)
    copy_whole_issue(project)
    ledger = project / "ledger" / "issue-7.json"
    ledger.parent.mkdir()
    ledger.write_text(content, encoding="utf-8")
    for args in (["--dry-run"], []):
        result = runner.invoke(app, ["publish", "issue-7", "-c", "blog", "--project", str(project), *args])
        assert result.exit_code == 2, result.output
        assert what in result.output and "ledger/issue-7.json" in result.output and "move it aside" in result.output
        assert str(project) not in result.output  # named relative to the project root
        assert "Traceback" not in result.output
    assert ledger.read_text(encoding="utf-8") == content
    assert not (site / "_posts").exists() and git(remote, "rev-list", "--count", "main") == "1"


def test_status_names_a_broken_ledger_without_a_traceback(project: Path) -> None:
    copy_whole_issue(project)
    (project / "ledger").mkdir()
    (project / "ledger" / "issue-7.json").write_text("{", encoding="utf-8")
    result = runner.invoke(app, ["status", "issue-7", "--project", str(project)])
    assert result.exit_code == 2 and "not valid JSON" in result.output, result.output


def test_moving_the_broken_ledger_aside_recovers_without_a_second_commit(project: Path, pushed) -> None:
    _, remote, _ = pushed
    ledger = project / "ledger" / "issue-7.json"
    ledger.write_text("{}", encoding="utf-8")
    assert publish(project).exit_code == 2
    ledger.rename(ledger.with_name("issue-7.json.broken"))
    again = publish(project)
    assert again.exit_code == 0, again.output
    assert git(remote, "rev-list", "--count", "main") == "2", "the post is found again in the site: no new commit"
