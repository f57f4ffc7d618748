"""The flow, as a library: load → check → render → observe → plan → push → ledger.

Everything is validated and rendered for every channel before the first push; a problem anywhere stops
the run with nothing written. The CLI is a thin layer over ``prepare`` and ``publish``.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from leotalk_publish.adapters import get_adapter
from leotalk_publish.channel import (
    NOTHING_OBSERVED,
    AnyAdapter,
    Observation,
    PushContext,
    PushResult,
    Rendition,
    shown,
    shown_in,
)
from leotalk_publish.errors import CheckFailed, InputError, LedgerError, Problem, PublishError, SettingsError
from leotalk_publish.fingerprint import draft_fingerprint
from leotalk_publish.ledger import ChannelState, Ledger
from leotalk_publish.ledger_shape import ledger_error
from leotalk_publish.load import read_issue
from leotalk_publish.model import Issue
from leotalk_publish.plan import ChannelPlan, plan_channel
from leotalk_publish.progress import LiveProgress, PlainProgress
from leotalk_publish.project import Project
from leotalk_publish.redaction import environment_secrets, redact

Report = Callable[[str], None]
Progress = PlainProgress | LiveProgress


def system_clock() -> datetime:
    return datetime.now(UTC)


def environment(project: Project) -> dict[str, str]:
    """The process environment over the project's ``.env`` (the environment wins)."""
    path = project.root / ".env"
    if not path.exists():  # python-dotenv is imported only when there is a file to read
        return dict(os.environ)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise SettingsError(f".env: cannot be read ({type(exc).__name__}); save it as UTF-8 text with "
                            "one NAME=value line each") from None
    return {**dotenv_file(text), **os.environ}


def dotenv_file(text: str) -> dict[str, str]:
    """A ``.env`` file's values; a line python-dotenv cannot read, or a name without a value, is a
    SettingsError at its line (python-dotenv would skip it with a warning, and a secret would go missing)."""
    import io

    from dotenv import dotenv_values
    from dotenv.parser import parse_stream
    for binding in parse_stream(io.StringIO(text)):
        if binding.error:
            raise SettingsError(f".env:{binding.original.line}: this line is not NAME=value (a quote left open?); "
                                "write it as NAME=value, quoting a value that has spaces or '#'")
        if binding.key is not None and binding.value is None:
            raise SettingsError(f".env:{binding.original.line}: '{binding.key}' has no value; write it as "
                                f"{binding.key}=… (or remove the line)")
    return {key: value for key, value in dotenv_values(stream=io.StringIO(text)).items() if value is not None}


@dataclass
class Prepared:
    """One channel, checked and rendered, ready to plan and push."""

    adapter: AnyAdapter
    settings: Any
    rendition: Rendition[Any]
    plan: ChannelPlan | None = None
    observation: Observation[Any] = NOTHING_OBSERVED

    @property
    def name(self) -> str:
        return self.adapter.name


@dataclass
class Outcome:
    channel: str
    status: str  # "unchanged", "pushed", "skipped" (observe: nothing to do, ``error`` says why), "failed"
    result: PushResult | None = None
    error: str = ""


@dataclass
class Preparation:
    issue: Issue
    channels: list[Prepared]
    warnings: list[Problem] = field(default_factory=list)
    draft_hash: str = ""  # the draft folder's fingerprint as it was read (``leotalk status`` compares it)
    secrets: tuple[str, ...] = ()  # the environment's secret values, redacted from any unexpected error


def check(project: Project, issue_id: str, channels: list[str],
          env: Mapping[str, str] | None = None) -> tuple[Issue | None, list[Problem]]:
    """Every problem of an issue and its channels at once (errors and warnings)."""
    issue, _, problems = _checked(project, issue_id, channels, environment(project) if env is None else env)
    return issue, problems


