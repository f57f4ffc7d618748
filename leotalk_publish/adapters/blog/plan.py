"""The blog's plan in words, for ``--dry-run``: where a push would go, which files change in the site, and
whether git commits and pushes them."""

from __future__ import annotations

from leotalk_publish.ledger import ChannelState

from . import push as pushing
from .client import open_repo
from .render import BlogRendition
from .settings import BlogSettings


def push_mode(settings: BlogSettings, export: bool) -> str:
    """"export" with --export (export/blog/<issue>/); else "git" when the site folder is a repository with a
    remote to push to, "site" when it is a plain folder: two destinations, two modes, so a push to one is never
    taken for a push to the other."""
    if export:
        return "export"
    return "site" if open_repo(settings.site, settings.remote) is None else "git"


def plan(rendition: BlogRendition, state: ChannelState, settings: BlogSettings, export: bool) -> list[str]:
    """The push in words: which files change in the site, and whether git commits and pushes them."""
    if export:
        return [f"write the post and {len(rendition.assets)} image(s) to export/blog/{rendition.issue_id}/ "
                "(the site is left alone)"]
    site = settings.site
    files = pushing.site_files(rendition)
    changed = [rel for rel, item in files.items() if not pushing.same_content(site / rel, item)]
    actions = [f"write {rel} in {site}" for rel in changed] or [f"files in {site} already match this version"]
    actions += [f"remove the earlier {rel}" for rel in pushing.stale_files(rendition, state, settings)]
    if moved := pushing.moved_address(rendition, state, settings):
        actions.append(f"warning: {moved}")
    if repo := open_repo(site, settings.remote):
        actions.append(f"commit in the site repository and push to {repo.remote}")
    actions.append(f"post address: {pushing.site_url(rendition, settings)}")
    return actions

