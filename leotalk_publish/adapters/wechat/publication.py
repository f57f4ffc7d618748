"""Publication (``publish = true``): an intent in the ledger before ``freepublish/submit``, then the outcome.

``freepublish/submit`` cannot be repeated safely: a second submit is a second public article. So the ledger
holds ``publication = {"status": "intent", …}`` before the call, ``"submitted"`` with the publish_id once
WeChat answers, and ``"published"`` with the article's address and date at the end. A lost answer is never
retried blindly: the channel fails, and the next run's observe resolves the intent by asking WeChat
(``freepublish/get`` with a publish_id, else ``freepublish/batchget`` for the article, else ``draft/get``:
a draft still in the box was not published) before anything else. A published draft leaves the box.
"""

from __future__ import annotations

import time
from typing import Any

from leotalk_publish.adapters.wechat import identity as ident
from leotalk_publish.adapters.wechat.client import WechatClient
from leotalk_publish.adapters.wechat.errors import DraftGone, NotAuthorised, WechatError
from leotalk_publish.adapters.wechat.normalise import fingerprint
from leotalk_publish.adapters.wechat.payload import WechatRendition
from leotalk_publish.adapters.wechat.settings import WechatSettings
from leotalk_publish.channel import PushContext
from leotalk_publish.errors import TransientError

MP_HOME = "https://mp.weixin.qq.com"
PUBLISH_STATUS = {2: "the originality check failed", 3: "publication failed", 4: "review rejected it",
                  5: "it was deleted", 6: "it was banned"}


def published_record(found: ident.Found, content_hash: str, media_id: str = "") -> dict[str, Any]:
    return {"status": "published", "article_id": found.key, "url": found.url, "date": found.date,
            "content_hash": content_hash, "media_id": media_id}


def resolve(client: WechatClient, record: dict[str, Any], key: str) -> dict[str, Any]:
    """What became of an open intent, asked of WeChat: the publication's record now ({} = never submitted)."""
    if record.get("publish_id"):
        answer = client.freepublish_get(str(record["publish_id"]))
        return _outcome(client, record, answer, key)
    found = _find(client, key, record.get("sent"))
    if found:
        return published_record(found, record.get("content_hash", ""), record.get("media_id", ""))
    try:
        client.draft_get(record["media_id"])
    except DraftGone:
        return {**record, "status": "unknown"}  # left the box, not listed: published elsewhere or deleted
    return {}  # still in the box: the submit never took effect


def _outcome(client: WechatClient, record: dict[str, Any], answer: dict[str, Any], key: str) -> dict[str, Any]:
    status = int(answer.get("publish_status", 1))
    if status == 1:
        return {**record, "status": "publishing"}
    if status != 0:
        return {**record, "status": "failed", "publish_status": status}
    found = _find(client, key, record.get("sent"))
    url = _article_url(answer)
    if found:
        return published_record(found, record.get("content_hash", ""), record.get("media_id", ""))
    return {**record, "status": "published", "url": url, "article_id": str(answer.get("article_id", ""))}


def _find(client: WechatClient, key: str, sent: list[str] | None) -> ident.Found | None:
    try:
        return ident.find(lambda offset: client.freepublish_batchget(offset), key, "article_id",
                          lambda item: sent is None or [fingerprint(n) for n in item.news] == sent)
    except NotAuthorised:
        return None


def publish(client: WechatClient, media_id: str, articles: list[dict[str, Any]], rendition: WechatRendition,
            settings: WechatSettings, ctx: PushContext) -> tuple[list[str], dict[str, Any] | None]:
    """Submit the draft and wait for the outcome; (notes for the user, the published record or None)."""
    if not settings.publish:
        return [f"the draft is ready in the draft box; publish it at {MP_HOME}"], None
    intent = {"status": "intent", "media_id": media_id, "content_hash": rendition.content_hash,
              "sent": [fingerprint(a) for a in articles]}
    ctx.state.record(publication=intent)
    try:
        publish_id = client.freepublish_submit(media_id)
    except NotAuthorised:
        ctx.state.record(publication=None)
        return [f"WeChat does not let this account publish through the API (48001); the draft is saved: "
                f"publish it by hand at {MP_HOME} (内容管理 → 草稿箱)"], None
    except TransientError:
        raise WechatError("the answer to the publication request was lost; run the same command again: it asks "
                          "WeChat whether the article went out before it submits anything") from None
    except WechatError:
        ctx.state.record(publication=None)
        raise
    ctx.state.record(publication={**intent, "status": "submitted", "publish_id": publish_id})
    return _wait(client, {**intent, "publish_id": publish_id}, rendition.issue_id, settings, ctx)


def _wait(client: WechatClient, record: dict[str, Any], key: str, settings: WechatSettings,
          ctx: PushContext) -> tuple[list[str], dict[str, Any] | None]:
    sleep = ctx.options.get("sleep") or time.sleep
    for _ in range(settings.poll_attempts):
        now = _outcome(client, record, client.freepublish_get(record["publish_id"]), key)
        if now["status"] == "published":
            ctx.state.record(publication=now)
            return [f"published: {now.get('url', '')}"], now
        if now["status"] == "failed":
            ctx.state.record(publication=now)
            code = now["publish_status"]
            raise WechatError(f"WeChat did not publish the draft: {PUBLISH_STATUS.get(code, code)} "
                              f"(publish_status {code}); see {MP_HOME} → 发表记录")
        sleep(settings.poll_interval_s)
    raise WechatError(f"WeChat is still publishing after {settings.poll_attempts} checks; run the same command "
                      f"later to learn the outcome, or see {MP_HOME}")


def _article_url(answer: dict[str, Any]) -> str:
    items = (answer.get("article_detail") or {}).get("item") or [{}]
    return str(items[0].get("article_url", ""))
