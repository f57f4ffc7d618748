"""Push a Substack rendition through the API: uploads → one draft, created once then updated in place →
publish or schedule when asked (the export path, files to paste by hand, is ``export.py``).

The push starts from what ``observe`` saw (``ctx.observation.facts``): the issue's draft or post, found by
its ledger id or its slug, and its state. Every remote effect is recorded in the ledger the moment it is
known, and an act that cannot be repeated (publish, schedule, email) is written as an ``intent`` before its
call; the next run resolves an open intent by reading the draft before anything else. A create is never
retried blindly: ``create_pending`` is written before each POST, and an attempt after a lost answer searches
for the slug first, so nothing ever leaves two drafts. A post already published is updated in place (PUT,
then publish with ``send: false``): nobody is emailed twice, whatever the ledger says.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from leotalk_publish.adapters.substack.client import SubstackClient
from leotalk_publish.adapters.substack.errors import DraftNotFound, SectionRequired
from leotalk_publish.adapters.substack.observe import Remote, find_by_slug
from leotalk_publish.adapters.substack.render import SubstackRendition
from leotalk_publish.adapters.substack.schema import validate
from leotalk_publish.adapters.substack.sections import resolve_section, section_hint
from leotalk_publish.adapters.substack.settings import SubstackSettings
from leotalk_publish.adapters.substack.uploads import new_uploads, registry, upload_all, with_uploads
from leotalk_publish.adapters.substack.view import reader_view, view_hash
from leotalk_publish.channel import PushContext, PushResult
from leotalk_publish.errors import ChannelError, TransientError
from leotalk_publish.ledger import ChannelState
from leotalk_publish.net import with_retries


def push(rendition: SubstackRendition, settings: SubstackSettings, ctx: PushContext) -> PushResult:
    """The API path (the export path is ``export.py``)."""
    with client_for(settings, ctx) as client:
        return ApiPush(client, rendition, settings, ctx).run()


def client_for(settings: SubstackSettings, ctx: PushContext) -> SubstackClient:
    """The client; tests hand in a virtual ``sleep`` and ``monotonic`` clock through ``ctx.options``."""
    return SubstackClient(settings, report=ctx.report,
                          sleep=ctx.options.get("sleep") or _sleep, clock=ctx.options.get("monotonic"))


def _sleep(seconds: float) -> None:
    import time
    time.sleep(seconds)


# ── export ─────────────────────────────────────────────────────────────────────────────────────────
# ── API ────────────────────────────────────────────────────────────────────────────────────────────
@dataclass
class ApiPush:
    client: SubstackClient
    rendition: SubstackRendition
    settings: SubstackSettings
    ctx: PushContext
    warnings: list[str] = field(default_factory=list)
    done_view: str | None = None  # the view an earlier run's publish (found to have happened) made public

    @property
    def state(self) -> ChannelState:
        return self.ctx.state

    @property
    def draft(self) -> dict[str, Any]:
        return self.rendition.payload.draft

    @property
    def remote(self) -> Remote:
        return self.ctx.facts(Remote) or Remote()

    def run(self) -> PushResult:
        self.resolve_intent()
        fresh = new_uploads(self.rendition.assets, self.state, registry(self.ctx, self.settings))
        uploads = upload_all(self.client, self.rendition.assets, self.state, self.settings.upload_concurrency,
                             registry(self.ctx, self.settings), self.ctx.report)
        payload = self.payload(uploads)
        draft_id, verb = self.save_draft(payload)
        published = self.act(draft_id)
        where = f"https://{self.settings.publication_host}/publish/post/{draft_id}"
        notes = (f"draft {draft_id} {verb}; {len(uploads)} image(s) on Substack ({fresh} uploaded now)",
                 self.act_note(published), *self.warnings)
        return PushResult("api", where, notes, {"draft_id": draft_id}, published)

    # what an earlier run left open
    def resolve_intent(self) -> None:
        """An intent the last run wrote and never confirmed: observe asked the draft whether it happened."""
        intent = self.state.get("intent")
        if not isinstance(intent, dict):
            return
        if self.remote.intent_done:
            self.record_act_done(intent)
            self.done_view = intent.get("view")
            self.ctx.report(f"the last run's {intent.get('act')} went through on Substack: not repeated")
        self.state.record(intent=None)

    def record_act_done(self, intent: dict[str, Any]) -> None:
        if intent.get("act") == "schedule":
            self.state.record(scheduled_for=intent.get("trigger_at"))
            return
        self.state.record(published_once=True, emailed=True if intent.get("send") else self.state.get("emailed"))

    # the draft
    def payload(self, uploads: dict[str, dict[str, Any]]) -> dict[str, Any]:
        body = with_uploads(self.rendition.payload.doc, uploads)
        validate(body)
        section_id = self.section_id()
        return {
            "draft_title": self.draft["title"], "draft_subtitle": self.draft["subtitle"],
            "draft_body": json.dumps(body, ensure_ascii=False),
            "draft_bylines": [{"id": self.user_id(), "is_guest": False}],
            "audience": self.settings.audience, "draft_section_id": section_id,
            "section_chosen": True, "type": "newsletter", "slug": self.draft["slug"],
        }

    def user_id(self) -> int:
        cached = self.state.get("user_id")
        if isinstance(cached, int):
            return cached
        user_id = self.client.user_id()
        self.state.record(user_id=user_id)
        return user_id

    def section_id(self) -> int | None:
        name = self.settings.section
        if not name:
            return None
        cached = self.state.lookup("sections", name)
        if isinstance(cached, int):
            return cached
        section_id = resolve_section(self.client, self.settings)
        self.state.record_in("sections", name, section_id)
        return section_id

    def save_draft(self, payload: dict[str, Any]) -> tuple[int, str]:
        remote = self.remote
        if remote.found == "gone":
            self.ctx.report(f"draft {self.state.get('draft_id')} is gone from Substack (deleted by hand?); "
                            "creating a new one")
            self.state.record(draft_id=None, published_once=None, scheduled_for=None, sent_view=None)
        elif remote.draft_id is not None:
            if remote.found == "slug":
                self.state.record(draft_id=remote.draft_id, create_pending=None)
            self.update(remote.draft_id, payload)
            return remote.draft_id, "updated" if remote.found == "ledger" else "found by its slug and updated"
        return self.create(payload)

    def update(self, draft_id: int, payload: dict[str, Any]) -> None:
        view = reader_view(payload["draft_title"], payload["draft_subtitle"], payload["draft_body"])
        self.state.record(sending_view=view_hash(view))  # a PUT whose answer is lost is still ours
        try:
            self.client.update_draft(draft_id, payload)
        except DraftNotFound:
            raise ChannelError(f"draft {draft_id} disappeared from Substack during the push; run again "
                               "(a new draft will be made)") from None
        self.state.record(sent_view=view, sending_view=None)

    def create(self, payload: dict[str, Any]) -> tuple[int, str]:
        """Create the draft, then PUT what the create ignores (section, audience, slug) and read it back."""
        def attempt() -> tuple[int, bool]:
            if self.state.get("create_pending"):  # the last POST's answer was lost: did it land?
                again = find_created(self.client, self.draft["slug"], self.draft["title"])
                if again is not None:
                    return again, True
            self.state.record(create_pending=self.draft["slug"])
            return _draft_id(self.client.create_draft(payload)), False

        draft_id, adopted = with_retries(attempt, what="create the draft", report=self.ctx.report,
                                         initial_s=self.settings.retry_initial_seconds, sleep=self.client.sleep)
        self.state.record(draft_id=draft_id, create_pending=None)
        self.update(draft_id, payload)
        self.confirm(draft_id, payload)
        return draft_id, "created" if not adopted else "created (found after a lost answer)"

    def confirm(self, draft_id: int, payload: dict[str, Any]) -> None:
        """Read the new draft back: Substack must hold the section, the audience and the slug we set."""
        held = self.client.get_draft(draft_id)
        wrong = [key for key in ("draft_section_id", "section_chosen", "audience", "slug")
                 if held.get(key) != payload[key]]
        if wrong:
            raise ChannelError(f"Substack did not keep {', '.join(wrong)} on draft {draft_id} (it holds "
                               f"{ {k: held.get(k) for k in wrong} }); set them in the draft's settings on "
                               "Substack, or run again")

    # publish / schedule
    def act(self, draft_id: int) -> bool:
        if self.done_view is not None and self.done_view == view_hash(self.state.get("sent_view") or []):
            return True  # the last run published exactly this: nothing to update
        if self.remote.published or self.state.get("published_once"):
            self.publish(draft_id, send=False, was_published=True)  # an update in place: nobody emailed
            return True
        if self.settings.act == "draft":
            return False
        self.prepublish(draft_id)
        try:
            if self.settings.act == "schedule":
                return self.schedule(draft_id)
            return self.publish(draft_id, send=self.settings.send_email and not self.state.get("emailed"))
        except SectionRequired as exc:
            raise ChannelError(section_hint(self.client, self.settings, str(exc))) from None

    def prepublish(self, draft_id: int) -> None:
        """Substack's check: its errors stop the publish; its failing (flaky 5xx) is only a warning."""
        try:
            answer = self.client.prepublish(draft_id)
        except TransientError as exc:
            warning = f"warning: Substack's pre-publish check did not answer ({exc}); publishing without it"
            self.ctx.report(warning)
            self.warnings.append(warning)
            return
        errors = answer.get("errors") if isinstance(answer, dict) else None
        if errors:
            listed = "; ".join(str(e.get("message", e) if isinstance(e, dict) else e) for e in errors)
            raise ChannelError(f"Substack's pre-publish check refused draft {draft_id}: {listed}. "
                               "The draft is saved: fix it in the issue (or on Substack) and run again")

    def publish(self, draft_id: int, send: bool, was_published: bool = False) -> bool:
        intent = {"act": "publish", "draft_id": draft_id, "send": send, "was_published": was_published,
                  "view": view_hash(self.state.get("sent_view") or [])}

        def attempt() -> None:
            if self.state.get("intent") and not was_published and self.is_published(draft_id):
                return  # this run's earlier attempt went through, its answer was lost
            self.state.record(intent=intent)
            self.client.publish(draft_id, send=send, share=self.settings.share_automatically and not was_published)

        with_retries(attempt, what="publish the post", report=self.ctx.report,
                     initial_s=self.settings.retry_initial_seconds, sleep=self.client.sleep)
        self.record_act_done(intent)
        self.state.record(intent=None)
        self.ctx.report(("updated the published post in place" if was_published else "published")
                        + (" and emailed it to subscribers" if send else " (no email sent)"))
        return True

    def is_published(self, draft_id: int) -> bool:
        answer = self.client.get_draft(draft_id)
        return bool(answer.get("is_published") or answer.get("post_date")) if isinstance(answer, dict) else False

    def schedule(self, draft_id: int) -> bool:
        trigger = self.draft["scheduled_release"]
        if datetime.fromisoformat(trigger.replace("Z", "+00:00")) <= self.ctx.clock():
            raise ChannelError(f"the issue's date ({trigger}) has passed, so it cannot be scheduled; "
                               "set 'schedule = false' and 'publish = true' in channels/substack.toml to publish now")
        if self.state.get("scheduled_for") == trigger or self.remote.trigger_at == trigger:
            self.state.record(scheduled_for=trigger)
            return True
        if self.state.get("scheduled_for") or self.remote.trigger_at:
            self.client.unschedule(draft_id)
            self.state.record(scheduled_for=None)
        self.state.record(intent={"act": "schedule", "draft_id": draft_id, "trigger_at": trigger,
                                  "send": self.settings.send_email})
        self.client.schedule(draft_id, trigger, self.settings.audience, self.settings.send_email)
        self.state.record(scheduled_for=trigger, intent=None)
        return True

    def act_note(self, published: bool) -> str:
        if self.remote.published or (published and self.settings.act == "draft"):
            return "the published post was updated in place; nobody was emailed again"
        if self.settings.act == "schedule":
            return f"scheduled for {self.draft['scheduled_release']}" + self._email_note()
        if self.settings.act == "publish":
            return "published" + self._email_note()
        return "saved as a draft (publish = false in channels/substack.toml); nobody was emailed"

    def _email_note(self) -> str:
        return "; subscribers emailed" if self.settings.send_email else "; nobody emailed (send_email = false)"


def find_created(client: SubstackClient, slug: str, title: str) -> int | None:
    """The draft a create whose answer was lost made: by its slug, or (the create may not keep the slug;
    the PUT right after it sets it) an unpublished draft with no slug yet and this issue's title."""
    found = find_by_slug(client, slug)
    if found is not None:
        return found
    fresh = [p for p in client.list_posts("drafts") if not p.get("slug") and p.get("draft_title") == title]
    return _draft_id(fresh[0]) if fresh else None


def _draft_id(answer: Any) -> int:
    value = answer.get("id") if isinstance(answer, dict) else None
    if not isinstance(value, int) or isinstance(value, bool):
        raise ChannelError("Substack's answer about the draft has no 'id'; its private API may have changed "
                           "(use --export meanwhile)")
    return value
