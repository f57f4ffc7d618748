"""One draft per issue and account: created once, updated in place after that, found again when the
answer to its creation was lost.

Before ``draft/add`` the ledger records what the draft will look like (title and cover ``media_id``);
if the answer never comes, the next attempt — in this run or the next — looks through ``draft/batchget``
for that draft before creating another.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from typing import Any

from leotalk_publish.adapters.wechat.client import WechatClient
from leotalk_publish.adapters.wechat.errors import DraftGone
from leotalk_publish.errors import TransientError
from leotalk_publish.ledger import ChannelState
from leotalk_publish.net import with_retries

MAX_LISTED = 200  # how many of the newest drafts to look through for a lost one
Report = Callable[[str], None]


def article_hash(article: dict[str, Any]) -> str:
    return hashlib.sha256(json.dumps(article, ensure_ascii=False, sort_keys=True).encode()).hexdigest()


def save_draft(client: WechatClient, article: dict[str, Any], state: ChannelState, report: Report) -> str:
    """The draft's media_id after it carries ``article``: updated, found again, or created."""
    draft = state.get("draft")
    if draft and draft.get("account") == client.appid:
        try:
            return _update(client, draft["media_id"], article, state, report)
        except DraftGone:
            report(f"draft {draft['media_id']} is gone from WeChat (deleted by hand?); creating a new one")
            state.record(draft=None)
    return _create(client, article, state, report)


def _update(client: WechatClient, media_id: str, article: dict[str, Any], state: ChannelState,
            report: Report) -> str:
    digest = article_hash(article)
    if state.get("draft", {}).get("article_hash") == digest:
        report(f"draft {media_id} already carries this version; nothing to send")
        return media_id
    client.draft_update(media_id, article)
    _record(state, client.appid, media_id, article, digest)
    report(f"updated draft {media_id}")
    return media_id


def _create(client: WechatClient, article: dict[str, Any], state: ChannelState, report: Report) -> str:
    pending = {"account": client.appid, "title": article["title"], "thumb_media_id": article["thumb_media_id"]}
    if state.get("draft_pending") == pending:
        found = find_draft(client, pending)
        if found:
            report(f"found draft {found}, created by an earlier run whose answer was lost")
            _record(state, client.appid, found, article, "")
            return _update(client, found, article, state, report)
    state.record(draft_pending=pending)
    media_id = with_retries(lambda: _add_once(client, article, pending, report), what="creating the draft",
                            report=report, **client.retry_options())
    _record(state, client.appid, media_id, article, article_hash(article))
    report(f"created draft {media_id}")
    return media_id


def _add_once(client: WechatClient, article: dict[str, Any], pending: dict[str, str], report: Report) -> str:
    """``draft/add`` without blind retries: after a lost answer, look for the draft before adding again."""
    try:
        return client.draft_add(article, retry=False)
    except TransientError:
        found = find_draft(client, pending)
        if found:
            report(f"the draft was created although its answer was lost: {found}")
            return found
        raise


def find_draft(client: WechatClient, pending: dict[str, str]) -> str | None:
    """The media_id of a draft with this title and cover, among the newest ``MAX_LISTED``."""
    offset = 0
    while offset < MAX_LISTED:
        page = client.draft_batchget(offset)
        items = page.get("item") or []
        for item in items:
            news = (item.get("content") or {}).get("news_item") or [{}]
            if news[0].get("title") == pending["title"] and \
                    news[0].get("thumb_media_id") == pending["thumb_media_id"]:
                return str(item["media_id"])
        offset += len(items)
        if not items or offset >= int(page.get("total_count", 0)):
            return None
    return None


def _record(state: ChannelState, account: str, media_id: str, article: dict[str, Any], digest: str) -> None:
    state.record(draft={"account": account, "media_id": media_id, "title": article["title"],
                        "article_hash": digest}, draft_pending=None)
