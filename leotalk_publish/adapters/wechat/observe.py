"""Before planning or pushing: what WeChat holds for this issue now, with the fewest calls (read-only).

In order: an open publication intent is resolved first (``publication.resolve``); a publication the ledger
knows needs no call; a recorded draft is read back with one ``draft/get`` and compared as a reader sees it
with what was last sent; a draft that left the box is looked for among the published articles; without a
recorded draft (first push, or a lost ledger) the draft box and the published articles are searched for the
issue's identity (``identity.py``) and what is found is adopted. The verdicts follow issue 10: published →
"skip" (WeChat cannot change a published article; ``--republish`` sends the edited issue as a new one);
vanished where ``freepublish/batchget`` cannot tell (48001) → "skip" ("published or deleted in the
editor"; recreated only with ``--republish``); edited in the editor → "stop" with a short diff, unless
``--overwrite``. Observe writes nothing (a dry run calls it too): what it learned (an adopted draft, a
resolved intent, a publication found) travels in ``Facts.records`` for push to record.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from leotalk_publish.adapters.wechat import identity as ident
from leotalk_publish.adapters.wechat import publication as pub
from leotalk_publish.adapters.wechat.client import WechatClient
from leotalk_publish.adapters.wechat.drafts import recorded
from leotalk_publish.adapters.wechat.errors import DraftGone, NotAuthorised
from leotalk_publish.adapters.wechat.normalise import fingerprint, short_diff, visible_lines
from leotalk_publish.adapters.wechat.payload import WechatRendition
from leotalk_publish.adapters.wechat.settings import WechatSettings
from leotalk_publish.channel import Observation, PushContext

REPUBLISH = "pass --republish to send the edited issue as a new article"


@dataclass(frozen=True)
class Facts:
    """What push needs from observe: where the issue stands on WeChat."""

    state: str  # "new" (make a draft), "draft" (update the recorded one), "done" (published as it is now)
    media_id: str = ""
    republish: bool = False  # a new article after a publication: the old records are retired first
    records: dict[str, Any] = field(default_factory=dict)  # what was learned, for push to write to the ledger


WechatObservation = Observation[Facts | None]  # None: the look stopped before it found where the issue stands


def observe(rendition: WechatRendition, settings: WechatSettings, ctx: PushContext) -> WechatObservation:
    client = WechatClient(settings, ctx.report, sleep=ctx.options.get("sleep"))
    try:
        return Look(client, rendition, ctx).look()
    finally:
        client.close()


class Look:
    def __init__(self, client: WechatClient, rendition: WechatRendition, ctx: PushContext):
        self.client, self.rendition, self.ctx, self.state = client, rendition, ctx, ctx.state
        self.key = rendition.issue_id
        self.options = ctx.options
        self.records: dict[str, Any] = {}

    def facts(self, state: str, media_id: str = "", republish: bool = False) -> Facts:
        return Facts(state, media_id, republish, dict(self.records))

    def look(self) -> WechatObservation:
        record = self.state.get("publication") or {}
        if record.get("status") in ("intent", "submitted"):
            record = pub.resolve(self.client, record, self.key)
            self.records["publication"] = record or None
            if record.get("status") == "publishing":
                return Observation(("WeChat is still publishing the issue",), "stop",
                                   "WeChat is still publishing the issue; run the same command again in a minute")
        if record.get("status") == "published":
            return self.published(record)
        draft = recorded(self.state, self.client.appid)
        if draft:
            return self.recorded_draft(draft)
        return self.search()

    def published(self, record: dict[str, Any]) -> WechatObservation:
        seen = f"published {record.get('date', '')} at {record.get('url', '')}".replace("  ", " ")
        if record.get("content_hash") == self.rendition.content_hash:
            return Observation((seen,), "push", facts=self.facts("done"))
        if self.options.get("republish"):
            return Observation((seen, "--republish: the edited issue goes out as a new article"), "push",
                               facts=self.facts("new", republish=True))
        return Observation((seen,), "skip", f"{seen}; WeChat cannot change a published article; {REPUBLISH}")

    def recorded_draft(self, draft: dict[str, Any]) -> WechatObservation:
        media_id = draft["media_id"]
        try:
            news = self.client.draft_get(media_id)
        except DraftGone:
            return self.vanished(media_id)
        if not draft.get("sent") or [fingerprint(n) for n in news] == draft["sent"]:
            return Observation((f"draft {media_id} is as last pushed",), facts=self.facts("draft", media_id))
        return self.edited(media_id, news, f"draft {media_id} was edited in the WeChat editor since the last push")

    def edited(self, media_id: str, news: list[dict[str, Any]], what: str,
               before: list[str] | None = None) -> WechatObservation:
        if self.options.get("overwrite"):
            return Observation((what, "--overwrite: the issue replaces those edits"),
                               facts=self.facts("draft", media_id))
        if before is None:
            before = visible_lines(self.state.snapshot().get("content.html", ""))
        after = [line for n in news for line in visible_lines(str(n.get("content", "")))]
        diff = "\n".join("    " + line for line in short_diff(before, after)) or "    (formatting or title only)"
        return Observation((what,), "stop", f"{what}:\n{diff}\n  Two ways on: copy the edits into the issue and "
                           "run again, or pass --overwrite to replace them with the issue")

    def vanished(self, media_id: str) -> WechatObservation:
        gone = f"draft {media_id} is no longer in the draft box"
        try:
            found = ident.find(self._published_page, self.key, "article_id")
        except NotAuthorised:
            if self.options.get("republish"):
                return Observation((gone, "--republish: creating it again"), facts=self.facts("new"))
            return Observation((gone,), "skip", f"{gone}: published or deleted in the editor (this account may not "
                               "list published articles, 48001); pass --republish to create it again as a new draft")
        if found:
            return self.published(self._adopt_publication(found, self.state.get("content_hash", "")))
        return Observation((f"{gone}: deleted in the editor; a new draft will be created",), facts=self.facts("new"))

    def search(self) -> WechatObservation:
        """No draft in the ledger: the issue's draft or article on the account, found by identity."""
        found = ident.find(lambda offset: self.client.draft_batchget(offset), self.key, "media_id")
        if found:
            return self.adopt(found)
        try:
            article = ident.find(self._published_page, self.key, "article_id")
        except NotAuthorised:
            article = None
        if article:
            same = self._same_text(list(article.news))
            return self.published(self._adopt_publication(article, self.rendition.content_hash if same else ""))
        return Observation(("no draft or article of this issue on WeChat yet",), facts=self.facts("new"))

    def adopt(self, found: ident.Found) -> WechatObservation:
        from leotalk_publish.adapters.wechat.drafts import article_hash
        news = list(found.news)
        pending = self.state.get("draft_pending") or {}
        ours = pending.get("sent") == [fingerprint(n) for n in news]
        self.records.update(draft={"account": self.client.appid, "media_id": found.key,
                                   "title": news[0].get("title"), "articles": [article_hash(n) for n in news],
                                   "sent": [fingerprint(n) for n in news]}, draft_pending=None)
        seen = f"found draft {found.key} of {self.key} on WeChat (not in the ledger)"
        if ours or self._same_text(news):
            return Observation((seen,), facts=self.facts("draft", found.key))
        return self.edited(found.key, news, f"{seen}; its text differs from the issue and may hold edits made "
                           "in the editor", before=self._our_lines())

    def _same_text(self, news: list[dict[str, Any]]) -> bool:
        """The platform's text is the issue's text as this run would send it (so nothing of a person's is in it)."""
        theirs = [line for n in news for line in visible_lines(str(n.get("content", "")))]
        return self._our_lines() == theirs

    def _our_lines(self) -> list[str]:
        return visible_lines(self.rendition.documents.get("content.html", ""))

    def _adopt_publication(self, found: ident.Found, content_hash: str) -> dict[str, Any]:
        record = pub.published_record(found, content_hash)
        self.records["publication"] = record
        return record

    def _published_page(self, offset: int) -> dict[str, Any]:
        return self.client.freepublish_batchget(offset)
