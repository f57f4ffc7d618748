"""Push through the API: what observe found, then images, the draft (down the fit ladder), publication.

Every remote effect is recorded in the ledger as it happens (uploads in the account's registry, the draft,
the publication intent), so a second run repeats nothing that is done. A 45002 steps down one rung of the
fit ladder and tries again; the step used is named in the output. A 48001 on creating drafts says to
export and paste; on publication it stops at the draft and says where to publish by hand.
"""

from __future__ import annotations

from typing import Any

from leotalk_publish.adapters.wechat import ladder
from leotalk_publish.adapters.wechat import publication as pub
from leotalk_publish.adapters.wechat.client import WechatClient
from leotalk_publish.adapters.wechat.drafts import save_draft
from leotalk_publish.adapters.wechat.errors import ContentTooLarge, NotAuthorised, WechatError
from leotalk_publish.adapters.wechat.observe import Facts, observe
from leotalk_publish.adapters.wechat.payload import WechatPayload, WechatRendition
from leotalk_publish.adapters.wechat.settings import WechatSettings
from leotalk_publish.adapters.wechat.size import MAX_CHARS, over_limit
from leotalk_publish.adapters.wechat.upload_cache import AccountAssets
from leotalk_publish.adapters.wechat.uploads import upload_all
from leotalk_publish.channel import PushContext, PushResult
from leotalk_publish.ledger import AssetRegistry
from leotalk_publish.project import Project

MP_HOME = pub.MP_HOME


def push(rendition: WechatRendition, settings: WechatSettings, ctx: PushContext) -> PushResult:
    """The API path (the export path is ``export.py``)."""
    facts = _facts(rendition, settings, ctx)
    client = WechatClient(settings, ctx.report, sleep=ctx.options.get("sleep"))
    try:
        if facts.state == "done":
            return _result(client, ctx.state.get("publication") or {}, "", [], "", [])
        if facts.republish:
            _retire(ctx)
        media_id, articles, step = _draft(client, rendition, settings, ctx)
        notes, published = pub.publish(client, media_id, articles, rendition, settings, ctx)
    finally:
        client.close()
    return _result(client, published, media_id, articles, step, notes)


def _facts(rendition: WechatRendition, settings: WechatSettings, ctx: PushContext) -> Facts:
    """What observe saw (asked again when push is called on its own), its findings written to the ledger."""
    observation = ctx.observation
    if not isinstance(observation.facts, Facts):
        observation = observe(rendition, settings, ctx)
        if observation.verdict != "push":
            raise WechatError(observation.reason)
    for line in observation.seen:
        ctx.report(f"seen: {line}")
    facts: Facts = observation.facts
    if facts.records:
        ctx.state.record(**facts.records)
    return facts


def _retire(ctx: PushContext) -> None:
    """``--republish``: the published article stays as it is; the issue starts over as a new draft."""
    old = {k: ctx.state.get(k) for k in ("draft", "publication") if ctx.state.get(k)}
    ctx.state.record(history=[*(ctx.state.get("history") or []), old], draft=None, publication=None)
    ctx.report("republishing: the published article stays; the edited issue goes out as a new one")


def _draft(client: WechatClient, rendition: WechatRendition, settings: WechatSettings,
           ctx: PushContext) -> tuple[str, list[dict[str, Any]], str]:
    """Save the draft from the rung the account's history says fits, stepping down on each 45002."""
    payload: WechatPayload = rendition.payload
    learned = ladder.Learned(AssetRegistry(Project(ctx.project).ledger, "wechat", client.appid))
    assets = AccountAssets(Project(ctx.project).ledger, client.appid, ctx.state)
    index = ladder.start_rung(payload, learned, settings.image_url_estimate)
    while True:
        fit = payload.fits[index]
        articles = _articles(client, rendition, fit, assets, settings, ctx)
        sizes = [len(a["content"]) for a in articles]
        step = ladder.describe(fit, sizes)
        try:
            if not learned.fits(sizes) or any(over_limit(a["content"]) for a in articles):
                raise ContentTooLarge(f"{max(sizes):,} characters is more than this account takes")
            ctx.report(f"sending the {step}")
            media_id = _save(client, articles, rendition.issue_id, step, ctx)
        except ContentTooLarge as exc:
            estimate = max(ladder.estimated_sizes(fit, settings.image_url_estimate))
            index = _step_down(payload, index, (max(sizes), estimate), learned, exc, ctx)
            continue
        learned.accept(max(sizes))
        return media_id, articles, step


def _articles(client: WechatClient, rendition: WechatRendition, fit: Any, assets: AccountAssets,
              settings: WechatSettings, ctx: PushContext) -> list[dict[str, Any]]:
    by_src = {a.src: a for a in rendition.assets}
    payload: WechatPayload = rendition.payload
    covers = [by_src[a.cover] for a in fit.articles if a.cover in by_src]
    if not covers:
        raise WechatError("WeChat needs a cover image and the issue has none: add 'cover:' to the front matter")
    body = [by_src[src] for src in payload.images if src in by_src]
    urls, thumbs = upload_all(client, body, covers, assets, limit=settings.upload_concurrency, report=ctx.report)
    return ladder.articles_of(fit, urls, thumbs, rendition.issue_id)


def _save(client: WechatClient, articles: list[dict[str, Any]], key: str, step: str, ctx: PushContext) -> str:
    try:
        return save_draft(client, articles, key, step, ctx.state, ctx.report)
    except NotAuthorised:
        raise WechatError("this Official Account may not create drafts through the API (48001); run with "
                          f"--export and paste export/wechat/…/content.html into the editor at {MP_HOME}") from None


def _step_down(payload: WechatPayload, index: int, measured: tuple[int, int], learned: ladder.Learned,
               exc: WechatError, ctx: PushContext) -> int:
    """The next rung after a refusal (WeChat's 45002, or what the account refused before); learn the size."""
    size = measured[0]
    if exc.code == 45002:
        learned.refuse(*measured)
    if index + 1 >= len(payload.fits):
        sizes = ", ".join(f"{s:,}" for s in payload.fits[index].sizes) or f"{size:,}"
        raise WechatError(f"WeChat refused even the last step of the fit ladder ({payload.fits[index].step}: "
                          f"{sizes} characters; the limit is under {MAX_CHARS:,}, markup included): shorten "
                          "the issue or split it in two") from None
    ctx.report(f"WeChat refused {size:,} characters ({exc}); stepping down to: {payload.fits[index + 1].step}")
    return index + 1


def _result(client: WechatClient, published: dict[str, Any] | None, media_id: str, articles: list[dict[str, Any]],
            step: str, notes: list[str]) -> PushResult:
    if published and published.get("status") == "published" and not media_id:
        url = published.get("url", "")
        return PushResult("api", url, (f"already published: {url}",), {"account": client.appid, "url": url}, True)
    where = f"WeChat draft {media_id} (mp.weixin.qq.com → 内容管理 → 草稿箱)"
    if published:
        where = published.get("url") or where
    remote = {"media_id": media_id, "account": client.appid, "title": articles[0]["title"], "step": step,
              "articles": len(articles)}
    return PushResult("api", where, (*notes, f"step: {step}"), remote, bool(published))
