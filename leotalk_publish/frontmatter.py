"""The canonical issue's front matter, validated by pydantic; errors name the key, its line and a fix."""

from __future__ import annotations

import difflib
import re
import unicodedata
from datetime import date, datetime
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, ValidationError, field_validator

from leotalk_publish.adapters import ADAPTERS, overrides_model
from leotalk_publish.errors import Problem
from leotalk_publish.project import long_number_line

EARLIEST_YEAR, LATEST_YEAR = 1970, 2999  # a sane range: every channel and every time zone can carry it
_LINE_BREAKS = "\n\r\u2028\u2029\x85"


def _control_characters(value: str, *, one_line: bool) -> str:
    """Refuse control characters (and line breaks where the value is one line); name the first one."""
    for ch in value:
        if (one_line and ch in _LINE_BREAKS) or (unicodedata.category(ch) == "Cc" and ch not in "\n\t"):
            shown = "a line break" if ch in _LINE_BREAKS else f"the control character U+{ord(ch):04X}"
            raise ValueError(f"contains {shown}; write it on one line of plain text" if one_line
                             else f"contains {shown}; remove it")
    return value


def _one_line(value: str | None) -> str | None:
    return value if value is None else _control_characters(value, one_line=True)


def _plain(value: str | None) -> str | None:
    return value if value is None else _control_characters(value, one_line=False)


class ChannelOverride(BaseModel):
    """Per-channel values that replace the issue's own (e.g. a shorter title on one channel): the block a
    channel's front matter key holds when its adapter declares no ``overrides_model`` of its own (an adapter's
    model may extend this one; the core reads only ``title`` and the summary fields)."""

    model_config = ConfigDict(extra="forbid")
    title: str | None = None
    subtitle: str | None = None
    digest: str | None = None
    author: str | None = None
    cover: str | None = None
    tags: list[str] | None = None
    categories: list[str] | None = None
    description: str | None = None

    _lines = field_validator("title", "subtitle", "author", "cover")(_one_line)
    _texts = field_validator("digest", "description")(_plain)

    @field_validator("tags", "categories", mode="before")
    @classmethod
    def _one_is_a_list(cls, value: Any) -> Any:
        return split_words(value) if isinstance(value, str) else value


