"""Where a project's folders are: drafts/, channels/, ledger/ under one root.

The root is found as git finds a repository: from the working directory (or ``--project DIR``) upward, the
first folder that holds both ``channels/`` and ``drafts/``. So every command works from ``drafts/issue-1/``.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from leotalk_publish.errors import InputError, SettingsError


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
        try:
            return tomllib.loads(path.read_text(encoding="utf-8"))
        except tomllib.TOMLDecodeError as exc:
            raise SettingsError(f"{path}: not valid TOML ({exc})") from None


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
    lines = [f"{path}: '{'.'.join(str(p) for p in e['loc'])}': {e['msg']}" for e in errors()]
    return SettingsError("\n".join(lines))
