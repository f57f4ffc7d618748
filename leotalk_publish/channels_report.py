"""``leotalk channels``: per channel, the mode a publish would use now and why, the account, what is wrong.

Generic through the registry: each adapter may have ``describe(settings, sources) -> list[str]``, lines of the
form "mode: …", "why: …", "account: …", "note: …", "problem: …". ``sources`` tells it where each variable was
found ("the environment" or ".env"), so it can say so without ever showing a value.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from leotalk_publish.adapters import get_adapter
from leotalk_publish.channel import shown_in
from leotalk_publish.errors import InputError, SettingsError
from leotalk_publish.pipeline import environment
from leotalk_publish.project import Project

KINDS = ("why", "account", "note", "problem")


@dataclass
class ChannelReport:
    channel: str
    mode: str = "?"
    lines: dict[str, list[str]] = field(default_factory=lambda: {kind: [] for kind in KINDS})

    def text(self) -> list[str]:
        return [f"{self.channel}: {self.mode}"] + [f"  {kind}: {line}" for kind in KINDS for line in self.lines[kind]]

    def as_json(self) -> dict[str, Any]:
        return {"mode": self.mode, "why": " ".join(self.lines["why"]), "account": " ".join(self.lines["account"]),
                "notes": self.lines["note"], "problems": self.lines["problem"]}


def sources(project: Project) -> dict[str, str]:
    """Variable name → where it was found ("the environment" wins over ".env"); names only, never values."""
    found: dict[str, str] = {}
    if (project.root / ".env").is_file():
        from dotenv import dotenv_values
        found.update({name: ".env" for name, value in dotenv_values(project.root / ".env").items() if value})
    found.update({name: "the environment" for name, value in os.environ.items() if value})
    return found


def report(project: Project, names: list[str], env: Mapping[str, str] | None = None) -> list[ChannelReport]:
    env = environment(project) if env is None else env
    where = sources(project)
    return [_one(project, name, env, where) for name in names]


def _one(project: Project, name: str, env: Mapping[str, str], where: Mapping[str, str]) -> ChannelReport:
    adapter, result = get_adapter(name), ChannelReport(name)
    try:
        settings = adapter.load_settings(project.root, env)
    except InputError as exc:
        result.lines["problem"] += [shown_in(line, project.root) for line in _problem_lines(exc, project, name)]
        return result
    describe = getattr(adapter, "describe", None)
    lines = describe(settings, where) if describe else [f"mode: {adapter.push_mode(settings, False)}"]
    for line in (shown_in(line, project.root) for line in lines):  # paths relative to the project root
        kind, _, text = line.partition(": ")
        if kind == "mode":
            result.mode = text
        else:
            result.lines[kind if kind in KINDS else "note"].append(text)
    return result


def _problem_lines(exc: InputError, project: Project, name: str) -> list[str]:
    """One line per wrong setting, each naming its file (and line) once."""
    if isinstance(exc, SettingsError) and exc.problems:
        return [str(problem) for problem in exc.problems]
    where, text = str(project.channel_file(name)), str(exc)
    return [text if text.startswith(where) else f"{where}: {text}"]
