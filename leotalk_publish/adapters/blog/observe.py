"""What the site holds now, read before planning (git mode only; read-only: ``ls-remote``, ``show``).

- the site's remote and branch as they are now, and where the remote branch stands;
- an open push intent from an earlier run, resolved by asking the remote;
- whether the post in the site was edited by hand since our last push: the file as it is, compared as a
  reader sees it (``push.normalise``) with what the blog last wrote there. An edit stops the channel with
  a short diff and the two ways on, unless ``--overwrite`` is given.
"""

from __future__ import annotations

import difflib
import hashlib
from dataclasses import dataclass

from leotalk_publish.channel import Observation, PushContext
from leotalk_publish.errors import ChannelError

from .client import SiteRepo, open_repo
from .git_push import on_remote
from .owned import owned_path
from .push import normalise
from .render import BlogRendition
from .settings import BlogSettings

DIFF_LINES = 16


@dataclass(frozen=True)
class HandEdit:
    post: str  # the post's path in the site
    diff: str  # "" when the post was deleted


BlogObservation = Observation[HandEdit | None]  # the facts: a hand edit of the post in the site, if any


def observe(rendition: BlogRendition, settings: BlogSettings, ctx: PushContext) -> BlogObservation:
    repo = open_repo(settings.site, settings.remote)
    if repo is None:
        return Observation()
    try:
        branch = repo.branch(settings.branch)
    except ChannelError as exc:
        return Observation((f"site {repo.root}",), "stop", str(exc))
    seen = [f"site {repo.root}: pushes to {repo.remote} ({repo.url()}), branch {branch}",
            _remote_line(repo, branch), *_intent_lines(repo, ctx)]
    edit = hand_edit(repo, settings, ctx)
    if edit is None:
        return Observation(tuple(seen), facts=None)
    if ctx.options.get("overwrite"):
        return Observation((*seen, f"{edit.post} was edited in the site; --overwrite replaces the edits"),
                           facts=edit)
    return Observation(tuple(seen), "stop", _stop_reason(edit, rendition), facts=edit)


def _remote_line(repo: SiteRepo, branch: str) -> str:
    try:
        tip = repo.remote_tip(branch)
    except ChannelError as exc:
        return f"{repo.remote} cannot be read now ({exc}); the push will say why"
    return f"{repo.remote}/{branch} is at {tip[:12]}" if tip else f"{repo.remote} has no branch {branch} yet"


def _intent_lines(repo: SiteRepo, ctx: PushContext) -> list[str]:
    intent = ctx.state.get("push_intent")
    if not intent:
        return []
    where = f"{intent['remote']}/{intent['branch']}"
    if on_remote(repo, intent["branch"], intent["commit"], intent["remote"]):
        return [f"the earlier push of {intent['commit'][:12]} reached {where} (the run that made it stopped "
                "before recording it)"]
    return [f"the earlier push of {intent['commit'][:12]} did not reach {where}: it is pushed again"]


def hand_edit(repo: SiteRepo, settings: BlogSettings, ctx: PushContext) -> HandEdit | None:
    """The post as last written by the blog, edited or deleted in the site since (None when untouched)."""
    state = ctx.state
    post, written = state.get("post"), state.get("post_sha")
    path = owned_path(settings.site, post, settings) if post else None
    if path is None or not written:
        return None  # nothing of ours in the site yet, or a ledger from before this check
    if not path.is_file():
        return HandEdit(post, "")
    current = path.read_text(encoding="utf-8", errors="replace")
    if hashlib.sha256(normalise(current).encode("utf-8")).hexdigest() == written:
        return None
    ours = _last_written(repo, settings, ctx, post)
    return HandEdit(post, short_diff(ours, current, post) if ours is not None else "(the earlier text is gone)")


def _last_written(repo: SiteRepo, settings: BlogSettings, ctx: PushContext, post: str) -> str | None:
    """The post as the blog last committed it, else the last snapshot."""
    commit = ctx.state.get("pushed_commit") or ctx.state.get("commit")
    rel = str((settings.site.resolve() / post).relative_to(repo.root.resolve()))
    text = repo.show(commit, rel) if commit else None
    return text if text is not None else ctx.state.snapshot().get("post.md")


def short_diff(before: str, after: str, name: str) -> str:
    lines = list(difflib.unified_diff(normalise(before).splitlines(), normalise(after).splitlines(),
                                      f"{name} (last pushed)", f"{name} (in the site now)", n=1, lineterm=""))
    shown = lines[:DIFF_LINES] + ([f"… {len(lines) - DIFF_LINES} more diff line(s)"] if len(lines) > DIFF_LINES else [])
    return "\n".join(shown)


def _stop_reason(edit: HandEdit, rendition: BlogRendition) -> str:
    what = "was deleted in the site" if not edit.diff else "was edited in the site since the last push"
    diff = ":\n" + "\n".join(f"    {line}" for line in edit.diff.split("\n")) + "\n" if edit.diff else "; "
    return (f"{edit.post} {what}{diff}Either copy the edits into drafts/{rendition.issue_id}/index.md and "
            "publish again, or pass --overwrite to replace them with the issue")
