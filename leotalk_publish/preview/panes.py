"""What the preview shows: for each channel its pane (HTML, figures, frame) and the check's problems.

Adapters are reached only through the pipeline (which uses the registry): a channel whose adapter has
``preview(rendition, settings) -> dict`` gets its own pane; any other shows its rendered documents as text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html import escape
from typing import Any

from leotalk_publish import pipeline
from leotalk_publish.errors import CheckFailed, Problem, PublishError
from leotalk_publish.project import Project


@dataclass(frozen=True)
class Pane:
    channel: str
    title: str
    frame: str  # "page" or "phone"
    html: str
    facts: tuple[str, ...] = ()
    problems: tuple[str, ...] = ()
    over_limit: bool = False

    def meta(self) -> dict[str, Any]:
        return {"channel": self.channel, "title": self.title, "frame": self.frame, "facts": list(self.facts),
                "problems": list(self.problems), "over_limit": self.over_limit}


@dataclass(frozen=True)
class Preview:
    panes: tuple[Pane, ...]
    problems: tuple[str, ...] = ()  # the issue's own (not a channel's)
    error: str = ""  # set when the draft could not be rendered at all
    extra: dict[str, Any] = field(default_factory=dict)


def build(project: Project, issue_id: str, channels: list[str]) -> Preview:
    """Check and render every channel; errors become the problems shown, never an exception."""
    try:
        preparation = pipeline.prepare(project, issue_id, channels)
    except CheckFailed as exc:
        return _failed(channels, exc.problems)
    except PublishError as exc:
        return _failed(channels, [], str(exc))
    mine = _by_channel(preparation.warnings)
    panes = tuple(_pane(item, mine.get(item.name, [])) for item in preparation.channels)
    return Preview(panes, tuple(str(p) for p in mine.get("", [])))


def _by_channel(problems: list[Problem]) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for problem in problems:
        found.setdefault(problem.channel, []).append(f"{problem.severity}: {problem}")
    return found


def _failed(channels: list[str], problems: list[Problem], error: str = "") -> Preview:
    mine = _by_channel(problems)
    note = "<p class=\"not-rendered\">Not rendered: fix the errors listed above; the pane updates when you save.</p>"
    panes = tuple(Pane(name, name, "page", note, (), tuple(mine.get(name, [])))
                  for name in channels)
    return Preview(panes, tuple(mine.get("", [])), error or f"{len(problems)} error(s): nothing could be rendered")


def _pane(item: pipeline.Prepared, problems: list[str]) -> Pane:
    show = getattr(item.adapter, "preview", None)
    if show is None:
        text = "\n\n".join(f"{name}:\n{doc}" for name, doc in item.rendition.documents.items())
        return Pane(item.name, item.name, "page", f"<pre>{escape(text)}</pre>", (), tuple(problems))
    data = show(item.rendition, item.settings)
    return Pane(item.name, data.get("title", item.name), data.get("frame", "page"), data["html"],
                tuple(data.get("facts", ())), tuple(problems), bool(data.get("over_limit")))
