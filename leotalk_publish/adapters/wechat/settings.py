"""WeChat settings: ``channels/wechat.toml`` for the non-secret ones, the environment for credentials.

Credentials come from ``WECHAT_APPID`` / ``WECHAT_APPSECRET`` (or the project's ``.env``); the API base URL
from the file, overridden by ``LEOTALK_WECHAT_API_BASE``; the proxy from ``LEOTALK_WECHAT_PROXY`` (WeChat's
calls only), else the file, else the usual ``HTTPS_PROXY`` / ``ALL_PROXY`` variables. Without both
credentials the channel exports files instead.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from difflib import get_close_matches
from importlib import resources
from pathlib import Path
from string import Formatter
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, SecretStr, ValidationError, field_validator

from leotalk_publish.errors import SettingsError
from leotalk_publish.project import Project, settings_problem
from leotalk_publish.web_address import proxy_problem, proxy_url, web_address_problem

DEFAULT_API_BASE = "https://api.weixin.qq.com"
DEFAULT_CODE_STYLE = "friendly"
PROXY_VARIABLES = ("HTTPS_PROXY", "https_proxy", "ALL_PROXY", "all_proxy")


class WechatSettings(BaseModel):
    """Everything the WeChat channel needs; built only from the values handed in (no hidden sources).

    A plain pydantic model: ``load_settings`` reads the file and the environment mapping itself, so
    pydantic-settings (and the asyncio it imports) stays out of the start-up; see docs/performance.md.
    """

    model_config = ConfigDict(extra="forbid", frozen=True, validate_default=True)

    appid: str | None = None
    appsecret: SecretStr | None = None
    api_base: str = DEFAULT_API_BASE
    proxy: str | None = None
    author: str = Field("", max_length=16)
    content_source_url: str = ""  # e.g. "https://example.com/blog/{year}/{slug}/"
    need_open_comment: bool = False
    only_fans_can_comment: bool = False
    publish: bool = False  # after the draft, freepublish/submit (verified accounts only)
    upload_concurrency: int = Field(8, ge=1, le=32)  # images uploaded at a time
    code_style: str = DEFAULT_CODE_STYLE
    image_url_estimate: int = Field(120, ge=40, le=2048)  # characters of one mmbiz image address, for the size check
    poll_interval_s: float = Field(3.0, ge=0, le=60)  # between two freepublish/get
    poll_attempts: int = Field(40, ge=1, le=1000)
    timeout_s: float = Field(30.0, gt=0, le=300)  # per request
    theme_css: str = ""
    # Rendering (the render side's settings): the built-in theme under channels/wechat.css, the fit ladder's
    # steps in the order they may be taken, the title pattern of each part of a split issue, 盘古之白.
    theme: Literal["default", "ink"] = "default"
    fit_steps: tuple[Literal["compact", "references", "split"], ...] = ("compact", "references", "split")
    part_title: str = "{title}（{n}/{total}）"
    pangu: bool = False

    @field_validator("content_source_url")
    @classmethod
    def _a_source_template(cls, value: str) -> str:
        return _template(value, {"slug": "s", "issue": "issue-1", "year": "2026", "month": "01", "day": "01"})

    @field_validator("part_title")
    @classmethod
    def _a_part_template(cls, value: str) -> str:
        return _template(value, {"title": "t", "n": 1, "total": 2, "heading": "h"})

    @field_validator("code_style")
    @classmethod
    def _a_pygments_style(cls, value: str) -> str:
        if value == DEFAULT_CODE_STYLE:  # Pygments is imported only for a style of one's own (or a code block)
            return value
        from pygments.styles import get_all_styles
        styles = sorted(get_all_styles())
        if value not in styles:
            close = get_close_matches(value, styles, n=3)
            hint = f"did you mean {' or '.join(close)}?" if close else f"one of: {', '.join(styles)}"
            raise ValueError(f"is not a Pygments style; {hint}")
        return value

    @field_validator("api_base")
    @classmethod
    def _a_web_address(cls, value: str) -> str:
        if problem := web_address_problem(value):
            raise ValueError(problem)
        return value

    @field_validator("proxy")
    @classmethod
    def _a_proxy(cls, value: str | None) -> str | None:
        if not value:
            return None
        if problem := proxy_problem(value):
            raise ValueError(problem)
        return proxy_url(value)

    @property
    def has_credentials(self) -> bool:
        return bool(self.appid and self.appsecret and self.appsecret.get_secret_value())


def load_settings(root: Path, env: Mapping[str, str]) -> WechatSettings:
    """Read channels/wechat.toml, the theme and the environment; raise ``SettingsError`` on bad values (a value
    from the environment is named by its variable, a proxy's address is never repeated)."""
    project = Project(root)
    values: dict[str, Any] = dict(project.read_channel_toml("wechat"))
    sources = _env_sources(env, values)
    values.update({field: env[name].strip() for field, name in sources.items()})
    values["theme_css"] = theme_css(project)
    try:
        return WechatSettings(**values)
    except ValidationError as exc:
        raise settings_problem(project.channel_file("wechat"), exc, sources=sources,
                               hidden=("appsecret", "proxy")) from None


def _template(template: str, sample: Mapping[str, object]) -> str:
    """``template`` when it formats with the placeholders ``sample`` names; else a ValueError saying why."""
    if problem := _template_problem(template, sample):
        raise ValueError(problem)
    return template


def _template_problem(template: str, sample: Mapping[str, object]) -> str | None:
    malformed = f"use {_names(sample)}, and {{{{ or }}}} for a brace"
    try:
        fields = [(field, spec) for _, field, spec, _ in Formatter().parse(template) if field is not None]
    except ValueError as exc:
        return f"is not a template ({exc}); {malformed}"
    if (unknown := next((field for field, _ in fields if field not in sample), None)) is not None:
        return f"has an unknown placeholder {{{unknown}}}; use {_names(sample)}"
    if any(_too_wide(spec) for _, spec in fields):
        return f"has a format of its own (a nested placeholder, or a width over {MAX_WIDTH}); {malformed}"
    try:
        template.format(**sample)  # a format spec that does not suit the value, e.g. {title:d}
    except (ValueError, TypeError) as exc:
        return f"is not a template ({exc}); {malformed}"
    return None


MAX_WIDTH = 99  # a title or an address has no use for more padding; {n:>4611686018427387903} would fill memory


def _too_wide(spec: str | None) -> bool:
    if not spec:
        return False
    return "{" in spec or any(int(number) > MAX_WIDTH for number in re.findall(r"\d+", spec))


def _names(sample: Mapping[str, object]) -> str:
    return ", ".join(f"{{{name}}}" for name in sample)


ENV_FIELDS = {"appid": "WECHAT_APPID", "appsecret": "WECHAT_APPSECRET", "api_base": "LEOTALK_WECHAT_API_BASE",
              "proxy": "LEOTALK_WECHAT_PROXY"}  # LEOTALK_WECHAT_PROXY: WeChat's calls only (a fixed egress in CI)


def _env_sources(env: Mapping[str, str], values: Mapping[str, Any]) -> dict[str, str]:
    """Each setting the environment gives, and the variable it comes from (the file's proxy wins over the
    general proxy variables, not over LEOTALK_WECHAT_PROXY)."""
    sources = {field: name for field, name in ENV_FIELDS.items() if env.get(name)}
    if "proxy" not in sources and not values.get("proxy"):
        general = next((name for name in PROXY_VARIABLES if env.get(name)), None)
        if general:
            sources["proxy"] = general
    return sources


def default_theme() -> str:
    return resources.files(__package__).joinpath("theme.css").read_text(encoding="utf-8")


def theme_css(project: Project) -> str:
    """The built-in theme, then ``channels/wechat.css`` (its rules win where both set a property)."""
    user = project.channels / "wechat.css"
    if user.exists() and not user.is_file():
        raise SettingsError(f"{user}: is a folder, not a stylesheet; remove it or make it a CSS file")
    extra = user.read_text(encoding="utf-8") if user.is_file() else ""
    return default_theme() + "\n" + extra