MAX_SLUG = 120


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
    _overrides: dict[str, ChannelOverride] = PrivateAttr(default_factory=dict)
    _key_lines: dict[str, int] = PrivateAttr(default_factory=dict)  # "title" / "wechat.title" → its index.md line

    _lines = field_validator("title", "subtitle", "author", "cover", "slug")(_one_line)
    _texts = field_validator("summary")(_plain)

    @field_validator("title")
    @classmethod
    def _not_blank(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("the title is blank")
        return value

    @field_validator("date", mode="before")
    @classmethod
    def _a_date_and_time(cls, value: Any) -> Any:
        """A number is not a date (pydantic would read 20250922 as seconds since 1970); a bare day has no time."""
        if isinstance(value, bool | int | float) or (
                isinstance(value, str) and re.fullmatch(r"[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?", value.strip())):
            raise ValueError(f"{value!r} is a number, not a date; write e.g. 2025-09-22T08:00:00+08:00")
        if isinstance(value, date) and not isinstance(value, datetime):
            value = value.isoformat()
        if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
            raise ValueError(f"{value} has no time and no UTC offset; write e.g. {value.strip()}T08:00:00+08:00")
        return _iso_timestamp(value) if isinstance(value, str) else value

    @field_validator("date")
    @classmethod
    def _has_offset(cls, value: datetime) -> datetime:
        if value.tzinfo is None or value.utcoffset() is None:
            raise ValueError("the date needs a UTC offset, e.g. 2025-09-22T08:00:00+08:00")
        # Every channel converts the date to UTC or another zone; 0001-01-01T00:00:00+14:00 would overflow there.
        if not EARLIEST_YEAR <= value.year <= LATEST_YEAR:
            raise ValueError(f"{value.isoformat()} is outside {EARLIEST_YEAR}–{LATEST_YEAR}; "
                             "write the issue's real date, e.g. 2025-09-22T08:00:00+08:00")
        return value

    @field_validator("tags", "categories", "channels", mode="before")
    @classmethod
    def _one_is_a_list(cls, value: Any) -> Any:
        return split_words(value) if isinstance(value, str) else value

    @field_validator("slug")
    @classmethod
    def _slug_is_url_safe(cls, value: str) -> str:
        if value and not re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", value):
            raise ValueError("a slug is lower-case letters, digits and single hyphens, e.g. ai-weekly-1")
        if len(value) > MAX_SLUG:  # it names the post's file: YYYY-MM-DD-<slug>.md, under 255 bytes with room
            raise ValueError(f"the slug is {len(value)} characters; at most {MAX_SLUG} (it names the post's file "
                             "and its address)")
        return value

    def for_channel(self, channel: str) -> ChannelOverride:
        """The channel's override block, validated by the model its adapter declares (empty when none given)."""
        return self._overrides.get(channel) or ChannelOverride()

    def cover_refs(self) -> list[tuple[str, int]]:
        """Every cover the front matter names, the issue's and each channel block's, with its index.md line."""
        named = [("cover", self.cover)] + [(f"{channel}.cover", block.cover or "")
                                             for channel, block in self._overrides.items()]
        return [(src, self._key_lines.get(key, 1)) for key, src in named if src]

    def line_of(self, keys: tuple[str, ...], channel: str = "") -> int:
        """The index.md line of the first of ``keys`` set in the channel's block, else at the top level; 1 when
        none is set (the line a message about them points at, known since the front matter was read)."""
        scopes = (f"{channel}.", "") if channel else ("",)
        for scope in scopes:
            for key in keys:
                if f"{scope}{key}" in self._key_lines:
                    return self._key_lines[f"{scope}{key}"]
        return 1

    def title_for(self, channel: str) -> str:
        return self.for_channel(channel).title or self.title

    def summary_for(self, channel: str) -> str:
        override = self.for_channel(channel)
        return override.digest or override.subtitle or override.description or self.summary or self.subtitle


_YAML_TIMESTAMP = re.compile(r"(\d{4}-\d{1,2}-\d{1,2})(?:[Tt]|[ \t]+)(\d{1,2}:\d{2}:\d{2}(?:\.\d+)?)"
                             r"[ \t]*(?:(Z)|([-+])(\d{1,2})(?::?(\d{2}))?)?")


def _iso_timestamp(value: str) -> str:
    """YAML's timestamp forms ('2025-09-22 08:00:00 +8') in ISO 8601 ('2025-09-22T08:00:00+08:00')."""
    found = _YAML_TIMESTAMP.fullmatch(value.strip())
    if not found:
        return value
    day, time, zulu, sign, hours, minutes = found.groups()
    year, month, mday = day.split("-")
    offset = "+00:00" if zulu else f"{sign}{int(hours):02d}:{minutes or '00'}" if sign else ""
    return f"{year}-{int(month):02d}-{int(mday):02d}T{int(time.split(':')[0]):02d}:{time.split(':', 1)[1]}{offset}"


def split_words(value: str) -> list[str]:
    """A string of tags read the way Jekyll reads it: words separated by spaces (a stray comma is dropped)."""
    return [word for word in re.split(r"[\s,，、]+", value) if word]


KNOWN_KEYS = (*IssueMeta.model_fields, *ADAPTERS)  # the channels' blocks: one key per registered channel
class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]  # libyaml: ~10x faster
    """YAML's safe loader, with timestamps left as text: the model reads the date (so that an impossible day
    is an error at its key's line, not an exception from inside the YAML reader). It notes every key a mapping
    gives twice (YAML keeps the last one in silence), in any style: quoted, nested, in braces."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self.repeated: list[tuple[str, int, int]] = []  # (key, its line, the line it was first given on)

    def construct_mapping(self, node: Any, deep: bool = False) -> Any:
        first: dict[str, int] = {}
        for key_node, _ in node.value:
            if isinstance(key_node, yaml.ScalarNode) and key_node.tag != "tag:yaml.org,2002:merge":
                line = key_node.start_mark.line
                if key_node.value in first:
                    self.repeated.append((key_node.value, line, first[key_node.value]))
                first.setdefault(key_node.value, line)
        return super().construct_mapping(node, deep)


_Loader.add_constructor("tag:yaml.org,2002:timestamp", lambda loader, node: loader.construct_scalar(node))
SAFE_LOADER = _Loader
OVERRIDE_KEYS = tuple(ChannelOverride.model_fields)


_OPENING = re.compile(r"---[ \t]*\n")
_CLOSING = re.compile(r"^---[ \t]*$", re.MULTILINE)
_TOP_KEY = re.compile(r"^([A-Za-z_][\w-]*)[ \t]*:", re.MULTILINE)


def normalize_text(text: str) -> str:
    """The draft's text with a UTF-8 byte order mark dropped and CRLF or CR-only line ends made LF."""
    return text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


