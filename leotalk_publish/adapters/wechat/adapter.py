"""The WeChat channel: an Official Account draft through the official API, or files to paste.

``render`` is pure (``render.py`` and its helpers); ``check`` (``check.py``) finds everything WeChat would
refuse before any call; ``push`` goes through ``push.py`` (API) or ``preview.py`` (export).
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from leotalk_publish import model as m
from leotalk_publish.adapters.wechat.check import check_issue
from leotalk_publish.adapters.wechat.describe import describe as describe_channel
from leotalk_publish.adapters.wechat.describe import preview as preview_rendition
from leotalk_publish.adapters.wechat.payload import WechatPayload
from leotalk_publish.adapters.wechat.rendition import render_rendition
from leotalk_publish.adapters.wechat.settings import WechatSettings, load_settings
from leotalk_publish.adapters.wechat.titles import with_title_rule
from leotalk_publish.channel import Observation, PushContext, PushResult, Rendition
from leotalk_publish.errors import Problem
from leotalk_publish.frontmatter import ChannelOverride
from leotalk_publish.ledger import ChannelState


class WechatAdapter:
    name = "wechat"
    overrides_model = ChannelOverride  # its front matter block (`wechat:`): the shared override fields
    describe = describe_channel  # leotalk channels (describe.py)
    preview = preview_rendition  # leotalk preview (describe.py)

    def load_settings(self, project: Path, env: Mapping[str, str]) -> WechatSettings:
        return load_settings(project, env)

    def check(self, issue: m.Issue, settings: WechatSettings) -> list[Problem]:
        return with_title_rule(check_issue(issue, settings), issue)

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

    def check_ledger(self, state: ChannelState, settings: WechatSettings) -> list[str]:
        """The ledger is input: every WeChat id and address in it has the shape WeChat gives them."""
        from leotalk_publish.adapters.wechat.ledger_check import ledger_problems
        return ledger_problems(state)

    def observe(self, rendition: Rendition, settings: WechatSettings, ctx: PushContext) -> Observation:
        """Read-only: the issue's draft or article on WeChat, published or not, edited in the editor or not."""
        from leotalk_publish.adapters.wechat.observe import observe
        return observe(rendition, settings, ctx)

    def push(self, rendition: Rendition, settings: WechatSettings, ctx: PushContext) -> PushResult:
        if self.push_mode(settings, ctx.export) == "export":
            from leotalk_publish.adapters.wechat.preview import export
            return export(rendition, ctx)
        from leotalk_publish.adapters.wechat.push import push_api
        return push_api(rendition, settings, ctx)


def api_plan(rendition: Rendition, state: ChannelState, settings: WechatSettings) -> list[str]:
    """The API push in words: uploads the account lacks, the rung of the fit ladder, the draft, publication."""
    from leotalk_publish.adapters.wechat import ladder
    from leotalk_publish.adapters.wechat.drafts import recorded
    from leotalk_publish.adapters.wechat.upload_cache import AccountAssets
    from leotalk_publish.ledger import AssetRegistry
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


ADAPTER = WechatAdapter()
