"""One draft per issue and account: created once, updated in place, found again when an answer was lost.

The ledger's ``draft`` holds the draft's media_id, a hash of each article last sent (``articles``, so an
unchanged article is not sent again) and each one's fingerprint as a reader sees it (``sent``, so observe
can tell an edit made in the editor from WeChat's own re-serialisation). Before ``draft/add`` the ledger
records ``draft_pending`` (the issue's identity and the fingerprints about to be sent); if the answer never
comes, ``draft/batchget`` is searched for a draft carrying exactly that before another is made — in this
run or the next. When the number of articles changes (the fit ladder's multi-article step), the new draft
is made first and the old one deleted after, and the output says so.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
from collections.abc import Callable
from typing import Any

from leotalk_publish.adapters.wechat import identity as ident
from leotalk_publish.adapters.wechat.client import WechatClient
from leotalk_publish.adapters.wechat.errors import DraftGone
from leotalk_publish.adapters.wechat.normalise import fingerprint
from leotalk_publish.errors import TransientError
from leotalk_publish.ledger import ChannelState
from leotalk_publish.net import with_retries

Report = Callable[[str], None]


def article_hash(article: dict[str, Any]) -> str:
    return hashlib.sha256(json.dumps(article, ensure_ascii=False, sort_keys=True).encode()).hexdigest()


def recorded(state: ChannelState, account: str) -> dict[str, Any] | None:
    """The ledger's draft of this account, in today's shape (older ledgers kept one ``article_hash``)."""
    draft: dict[str, Any] | None = state.get("draft")
    if not draft or draft.get("account") != account or not draft.get("media_id"):
        return None
    if "articles" not in draft:
        draft = {**draft, "articles": [draft.get("article_hash", "")], "sent": []}
    return draft


def save_draft(client: WechatClient, articles: list[dict[str, Any]], key: str, step: str, state: ChannelState,
               report: Report) -> str:
    """The media_id of the issue's draft once it carries ``articles``: updated in place, or created."""
    delete_replaced(client, state, report)
    draft = recorded(state, client.appid)
    if draft and len(draft["articles"]) == len(articles):
        try:
            return _update(client, draft, articles, step, state, report)
        except DraftGone:
            report(f"draft {draft['media_id']} is no longer in the draft box; creating a new one")
            state.record(draft=None)
            draft = None
    media_id = _create(client, articles, key, step, state, report)
    if draft:
        state.record(replaced_draft=draft["media_id"])  # deleted next; a run that dies first deletes it later
        report(f"the draft now has {len(articles)} article(s): created {media_id} first, then deleting the old "
               f"draft {draft['media_id']} ({len(draft['articles'])} article(s))")
    delete_replaced(client, state, report)
    return media_id


def delete_replaced(client: WechatClient, state: ChannelState, report: Report) -> None:
    """Delete the draft a new one replaced (recorded before, so a crash in between is finished next run)."""
    old = state.get("replaced_draft")
    if not old:
        return
    with contextlib.suppress(DraftGone):  # already gone: deleted by an earlier try or by hand
        client.draft_delete(old)
    state.record(replaced_draft=None)
    report(f"deleted the old draft {old}")


def _update(client: WechatClient, draft: dict[str, Any], articles: list[dict[str, Any]], step: str,
            state: ChannelState, report: Report) -> str:
    media_id: str = draft["media_id"]
    hashes, sent = list(draft["articles"]), list(draft.get("sent") or [])
    sent += [""] * (len(articles) - len(sent))
    changed = [i for i, article in enumerate(articles) if hashes[i] != article_hash(article)]
    for index in changed:
        client.draft_update(media_id, articles[index], index)
        hashes[index], sent[index] = article_hash(articles[index]), fingerprint(articles[index])
        state.record(draft={**draft, "articles": hashes, "sent": sent, "step": step})
    report(f"updated draft {media_id} ({len(changed)} of {len(articles)} article(s) changed)" if changed
           else f"draft {media_id} already carries this version; nothing to send")
    return media_id


def _create(client: WechatClient, articles: list[dict[str, Any]], key: str, step: str, state: ChannelState,
            report: Report) -> str:
    sent = [fingerprint(a) for a in articles]
    pending = {"account": client.appid, "identity": key, "sent": sent}
    if state.get("draft_pending") == pending:
        found = find_sent(client, key, sent)
        if found:
            report(f"found draft {found}, created by an earlier run whose answer was lost")
            _record(state, client.appid, found, articles, step)
            return found
    state.record(draft_pending=pending)
    media_id = with_retries(lambda: _add_once(client, articles, key, sent, report), what="creating the draft",
                            report=report, **client.retry_options())
    _record(state, client.appid, media_id, articles, step)
    report(f"created draft {media_id} ({len(articles)} article(s))")
    return media_id


def _add_once(client: WechatClient, articles: list[dict[str, Any]], key: str, sent: list[str],
              report: Report) -> str:
    """``draft/add`` without blind retries: after a lost answer, look for the draft before adding again."""
    try:
        return client.draft_add(articles, retry=False)
    except TransientError:
        found = find_sent(client, key, sent)
        if found:
            report(f"the draft was created although its answer was lost: {found}")
            return found
        raise


def find_sent(client: WechatClient, key: str, sent: list[str]) -> str | None:
    """The media_id of a draft of this issue carrying exactly the articles whose fingerprints are ``sent``."""
    found = ident.find(lambda offset: client.draft_batchget(offset), key, "media_id",
                       lambda item: [fingerprint(n) for n in item.news] == sent)
    return found.key if found else None


def _record(state: ChannelState, account: str, media_id: str, articles: list[dict[str, Any]], step: str) -> None:
    state.record(draft={"account": account, "media_id": media_id, "title": articles[0]["title"], "step": step,
                        "articles": [article_hash(a) for a in articles],
                        "sent": [fingerprint(a) for a in articles]}, draft_pending=None)