def split_front_matter(text: str) -> tuple[str, str, int]:
    """(yaml text, body, number of lines before the body); no front matter → ('', text, 0)."""
    text = normalize_text(text)
    opening = _OPENING.match(text)
    closing = _CLOSING.search(text, opening.end()) if opening else None
    if not opening or not closing:
        return "", text, 0
    yaml_text = text[opening.end():closing.start()] or "\n"
    after = text[closing.end():]
    body = after[1:] if after.startswith("\n") else after
    return yaml_text, body, yaml_text.count("\n") + 2


def missing_delimiter(text: str, where: str) -> Problem:
    """Why no front matter was found: no opening '---', or no closing one."""
    text = normalize_text(text)
    if _OPENING.match(text):
        return Problem(f"{where}:1", "the front matter opened by '---' on line 1 is never closed",
                       "add a line '---' after the last front matter line (e.g. after 'date: …')")
    if _TOP_KEY.match(text.lstrip("\n")):
        line = len(text) - len(text.lstrip("\n")) + 1
        return Problem(f"{where}:{line}", "the front matter has no opening '---'",
                       "add a line '---' before the first front matter line, as line 1")
    return Problem(f"{where}:1", "no front matter",
                   "start index.md with '---', a 'title:' and a 'date:' line, then '---'")


def parse_front_matter(yaml_text: str, where: str) -> tuple[IssueMeta | None, list[Problem]]:
    """Validate the front matter; every problem at once, each at its own line (warnings included)."""
    if not yaml_text:
        return None, [Problem(f"{where}:1", "no front matter",
                              "start index.md with '---', a 'title:' and a 'date:' line, then '---'")]
    loader = SAFE_LOADER(yaml_text)
    try:
        data = loader.get_single_data()
    except yaml.YAMLError as exc:
        line = getattr(getattr(exc, "problem_mark", None), "line", 0) + 2
        return None, [Problem(f"{where}:{line}", f"front matter is not valid YAML ({_first_line(exc)})",
                              "check indentation and quote values that contain ':' or '#'")]
    except (ValueError, RecursionError) as exc:  # a number of over 4300 digits; nesting beyond Python's stack
        return None, [_unreadable(yaml_text, where, exc)]
    finally:
        loader.dispose()
    if data is None:
        return None, [Problem(f"{where}:1", "the front matter is empty",
                              "add a 'title:' and a 'date:' line between the two '---' lines")]
    if not isinstance(data, dict):
        return None, [Problem(f"{where}:2", "front matter is not a mapping of keys to values",
                              "write it as 'key: value' lines")]
    problems = [Problem(f"{where}:{line + 2}", f"front matter key '{key}' is given twice (first on line {first + 2})",
                        "keep one of the two") for key, line, first in loader.repeated]
    warnings = _comma_warnings(data, yaml_text, where)
    blocks = {key: data.pop(key) for key in list(data) if key in ADAPTERS}
    overrides, block_problems = _channel_blocks(blocks, yaml_text, where)
    try:
        meta = IssueMeta.model_validate(data)
    except ValidationError as exc:
        return None, [*problems, *(_problem_of(err, yaml_text, where) for err in exc.errors()), *block_problems]
    if block_problems:
        return None, [*problems, *block_problems]
    meta._overrides = overrides
    meta._key_lines = key_lines(yaml_text)
    return (None if problems else meta), [*problems, *warnings]


