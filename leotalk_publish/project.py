"""Where a project's folders are: drafts/, channels/, ledger/ under one root (the working directory)."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from leotalk_publish.errors import SettingsError


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


def settings_problem(path: Path, exc: Exception) -> SettingsError:
    """A pydantic ValidationError on a channel file, as one readable message."""
    errors = getattr(exc, "errors", None)
    if errors is None:
        return SettingsError(f"{path}: {exc}")
    lines = [f"{path}: '{'.'.join(str(p) for p in e['loc'])}': {e['msg']}" for e in errors()]
    return SettingsError("\n".join(lines))
