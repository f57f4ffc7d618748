"""``leotalk new``: a draft folder to start writing in, shaped like the writer's latest issue.

The date carries the project's UTC offset (the latest issue's); by default it is the first day after the latest
issue that falls on the usual weekday, at the usual time (the most common among the issues). The body is the
latest issue's skeleton: its top-level headings, each with a line to replace. ``leotalk check`` accepts the
draft as it is written.
"""

from __future__ import annotations

import json
import re
import shutil
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from pathlib import Path

from leotalk_publish.errors import InputError
from leotalk_publish.frontmatter import IssueMeta, parse_front_matter, split_front_matter
from leotalk_publish.ledger import atomic_write
from leotalk_publish.project import Project, issue_id_problem

HEADING = re.compile(r"^(#{1,6})\s+(.+?)\s*#*\s*$")
FENCE = re.compile(r"^\s*(```|~~~)")
PLACEHOLDER = "（在这里写。）"
COPIED = ("author", "tags", "categories", "channels")


@dataclass(frozen=True)
class Earlier:
    """An issue already written: its id, front matter and body."""

    issue_id: str
    meta: IssueMeta
    body: str


@dataclass(frozen=True)
class Created:
    folder: Path
    date: datetime
    headings: tuple[str, ...]
    after: str  # the issue it follows ("" for the first)
    given: bool = False  # the date came from --date

    def lines(self, shown: str) -> list[str]:
        basis = ("as --date gave it" if self.given else f"after {self.after}, on its usual weekday and time"
                 if self.after else "no earlier issue")
        return [f"created {shown}/index.md dated {self.date.isoformat()} ({basis}) with "
                f"{len(self.headings)} heading(s), and {shown}/images/ for its pictures",
                f"next: leotalk preview {self.folder.name}   (then: leotalk check, publish)"]


def earlier_issues(drafts: Path) -> list[Earlier]:
    """Every draft whose front matter is valid, oldest first."""
    found = []
    for index in sorted(drafts.glob("*/index.md")) if drafts.is_dir() else []:
        try:
            text = index.read_text(encoding="utf-8", errors="replace")
        except OSError:  # a folder named index.md, an unreadable file: not an issue to take after
            continue
        yaml_text, body, _ = split_front_matter(text)
        meta, _ = parse_front_matter(yaml_text, str(index))
        if meta is not None:
            found.append(Earlier(index.parent.name, meta, body))
    return sorted(found, key=lambda e: e.meta.date)


def usual_slot(issues: list[Earlier]) -> tuple[int, time]:
    """The most common (weekday, local time) among the issues; the latest wins a tie."""
    slots = Counter((e.meta.date.weekday(), e.meta.date.timetz()) for e in issues)
    best = max(slots.values())
    return next(slot for slot in ((e.meta.date.weekday(), e.meta.date.timetz()) for e in reversed(issues))
                if slots[slot] == best)


def next_date(issues: list[Earlier], now: datetime) -> datetime:
    """The first day after the latest issue on the usual weekday, at the usual time and offset; with no
    issue, next Monday at 08:00 in this machine's offset."""
    if not issues:
        local = now.astimezone()
        day = local.date() + timedelta(days=(7 - local.weekday()) % 7 or 7)
        return datetime.combine(day, time(8, 0), local.tzinfo)
    weekday, at = usual_slot(issues)
    latest = issues[-1].meta.date
    day = latest.date() + timedelta(days=(weekday - latest.weekday()) % 7 or 7)
    return datetime.combine(day, at.replace(tzinfo=None), latest.tzinfo)


def given_date(text: str, issues: list[Earlier], now: datetime) -> datetime:
    """``--date``: a day (at the usual time), or a date and time (the project's offset when it has none)."""
    default = next_date(issues, now)
    try:
        value = datetime.fromisoformat(text)
    except ValueError:
        raise InputError(f"--date '{text}' is not a date: write 2025-10-06 or 2025-10-06T08:00:00+08:00") from None
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        return datetime.combine(value.date(), default.timetz())
    return value if value.tzinfo else value.replace(tzinfo=default.tzinfo)


def skeleton(body: str) -> list[str]:
    """The latest issue's headings at its top level (the shallowest level it uses), outside code blocks."""
    headings, fenced = [], False
    for line in body.splitlines():
        if FENCE.match(line):
            fenced = not fenced
        elif not fenced and (match := HEADING.match(line)):
            headings.append((len(match.group(1)), match.group(2)))
    top = min((level for level, _ in headings), default=1)
    return [f"{'#' * level} {text}" for level, text in headings if level == top]


