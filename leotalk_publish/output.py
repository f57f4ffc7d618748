"""What a person (or a script) reads from ``publish`` and ``check``: how much, in what form.

``Output`` is the level chosen on the command line (``--quiet``: only warnings, errors and failures;
``--verbose``: also where the project is and each channel's mode before the push) and ``--json`` (one object
on stdout; progress goes to stderr). The dry run prints a summary per channel first — its actions and, per
document, the diff's size (+added −removed) — and the full diffs only with ``--diff`` (through a pager,
coloured, on a terminal).
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Output:
    quiet: bool = False
    verbose: bool = False
    json: bool = False
    diff: bool = False

    @property
    def lines(self) -> bool:
        """Whether ordinary lines (progress, outcomes) go to stdout."""
        return not (self.quiet or self.json)


NORMAL = Output()


def echo(line: str, *, err: bool = False) -> None:
    """One line to stdout (stderr with ``err``), flushed at once. Where the stream cannot encode the text (an
    ASCII-only locale), it goes out as UTF-8 bytes instead of failing, as click's ``echo`` does."""
    stream = sys.stderr if err else sys.stdout
    if stream is None:  # no console at all (pythonw): nothing to show it on
        return
    text = line + "\n"
    try:
        stream.write(text)
    except UnicodeEncodeError:
        stream.flush()
        stream.buffer.write(text.encode("utf-8", "replace"))
    stream.flush()


def diff_stats(diff: str) -> tuple[int, int]:
    """(lines added, lines removed) of a unified diff, its ---/+++ header left out."""
    added = removed = 0
    for line in diff.splitlines():
        if line.startswith("+") and not line.startswith("+++ "):
            added += 1
        elif line.startswith("-") and not line.startswith("--- "):
            removed += 1
    return added, removed


def stats_line(diffs: Mapping[str, str]) -> str:
    parts = [f"{name} +{a} −{r}" for name, (a, r) in ((n, diff_stats(d)) for n, d in diffs.items())]
    return "diff: " + ", ".join(parts) if parts else "diff: none"


def plan_summary(prepared: list[Any]) -> list[str]:
    """Per channel: its header, its actions, the size of its diffs."""
    lines: list[str] = []
    for item in prepared:
        lines.append(f"== {item.name} ==")
        lines += [f"  - {action}" for action in item.plan.actions]
        if not item.plan.unchanged:
            lines.append(f"  {stats_line(item.plan.diffs)}")
    return lines


def full_diffs(prepared: list[Any], colour: bool = False) -> str:
    chunks = [diff.rstrip("\n") for item in prepared for diff in item.plan.diffs.values()]
    text = "\n".join(chunks)
    return coloured(text) if colour else text


def coloured(diff: str) -> str:
    from typer import style as paint
    styles = {"+++": "bold", "---": "bold", "@@": "cyan", "+": "green", "-": "red"}
    out = []
    for line in diff.splitlines():
        style = next((s for prefix, s in styles.items() if line.startswith(prefix)), None)
        out.append(line if style is None else paint(line, fg=None if style == "bold" else style,
                                                    bold=True if style == "bold" else None))
    return "\n".join(out)


def page(text: str, write: Callable[[str], None]) -> None:
    """Through $PAGER (as git does; default ``less -FRX``: colours kept, no pager for a short text), else printed."""
    import os
    import shutil
    import subprocess
    command = os.environ.get("PAGER") or ("less -FRX" if shutil.which("less") else "")
    if not command:
        write(text.rstrip("\n"))
        return
    try:
        subprocess.run(command, shell=True, input=text.encode("utf-8"), check=False)
    except OSError:
        write(text.rstrip("\n"))


def plan_json(prepared: list[Any], with_diffs: bool) -> dict[str, Any]:
    channels = {}
    for item in prepared:
        entry: dict[str, Any] = {"unchanged": item.plan.unchanged, "actions": list(item.plan.actions),
                                 "diff": {n: dict(zip(("added", "removed"), diff_stats(d), strict=True))
                                          for n, d in item.plan.diffs.items()}}
        if with_diffs:
            entry["diffs"] = dict(item.plan.diffs)
        channels[item.name] = entry
    return channels


def outcome_json(outcome: Any) -> dict[str, Any]:
    result = outcome.result
    return {"status": outcome.status, "mode": result.mode if result else None,
            "where": result.where if result else None, "notes": list(result.notes) if result else [],
            "error": outcome.error or None}


def problem_json(problem: Any) -> dict[str, Any]:
    return {"where": problem.where, "what": problem.what, "fix": problem.fix, "severity": problem.severity}


def check_json(issue_id: str, names: list[str], problems: list[Any]) -> dict[str, Any]:
    """One entry per channel with its own problems; the issue's own problems beside them."""
    def errors(found: list[Any]) -> bool:
        return any(p.severity == "error" for p in found)
    own = {name: [p for p in problems if p.channel == name] for name in names}
    general = [p for p in problems if not p.channel]
    return {"issue": issue_id, "ready": not errors(problems), "problems": [problem_json(p) for p in general],
            "channels": {name: {"ready": not errors(found) and not errors(general),
                                "problems": [problem_json(p) for p in found]} for name, found in own.items()}}
