"""git push of the post and its images, against a real local bare repository."""

from __future__ import annotations

from pathlib import Path

from leotalk_publish import pipeline
from leotalk_publish.adapters.blog.client import mask
from leotalk_publish.ledger import Ledger
from leotalk_publish.project import Project
from tests.blog.conftest import copy_whole_issue
from tests.blog.jekyll_site import git, install_hook, make_site, remote_commits


def publish(project: Path, issue_id: str = "issue-7"):
    preparation = pipeline.prepare(Project(project), issue_id, ["blog"], env={})
    (outcome,) = pipeline.publish(Project(project), preparation)
    return outcome


def test_publish_commits_once_then_nothing_then_once_per_change(project: Path, site: Path, remote: Path) -> None:
    folder = copy_whole_issue(project)
    first = publish(project)
    assert first.status == "pushed" and first.result.mode == "git"
    assert remote_commits(remote) == 2
    files = git(remote, "show", "--name-only", "--format=%s", "main").splitlines()
    assert files[0].startswith("Publish issue-7: ")
    assert sorted(f for f in files[1:] if f) == sorted([first.result.remote["post"], *first.result.remote["images"]])
    assert first.result.remote["commit"] == git(remote, "rev-parse", "main")
    assert first.result.remote["url"] == "/blog/2025/weekly-7/"

    assert publish(project).status == "unchanged"
    assert remote_commits(remote) == 2

    index = folder / "index.md"
    index.write_text(index.read_text(encoding="utf-8").replace("最后一段。", "最后一段，改过了。"), encoding="utf-8")
    third = publish(project)
    assert third.status == "pushed" and remote_commits(remote) == 3
    assert "改过了" in git(remote, "show", f"main:{third.result.remote['post']}")
    assert git(remote, "diff", "--name-only", "main~1", "main") == third.result.remote["post"]


def test_failed_push_is_redone_without_a_second_commit(project: Path, site: Path, remote: Path) -> None:
    copy_whole_issue(project)
    git(site, "remote", "set-url", "origin", str(remote.parent / "gone.git"))
    failed = publish(project)
    assert failed.status == "failed" and "git push" in failed.error
    assert remote_commits(remote) == 1
    committed = git(site, "rev-parse", "HEAD")
    assert Ledger(project / "ledger", "issue-7").channel("blog").get("commit") == committed

    git(site, "remote", "set-url", "origin", str(remote))
    again = publish(project)
    assert again.status == "pushed"
    assert git(site, "rev-parse", "HEAD") == committed  # no second commit for the same version
    assert remote_commits(remote) == 2 and git(remote, "rev-parse", "main") == committed


def test_failed_commit_leaves_nothing_staged(project: Path, site: Path, remote: Path) -> None:
    copy_whole_issue(project)
    hook = install_hook(site, "pre-commit", "#!/bin/sh\necho refused by hook >&2\nexit 1\n")
    failed = publish(project)
    assert failed.status == "failed" and "refused by hook" in failed.error
    assert git(site, "diff", "--cached", "--name-only") == ""
    assert remote_commits(remote) == 1
    post = next((site / "_posts").glob("*.md"))
    assert post.read_text(encoding="utf-8").endswith("[^src]: 来源：一份虚构的报告。\n")  # whole, not half

    hook.unlink()
    assert publish(project).status == "pushed" and remote_commits(remote) == 2


def test_other_staged_work_in_the_site_is_not_committed(project: Path, site: Path, remote: Path) -> None:
    copy_whole_issue(project)
    (site / "about.md").write_text("work in progress\n", encoding="utf-8")
    git(site, "add", "about.md")
    assert publish(project).status == "pushed"
    assert "about.md" not in git(remote, "show", "--name-only", "--format=", "main")
    assert git(site, "diff", "--cached", "--name-only") == "about.md"


def test_site_without_remote_is_exported(project: Path) -> None:
    root = make_site(project / "site")
    git(root, "init", "-q", "--template=", "-b", "main")
    copy_whole_issue(project)
    outcome = publish(project)
    assert outcome.result.mode == "site" and "commit" not in outcome.result.remote
    assert (root / outcome.result.remote["post"]).is_file()
    assert git(root, "status", "--porcelain")  # written, not committed


def test_changed_slug_removes_the_old_post_in_the_same_commit(project: Path, site: Path, remote: Path) -> None:
    folder = copy_whole_issue(project)
    first = publish(project)
    index = folder / "index.md"
    index.write_text(index.read_text(encoding="utf-8").replace("slug: weekly-7", "slug: weekly-seven"), "utf-8")
    second = publish(project)
    assert second.status == "pushed" and remote_commits(remote) == 3
    names = git(remote, "ls-tree", "-r", "--name-only", "main", "_posts").splitlines()
    assert names == [second.result.remote["post"]] and first.result.remote["post"] not in names


def test_a_token_in_the_remote_url_never_shows(project: Path, site: Path) -> None:
    token = "fake-token-" + "0123456789abcdef"
    git(site, "remote", "set-url", "origin", f"https://builder:{token}@127.0.0.1:9/site.git")
    copy_whole_issue(project)
    failed = publish(project)
    assert failed.status == "failed" and "git push" in failed.error
    assert token not in failed.error
    assert token not in (project / "ledger" / "issue-7.json").read_text(encoding="utf-8")


def test_export_flag_writes_into_a_git_site_without_committing(project: Path, site: Path, remote: Path) -> None:
    copy_whole_issue(project)
    preparation = pipeline.prepare(Project(project), "issue-7", ["blog"], env={})
    (outcome,) = pipeline.publish(Project(project), preparation, export=True)
    assert outcome.result.mode == "export" and remote_commits(remote) == 1
    assert git(site, "rev-list", "--count", "HEAD") == "1"
    assert publish(project).result.mode == "git" and remote_commits(remote) == 2  # a new mode is a new push


def test_masking_hides_credentials_in_any_git_message() -> None:
    assert mask("fatal: https://x-access-token:abc123@github.com/o/r.git denied") == \
        "fatal: https://***@github.com/o/r.git denied"


def test_a_site_folder_inside_the_projects_own_repository_is_exported_not_committed(project: Path,
                                                                                      remote: Path) -> None:
    """The default site/ lives in the project's checkout (ignored): publishing there must not commit."""
    git(project, "init", "-q", "--template=", "-b", "main")
    git(project, "remote", "add", "origin", str(remote))
    (project / ".gitignore").write_text("/site/\n")
    copy_whole_issue(project)
    first, second = publish(project), publish(project)
    assert first.status == "pushed" and first.result.mode == "site"
    assert second.status == "unchanged"
    assert git(project, "status", "--porcelain", "--ignored=no", "--untracked-files=no") == ""


def test_an_export_and_a_plain_site_folder_are_two_destinations(project: Path) -> None:
    """Both were recorded as mode "export" with the same content hash, so whichever came second said
    "unchanged": an --export after a push never wrote export/blog/, a push after an --export never wrote site/."""
    make_site(project / "site")
    copy_whole_issue(project)
    proj = Project(project)
    exported = pipeline.publish(proj, pipeline.prepare(proj, "issue-7", ["blog"], env={}), export=True)[0]
    pushed = publish(project)
    assert (exported.result.mode, exported.status) == ("export", "pushed")
    assert (pushed.result.mode, pushed.status) == ("site", "pushed")
    assert (project / "site" / pushed.result.remote["post"]).is_file()
    assert list((project / "export" / "blog" / "issue-7" / "_posts").glob("*.md"))
    assert publish(project).status == "unchanged"  # the site holds this version: nothing to do
