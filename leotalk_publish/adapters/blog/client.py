"""The site checkout as a git repository: real ``git`` run with explicit arguments, never a shell.

Messages never show credentials: a remote URL's ``user:token@`` part is masked before it is quoted.
"""

from __future__ import annotations

import os
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

from .errors import GitError

_USERINFO = re.compile(r"(://)[^/@\s]+@")
TIMEOUT_S = 300


def mask(text: str) -> str:
    return _USERINFO.sub(r"\1***@", text)


@dataclass(frozen=True)
class SiteRepo:
    root: Path
    remote: str

    def git(self, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        return run_git(self.root, *args, check=check)

    def head(self) -> str | None:
        done = self.git("rev-parse", "--verify", "-q", "HEAD", check=False)
        return done.stdout.strip() or None

    def branch(self, configured: str) -> str:
        if configured:
            return configured
        done = self.git("symbolic-ref", "--short", "HEAD", check=False)
        if done.returncode != 0:
            raise GitError(f"{self.root}: the site checkout is not on a branch; "
                               "set 'branch' in channels/blog.toml or check out a branch")
        return done.stdout.strip()

    def known(self, path: str) -> bool:
        """The path exists in the work tree or is tracked (so ``git add`` accepts it)."""
        if (self.root / path).exists():
            return True
        return bool(self.git("ls-files", "--", path, check=False).stdout.strip())

    def stage(self, paths: list[str]) -> bool:
        """Stage ``paths`` (additions, changes and removals); True when they differ from HEAD."""
        self.git("add", "--", *paths)
        return self.git("diff", "--cached", "--quiet", "--", *paths, check=False).returncode != 0

    def unstage(self, paths: list[str]) -> None:
        if self.head():
            self.git("restore", "--staged", "--", *paths, check=False)
        else:
            self.git("rm", "--cached", "-q", "-r", "--ignore-unmatch", "--", *paths, check=False)

    def commit(self, paths: list[str], message: str, author: str = "") -> str:
        """Commit exactly ``paths`` (other staged work is left alone); return the new commit's sha."""
        identity = _identity(author)
        self.git(*identity, "commit", "-q", "-m", message, "--only", "--", *paths)
        return self.head() or ""

    def push(self, branch: str) -> subprocess.CompletedProcess[str]:
        """``git push <remote> HEAD:<branch>``; the answer is returned, not raised (a rejection is read)."""
        return self.git("push", "-q", "--porcelain", self.remote, f"HEAD:refs/heads/{branch}", check=False)

    def remote_tip(self, branch: str) -> str | None:
        """The remote branch's commit as the remote has it now (read-only), None when it has no such branch."""
        done = self.git("ls-remote", "--heads", self.remote, f"refs/heads/{branch}")
        return done.stdout.split()[0] if done.stdout.strip() else None

    def contains(self, tip: str, commit: str) -> bool | None:
        """Whether ``tip`` has ``commit`` in its history; None when ``tip`` is not known here (not fetched)."""
        if self.git("cat-file", "-e", f"{tip}^{{commit}}", check=False).returncode != 0:
            return None
        return self.git("merge-base", "--is-ancestor", commit, tip, check=False).returncode == 0

    def fetch(self, branch: str) -> str:
        self.git("fetch", "-q", self.remote, f"refs/heads/{branch}")
        return self.git("rev-parse", "FETCH_HEAD").stdout.strip()

    def rebase_onto(self, upstream: str) -> bool:
        """Replay the local commits on ``upstream``; on a conflict undo the attempt and return False."""
        if self.git("rebase", "-q", "--autostash", upstream, check=False).returncode == 0:
            return True
        self.git("rebase", "--abort", check=False)
        return False

    def show(self, commit: str, path: str) -> str | None:
        """A file as it is in ``commit`` (None when the commit or the file is not there)."""
        done = self.git("show", f"{commit}:{path}", check=False)
        return done.stdout if done.returncode == 0 else None

    def url(self) -> str:
        return mask(self.git("remote", "get-url", self.remote, check=False).stdout.strip())

    def git_dir(self) -> Path:
        return Path(self.git("rev-parse", "--absolute-git-dir").stdout.strip())


def _identity(author: str) -> list[str]:
    match = re.fullmatch(r"\s*(.+?)\s*<([^>]+)>\s*", author)
    if not match:
        return []
    return ["-c", f"user.name={match.group(1)}", "-c", f"user.email={match.group(2)}"]


@dataclass(frozen=True)
class SiteStatus:
    """What the site folder is: a repository with a remote to push to, or why not."""

    repo: SiteRepo | None  # None: write the files only
    problem: str = ""  # a git site that cannot be pushed: said on every run, an error under CI=true


def site_top(site: Path) -> Path | None:
    """The site folder when it is the top level of a git work tree (a ``site/`` folder inside the project's
    own repository, the default export folder, is not a site repository)."""
    if not site.is_dir():
        return None
    top = run_git(site, "rev-parse", "--show-toplevel", check=False)
    if top.returncode != 0 or Path(top.stdout.strip()).resolve() != site.resolve():
        return None
    return Path(top.stdout.strip())


def choose_remote(remotes: list[str], configured: str) -> tuple[str | None, str]:
    """The remote to push to and, when there is none, why: ``configured`` if the site has it; with
    ``remote = ""`` (auto) the only remote, else ``origin`` among several."""
    listed = ", ".join(remotes) or "none"
    if configured:
        if configured in remotes:
            return configured, ""
        return None, f"the site repository has no remote '{configured}' (its remotes: {listed})"
    if len(remotes) == 1:
        return remotes[0], ""
    if "origin" in remotes:
        return "origin", ""
    if not remotes:
        return None, "the site repository has no remote"
    return None, f"the site repository has several remotes ({listed}) and none is called origin"


def site_status(site: Path, configured: str) -> SiteStatus:
    """The site as a repository with a remote to push to, else why the blog will only write files."""
    top = site_top(site)
    if top is None:
        return SiteStatus(None)
    remotes = run_git(top, "remote", check=False).stdout.split()
    name, problem = choose_remote(remotes, configured)
    return SiteStatus(SiteRepo(top, name) if name else None, problem)


def open_repo(site: Path, remote: str) -> SiteRepo | None:
    """The site as a repository with a remote to push to (``remote``, or the one chosen when it is ""),
    else None (the blog then just writes files)."""
    return site_status(site, remote).repo


def run_git(cwd: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "GIT_TERMINAL_PROMPT": "0", "LC_ALL": "C"}
    try:
        done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, env=env,
                              timeout=TIMEOUT_S, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise GitError(f"git {args[0]} in {cwd} failed: {mask(str(exc))}") from None
    if check and done.returncode != 0:
        detail = mask((done.stderr or done.stdout).strip())
        raise GitError(f"git {args[0]} in {cwd} failed (exit {done.returncode}): {detail}")
    return done
