"""Push a Substack rendition: the API path (uploads → one draft, created once then updated in place →
publish or schedule when asked) or the export path (files to paste by hand).

Every remote effect is recorded in the ledger the moment it is known. A create is never retried
blindly: before the first POST the drafts are searched for the issue's title (a lost ledger, a run killed
before it recorded the id), ``create_pending`` is written before each POST, and an attempt after a lost
answer looks the draft up again first, so nothing ever leaves two drafts.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from leotalk_publish.adapters.substack.client import DraftNotFound, SectionRequired, SubstackClient
from leotalk_publish.adapters.substack.html import render_html
from leotalk_publish.adapters.substack.render import BODY
from leotalk_publish.adapters.substack.schema import validate
from leotalk_publish.adapters.substack.sections import resolve_section, section_hint
from leotalk_publish.adapters.substack.settings import SubstackSettings, push_mode
from leotalk_publish.adapters.substack.uploads import new_uploads, upload_all, with_uploads
from leotalk_publish.channel import PushContext, PushResult, Rendition
from leotalk_publish.errors import ChannelError
from leotalk_publish.ledger import atomic_write
from leotalk_publish.net import with_retries


def push(rendition: Rendition, settings: SubstackSettings, ctx: PushContext) -> PushResult:
    if push_mode(settings, ctx.export) == "export":
        return export_files(rendition, ctx)
    with SubstackClient(settings, transport=ctx.transport, report=ctx.report,
                        sleep=ctx.options.get("sleep") or _sleep) as client:
        return ApiPush(client, rendition, settings, ctx).run()


def _sleep(seconds: float) -> None:
    import time
    time.sleep(seconds)


# ── export ─────────────────────────────────────────────────────────────────────────────────────────
def export_folder(ctx: PushContext, issue_id: str):
    return ctx.project / "export" / "substack" / issue_id


def export_files(rendition: Rendition, ctx: PushContext) -> PushResult:
    """export/substack/<issue>/: post.html (paste-ready), draft_body.json and the images beside them."""
    folder = export_folder(ctx, rendition.issue_id)
    draft = rendition.payload["draft"]
    for asset in rendition.assets:
        atomic_write(folder / asset.src, asset.read_bytes())
    atomic_write(folder / BODY, rendition.documents[BODY].encode("utf-8"))
    html = render_html(rendition.payload["doc"], draft["title"], draft["subtitle"])
    atomic_write(folder / "post.html", html.encode("utf-8"))
    ctx.report(f"wrote {ctx.shown(folder / 'post.html')}: open it in a browser, copy what is below the line "
               "and paste it into a new post")
    return PushResult("export", ctx.shown(folder / "post.html"),
                      notes=(f"{len(rendition.assets)} image(s) beside it; {BODY} is the API's document",))


# ── API ────────────────────────────────────────────────────────────────────────────────────────────
@dataclass
class ApiPush:
    client: SubstackClient
    rendition: Rendition
    settings: SubstackSettings
    ctx: PushContext

    @property
    def state(self):
        return self.ctx.state

    @property
    def draft(self) -> dict[str, Any]:
        return self.rendition.payload["draft"]

    def run(self) -> PushResult:
        fresh = new_uploads(self.rendition.assets, self.state)
        uploads = upload_all(self.client, self.rendition.assets, self.state, self.settings.upload_concurrency)
        payload = self.payload(uploads)
        draft_id, verb = self.save_draft(payload)
        published = self.act(draft_id) or bool(self.state.get("published_once"))
        where = f"https://{self.settings.publication_host}/publish/post/{draft_id}"
        notes = (f"draft {draft_id} {verb}; {len(uploads)} image(s) on Substack ({fresh} uploaded now)",
                 self.act_note(published))
        return PushResult("api", where, notes, {"draft_id": draft_id}, published)

    # the draft
    def payload(self, uploads: dict[str, dict[str, Any]]) -> dict[str, Any]:
        body = with_uploads(self.rendition.payload["doc"], uploads)
        validate(body)
        section_id = self.section_id()
        return {
            "draft_title": self.draft["title"], "draft_subtitle": self.draft["subtitle"],
            "draft_body": json.dumps(body, ensure_ascii=False),
            "draft_bylines": [{"id": self.user_id(), "is_guest": False}],
            "audience": self.settings.audience, "draft_section_id": section_id,
            "section_chosen": section_id is not None, "type": "newsletter",
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
        draft_id = self.state.get("draft_id")
        if draft_id is not None:
            try:
                self.client.update_draft(draft_id, payload)
                return draft_id, "updated"
            except DraftNotFound:
                self.ctx.report(f"draft {draft_id} is gone from Substack (deleted by hand?); creating a new one")
                self.state.record(draft_id=None, published_once=None, scheduled_for=None)
        return self.create(payload)

    def create(self, payload: dict[str, Any]) -> tuple[int, str]:
        """Create the draft, unless one with this title is already there (a lost answer, a lost ledger)."""
        found = self.find_by_title()
        if found is not None:
            self.client.update_draft(found, payload)
            return found, "found by its title and updated"

        def attempt() -> tuple[int, bool]:
            if self.state.get("create_pending"):  # the last POST's answer was lost: did it land?
                again = self.find_by_title()
                if again is not None:
                    return again, True
            self.state.record(create_pending=self.draft["title"])
            return _draft_id(self.client.create_draft(payload)), False

        draft_id, adopted = with_retries(attempt, what="create the draft", report=self.ctx.report,
                                         initial_s=self.settings.retry_initial_seconds, sleep=self.client.sleep)
        self.state.record(draft_id=draft_id, create_pending=None)
        return draft_id, "created" if not adopted else "created (found after a lost answer)"

    def find_by_title(self) -> int | None:
        """An unpublished draft with this issue's title, recorded at once if found."""
        title = self.draft["title"]
        matches = [d for d in self.client.list_drafts() if d.get("draft_title") == title]
        if not matches:
            return None
        draft_id = _draft_id(matches[0])
        self.state.record(draft_id=draft_id, create_pending=None)
        return draft_id

    # publish / schedule
    def act(self, draft_id: int) -> bool:
        if self.settings.act == "draft":
            return False
        self.prepublish(draft_id)
        try:
            if self.settings.act == "schedule":
                return self.schedule(draft_id)
            return self.publish(draft_id)
        except SectionRequired as exc:
            raise ChannelError(section_hint(self.client, self.settings, str(exc))) from None

    def prepublish(self, draft_id: int) -> None:
        answer = self.client.prepublish(draft_id)
        errors = answer.get("errors") if isinstance(answer, dict) else None
        if errors:
            listed = "; ".join(str(e.get("message", e) if isinstance(e, dict) else e) for e in errors)
            raise ChannelError(f"Substack's pre-publish check refused draft {draft_id}: {listed}. "
                               "The draft is saved: fix it in the issue (or on Substack) and run again")

    def publish(self, draft_id: int) -> bool:
        send = self.settings.send_email and not self.state.get("emailed")
        was_published = bool(self.state.get("published_once"))

        def attempt() -> None:
            if self.state.get("publish_attempted") and not was_published and self.is_published(draft_id):
                return
            self.state.record(publish_attempted=True)
            self.client.publish(draft_id, send=send, share=self.settings.share_automatically)

        with_retries(attempt, what="publish the post", report=self.ctx.report,
                     initial_s=self.settings.retry_initial_seconds, sleep=self.client.sleep)
        self.state.record(published_once=True, emailed=True if send else self.state.get("emailed"),
                          publish_attempted=None)
        self.ctx.report("published" + (" and emailed to subscribers" if send else " (no email sent)"))
        return True

    def is_published(self, draft_id: int) -> bool:
        answer = self.client.get_draft(draft_id)
        return bool(answer.get("is_published") or answer.get("post_date")) if isinstance(answer, dict) else False

    def schedule(self, draft_id: int) -> bool:
        trigger = self.draft["scheduled_release"]
        if datetime.fromisoformat(trigger.replace("Z", "+00:00")) <= self.ctx.clock():
            raise ChannelError(f"the issue's date ({trigger}) has passed, so it cannot be scheduled; "
                               "set 'schedule = false' and 'publish = true' in channels/substack.toml to publish now")
        if self.state.get("scheduled_for") == trigger:
            return True
        if self.state.get("scheduled_for"):
            self.client.unschedule(draft_id)
            self.state.record(scheduled_for=None)
        self.client.schedule(draft_id, trigger, self.settings.audience, self.settings.send_email)
        self.state.record(scheduled_for=trigger)
        return True

    def act_note(self, published: bool) -> str:
        if self.settings.act == "schedule":
            return f"scheduled for {self.draft['scheduled_release']}" + self._email_note()
        if self.settings.act == "publish":
            return "published" + self._email_note()
        if published:
            return ("draft saved; the post was published before, so readers see this edit only after "
                    "publishing again (publish = true); nobody was emailed")
        return "saved as a draft (publish = false in channels/substack.toml); nobody was emailed"

    def _email_note(self) -> str:
        return "; subscribers emailed" if self.settings.send_email else "; nobody emailed (send_email = false)"


def _draft_id(answer: Any) -> int:
    value = answer.get("id") if isinstance(answer, dict) else None
    if not isinstance(value, int) or isinstance(value, bool):
        raise ChannelError("Substack's answer about the draft has no 'id'; its private API may have changed "
                           "(use --export meanwhile)")
    return value
