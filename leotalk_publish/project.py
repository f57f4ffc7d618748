"""Where a project's folders are: drafts/, channels/, ledger/ under one root.

The root is found as git finds a repository: from the working directory (or ``--project DIR``) upward, the
first folder that holds both ``channels/`` and ``drafts/``. So every command works from ``drafts/issue-1/``.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from leotalk_publish.errors import InputError, Problem, SettingsError
from leotalk_publish.toml_lines import key_at, key_line

ISSUE_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,99}")
TOML_AT = re.compile(r"\s*\(at line (?P<line>\d+), column (?P<column>\d+)\)")


def issue_id_problem(issue_id: str) -> Problem | None:
    """An issue id is one plain folder name under drafts/ (no path, no '..'): the ledger is named after it."""
    if ISSUE_ID.fullmatch(issue_id) and ".." not in issue_id:
        return None
    return Problem(f"drafts/{issue_id}", f"'{issue_id}' is not an issue id",
                   "name one folder under drafts/ (letters, digits, '-', '_' and '.'), e.g. issue-1")


@dataclass(frozen=True)
class Project:
    root: Path

    @property
    def drafts(self) -> Path:
        return self.root / "drafts"

    @property
    def channels(self) -> Path:
        return self.root / "channels"

    @property
    def ledger(self) -> Path:
        return self.root / "ledger"

    def channel_file(self, name: str) -> Path:
        return self.channels / f"{name}.toml"

    def read_channel_toml(self, name: str) -> dict[str, Any]:
        """A channel's settings table; missing file → empty table."""
        path = self.channel_file(name)
        if not path.exists():
            return {}
        if not path.is_file():
            raise SettingsError(f"{path}: is a folder, not a settings file; remove it or make it a TOML file")
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise SettingsError(f"{path}: cannot be read ({exc.strerror or exc}); check its permissions") from None
        return _parsed_toml(path, data, name)


def _parsed_toml(path: Path, data: bytes, name: str) -> dict[str, Any]:
    """The TOML table of a settings file, or a SettingsError naming the line that is wrong."""
    try:
        return tomllib.loads(data.decode("utf-8"))
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise _one_problem(f"{path}:{line}", f"not UTF-8 (byte {data[exc.start]:#04x} at offset {exc.start})",
                           "save the file as UTF-8") from None
    except RecursionError:
        raise _one_problem(str(path), "nested too deeply to read", "write plain 'key = value' lines") from None
    except tomllib.TOMLDecodeError as exc:
        where, what = _toml_position(str(path), str(exc))
        if twice := _set_twice(data.decode("utf-8"), where):
            raise _one_problem(where, twice, "keep one of the two") from None
        raise _one_problem(where, f"not valid TOML ({what})", f"fix that line (see docs/channels/{name}.md)") \
            from None
    except ValueError:  # a number of over 4300 digits (Python's limit on turning text into an int)
        at = long_number_line(data.decode("utf-8"))
        raise _one_problem(f"{path}:{at}" if at else str(path), "a number is too long to read (over 4300 digits)",
                           f"shorten it (docs/channels/{name}.md gives each setting's range)") from None


def long_number_line(text: str) -> int | None:
    """The 1-based line of a number too long for Python to read (its limit is 4300 digits), if any."""
    digits = re.search(r"\d{4000,}", text)
    return text.count("\n", 0, digits.start()) + 1 if digits else None


def _set_twice(text: str, where: str) -> str | None:
    """tomllib's "Cannot overwrite a value" / "Cannot declare … twice", said as which key and where it was first."""
    line = where.rpartition(":")[2]
    path = key_at(text, int(line)) if line.isdigit() else None
    first = key_line(text, path) if path else None
    if path is None or first is None or first >= int(line):
        return None
    return f"'{'.'.join(path)}' is set a second time (first on line {first})"


def _toml_position(path: str, message: str) -> tuple[str, str]:
    """tomllib's "… (at line 3, column 7)" → ("path:3", "… at column 7")."""
    found = TOML_AT.search(message)
    if found is None:
        return path, message
    return f"{path}:{found['line']}", f"{message[:found.start()]} at column {found['column']}"


def _one_problem(where: str, what: str, fix: str) -> SettingsError:
    problem = Problem(where, what, fix)
    return SettingsError(str(problem), [problem])


class ProjectNotFound(InputError):
    """No folder holding channels/ and drafts/ in the folder searched or any folder above it."""


def find_project(start: Path) -> Project:
    """The project holding ``start``: the nearest folder at or above it with ``channels/`` and ``drafts/``.

    A folder with only ``drafts/`` is a project too when nothing above it is one (its channels use their
    defaults). Anything else is ``ProjectNotFound``, naming the folder searched.
    """
    start = start.resolve()
    for folder in (start, *start.parents):
        if (folder / "channels").is_dir() and (folder / "drafts").is_dir():
            return Project(folder)
    if (start / "drafts").is_dir():
        return Project(start)
    raise ProjectNotFound(
        f"no leotalk project in {start} or any folder above it (a project is the folder holding channels/ "
        "and drafts/); run the command inside one, or pass --project DIR")


def settings_problem(path: Path, exc: Exception, key: str = "", sources: Mapping[str, str] | None = None,
                     hidden: Collection[str] = ()) -> SettingsError:
    """A pydantic ValidationError (or a ValueError about ``key``) on a channel's settings: one Problem per wrong
    value, each at the line that sets it, or naming the environment variable it came from (``sources``: field →
    variable). The value given is quoted back, except for the ``hidden`` fields (secrets, proxies)."""
    text = _text_or_empty(path)
    errors = getattr(exc, "errors", None)
    found = errors() if errors is not None else [{"loc": (key,) if key else (), "msg": str(exc), "type": ""}]
    problems = sorted((_value_problem(path, text, error, sources or {}, hidden) for error in found), key=_line_of)
    return SettingsError("\n".join(str(problem) for problem in problems), problems)


def _value_problem(path: Path, text: str, error: dict[str, Any], sources: Mapping[str, str],
                   hidden: Collection[str]) -> Problem:
    loc = tuple(str(part) for part in error["loc"])
    what = _message(error, show_input=not (loc and loc[0] in hidden))
    unknown = error["type"] == "extra_forbidden"
    fix = f"{'check its spelling' if unknown else 'fix the value'} (docs/channels/{path.stem}.md lists each setting)"
    if loc and loc[0] in sources:
        return Problem(f"{sources[loc[0]]} (environment)", what, fix)
    line = key_line(text, loc)
    where = f"{path}:{line}" if line else str(path)
    return Problem(where, f"'{'.'.join(loc)}': {what}" if loc else what, fix)


def _line_of(problem: Problem) -> int:
    """A problem's line in its file, for the file's order (one without a line comes first)."""
    line = problem.where.rpartition(":")[2]
    return int(line) if line.isdigit() else 0


def _text_or_empty(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return ""


def _message(error: dict[str, Any], show_input: bool) -> str:
    """pydantic's message, with the value that was given unless it is hidden or says nothing (a bool)."""
    message = str(error["msg"]).removeprefix("Value error, ")
    if error["type"] == "extra_forbidden":
        return "unknown setting"
    if not show_input or error["type"] in ("missing", "") or "input" not in error or isinstance(error["input"], bool):
        return message
    return f"{message} (got {error['input']!r})"