def _checked(project: Project, issue_id: str, channels: list[str], env: Mapping[str, str],
             ) -> tuple[Issue | None, dict[str, tuple[AnyAdapter, Any]], list[Problem]]:
    """The issue, each channel's adapter with its settings (loaded once), and every problem found."""
    issue, problems = read_issue(project.drafts, issue_id)
    loaded: dict[str, tuple[AnyAdapter, Any]] = {}
    for name in channels:
        adapter = get_adapter(name)
        try:
            loaded[name] = (adapter, adapter.load_settings(project.root, env))
        except InputError as exc:
            problems += _settings_problems(exc, str(project.channel_file(name)), name)
            continue
        except (OSError, UnicodeDecodeError) as exc:  # a file beside the settings (a theme) cannot be read
            problems.append(Problem(f"{project.channels}/", f"a settings file of the {name} channel cannot be "
                                    f"read ({_one_line(exc)})", "save the files in channels/ as UTF-8 text",
                                    channel=name))
            continue
        if issue is not None:
            problems += [_tagged(p, name) for p in adapter.check(issue, loaded[name][1])]
    return issue, loaded, [_shown(p, project.root) for p in problems]


def _settings_problems(exc: InputError, where: str, channel: str) -> list[Problem]:
    """A channel's settings error as Problems: each wrong value at its own line when the error knows them."""
    if isinstance(exc, SettingsError) and exc.problems:
        return [_tagged(problem, channel) for problem in exc.problems]
    return [Problem(where, str(exc).removeprefix(f"{where}: "), channel=channel)]


def _shown(problem: Problem, root: Path) -> Problem:
    """The problem with every path in it relative to the project root, whoever wrote it and from where."""
    return Problem(shown_in(problem.where, root), shown_in(problem.what, root), shown_in(problem.fix, root),
                   problem.channel, problem.severity)


def _tagged(problem: Problem, channel: str) -> Problem:
    if problem.channel:
        return problem
    return Problem(problem.where, problem.what, problem.fix, channel, problem.severity)


def prepare(project: Project, issue_id: str, channels: list[str],
            env: Mapping[str, str] | None = None) -> Preparation:
    """Check and render every channel; raise ``CheckFailed`` before anything is written."""
    env = environment(project) if env is None else env
    draft_hash = draft_fingerprint(project.drafts / issue_id)
    issue, loaded, problems = _checked(project, issue_id, channels, env)
    errors = [p for p in problems if p.severity == "error"]
    if errors or issue is None:
        raise CheckFailed(errors)
    check_ledger(project, issue.issue_id, loaded.values())
    prepared = [Prepared(adapter, settings, adapter.render(issue, settings)) for adapter, settings in loaded.values()]
    warnings = [p for p in problems if p.severity != "error"]
    return Preparation(issue, prepared, warnings, draft_hash, tuple(environment_secrets(env)))


def open_ledger(project: Project, issue_id: str) -> Ledger:
    """The issue's ledger; one that cannot be read is a clear error, not a traceback."""
    if project.ledger.exists() and not project.ledger.is_dir():
        raise InputError(f"{shown(project.ledger, project.root)}: the ledger folder cannot be written (it is a "
                         "file, not a folder); nothing was pushed — move the file aside, then run again")
    try:
        return Ledger(project.ledger, issue_id)
    except LedgerError as exc:  # named by its absolute path where it was found: shown from the project root
        raise LedgerError(shown_in(str(exc), project.root)) from None
    except (OSError, ValueError) as exc:  # json.JSONDecodeError and UnicodeDecodeError are ValueErrors
        path = shown(project.ledger / f"{issue_id}.json", project.root)
        raise InputError(f"{path}: the ledger cannot be read ({_one_line(exc)}); restore it from git "
                         "(git checkout -- ledger/) or move it aside, then run again") from None


def probe_ledger(project: Project, issue_id: str) -> None:
    """Prove the ledger folder takes a write before the first remote call: a push it cannot record is refused."""
    folder = project.ledger
    probe = folder / f".{issue_id}.probe-{os.getpid()}"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with probe.open("wb") as handle:
            handle.write(json.dumps({"probe": issue_id}).encode())
            handle.flush()
            os.fsync(handle.fileno())
        probe.unlink()
    except OSError as exc:
        raise InputError(f"{shown(folder, project.root)}: the ledger folder cannot be written ({_one_line(exc)}); "
                         "nothing was pushed — make it a writable folder with free space, then run again") from None
    snapshots = folder / "snapshots"
    if snapshots.exists() and not snapshots.is_dir():
        raise InputError(f"{shown(snapshots, project.root)} is a file where the ledger keeps its snapshots folder; "
                         "nothing was pushed — move it aside, then run again")


