"""Where a project's folders are: drafts/, channels/, ledger/ under one root.

The root is found as git finds a repository: from the working directory (or ``--project DIR``) upward, the
first folder that holds both ``channels/`` and ``drafts/``. So every command works from ``drafts/issue-1/``.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from leotalk_publish.errors import InputError, Problem, SettingsError

ISSUE_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,99}")


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
            return tomllib.loads(path.read_bytes().decode("utf-8"))
        except UnicodeDecodeError as exc:
            raise SettingsError(f"{path}: not UTF-8 (byte {exc.object[exc.start]:#04x} at offset {exc.start}); "
                                "save the file as UTF-8") from None
        except tomllib.TOMLDecodeError as exc:
            raise SettingsError(f"{path}: not valid TOML ({exc}); fix that line (see docs/channels/{name}.md)") \
                from None
        except OSError as exc:
            raise SettingsError(f"{path}: cannot be read ({exc.strerror or exc}); check its permissions") from None


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


def settings_problem(path: Path, exc: Exception) -> SettingsError:
    """A pydantic ValidationError on a channel file, as one readable message."""
    errors = getattr(exc, "errors", None)
    if errors is None:
        return SettingsError(f"{path}: {exc}")
    lines = [f"{path}: '{'.'.join(str(p) for p in e['loc'])}': {_message(e)}" for e in errors()]
    return SettingsError("\n".join(lines) + f"\nfix these values (docs/channels/{path.stem}.md lists each setting)")


def _message(error: dict[str, Any]) -> str:
    """pydantic's message, with the value that was given (never a secret: those are not in the files)."""
    message = str(error["msg"]).removeprefix("Value error, ")
    if error["type"] in ("missing", "extra_forbidden") or "input" not in error:
        return message if error["type"] != "extra_forbidden" else "unknown setting; check its spelling"
    return f"{message} (got {error['input']!r})"
