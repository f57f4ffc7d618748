"""The Substack plan in words, for ``--dry-run``: where a push would go, the uploads the account lacks, the
draft created or updated, and what happens to it then (publish, schedule or leave it a draft)."""

from __future__ import annotations

from leotalk_publish.adapters.substack.render import SubstackRendition
from leotalk_publish.adapters.substack.settings import SubstackSettings
from leotalk_publish.adapters.substack.uploads import new_uploads, registry_at
from leotalk_publish.ledger import ChannelState


def push_mode(settings: SubstackSettings, export: bool) -> str:
    """"export" (files to paste) with --export or without a cookie, else "api"."""
    return "export" if export or not settings.has_cookie else "api"


def plan(rendition: SubstackRendition, state: ChannelState, settings: SubstackSettings, export: bool) -> list[str]:
    """The push in words."""
    folder = f"export/substack/{rendition.issue_id}/"
    if push_mode(settings, export) == "export":
        why = "--export" if settings.has_cookie else "SUBSTACK_COOKIE is not set"
        return [f"write {folder}post.html and draft_body.json with {len(rendition.assets)} image(s) ({why})"]
    draft_id = state.get("draft_id")
    fresh = new_uploads(rendition.assets, state, registry_at(state.ledger.root, settings))
    return [
        f"upload {fresh} image(s) ({len(rendition.assets) - fresh} already on Substack)",
        f"update draft {draft_id}" if draft_id is not None
        else f"create a draft (or adopt the draft or post with the slug '{rendition.payload.draft['slug']}' "
             "found on Substack)",
        _act_plan(settings, rendition),
    ]


def _act_plan(settings: SubstackSettings, rendition: SubstackRendition) -> str:
    email = "email subscribers" if settings.send_email else "email nobody"
    if settings.act == "publish":
        return f"publish it ({email})"
    if settings.act == "schedule":
        return f"schedule it for {rendition.payload.draft['scheduled_release']} ({email})"
    return "leave it as a draft (publish = false); email nobody"
