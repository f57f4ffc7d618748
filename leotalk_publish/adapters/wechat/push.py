"""Push through the API: images, cover, the draft, and (only when configured) publication.

Every remote effect is recorded in the ledger as it happens (uploads, the draft, the publish job), so a
second run repeats nothing that is done. A 48001 on publication stops at the draft and says where to
publish by hand.
"""

from __future__ import annotations

import time
from typing import Any

from leotalk_publish.adapters.wechat.client import WechatClient
from leotalk_publish.adapters.wechat.drafts import article_hash, save_draft
from leotalk_publish.adapters.wechat.errors import NotAuthorised, WechatError
from leotalk_publish.adapters.wechat.payload import WechatPayload
from leotalk_publish.adapters.wechat.settings import WechatSettings
from leotalk_publish.adapters.wechat.size import over_limit, with_image_urls
from leotalk_publish.adapters.wechat.uploads import upload_all
from leotalk_publish.channel import PushContext, PushResult, Rendition

MP_HOME = "https://mp.weixin.qq.com"
PUBLISH_STATUS = {2: "the originality check failed", 3: "publication failed", 4: "review rejected it",
                  5: "it was deleted", 6: "it was banned"}


def push_api(rendition: Rendition, settings: WechatSettings, ctx: PushContext) -> PushResult:
    payload: WechatPayload = rendition.payload
    client = WechatClient(settings, ctx.report, transport=ctx.transport, sleep=ctx.options.get("sleep"))
    try:
        article = build_article(client, rendition, settings, ctx)
        media_id = _draft(client, article, ctx)
        notes, published = publish_step(client, media_id, article, settings, ctx)
    finally:
        client.close()
    where = f"WeChat draft {media_id} (mp.weixin.qq.com → 内容管理 → 草稿箱)"
    return PushResult("api", where, tuple(notes), {"media_id": media_id, "account": client.appid,
                                                   "title": payload.fields["title"]}, published)


def build_article(client: WechatClient, rendition: Rendition, settings: WechatSettings,
                  ctx: PushContext) -> dict[str, Any]:
    """Upload what is missing, then the ``draft/add`` article with mmbiz addresses and the cover's id."""
    payload: WechatPayload = rendition.payload
    assets = {a.src: a for a in rendition.assets}
    urls, thumb = upload_all(client, [assets[src] for src in payload.images], assets[payload.cover], ctx.state,
                             limit=settings.upload_concurrency, report=ctx.report)
    content = with_image_urls(payload.content, urls)
    excess = over_limit(content)
    if excess:
        raise WechatError(f"with WeChat's image addresses the article is {excess}; it was not sent. "
                          "Shorten the issue or raise image_url_estimate in channels/wechat.toml so check "
                          "catches this earlier")
    fields = {k: v for k, v in payload.fields.items() if k != "cover"}
    return {**fields, "content": content, "thumb_media_id": thumb}


def _draft(client: WechatClient, article: dict[str, Any], ctx: PushContext) -> str:
    try:
        return save_draft(client, article, ctx.state, ctx.report)
    except NotAuthorised:
        raise WechatError("this Official Account may not create drafts through the API (48001); run with "
                          f"--export and paste export/wechat/…/content.html into the editor at {MP_HOME}") from None


def publish_step(client: WechatClient, media_id: str, article: dict[str, Any], settings: WechatSettings,
                 ctx: PushContext) -> tuple[list[str], bool]:
    """Publication, only when ``publish = true``; (notes for the user, whether it is published)."""
    if not settings.publish:
        return [f"the draft is ready in the draft box; publish it at {MP_HOME}"], False
    digest = article_hash(article)
    done = ctx.state.get("publication") or {}
    if done.get("article_hash") == digest and done.get("status") == 0:
        return [f"already published: {done.get('url', '')}"], True
    try:
        publish_id = client.freepublish_submit(media_id)
    except NotAuthorised:
        return [f"WeChat does not let this account publish through the API (48001); the draft is saved: "
                f"publish it by hand at {MP_HOME} (内容管理 → 草稿箱)"], False
    ctx.state.record(publication={"media_id": media_id, "publish_id": publish_id, "status": 1,
                                  "article_hash": digest})
    url = _poll(client, publish_id, settings, ctx)
    ctx.state.record(publication={"media_id": media_id, "publish_id": publish_id, "status": 0,
                                  "article_hash": digest, "url": url})
    return [f"published: {url}"], True


def _poll(client: WechatClient, publish_id: str, settings: WechatSettings, ctx: PushContext) -> str:
    sleep = ctx.options.get("sleep") or time.sleep
    for _ in range(settings.poll_attempts):
        answer = client.freepublish_get(publish_id)
        status = int(answer.get("publish_status", 1))
        if status == 0:
            items = (answer.get("article_detail") or {}).get("item") or [{}]
            return str(items[0].get("article_url", ""))
        if status != 1:
            raise WechatError(f"WeChat did not publish the draft: {PUBLISH_STATUS.get(status, status)} "
                              f"(publish_status {status}); see {MP_HOME} → 发表记录")
        sleep(settings.poll_interval_s)
    raise WechatError(f"WeChat is still publishing after {settings.poll_attempts} checks; see {MP_HOME}")

