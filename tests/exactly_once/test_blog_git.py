"""git against a real local bare remote: a stale index.lock, two issues on one site, a remote that moved,
and the push written to the ledger as an intent before it is made."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from leotalk_publish import pipeline
from leotalk_publish.ledger import Ledger
from leotalk_publish.project import Project
from tests.blog.conftest import copy_whole_issue
from tests.blog.jekyll_site import git, install_hook, remote_commits

pytestmark = pytest.mark.long(seconds=10)  # seconds of subprocesses or soaks: started first

REPO = Path(__file__).resolve().parents[2]


def publish(project: Path, issue_id: str = "issue-7", **options):
    preparation = pipeline.prepare(Project(project), issue_id, ["blog"], env={})
    (outcome,) = pipeline.publish(Project(project), preparation, options=options)
    return outcome


def change_issue(folder: Path, new: str = "最后一段，改过。") -> None:
    index = folder / "index.md"
    index.write_text(index.read_text(encoding="utf-8").replace("最后一段。", new), encoding="utf-8")


def blog_state(project: Path, issue_id: str = "issue-7") -> dict:
    return json.loads((project / "ledger" / f"{issue_id}.json").read_text(encoding="utf-8"))["channels"]["blog"]


# ── a stale index.lock ──────────────────────────────────────────────────────────────────────────────
def stale_lock(site: Path, age_s: float) -> Path:
    lock = site / ".git" / "index.lock"
    lock.write_bytes(b"")
    then = time.time() - age_s
    os.utime(lock, (then, then))
    return lock


def test_a_stale_index_lock_left_by_a_killed_run_is_removed(project: Path, site: Path, remote: Path) -> None:
    copy_whole_issue(project)
    lock = stale_lock(site, age_s=60)
    outcome = publish(project)
    assert outcome.status == "pushed", outcome.error
    assert not lock.exists() and remote_commits(remote) == 2


def test_a_fresh_index_lock_is_left_alone_with_a_clear_message(project: Path, site: Path, remote: Path) -> None:
    copy_whole_issue(project)
    lock = stale_lock(site, age_s=0)
    outcome = publish(project)
    assert outcome.status == "failed" and "run again in a few seconds" in outcome.error
    assert lock.exists() and remote_commits(remote) == 1


def test_an_index_lock_held_by_a_running_git_is_never_removed(project: Path, site: Path, remote: Path) -> None:
    copy_whole_issue(project)
    lock = stale_lock(site, age_s=60)
    running = subprocess.Popen(["git", "cat-file", "--batch"], cwd=site, stdin=subprocess.PIPE,
                               stdout=subprocess.DEVNULL)
    try:
        outcome = publish(project)
    finally:
        running.communicate(b"", timeout=30)
    assert outcome.status == "failed" and f"process {running.pid}" in outcome.error
    assert lock.exists() and remote_commits(remote) == 1


# ── two issues on one site ──────────────────────────────────────────────────────────────────────────
def test_two_issues_published_at_once_both_reach_the_site(project: Path, site: Path, remote: Path) -> None:
    copy_whole_issue(project, "issue-7")
    folder = copy_whole_issue(project, "issue-8")
    index = folder / "index.md"
    index.write_text(index.read_text(encoding="utf-8").replace("slug: weekly-7", "slug: weekly-8"), "utf-8")
    install_hook(site, "pre-commit", "#!/bin/sh\nsleep 1\n")  # git holds index.lock meanwhile: the runs surely overlap
    runs = [subprocess.Popen([sys.executable, "-m", "leotalk_publish", "publish", issue, "-c", "blog",
                              "--project", str(project)], cwd=REPO, stdout=subprocess.PIPE,
                             stderr=subprocess.STDOUT, text=True) for issue in ("issue-7", "issue-8")]
    outputs = [run.communicate(timeout=120)[0] for run in runs]
    assert [run.returncode for run in runs] == [0, 0], outputs
    assert remote_commits(remote) == 3
    posts = git(remote, "ls-tree", "--name-only", "main", "_posts/").splitlines()
    assert len(posts) == 2
    assert git(site, "status", "--porcelain") == ""


def test_a_second_publish_on_the_site_waits_for_the_site_lock(project: Path, site: Path, remote: Path) -> None:
    copy_whole_issue(project)
    holder = subprocess.Popen(
        [sys.executable, "-c", "import sys, time; from filelock import FileLock\n"
         "with FileLock(sys.argv[1]):\n    print('held', flush=True); time.sleep(1.5)",
         str(site / ".git" / "leotalk-publish.lock")], stdout=subprocess.PIPE, text=True)
    assert holder.stdout.readline().strip() == "held"
    lines: list[str] = []
    preparation = pipeline.prepare(Project(project), "issue-7", ["blog"], env={})

    class Progress:
        def channel(self, name):
            return lines.append

        def finished(self, name, text):
            lines.append(text)

    (outcome,) = pipeline.publish(Project(project), preparation, progress=Progress())
    holder.wait(timeout=30)
    assert outcome.status == "pushed", outcome.error
    assert any("waiting for another publish on this site" in line for line in lines)


# ── the remote moved ────────────────────────────────────────────────────────────────────────────────
def someone_else_pushes(remote: Path, tmp_path: Path, path: str, text: str) -> None:
    other = tmp_path / "other"
    if not other.exists():
        git(tmp_path, "clone", "-q", str(remote), str(other))
    git(other, "pull", "-q", "--ff-only")
    (other / path).parent.mkdir(parents=True, exist_ok=True)
    (other / path).write_text(text, encoding="utf-8")
    git(other, "add", path)
    git(other, "-c", "user.name=Other", "-c", "user.email=o@example.com", "commit", "-q", "-m", "other")
    git(other, "push", "-q", "origin", "main")


def test_a_push_rejected_because_the_remote_moved_is_rebased_once(project: Path, site: Path, remote: Path,
                                                                   tmp_path: Path) -> None:
    folder = copy_whole_issue(project)
    assert publish(project).status == "pushed"
    someone_else_pushes(remote, tmp_path, "about.md", "about the site\n")
    change_issue(folder)
    outcome = publish(project)
    assert outcome.status == "pushed", outcome.error
    assert remote_commits(remote) == 4
    assert git(remote, "show", "main:about.md") == "about the site"
    assert "改过" in git(remote, "show", f"main:{outcome.result.remote['post']}")
    assert outcome.result.remote["commit"] == git(remote, "rev-parse", "main") == blog_state(project)["commit"]


def test_a_conflicting_remote_change_is_reported_and_the_site_left_whole(project: Path, site: Path,
                                                                          remote: Path, tmp_path: Path) -> None:
    folder = copy_whole_issue(project)
    first = publish(project)
    post = first.result.remote["post"]
    someone_else_pushes(remote, tmp_path, post, "rewritten elsewhere\n")
    change_issue(folder)
    outcome = publish(project)
    assert outcome.status == "failed" and "git pull --rebase origin main" in outcome.error
    assert git(remote, "show", f"main:{post}") == "rewritten elsewhere"
    assert not (site / ".git" / "rebase-merge").exists() and not (site / ".git" / "rebase-apply").exists()
    assert "改过" in (site / post).read_text(encoding="utf-8")


# ── intent before git push ──────────────────────────────────────────────────────────────────────────
def test_the_ledger_holds_the_intent_before_the_push(project: Path, site: Path, remote: Path) -> None:
    """A pre-push hook sees the ledger as it is at the moment of the push."""
    copy_whole_issue(project)
    seen = project / "seen"
    install_hook(site, "pre-push", f"#!/bin/sh\ncp -r {project / 'ledger'} {seen}\n")
    outcome = publish(project)
    assert outcome.status == "pushed", outcome.error
    intent = Ledger(seen, "issue-7").channel("blog").get("push_intent")  # as a run killed then would read it
    assert intent == {"commit": outcome.result.remote["commit"], "remote": "origin", "branch": "main"}
    assert "push_intent" not in blog_state(project)
    assert blog_state(project)["pushed_commit"] == outcome.result.remote["commit"]


def the_push_went_through_unrecorded(site: Path) -> None:
    """What a run killed right after its push leaves: the commit on the remote, the intent still open."""
    git(site, "push", "-q", "origin", "HEAD:refs/heads/main")


def test_an_open_intent_is_resolved_by_asking_the_remote_first(project: Path, site: Path, remote: Path) -> None:
    folder = copy_whole_issue(project)
    assert publish(project).status == "pushed"
    change_issue(folder)
    hook = install_hook(site, "pre-push", "#!/bin/sh\nexit 1\n")  # the push never leaves: a run killed right before it
    assert publish(project).status == "failed"
    assert blog_state(project)["push_intent"]["commit"] == git(site, "rev-parse", "HEAD")
    hook.unlink()
    the_push_went_through_unrecorded(site)
    before = remote_commits(remote)
    preparation = pipeline.prepare(Project(project), "issue-7", ["blog"], env={})
    (planned,) = pipeline.plan(Project(project), preparation)
    assert any("reached origin/main" in line for line in planned.plan.actions), planned.plan.actions
    outcome = publish(project)
    assert outcome.status == "pushed" and remote_commits(remote) == before
    assert "push_intent" not in blog_state(project)


def test_an_intent_that_never_reached_the_remote_is_pushed_again(project: Path, site: Path,
                                                                  remote: Path) -> None:
    folder = copy_whole_issue(project)
    assert publish(project).status == "pushed"
    change_issue(folder)
    hook = install_hook(site, "pre-push", "#!/bin/sh\nexit 1\n")
    assert publish(project).status == "failed" and remote_commits(remote) == 2
    hook.unlink()
    outcome = publish(project)
    assert outcome.status == "pushed" and remote_commits(remote) == 3
    assert git(remote, "rev-parse", "main") == outcome.result.remote["commit"]


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_a_remote_that_cannot_be_reached_fails_the_channel_and_keeps_the_intent(project: Path, site: Path,
                                                                                 remote: Path) -> None:
    copy_whole_issue(project)
    git(site, "remote", "set-url", "origin", str(remote.parent / "gone.git"))
    outcome = publish(project)
    assert outcome.status == "failed" and "git push to origin/main failed" in outcome.error
    assert blog_state(project)["push_intent"]["remote"] == "origin"
