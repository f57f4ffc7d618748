"""The canonical issue's front matter, validated by pydantic; errors name the key, its line and a fix."""

from __future__ import annotations

import difflib
import re
from datetime import datetime
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from leotalk_publish.errors import Problem


class ChannelOverride(BaseModel):
    """Per-channel values that replace the issue's own (e.g. a shorter WeChat title)."""

    model_config = ConfigDict(extra="forbid")
    title: str | None = None
    subtitle: str | None = None
    digest: str | None = None
    author: str | None = None
    cover: str | None = None
    tags: list[str] | None = None
    categories: list[str] | None = None
    description: str | None = None


class IssueMeta(BaseModel):
    model_config = ConfigDict(extra="forbid")
    title: str = Field(min_length=1)
    date: datetime
    subtitle: str = ""
    summary: str = ""
    slug: str = ""
    author: str = ""
    cover: str = ""
    tags: list[str] = Field(default_factory=list)
    categories: list[str] = Field(default_factory=list)
    channels: list[str] = Field(default_factory=list)
    blog: ChannelOverride = Field(default_factory=ChannelOverride)
    substack: ChannelOverride = Field(default_factory=ChannelOverride)
    wechat: ChannelOverride = Field(default_factory=ChannelOverride)

    @field_validator("date")
    @classmethod
    def _has_offset(cls, value: datetime) -> datetime:
        if value.tzinfo is None or value.utcoffset() is None:
            raise ValueError("the date needs a UTC offset, e.g. 2025-09-22T08:00:00+08:00")
        return value

    @field_validator("tags", "categories", "channels", mode="before")
    @classmethod
    def _one_is_a_list(cls, value: Any) -> Any:
        return [value] if isinstance(value, str) else value

    @field_validator("slug")
    @classmethod
    def _slug_is_url_safe(cls, value: str) -> str:
        if value and not re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", value):
            raise ValueError("a slug is lower-case letters, digits and single hyphens, e.g. ai-weekly-1")
        return value

    def for_channel(self, channel: str) -> ChannelOverride:
        return getattr(self, channel, None) or ChannelOverride()

    def title_for(self, channel: str) -> str:
        return self.for_channel(channel).title or self.title

    def summary_for(self, channel: str) -> str:
        override = self.for_channel(channel)
        return override.digest or override.subtitle or override.description or self.summary or self.subtitle


KNOWN_KEYS = tuple(IssueMeta.model_fields)
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when present: ~10x faster
OVERRIDE_KEYS = tuple(ChannelOverride.model_fields)


def split_front_matter(text: str) -> tuple[str, str, int]:
    """(yaml text, body, number of lines before the body); no front matter → ('', text, 0)."""
    if not text.startswith("---\n"):
        return "", text, 0
    end = text.find("\n---", 4)
    while end != -1 and text[end + 4: end + 5] not in ("\n", ""):
        end = text.find("\n---", end + 4)
    if end == -1:
        return "", text, 0
    yaml_text = text[4:end + 1]
    after = text[end + 4:]
    body = after[1:] if after.startswith("\n") else after
    return yaml_text, body, yaml_text.count("\n") + 2


def parse_front_matter(yaml_text: str, where: str) -> tuple[IssueMeta | None, list[Problem]]:
    """Validate the front matter; every problem at once, each at its own line."""
    if not yaml_text:
        return None, [Problem(f"{where}:1", "no front matter",
                              "start index.md with '---', a 'title:' and a 'date:' line, then '---'")]
    try:
        data = yaml.load(yaml_text, Loader=SAFE_LOADER)
    except yaml.YAMLError as exc:
        line = getattr(getattr(exc, "problem_mark", None), "line", 0) + 2
        return None, [Problem(f"{where}:{line}", f"front matter is not valid YAML ({_first_line(exc)})",
                              "check indentation and quote values that contain ':' or '#'")]
    if not isinstance(data, dict):
        return None, [Problem(f"{where}:2", "front matter is not a mapping of keys to values",
                              "write it as 'key: value' lines")]
    try:
        return IssueMeta.model_validate(data), []
    except ValidationError as exc:
        return None, [_problem_of(err, yaml_text, where) for err in exc.errors()]


def _problem_of(err: Any, yaml_text: str, where: str) -> Problem:
    loc = [str(p) for p in err["loc"]]
    key = loc[0] if loc else ""
    line = _line_of_key(yaml_text, loc[-1] if err["type"] == "extra_forbidden" else key)
    if err["type"] == "extra_forbidden":
        known = OVERRIDE_KEYS if len(loc) > 1 else KNOWN_KEYS
        close = difflib.get_close_matches(loc[-1], known, n=1, cutoff=0.5)
        hint = f"did you mean '{close[0]}'?" if close else f"known keys: {', '.join(known)}"
        return Problem(f"{where}:{line}", f"unknown front matter key '{'.'.join(loc)}'", hint)
    if err["type"] == "missing":
        return Problem(f"{where}:1", f"front matter lacks '{key}'", _missing_hint(key))
    message = str(err["msg"]).removeprefix("Value error, ")
    return Problem(f"{where}:{line}", f"front matter '{'.'.join(loc)}': {message}", _missing_hint(key))


def _missing_hint(key: str) -> str:
    return {
        "title": "add a line such as: title: \"LeoTalk AI周知 1\"",
        "date": "add a line such as: date: 2025-09-22T08:00:00+08:00",
    }.get(key, "")


def _line_of_key(yaml_text: str, key: str) -> int:
    for number, line in enumerate(yaml_text.splitlines(), start=2):
        if re.match(rf"\s*{re.escape(key)}\s*:", line):
            return number
    return 1


def _first_line(exc: Exception) -> str:
    return str(getattr(exc, "problem", None) or exc).splitlines()[0]
