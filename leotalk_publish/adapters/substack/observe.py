"""Look before acting (read-only calls): where this issue is on Substack, in what state, and whether a
person changed it in Substack's editor since the last push.

The issue's identity on Substack is its **slug** (``slug`` in the front matter, else the issue id), saved on
the draft by the push. The editor keeps a post's slug unless a person changes its URL by hand, it is in
every entry of the drafts, published and scheduled lists, and no two issues share one; a title is none of
these (two issues may share one, and editing it is common). With the ledger's draft id the look is one call
(``GET /drafts/{id}``); without it (a lost ledger) the three lists are searched for the slug, at most four
calls in all.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from leotalk_publish.adapters.substack.client import SubstackClient
from leotalk_publish.adapters.substack.errors import DraftNotFound
from leotalk_publish.adapters.substack.render import SubstackRendition
from leotalk_publish.adapters.substack.sections import section_problem
from leotalk_publish.adapters.substack.settings import SubstackSettings
from leotalk_publish.adapters.substack.view import reader_view, short_diff, view_hash
from leotalk_publish.channel import Observation, PushContext
from leotalk_publish.ledger import ChannelState

LISTS = ("drafts", "published", "scheduled")
PAGE, MAX_PAGES = 50, 20  # a lost ledger searches up to 1,000 posts of each kind, most recent first


@dataclass(frozen=True)
class Remote:
    """What ``observe`` saw, handed to the push (``ctx.observation.facts``)."""

    draft_id: int | None = None
    found: str = "none"  # "ledger" (its recorded id), "slug" (searched), "gone" (recorded id answers 404), "none"
    status: str = "none"  # "none", "draft", "scheduled", "published"
    post_date: str | None = None
    trigger_at: str | None = None
    intent_done: bool | None = None  # an open intent of an earlier run: did it happen? (None: no intent)
    edited: bool = False

    @property
    def published(self) -> bool:
        return self.status == "published"


SubstackObservation = Observation[Remote]


def observe(client: SubstackClient, rendition: SubstackRendition, ctx: PushContext) -> SubstackObservation:
    state = ctx.state
    slug = rendition.payload.draft["slug"]
    draft, found = locate(client, state, slug)
    if draft is None:
        line = (f"draft {state.get('draft_id')} is gone from Substack (deleted by hand?); a new one will be made"
                if found == "gone" else f"no draft or post with the slug '{slug}' on Substack yet")
        return Observation(seen=(line,), facts=Remote(found=found))
    remote = describe(draft, found, state)
    seen = [_status_line(remote, slug, ctx)]
    if remote.intent_done is not None:
        seen.append(f"the last run's {state.get('intent', {}).get('act')} " +
                    ("went through: it is not repeated" if remote.intent_done else "did not happen: it is made now"))
    before = state.get("sent_view")
    after = reader_view(draft.get("draft_title", ""), draft.get("draft_subtitle", ""), draft.get("draft_body"))
    if not isinstance(before, list) or view_hash(after) in _known(state, before):
        return Observation(seen=tuple(seen), facts=remote)
    diff = short_diff(before, after)
    if ctx.options.get("overwrite"):
        seen.append("edited in Substack since the last push; --overwrite: the issue replaces those edits")
        return Observation(seen=tuple(seen), facts=Remote(**{**remote.__dict__, "edited": True}))
    seen.append("the draft was edited in Substack since the last push")
    reason = (f"draft {remote.draft_id} was edited in Substack since the last push, and the push would overwrite "
              f"it:\n{diff}\nEither copy those edits into the issue and run again, or run again with --overwrite "
              "to replace them with the issue")
    return Observation(seen=tuple(seen), verdict="stop", reason=reason, facts=remote)


def with_section(seen: SubstackObservation, client: SubstackClient, settings: SubstackSettings,
                 ctx: PushContext) -> SubstackObservation:
    """The observation, stopped when the push would be refused for its section (looked at only when it would
    go ahead: a draft that is skipped or stopped anyway costs no call)."""
    if seen.verdict != "push":
        return seen
    problem = section_problem(client, settings, ctx.state.lookup("sections", settings.section))
    if problem is None:
        return seen
    return Observation(seen=(*seen.seen, "the section setting does not suit the publication"), verdict="stop",
                       reason=problem, facts=seen.facts)


def _known(state: ChannelState, before: list[str]) -> set[str]:
    """The views this tool sent: the last confirmed one, and one whose PUT may have landed unanswered."""
    return {view_hash(before), str(state.get("sending_view"))}


def locate(client: SubstackClient, state: ChannelState, slug: str) -> tuple[dict[str, Any] | None, str]:
    """The issue's draft or post: by the ledger's id, else by its slug in the drafts, published, scheduled lists."""
    draft_id = state.get("draft_id")
    gone = False
    if isinstance(draft_id, int):
        try:
            return client.get_draft(draft_id), "ledger"
        except DraftNotFound:
            gone = True
    found = find_by_slug(client, slug)
    if found is not None:
        return client.get_draft(found), "slug"
    return None, "gone" if gone else "none"


def find_by_slug(client: SubstackClient, slug: str) -> int | None:
    """The id of the post carrying this slug, in any of the three lists; never a match by title."""
    for kind in LISTS:
        for page in range(MAX_PAGES):
            posts = client.list_posts(kind, limit=PAGE, offset=page * PAGE)
            found: int | None = next(
                (p["id"] for p in posts if p.get("slug") == slug and isinstance(p.get("id"), int)), None)
            if found is not None:
                return found
            if len(posts) < PAGE:
                break
    return None


def describe(draft: dict[str, Any], found: str, state: ChannelState) -> Remote:
    release = draft.get("scheduled_release")
    trigger = release.get("trigger_at") if isinstance(release, dict) else release if isinstance(release, str) else None
    published = bool(draft.get("is_published"))
    status = "published" if published else "scheduled" if trigger else "draft"
    return Remote(draft_id=draft.get("id"), found=found, status=status, post_date=draft.get("post_date"),
                  trigger_at=trigger, intent_done=intent_done(state.get("intent"), published, trigger))


def intent_done(intent: Any, published: bool, trigger: str | None) -> bool | None:
    """Did an act recorded as an intent (and never confirmed) happen? Asked of the draft itself."""
    if not isinstance(intent, dict):
        return None
    if intent.get("act") == "schedule":
        return trigger is not None and trigger == intent.get("trigger_at")
    if intent.get("was_published"):
        return False  # an update in place (send: false) leaves no trace to tell; repeating it is harmless
    return published


def _status_line(remote: Remote, slug: str, ctx: PushContext) -> str:
    how = "" if remote.found == "ledger" else f" (found by its slug '{slug}'; the ledger had no record of it)"
    if remote.published:
        return (f"published {str(remote.post_date or '')[:10]} as draft {remote.draft_id}{how}; it is updated "
                "in place and nobody is emailed again")
    if remote.status == "scheduled":
        return f"draft {remote.draft_id} is scheduled for {remote.trigger_at}{how}"
    return f"draft {remote.draft_id} exists, not published{how}"
