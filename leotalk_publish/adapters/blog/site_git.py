"""The site checkout as a git repository: real ``git`` run with explicit arguments, never a shell.

Messages never show credentials: a remote URL's ``user:token@`` part is masked before it is quoted.
"""

from __future__ import annotations

import os
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

from leotalk_publish.errors import ChannelError

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
            raise ChannelError(f"{self.root}: the site checkout is not on a branch; "
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

    def push(self, branch: str) -> None:
        self.git("push", "-q", self.remote, f"HEAD:refs/heads/{branch}")


def _identity(author: str) -> list[str]:
    match = re.fullmatch(r"\s*(.+?)\s*<([^>]+)>\s*", author)
    if not match:
        return []
    return ["-c", f"user.name={match.group(1)}", "-c", f"user.email={match.group(2)}"]


def open_repo(site: Path, remote: str) -> SiteRepo | None:
    """The site as a repository with ``remote`` configured, else None (the blog then just writes files).

    The site folder must be the repository's top level: a ``site/`` folder inside the project's own
    repository (the default export folder) is not a site repository.
    """
    if not site.is_dir():
        return None
    top = run_git(site, "rev-parse", "--show-toplevel", check=False)
    if top.returncode != 0 or Path(top.stdout.strip()).resolve() != site.resolve():
        return None
    if run_git(site, "remote", "get-url", remote, check=False).returncode != 0:
        return None
    return SiteRepo(Path(top.stdout.strip()), remote)


def run_git(cwd: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "GIT_TERMINAL_PROMPT": "0", "LC_ALL": "C"}
    try:
        done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, env=env,
                              timeout=TIMEOUT_S, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise ChannelError(f"git {args[0]} in {cwd} failed: {mask(str(exc))}") from None
    if check and done.returncode != 0:
        detail = mask((done.stderr or done.stdout).strip())
        raise ChannelError(f"git {args[0]} in {cwd} failed (exit {done.returncode}): {detail}")
    return done
