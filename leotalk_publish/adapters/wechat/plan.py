"""The WeChat plan in words, for ``--dry-run``: where a push would go, the uploads the account lacks, the
rung of the fit ladder, the draft created or updated, and publication."""

from __future__ import annotations

from leotalk_publish.adapters.wechat.payload import WechatPayload, WechatRendition
from leotalk_publish.adapters.wechat.settings import WechatSettings
from leotalk_publish.ledger import AssetRegistry, ChannelState


def push_mode(settings: WechatSettings, export: bool) -> str:
    """"export" (files to paste) with --export or without an AppID and AppSecret, else "api"."""
    return "export" if export or not settings.has_credentials else "api"


def plan(rendition: WechatRendition, state: ChannelState, settings: WechatSettings, export: bool) -> list[str]:
    """The push in words."""
    if push_mode(settings, export) == "export":
        why = "--export" if settings.has_credentials else "no WECHAT_APPID/WECHAT_APPSECRET"
        return [f"write export/wechat/{rendition.issue_id}/ (content.html, preview.html, "
                f"{len(rendition.assets)} image(s)); {why}, so no API call"]
    return api_plan(rendition, state, settings)


def api_plan(rendition: WechatRendition, state: ChannelState, settings: WechatSettings) -> list[str]:
    """The API push in words: uploads the account lacks, the rung of the fit ladder, the draft, publication."""
    from leotalk_publish.adapters.wechat import ladder  # these reach httpx (drafts → client): only for the API
    from leotalk_publish.adapters.wechat.drafts import recorded
    from leotalk_publish.adapters.wechat.upload_cache import AccountAssets
    payload: WechatPayload = rendition.payload
    account = settings.appid or ""
    assets = AccountAssets(state.ledger.root, account, state)
    by_src = {asset.src: asset for asset in rendition.assets}
    body = [by_src[src] for src in payload.images if src in by_src]
    todo = assets.missing(body)
    actions = [f"upload {len(todo)} new image(s) ({len(body) - len(todo)} already on the account)"]
    learned = ladder.Learned(AssetRegistry(state.ledger.root, "wechat", account))
    index = ladder.start_rung(payload, learned, settings.image_url_estimate)
    fit = payload.fits[index]
    covers = [by_src[a.cover] for a in fit.articles if a.cover in by_src]
    if assets.missing(covers, "covers"):
        actions.append(f"upload {len(assets.missing(covers, 'covers'))} cover(s) as permanent material")
    actions.append("step: " + ladder.describe(fit, ladder.estimated_sizes(fit, settings.image_url_estimate)))
    draft = recorded(state, account)
    if draft and len(draft["articles"]) == len(fit.articles):
        actions.append(f"update draft {draft['media_id']}")
    elif draft:
        actions.append(f"create a draft of {len(fit.articles)} article(s), then delete draft {draft['media_id']}")
    else:
        actions.append("create a draft")
    if settings.publish:
        actions.append("submit it for publication (recorded as an intent first) and wait for the result")
    return actions
