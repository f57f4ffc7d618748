"""Two locks on the site repository: ours, and the one git leaves behind when it is killed.

- **The site lock** (``.git/leotalk-publish.lock``, a file lock): runs of different issues publishing to
  one site take turns, so two of them never stage, commit or push at the same time. A run waits for it.
- **A stale ``.git/index.lock``**: git creates it for every change to the index and removes it when done,
  so one left behind means a git process was killed (a publish killed during ``git add``/``commit``), and
  every later git command refuses to run. Holding the site lock, the blog removes it only when git's own
  advice holds: no git process is running in the repository (none has it as working directory, none has
  the lock file open) and the file is older than ``STALE_AFTER_S`` seconds. Otherwise the run stops and
  says which process holds it.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from .errors import SiteBusy

STALE_AFTER_S = 5.0
SITE_LOCK_WAIT_S = 600.0


@contextmanager
def site_locked(git_dir: Path, report: Callable[[str], None], timeout: float = SITE_LOCK_WAIT_S) -> Iterator[None]:
    """Hold the site's lock, waiting up to ``timeout`` seconds for another publish on the same site."""
    from filelock import FileLock, Timeout
    lock = FileLock(str(git_dir / "leotalk-publish.lock"))
    try:
        lock.acquire(timeout=0)
    except Timeout:
        report(f"waiting for another publish on this site to finish (lock {lock.lock_file})")
        try:
            lock.acquire(timeout=timeout)
        except Timeout:
            raise SiteBusy(f"another publish has held the site's lock {lock.lock_file} for {timeout:g} s; "
                               "wait for it to finish, then run again") from None
    try:
        yield
    finally:
        lock.release()


def recover_index_lock(git_dir: Path, work_tree: Path, report: Callable[[str], None],
                       now: Callable[[], float] = time.time) -> None:
    """Remove a ``index.lock`` left by a killed git, when no git process can be holding it."""
    lock = git_dir / "index.lock"
    try:
        age = now() - lock.stat().st_mtime
    except FileNotFoundError:
        return
    holders = git_processes_in(work_tree, lock)
    if holders:
        raise SiteBusy(f"git is running in the site (process {', '.join(map(str, holders))}) and holds "
                           f"{lock}; wait for it to finish, then run again")
    if age < STALE_AFTER_S:
        raise SiteBusy(f"{lock} was made {age:.0f} s ago, so git may still be working in the site; "
                           "run again in a few seconds (if no git is running, remove the file)")
    lock.unlink(missing_ok=True)
    report(f"removed a stale {lock} ({age:.0f} s old, no git process in the site): a git run was killed")


def git_processes_in(work_tree: Path, lock: Path) -> list[int]:
    """Processes named git whose working directory is inside ``work_tree``, or that have ``lock`` open."""
    root = work_tree.resolve()
    return [int(entry.name) for entry in _proc_entries()
            if (_comm(entry) == "git" and _inside(_link(entry / "cwd"), root)) or _has_open(entry, lock)]


def _proc_entries() -> list[Path]:
    try:
        return [p for p in Path("/proc").iterdir() if p.name.isdigit() and p.name != str(os.getpid())]
    except OSError:
        return []


def _comm(entry: Path) -> str:
    try:
        return (entry / "comm").read_text(encoding="utf-8", errors="replace").strip()
    except OSError:
        return ""


def _link(path: Path) -> Path | None:
    try:
        return Path(os.readlink(path))
    except OSError:
        return None


def _inside(path: Path | None, root: Path) -> bool:
    return path is not None and (path == root or root in path.parents)


def _has_open(entry: Path, lock: Path) -> bool:
    try:
        fds = list((entry / "fd").iterdir())
    except OSError:
        return False
    target = str(lock)
    return any(str(_link(fd)) == target for fd in fds)