def _channel_blocks(blocks: dict[str, Any], yaml_text: str,
                    where: str) -> tuple[dict[str, ChannelOverride], list[Problem]]:
    """Each channel block validated by the model its adapter declares (found through the registry)."""
    found: dict[str, ChannelOverride] = {}
    problems: list[Problem] = []
    for channel, block in blocks.items():
        model = overrides_model(channel) or ChannelOverride
        try:
            found[channel] = model.model_validate(block)
        except ValidationError as exc:
            known = tuple(model.model_fields)
            problems += [_problem_of({**err, "loc": (channel, *err["loc"])}, yaml_text, where, known)
                         for err in exc.errors()]
    return found, problems


def _unreadable(yaml_text: str, where: str, exc: Exception) -> Problem:
    """A value the YAML reader cannot turn into Python: a huge number (at its line), or too deep a nesting."""
    if isinstance(exc, RecursionError):
        return Problem(f"{where}:2", "the front matter is nested too deeply to read",
                       "write it as plain 'key: value' lines and short lists")
    line = long_number_line(yaml_text)  # a line of the front matter; index.md's line 1 is the opening '---'
    return Problem(f"{where}:{line + 1 if line else 2}",
                   "a number in the front matter is too long to read (over 4300 digits)",
                   "quote it ('…') if it is text, or shorten it")


def _comma_warnings(data: dict[str, Any], yaml_text: str, where: str) -> list[Problem]:
    """A string of tags is space-separated (Jekyll's rule); a comma in it probably meant a list."""
    found = []
    for key in ("tags", "categories"):
        value = data.get(key)
        if isinstance(value, str) and re.search("[,，、]", value):
            words = ", ".join(split_words(value))
            found.append(Problem(f"{where}:{_line_of_key(yaml_text, key)}",
                                 f"'{key}: {value}' is a string: read as space-separated words ({words})",
                                 f"write a list to say it exactly: {key}: [{words}]", severity="warning"))
    return found


def _problem_of(err: Any, yaml_text: str, where: str, block_keys: tuple[str, ...] = ()) -> Problem:
    loc = [str(p) for p in err["loc"]]
    key = loc[0] if loc else ""
    line = _line_of_key(yaml_text, loc[-1] if err["type"] == "extra_forbidden" else key)
    if err["type"] == "extra_forbidden":
        known = (block_keys or OVERRIDE_KEYS) if len(loc) > 1 else (*IssueMeta.model_fields, *ADAPTERS)
        close = difflib.get_close_matches(loc[-1], known, n=1, cutoff=0.5)
        hint = f"did you mean '{close[0]}'?" if close else f"known keys: {', '.join(known)}"
        return Problem(f"{where}:{line}", f"unknown front matter key '{'.'.join(loc)}'", hint)
    if err["type"] == "missing":
        return Problem(f"{where}:1", f"front matter lacks '{key}'", _missing_hint(key))
    message = str(err["msg"]).removeprefix("Value error, ")
    fix = _missing_hint(key) or f"correct '{key}' (docs/canonical-format.md lists every key and its type)"
    return Problem(f"{where}:{line}", f"front matter '{'.'.join(loc)}': {message}", fix)


def _missing_hint(key: str) -> str:
    return {
        "title": "add a line such as: title: \"LeoTalk AI周知 1\"",
        "date": "add a line such as: date: 2025-09-22T08:00:00+08:00",
    }.get(key, "")


def key_lines(yaml_text: str) -> dict[str, int]:
    """Each key's line in index.md (line 1 is the opening '---'): top-level keys by name, a block's keys
    as "block.key"; the first line wins."""
    found: dict[str, int] = {}
    block = ""
    for number, line in enumerate(yaml_text.splitlines(), start=2):
        if top := re.match(r"([A-Za-z_][\w-]*)\s*:", line):
            block = top.group(1)
            found.setdefault(block, number)
        elif (inner := re.match(r"[ \t]+([A-Za-z_][\w-]*)\s*:", line)) and block:
            found.setdefault(f"{block}.{inner.group(1)}", number)
    return found


def _line_of_key(yaml_text: str, key: str) -> int:
    for number, line in enumerate(yaml_text.splitlines(), start=2):
        if re.match(rf"\s*{re.escape(key)}\s*:", line):
            return number
    return 1


def _first_line(exc: Exception) -> str:
    return str(getattr(exc, "problem", None) or exc).splitlines()[0]
