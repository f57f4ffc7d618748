"""Substack settings: ``channels/substack.toml`` (no secrets) plus the session cookie from the environment.

The cookie (``SUBSTACK_COOKIE``) is a ``SecretStr``: it prints as ``**********`` and is unwrapped only
where the client builds its ``Cookie`` header. ``LEOTALK_SUBSTACK_API_BASE`` points every call (account
and publication) at one base URL, for tests and proxies.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, SecretStr, ValidationError, ValidationInfo, field_validator

from leotalk_publish.project import Project, settings_problem
from leotalk_publish.web_address import proxy_problem, web_address_problem

Audience = Literal["everyone", "only_paid", "founding", "only_free"]


class SubstackEnv(BaseModel):
    """The environment's part: read only from the mapping handed in (never straight from os.environ).

    A plain pydantic model over that mapping: pydantic-settings stays out of the start-up (docs/performance.md).
    """

    model_config = ConfigDict(extra="ignore", validate_default=True)
    SUBSTACK_COOKIE: SecretStr | None = None
    LEOTALK_SUBSTACK_API_BASE: str | None = None

    @field_validator("LEOTALK_SUBSTACK_API_BASE")
    @classmethod
    def _a_web_address(cls, value: str | None) -> str | None:
        if value and (problem := web_address_problem(value)):
            raise ValueError(problem)
        return value


# The proxy variables the HTTP client reads from the environment (each must be usable, even one for http://)
PROXY_VARIABLES = ("HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy", "ALL_PROXY", "all_proxy")
ENV_SOURCES = {"SUBSTACK_COOKIE": "SUBSTACK_COOKIE", "LEOTALK_SUBSTACK_API_BASE": "LEOTALK_SUBSTACK_API_BASE"}


class SubstackFile(BaseModel):
    """``channels/substack.toml``."""

    model_config = ConfigDict(extra="forbid")
    publication: str = Field(default="", pattern=r"^[a-z0-9-]*$")
    host: str = Field(default="", pattern=r"^([a-z0-9-]+\.)*[a-z0-9-]*$")  # a host name: no scheme, no path
    audience: Audience = "everyone"
    section: str = ""
    publish: bool = False
    schedule: bool = False
    send_email: bool = False
    share_automatically: bool = False
    requests_per_second: float = Field(default=0.5, ge=0.01, le=1000)  # sustained; Substack punishes ~1/s
    upload_concurrency: int = Field(default=4, ge=1, le=16)
    retry_initial_seconds: float = Field(default=0.5, ge=0, le=60)
    image_size: Literal["normal", "wide"] = "normal"

    # Cross-field rules sit on the later field (pydantic validates fields in this order), so a message names
    # the line that sets it.
    @field_validator("schedule")
    @classmethod
    def _one_act(cls, schedule: bool, info: ValidationInfo) -> bool:
        if schedule and info.data.get("publish"):
            raise ValueError("'publish' and 'schedule' are two different acts: set one of them, not both")
        return schedule

    @field_validator("send_email")
    @classmethod
    def _email_needs_an_act(cls, send_email: bool, info: ValidationInfo) -> bool:
        if send_email and not (info.data.get("publish") or info.data.get("schedule")):
            raise ValueError("'send_email' needs 'publish = true' or 'schedule = true' (a draft emails nobody)")
        return send_email


class SubstackSettings(SubstackFile):
    """Everything the Substack channel needs, the cookie included (as a SecretStr)."""

    cookie: SecretStr | None = None
    api_base: str | None = None

    @property
    def has_cookie(self) -> bool:
        return bool(self.cookie and self.cookie.get_secret_value().strip())

    @property
    def publication_host(self) -> str:
        """Where publication calls go: the custom host if set, else ``<publication>.substack.com``."""
        return self.host or f"{self.publication}.substack.com"

    @property
    def canonical_url(self) -> str:
        """The publication's canonical address (its Referer), even when it has a custom domain."""
        return f"https://{self.publication or 'substack'}.substack.com"

    @property
    def account_base(self) -> str:
        return (self.api_base or "https://substack.com").rstrip("/")

    @property
    def publication_base(self) -> str:
        return (self.api_base or f"https://{self.publication_host}").rstrip("/")

    @property
    def act(self) -> str:
        """What a push does after saving the draft: "draft", "publish" or "schedule"."""
        return "publish" if self.publish else "schedule" if self.schedule else "draft"


def load_settings(project: Path, env: Mapping[str, str]) -> SubstackSettings:
    """Read channels/substack.toml and the environment; raise ``SettingsError`` on a bad value."""
    proj = Project(project)
    path = proj.channel_file("substack")
    table = proj.read_channel_toml("substack")
    if "cookie" in table:
        raise settings_problem(path, ValueError(
            "the session cookie is a secret: put it in SUBSTACK_COOKIE (environment or .env), not in this file"),
            key="cookie")
    try:
        secrets = SubstackEnv.model_validate(
            {k: env[k] for k in ("SUBSTACK_COOKIE", "LEOTALK_SUBSTACK_API_BASE") if k in env})
        settings = SubstackSettings(**SubstackFile(**table).model_dump(), cookie=secrets.SUBSTACK_COOKIE,
                                    api_base=secrets.LEOTALK_SUBSTACK_API_BASE or None)
    except ValidationError as exc:
        raise settings_problem(path, exc, sources=ENV_SOURCES, hidden=("SUBSTACK_COOKIE", "cookie")) from None
    if settings.has_cookie:
        _check_proxies(path, env)
    if settings.has_cookie and not settings.publication and not settings.api_base:
        raise settings_problem(path, ValueError(
            "is empty: set it to your subdomain (leotalk for leotalk.substack.com)"), key="publication")
    return settings


def _check_proxies(path: Path, env: Mapping[str, str]) -> None:
    """A proxy variable the HTTP client would use must be an address it can use (checked only when pushing)."""
    for name in PROXY_VARIABLES:
        if env.get(name) and (problem := proxy_problem(env[name])):
            raise settings_problem(path, ValueError(problem), key=name, sources={name: name})