def new_slug(latest: Earlier | None, issue_id: str) -> str:
    """The latest slug with its issue number moved on (leotalk-ai-weekly-1 → …-2), else none."""
    old, new = (re.search(r"(\d+)$", text) for text in (latest.issue_id if latest else "", issue_id))
    slug = latest.meta.slug if latest else ""
    if not (slug and old and new and slug.endswith(f"-{old.group(1)}")):
        return ""
    return slug[: -len(old.group(1))] + new.group(1)


def front_matter(title: str, when: datetime, latest: Earlier | None, slug: str) -> str:
    """YAML a person reads: strings quoted as JSON (valid YAML), lists inline, the date with its offset."""
    lines = ["---", f"title: {json.dumps(title, ensure_ascii=False)}", f"date: {when.isoformat()}"]
    if slug:
        lines.append(f"slug: {slug}")
    lines.append(f"summary: {json.dumps('一句话说说这一期。', ensure_ascii=False)}")
    for key in COPIED:
        value = getattr(latest.meta, key) if latest else None
        if value:
            lines.append(f"{key}: {json.dumps(value, ensure_ascii=False)}")
    return "\n".join([*lines, "---", ""])


def body_text(headings: list[str]) -> str:
    parts = [PLACEHOLDER] + [f"{heading}\n\n{PLACEHOLDER}" for heading in headings]
    return "\n" + "\n\n".join(parts) + "\n"


def create(project: Project, issue_id: str, title: str | None = None, when: str | None = None,
           clock: Callable[[], datetime] = lambda: datetime.now().astimezone()) -> Created:
    """Write drafts/<issue_id>/index.md and images/; refuse an id in use or one ``check`` would refuse, and a
    title or date ``check`` would refuse, before anything is written; a write that fails leaves nothing."""
    if problem := issue_id_problem(issue_id):
        raise InputError(f"'{issue_id}' cannot be an issue id: {problem.fix}")
    if title is not None and not _is_text(title):
        raise InputError("--title is not UTF-8 text (the terminal passed bytes of another encoding); type it again")
    folder = project.drafts / issue_id
    if folder.exists() or folder.is_symlink():
        raise InputError(f"drafts/{issue_id} already exists: pick another id, or edit that draft")
    issues = earlier_issues(project.drafts)
    latest = issues[-1] if issues else None
    date_ = given_date(when, issues, clock()) if when else next_date(issues, clock())
    headings = skeleton(latest.body) if latest else []
    meta = front_matter(title or f"{issue_id}（标题待定）", date_, latest, new_slug(latest, issue_id))
    _refuse_what_check_refuses(meta, title, when)
    _write_draft(folder, meta + body_text(headings), issue_id)
    return Created(folder, date_, tuple(headings), latest.issue_id if latest else "", given=when is not None)


def _refuse_what_check_refuses(meta: str, title: str | None, when: str | None) -> None:
    """The front matter about to be written, read as ``check`` reads it: its first error, said as an option's."""
    yaml_text, _, _ = split_front_matter(meta + "\n")
    _, problems = parse_front_matter(yaml_text, "index.md")
    error = next((problem for problem in problems if problem.severity == "error"), None)
    if error is None:
        return
    option = "--title" if "'title'" in error.what and title is not None else "--date" if when else "the draft"
    reason = error.what.split("': ", 1)[-1]  # "front matter 'date': … is outside 1970–2999; …" → the reason
    raise InputError(f"{option}: {reason}")


def _write_draft(folder: Path, text: str, issue_id: str) -> None:
    """index.md and images/, or nothing at all."""
    try:
        (folder / "images").mkdir(parents=True)
        (folder / "images" / ".gitkeep").write_bytes(b"")
        atomic_write(folder / "index.md", text.encode("utf-8"))
    except (OSError, UnicodeError) as exc:
        shutil.rmtree(folder, ignore_errors=True)
        raise InputError(f"drafts/{issue_id} cannot be written ({getattr(exc, 'strerror', None) or exc}); "
                         "check the folder's permissions and free space, or pick a shorter id") from None


def _is_text(value: str) -> bool:
    """Whether ``value`` is text: bytes of another encoding on the command line arrive as lone surrogates."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True