def _one_line(exc: BaseException, secrets: tuple[str, ...] = ()) -> str:
    """An exception as one line: its type and the first line of its message, secrets removed."""
    text = str(exc).splitlines()[0] if str(exc).strip() else ""
    return redact(f"{type(exc).__name__}: {text}" if text else type(exc).__name__, secrets)


def check_ledger(project: Project, issue_id: str, loaded: Iterable[tuple[AnyAdapter, Any]]) -> None:
    """The ledger is input: its shape (on reading) and each channel's own ids and paths, before any write or
    call; ``LedgerError`` (exit 2) names the file and how to recover."""
    ledger = open_ledger(project, issue_id)
    problems: list[str] = []
    for adapter, settings in loaded:
        look: Callable[[ChannelState, Any], list[str]] | None = getattr(adapter, "check_ledger", None)
        if look is not None and adapter.name in ledger.data["channels"]:
            problems += [f"channels.{adapter.name}.{p}" for p in look(ledger.channel(adapter.name), settings)]
    if problems:
        raise ledger_error(Path(shown(ledger.path, project.root)), problems)


def plan(project: Project, preparation: Preparation, export: bool = False,
         clock: Callable[[], datetime] = system_clock, options: dict[str, Any] | None = None) -> list[Prepared]:
    """Observe each changed channel (read-only calls) and plan it: what ``--dry-run`` prints."""
    ledger = open_ledger(project, preparation.issue.issue_id)
    for item in preparation.channels:
        state = ledger.channel(item.name)
        last = _last_pushed(state, item, export)
        if last != item.rendition.content_hash:
            ctx = PushContext(project=project.root, state=state, clock=clock, report=_ignore, export=export,
                              options=dict(options or {}))
            item.observation = observe(item, ctx)
        actions = _observed_actions(item.observation, item.adapter.plan(item.rendition, state, item.settings, export))
        item.plan = plan_channel(item.rendition, last, state.snapshot(), [shown_in(a, project.root) for a in actions])
    return preparation.channels


def _ignore(line: str) -> None:
    """A dry run's observe reports nothing as it goes: what it saw is in the plan."""


def observe(item: Prepared, ctx: PushContext) -> Observation[Any]:
    """What the platform holds now; an adapter without ``observe`` (or in export mode) sees nothing."""
    look: Callable[[Rendition[Any], Any, PushContext], Observation[Any]] | None = getattr(item.adapter, "observe", None)
    if look is None or item.adapter.push_mode(item.settings, ctx.export) == "export":
        return NOTHING_OBSERVED
    return look(item.rendition, item.settings, ctx)


def _observed_actions(observation: Observation[Any], actions: list[str]) -> list[str]:
    """The plan in words, after what was seen: a skip or a stop replaces the actions."""
    seen = [f"seen: {line}" for line in observation.seen]
    if observation.verdict == "skip":
        return [*seen, f"nothing to do: {observation.reason}"]
    if observation.verdict == "stop":
        return [*seen, f"stop: {observation.reason}"]
    return [*seen, *actions]


def _last_pushed(state: ChannelState, item: Prepared, export: bool) -> str | None:
    """The content hash last pushed the way this run would push (an export does not count as a post)."""
    if state.get("mode") != item.adapter.push_mode(item.settings, export):
        return None
    content_hash: str | None = state.get("content_hash")
    return content_hash


def refuse_early(issue: Issue, now: datetime, force: bool) -> None:
    """An issue dated in the future goes out only with ``--force``: nothing leaks early."""
    if issue.date > now and not force:
        raise InputError(
            f"{issue.issue_id} is dated {issue.date.isoformat()}, which is still in the future; "
            "publish it then (or let the scheduled release do it), or pass --force to publish now")


