"""The WeChat channel: an Official Account draft through the official API, or files to paste.

``render`` is pure (``render.py`` and its helpers); ``check`` (``check.py``) finds everything WeChat would
refuse before any call; ``push`` goes through ``push.py`` (API) or ``preview.py`` (export).
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from leotalk_publish import model as m
from leotalk_publish.adapters.wechat.check import check_issue
from leotalk_publish.adapters.wechat.payload import WechatPayload
from leotalk_publish.adapters.wechat.rendition import render_rendition
from leotalk_publish.adapters.wechat.settings import WechatSettings, load_settings
from leotalk_publish.adapters.wechat.upload_cache import cache_key, missing
from leotalk_publish.channel import PushContext, PushResult, Rendition
from leotalk_publish.errors import Problem
from leotalk_publish.ledger import ChannelState


class WechatAdapter:
    name = "wechat"
    from .describe import describe, preview  # leotalk channels / leotalk preview (describe.py)

    def load_settings(self, project: Path, env: Mapping[str, str]) -> WechatSettings:
        return load_settings(project, env)

    def check(self, issue: m.Issue, settings: WechatSettings) -> list[Problem]:
        return check_issue(issue, settings)

    def render(self, issue: m.Issue, settings: WechatSettings) -> Rendition:
        return render_rendition(issue, settings, self.name)

    def push_mode(self, settings: WechatSettings, export: bool) -> str:
        return "export" if export or not settings.has_credentials else "api"

    def plan(self, rendition: Rendition, state: ChannelState, settings: WechatSettings, export: bool) -> list[str]:
        if self.push_mode(settings, export) == "export":
            why = "--export" if settings.has_credentials else "no WECHAT_APPID/WECHAT_APPSECRET"
            return [f"write export/wechat/{rendition.issue_id}/ (content.html, preview.html, "
                    f"{len(rendition.assets)} image(s)); {why}, so no API call"]
        return api_plan(rendition, state, settings)

    def push(self, rendition: Rendition, settings: WechatSettings, ctx: PushContext) -> PushResult:
        if self.push_mode(settings, ctx.export) == "export":
            from leotalk_publish.adapters.wechat.preview import export
            return export(rendition, ctx)
        from leotalk_publish.adapters.wechat.push import push_api
        return push_api(rendition, settings, ctx)


def api_plan(rendition: Rendition, state: ChannelState, settings: WechatSettings) -> list[str]:
    payload: WechatPayload = rendition.payload
    account = settings.appid or ""
    assets = {asset.src: asset for asset in rendition.assets}
    body = [assets[src] for src in payload.images]
    todo = missing(body, state, account)
    actions = [f"upload {len(todo)} new image(s) ({len(body) - len(todo)} already uploaded)"]
    if payload.cover and state.lookup("covers", cache_key(account, assets[payload.cover])) is None:
        actions.append(f"upload the cover {payload.cover} as permanent material")
    draft = state.get("draft") or {}
    if draft.get("account") == account and draft.get("media_id"):
        actions.append(f"update draft {draft['media_id']}")
    else:
        actions.append("create a draft (after looking for one a lost answer left behind)"
                       if state.get("draft_pending") else "create a draft")
    if settings.publish:
        actions.append("submit it for publication and wait for the result")
    return actions


ADAPTER = WechatAdapter()
