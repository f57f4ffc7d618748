"""Commit the post and push it, with the push written to the ledger as an intent first.

- **Commit**: only the blog's own paths, and only when they differ from the site's HEAD; the commit is
  recorded the moment it exists, so a run killed after it only pushes.
- **Intent**: before ``git push``, the ledger holds ``push_intent`` (commit, remote, branch). A run that
  finds one open asks the remote first (``git ls-remote``): when the remote branch already holds the
  commit, the push went through and is recorded; otherwise it is pushed again (a git push of the same
  commit is harmless, and the remote is the truth).
- **The remote moved** (someone else pushed to the branch): the push is rejected; the branch is fetched,
  the local commits rebased once onto it and pushed again. A conflict, or a second rejection, stops the
  channel with what to do, and the site is left as it was before the rebase.
"""

from __future__ import annotations

import subprocess

from leotalk_publish.channel import PushContext
from leotalk_publish.errors import ChannelError

from .client import SiteRepo, mask
from .errors import GitError
from .render import BlogRendition
from .settings import BlogSettings


def commit_and_push(repo: SiteRepo, site_paths: list[str], rendition: BlogRendition, settings: BlogSettings,
                    ctx: PushContext) -> str:
    """Commit the rendition's files when they differ from HEAD, record the commit, then push it."""
    branch = repo.branch(settings.branch)
    resolve_intent(repo, ctx)
    site = settings.site.resolve()
    paths = [p for p in (str((site / rel).relative_to(repo.root)) for rel in site_paths) if repo.known(p)]
    sha = _commit(repo, paths, _message(rendition), settings.commit_author)
    if sha:
        ctx.state.record(commit=sha, stale=None)
        ctx.report(f"committed {sha[:12]} in {repo.root}")
    else:
        sha = repo.head() or ""
        ctx.state.record(stale=None)
        ctx.report("nothing new to commit (the post already equals this version)")
    return push_once(repo, branch, sha, ctx)


def resolve_intent(repo: SiteRepo, ctx: PushContext) -> None:
    """An open push intent from an earlier run: ask the remote whether that push went through."""
    intent = ctx.state.get("push_intent")
    if not intent:
        return
    if on_remote(repo, intent["branch"], intent["commit"], intent["remote"]):
        ctx.state.record(push_intent=None, pushed_commit=intent["commit"])
        ctx.report(f"the earlier push of {intent['commit'][:12]} reached {intent['remote']}/{intent['branch']}")
    else:
        ctx.report(f"the earlier push of {intent['commit'][:12]} did not reach "
                   f"{intent['remote']}/{intent['branch']}; pushing again")


def on_remote(repo: SiteRepo, branch: str, commit: str, remote: str | None = None) -> bool:
    """The remote branch holds ``commit`` now (asked with ``git ls-remote``; read-only)."""
    asked = repo if remote in (None, repo.remote) else SiteRepo(repo.root, remote)
    try:
        tip = asked.remote_tip(branch)
    except ChannelError:
        return False
    if not tip:
        return False
    return tip == commit or asked.contains(tip, commit) is True


def push_once(repo: SiteRepo, branch: str, sha: str, ctx: PushContext) -> str:
    """Push ``sha`` (intent first); a rejection because the remote moved is rebased once and retried."""
    if sha and on_remote(repo, branch, sha):
        ctx.state.record(push_intent=None, pushed_commit=sha)
        ctx.report(f"{repo.remote}/{branch} already has {sha[:12]}")
        return sha
    done = _push(repo, branch, sha, ctx)
    if done.returncode != 0 and _rejected(done.stdout + done.stderr):
        ctx.report(f"{repo.remote}/{branch} moved since the site was last pulled; rebasing once onto it")
        sha = _rebase(repo, branch, ctx)
        done = _push(repo, branch, sha, ctx)
    if done.returncode != 0:
        raise GitError(_push_failure(repo, branch, done.stdout + done.stderr))
    ctx.state.record(push_intent=None, pushed_commit=sha)
    ctx.report(f"pushed to {repo.remote}/{branch}")
    return sha


def _push(repo: SiteRepo, branch: str, sha: str, ctx: PushContext) -> subprocess.CompletedProcess[str]:
    ctx.state.record(push_intent={"commit": sha, "remote": repo.remote, "branch": branch})
    return repo.push(branch)


def _rebase(repo: SiteRepo, branch: str, ctx: PushContext) -> str:
    upstream = repo.fetch(branch)
    if not repo.rebase_onto(upstream):
        raise GitError(f"{repo.remote}/{branch} moved and the post's commit does not apply on top of it "
                           f"(someone changed the same files); in {repo.root} run 'git pull --rebase "
                           f"{repo.remote} {branch}', resolve the conflict, then publish again")
    sha = repo.head() or ""
    ctx.state.record(commit=sha)
    ctx.report(f"rebased onto {repo.remote}/{branch}: now {sha[:12]}")
    return sha


def _rejected(text: str) -> bool:
    return "[rejected]" in text or "non-fast-forward" in text or "fetch first" in text


def _push_failure(repo: SiteRepo, branch: str, text: str) -> str:
    detail = mask(text.strip())
    if _rejected(text):
        return (f"git push to {repo.remote}/{branch} was rejected again after one rebase (the remote keeps "
                f"moving): {detail}; run the same command again")
    return f"git push to {repo.remote}/{branch} failed: {detail}"


def _commit(repo: SiteRepo, paths: list[str], message: str, author: str) -> str | None:
    try:
        if not repo.stage(paths):
            return None
        return repo.commit(paths, message, author)
    except ChannelError:
        repo.unstage(paths)
        raise


def _message(rendition: BlogRendition) -> str:
    payload = rendition.payload
    return (f"Publish {rendition.issue_id}: {payload.title}\n\n"
            f"Post {payload.post} with {len(payload.images)} image(s); "
            f"content {rendition.content_hash[:12]}.")
