"""The WeChat channel: an Official Account draft through the official API, or files to paste.

``ADAPTER`` is what the registry loads; this module only wires the roles, one module each (settings, check,
render, plan, push, export, client, errors; see docs/adding-a-channel.md): ``render`` is pure (``render.py``
and its helpers); ``check`` finds everything WeChat would refuse before any call; ``push`` goes through
``push.py`` (API) or ``export.py`` (files to paste). httpx and Pillow are imported only when needed.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from leotalk_publish import model as m
from leotalk_publish.adapters.wechat import check as checks
from leotalk_publish.adapters.wechat import plan as planning
from leotalk_publish.adapters.wechat import render as rendering
from leotalk_publish.adapters.wechat.describe import describe as describe_channel
from leotalk_publish.adapters.wechat.describe import preview as preview_rendition
from leotalk_publish.adapters.wechat.payload import WechatPayload, WechatRendition
from leotalk_publish.adapters.wechat.settings import WechatSettings, load_settings
from leotalk_publish.channel import Adapter, LedgerChecker, Observer, PushContext, PushResult
from leotalk_publish.errors import Problem
from leotalk_publish.frontmatter import ChannelOverride
from leotalk_publish.ledger import ChannelState

if TYPE_CHECKING:
    from leotalk_publish.adapters.wechat.observe import Facts, WechatObservation


class WechatAdapter:
    name = "wechat"
    overrides_model = ChannelOverride  # its front matter block (`wechat:`): the shared override fields
    describe = describe_channel  # leotalk channels (describe.py)
    preview = preview_rendition  # leotalk preview (describe.py)

    def load_settings(self, project: Path, env: Mapping[str, str]) -> WechatSettings:
        return load_settings(project, env)

    def check(self, issue: m.Issue, settings: WechatSettings) -> list[Problem]:
        return checks.check(issue, settings)

    def render(self, issue: m.Issue, settings: WechatSettings) -> WechatRendition:
        return rendering.render(issue, settings)

    def push_mode(self, settings: WechatSettings, export: bool) -> str:
        return planning.push_mode(settings, export)

    def plan(self, rendition: WechatRendition, state: ChannelState, settings: WechatSettings,
             export: bool) -> list[str]:
        return planning.plan(rendition, state, settings, export)

    def check_ledger(self, state: ChannelState, settings: WechatSettings) -> list[str]:
        """The ledger is input: every WeChat id and address in it has the shape WeChat gives them."""
        from leotalk_publish.adapters.wechat.ledger_check import ledger_problems
        return ledger_problems(state)

    def observe(self, rendition: WechatRendition, settings: WechatSettings, ctx: PushContext) -> WechatObservation:
        """Read-only: the issue's draft or article on WeChat, published or not, edited in the editor or not."""
        from leotalk_publish.adapters.wechat.observe import observe
        return observe(rendition, settings, ctx)

    def push(self, rendition: WechatRendition, settings: WechatSettings, ctx: PushContext) -> PushResult:
        if planning.push_mode(settings, ctx.export) == "export":
            from leotalk_publish.adapters.wechat.export import export
            return export(rendition, ctx)
        from leotalk_publish.adapters.wechat import push as pushing
        return pushing.push(rendition, settings, ctx)


ADAPTER = WechatAdapter()

if TYPE_CHECKING:  # mypy --strict checks the adapter against the contract in channel.py, method by method
    _adapter: Adapter[WechatSettings, WechatPayload] = ADAPTER
    _observer: Observer[WechatSettings, WechatPayload, Facts | None] = ADAPTER
    _ledger: LedgerChecker[WechatSettings] = ADAPTER