def publish(project: Project, preparation: Preparation, *, export: bool = False,
            clock: Callable[[], datetime] = system_clock, progress: Progress | None = None,
            options: dict[str, Any] | None = None, lock_timeout: float = 0) -> list[Outcome]:
    """Push every changed channel side by side, recording each effect in the ledger as it happens.

    One failing channel does not stop the others. The issue's lock is held throughout, so a second run
    on the same issue waits ``lock_timeout`` seconds and then stops with a clear message.
    """
    progress = progress or PlainProgress()
    probe_ledger(project, preparation.issue.issue_id)
    ledger = open_ledger(project, preparation.issue.issue_id)
    with ledger.locked(timeout=lock_timeout):
        jobs = [(item, ledger.channel(item.name)) for item in preparation.channels]
        run = _Run(project, export, clock, progress, options or {}, preparation.secrets, preparation.draft_hash)
        if len(jobs) == 1:
            return [run.push_one(item, state) for item, state in jobs]
        from concurrent.futures import ThreadPoolExecutor  # only a push needs threads
        with ThreadPoolExecutor(max_workers=len(jobs), thread_name_prefix="channel") as pool:
            futures = [pool.submit(run.push_one, item, state) for item, state in jobs]
            return [f.result() for f in futures]


@dataclass(frozen=True)
class _Run:
    """What every channel's push shares; ``push_one`` never raises: any failure is that channel's outcome."""

    project: Project
    export: bool
    clock: Callable[[], datetime]
    progress: Progress
    options: dict[str, Any]
    secrets: tuple[str, ...]
    draft_hash: str = ""

    def push_one(self, item: Prepared, state: ChannelState) -> Outcome:
        try:
            return _push_one(self.project, item, state, export=self.export, clock=self.clock,
                             progress=self.progress, options=self.options, draft_hash=self.draft_hash)
        except Exception as exc:  # a bug or the machine (disk full): this channel fails, the others go on
            self.progress.finished(item.name, "failed")
            what = "a file could not be written or read" if isinstance(exc, OSError) else "unexpected error"
            return Outcome(item.name, "failed", error=f"{what} ({_one_line(exc, self.secrets)}); what was done "
                           "before it is recorded: fix the cause and run the same command again")


def _push_one(project: Project, item: Prepared, state: ChannelState, *, export: bool,
              clock: Callable[[], datetime], progress: Progress, options: dict[str, Any],
              draft_hash: str = "") -> Outcome:
    rendition = item.rendition
    if _last_pushed(state, item, export) == rendition.content_hash:
        if draft_hash and state.get("draft_hash") != draft_hash:
            state.record(draft_hash=draft_hash)  # an edit that does not touch this channel: it is up to date
        progress.finished(item.name, "unchanged")
        return Outcome(item.name, "unchanged")
    ctx = PushContext(project=project.root, state=state, clock=clock, export=export, options=options,
                      report=_shown_report(progress, item.name, project))
    try:
        ctx.observation = item.observation = observe(item, ctx)
        if ctx.observation.verdict == "skip":
            progress.finished(item.name, "nothing to do")
            return Outcome(item.name, "skipped", error=shown_in(ctx.observation.reason, project.root))
        if ctx.observation.verdict == "stop":
            progress.finished(item.name, "failed")
            return Outcome(item.name, "failed", error=shown_in(ctx.observation.reason, project.root))
        result = item.adapter.push(rendition, item.settings, ctx)
        state.complete(rendition.content_hash, rendition.documents, pushed_at=clock().isoformat(),
                       mode=result.mode, where=result.where, published=result.published,
                       remote=dict(result.remote), **({"draft_hash": draft_hash} if draft_hash else {}))
    except PublishError as exc:
        progress.finished(item.name, "failed")
        return Outcome(item.name, "failed", error=shown_in(str(exc), project.root))
    progress.finished(item.name, f"done: {result.mode} → {result.where}")
    return Outcome(item.name, "pushed", result)


def _shown_report(progress: Progress, channel: str, project: Project) -> Report:
    """The channel's report line printer, paths in each line shown relative to the project root."""
    report = progress.channel(channel)
    return lambda line: report(shown_in(line, project.root))
