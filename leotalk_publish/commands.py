"""What each command does, without the command-line parser: ``cli`` (typer) and ``launch`` (the plain forms)
both call these functions with the same keyword arguments. Errors become a message and an exit code here, once.

Exit codes: 0 done; 1 a channel failed to push (or, with --due, a draft could not be read while others went
out); 2 bad input (nothing written); 4 another run holds the issue's lock; 5 an internal
error (a bug): the run stopped at it, and --debug shows its traceback with secrets redacted.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn, ParamSpec, TypeAlias, TypeVar

from leotalk_publish.errors import CheckFailed, InputError, Problem, PublishError
from leotalk_publish.output import NORMAL, Output, echo

if TYPE_CHECKING:
    from leotalk_publish.pipeline import Outcome, Preparation, Prepared
    from leotalk_publish.project import Project

    # Per issue: its plans (a dry run) or its outcomes.
    Results: TypeAlias = dict[str, list[Prepared] | list[Outcome]]

Params = ParamSpec("Params")
Returned = TypeVar("Returned")

INTERNAL_ERROR = 5


class CommandExit(Exception):  # not an error: the command's end, its message already printed
    """The command ends with this exit code (``cli`` hands it to typer, ``launch`` returns it)."""

    def __init__(self, code: int) -> None:
        super().__init__(code)
        self.code = code


def _say(line: str) -> None:
    echo(line)


def _err(line: str) -> None:
    echo(line, err=True)


def _json(data: object) -> str:
    import json
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True)


def _fail(exc: PublishError) -> NoReturn:
    if isinstance(exc, CheckFailed):
        _err(f"error: {len(exc.problems)} problem(s); nothing was written:")
        for problem in exc.problems:
            _err(f"  {problem}")
    else:
        _err(f"error: {exc}")
    raise CommandExit(exc.exit_code)


# what a command raises on purpose, passed through as it is
_PASS_THROUGH: tuple[type[BaseException], ...] = (CommandExit, KeyboardInterrupt)


def guarded(command: Callable[Params, Returned]) -> Callable[Params, Returned]:
    """Run a command so that no traceback reaches the user: an unexpected exception is an internal error."""

    @functools.wraps(command)
    def run(*args: Params.args, **kwargs: Params.kwargs) -> Returned:
        try:
            return command(*args, **kwargs)
        except _PASS_THROUGH:
            raise
        except Exception as exc:
            _internal_error(exc, kwargs)

    return run


def _internal_error(exc: Exception, kwargs: Mapping[str, object]) -> NoReturn:
    """One clear line (redacted); the traceback too with --debug or LEOTALK_DEBUG=1."""
    import traceback

    from leotalk_publish.redaction import redact
    project_dir = kwargs.get("project_dir")
    secrets = _secrets(project_dir if isinstance(project_dir, str | Path) and project_dir else Path("."))
    if kwargs.get("debug") or os.environ.get("LEOTALK_DEBUG") == "1":
        _err(redact("".join(traceback.format_exception(exc)), secrets).rstrip("\n"))
    first = str(exc).splitlines()[0] if str(exc).strip() else ""
    _err(redact(f"internal error: {type(exc).__name__}{': ' + first if first else ''}", secrets))
    _err("This is a bug in leotalk-publish, not in your input; the run stopped here. Run the same command "
         "with --debug for the traceback (secrets are redacted) and report it.")
    raise CommandExit(INTERNAL_ERROR)


def _secrets(project_dir: str | Path) -> list[str]:
    from leotalk_publish.pipeline import environment
    from leotalk_publish.project import Project
    from leotalk_publish.redaction import environment_secrets
    try:
        return environment_secrets(environment(Project(Path(project_dir).resolve())))
    except Exception:  # an unreadable .env: the process environment still holds the usual secrets
        return environment_secrets(dict(os.environ))


def _project(path: Path) -> Project:
    """The project holding ``path`` (searched upward, as git does); exit 2 naming the folder when there is none."""
    from leotalk_publish.project import find_project
    try:
        return find_project(path)
    except PublishError as exc:
        _fail(exc)


def _channels_for(project: Project, issue_id: str, text: str | None) -> list[str]:
    from leotalk_publish.adapters import parse_channels
    from leotalk_publish.frontmatter import parse_front_matter, split_front_matter
    from leotalk_publish.project import issue_id_problem
    if problem := issue_id_problem(issue_id):
        raise CheckFailed([problem])
    default = None
    index = project.drafts / issue_id / "index.md"
    if not text and index.is_file():
        try:
            source = index.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            source = ""  # loading the draft reports it, with its line
        meta, _ = parse_front_matter(split_front_matter(source)[0], str(index))
        default = meta.channels if meta else None
    try:
        return parse_channels(text, default)
    except InputError as exc:
        where = "--channels" if text else f"drafts/{issue_id}/index.md:1: 'channels:'"
        raise InputError(f"{where}: {exc}; name only those (or leave it out for all of them)") from None


@dataclass(frozen=True)
class RunOptions:
    dry_run: bool
    export: bool
    force: bool
    clock: Callable[[], datetime]
    wait: float
    republish: bool = False
    overwrite: bool = False
    output: Output = NORMAL

    @property
    def push_options(self) -> dict[str, bool]:
        """What the adapters read from ``PushContext.options``."""
        return {"republish": self.republish, "overwrite": self.overwrite}


@guarded
def publish_command(issue_id: str | None = None, channels: str | None = None, dry_run: bool = False,
                    export: bool = False, due: bool = False, force: bool = False, now: datetime | None = None,
                    wait: float = 0, summary_file: Path | None = None, republish: bool = False,
                    overwrite: bool = False, diff: bool = False, as_json: bool = False, quiet: bool = False,
                    verbose: bool = False, project_dir: Path = Path("."), debug: bool = False) -> None:
    """Check, render and push an issue to its channels; an unchanged channel is left alone."""
    project = _project(project_dir)
    output = Output(quiet=quiet, verbose=verbose and not quiet, json=as_json, diff=diff)
    options = RunOptions(dry_run, export, force, _clock(now), wait, republish, overwrite, output)
    if output.verbose:
        _err(f"project: {project.root}")
    if due == (issue_id is not None):
        _err("error: name one issue (publish issue-1) or pass --due, not both and not neither")
        raise CommandExit(2)
    try:
        _check_summary_file(summary_file, project)
        if issue_id is None:  # --due (checked above)
            results, broken = _publish_due(project, channels, options)
        else:
            results, broken = {issue_id: _publish_issue(project, issue_id, channels, options)}, None
    except PublishError as exc:
        _fail(exc)
    summary_ok = _write_summary(summary_file, results)
    if as_json:
        _finish_json(results, dry_run, broken)
    _finish(results, output, broken, summary_ok)


def _project_file(path: Path, project: Project) -> str:
    """Why ``path`` is a file of the project's own ("" when it is not)."""
    where = path.resolve()
    for folder in (project.drafts, project.channels, project.ledger):
        if where.is_relative_to(folder.resolve()):
            return f"is inside {folder.name}/, which holds the project's own files"
    return "is the project's .env" if where == (project.root / ".env").resolve() else ""


def _check_summary_file(path: Path | None, project: Project) -> None:
    """--summary-file is checked before anything is pushed: its folder exists, the file can be appended to, and
    it is none of the files the tool reads (a draft, a setting, a ledger): appending there would break them."""
    if path is None:
        return
    parent = path.parent if str(path.parent) else Path(".")
    why = ("is a folder" if path.is_dir() else f"has no folder {parent}" if not parent.is_dir()
           else "cannot be written" if (path.exists() and not os.access(path, os.W_OK))
           or (not path.exists() and not os.access(parent, os.W_OK))
           else _project_file(path, project))
    if why:
        raise InputError(f"--summary-file {path} {why}; nothing was pushed — give a file in an existing, "
                         "writable folder (it is created if missing, and appended to)")


def _publish_issue(project: Project, issue_id: str, channels: str | None,
                   options: RunOptions) -> list[Prepared] | list[Outcome]:
    """Prepare one issue; print its plan (dry run) or push it. Returns the outcomes (none for a dry run)."""
    from leotalk_publish import pipeline
    names = _channels_for(project, issue_id, channels)
    preparation = pipeline.prepare(project, issue_id, names)
    _print_warnings(preparation.warnings)
    if options.dry_run:
        plans = pipeline.plan(project, preparation, options.export, options.clock, options.push_options)
        _print_plans(plans, options.output)
        return plans
    if options.output.verbose:
        for item in preparation.channels:
            _err(f"{item.name}: mode {item.adapter.push_mode(item.settings, options.export)}")
    pipeline.refuse_early(preparation.issue, options.clock(), options.force)
    return _push(project, preparation, options)


def _publish_due(project: Project, channels: str | None, options: RunOptions) -> tuple[Results, list[str]]:
    """Every due issue, oldest first. A draft that cannot be read, or a due issue that fails its check, is
    reported and passed over; the others still go out. Returns the outcomes and the issues passed over."""
    from leotalk_publish.adapters import parse_channels
    from leotalk_publish.release import find_due
    due, broken = find_due(project, options.clock(), parse_channels(channels))
    for issue_id in broken:
        _err(f"error: drafts/{issue_id}/index.md cannot be read (front matter or encoding); it was not "
             f"released — run: leotalk check {issue_id}")
    say = _say if options.output.lines else _err if options.output.json else _drop  # stdout stays JSON
    if not due:
        say(f"nothing is due at {options.clock().isoformat()}")
    results: Results = {}
    for item in due:
        say(f"{item.issue_id} (dated {item.date.isoformat()}) is due on: {', '.join(item.channels)}")
        try:
            results[item.issue_id] = _publish_issue(project, item.issue_id, ",".join(item.channels), options)
        except PublishError as exc:
            if not results and not due[1:] and not broken:
                raise  # the only issue: its own error and exit code
            _fail_one(item.issue_id, exc)
            broken.append(item.issue_id)
        except Exception as exc:
            if not any(results.values()):
                raise  # nothing went out yet: the internal error, exit 5
            _fail_one(item.issue_id, _as_internal(exc, project))  # after others went out: exit 1, not 5
            broken.append(item.issue_id)
    if broken and not any(results.values()):
        raise InputError(f"{len(broken)} draft(s) could not be released ({', '.join(broken)}); nothing "
                         "was written")
    return results, broken


def _as_internal(exc: Exception, project: Project) -> PublishError:
    from leotalk_publish.redaction import redact
    first = str(exc).splitlines()[0] if str(exc).strip() else ""
    return PublishError(redact(f"internal error ({type(exc).__name__}: {first}); run it alone with --debug",
                               _secrets(project.root)))


def _fail_one(issue_id: str, exc: PublishError) -> None:
    """One issue of a --due run that could not go out: its message, and the run goes on."""
    if isinstance(exc, CheckFailed):
        _err(f"error: {issue_id}: {len(exc.problems)} problem(s); it was not released:")
        for problem in exc.problems:
            _err(f"  {problem}")
    else:
        _err(f"error: {issue_id}: {exc}")


def _push(project: Project, preparation: Preparation, options: RunOptions) -> list[Outcome]:
    from leotalk_publish import pipeline
    from leotalk_publish.progress import progress_for
    names = [item.name for item in preparation.channels]
    out = options.output
    write = _say if out.lines else _err if out.json and not out.quiet else _drop
    with progress_for(names, write, live=out.lines) as progress:
        return pipeline.publish(project, preparation, export=options.export, clock=options.clock,
                                progress=progress, options=options.push_options, lock_timeout=options.wait)


def _clock(now: datetime | None) -> Callable[[], datetime]:
    from leotalk_publish.pipeline import system_clock
    if now is None:
        return system_clock
    if now.tzinfo is None:
        _err("error: --now needs a UTC offset: give it as e.g. 2025-09-22T08:00:00+08:00")
        raise CommandExit(2)
    return lambda: now


def _print_warnings(warnings: Iterable[Problem]) -> None:
    for problem in warnings:
        _err(f"warning: {problem}")


def _print_plans(prepared: list[Prepared], output: Output = NORMAL) -> None:
    """The summary per channel (actions, diff sizes), then the full diffs with --diff (paged on a terminal)."""
    from leotalk_publish.output import full_diffs, plan_summary
    if output.json:
        return
    for line in plan_summary(prepared):
        _say(line)
    if not output.diff:
        if any(item.plan is not None and item.plan.diffs for item in prepared):
            _say("full diffs: add --diff")
    elif _terminal():
        from leotalk_publish.output import page
        page(full_diffs(prepared, colour=True) + "\n", _say)
    else:
        _say(full_diffs(prepared))
    _say("dry run: nothing was written.")


def _terminal() -> bool:
    import sys
    return sys.stdout.isatty() and not os.environ.get("CI")


def _drop(line: str) -> None:
    """--quiet: progress is not shown."""


def _finish_json(results: Results, dry_run: bool, broken: list[str] | None = None) -> None:
    """One object on stdout: per issue, one entry per channel (its plan on a dry run, else its outcome); with
    --due, the drafts that could not be released are listed too (``"broken"``), as they make the run fail."""
    from leotalk_publish.output import outcome_json, plan_json
    issues = {issue: {"channels": plan_json(outs, with_diffs=True) if dry_run
                      else {o.channel: outcome_json(o) for o in _outcomes(outs)}} for issue, outs in results.items()}
    if len(issues) == 1 and broken is None:
        (issue, entry), = issues.items()
        _say(_json({"issue": issue, "dry_run": dry_run, **entry}))
    else:
        _say(_json({"issues": issues, "dry_run": dry_run, "broken": sorted(broken or [])}))


def _write_summary(path: Path | None, results: Results) -> bool:
    """Append the summary; False (with the lines it would have written) when the file cannot take them."""
    if path is None:
        return True

    def pushed(outs: list[Prepared] | list[Outcome]) -> list[str]:
        return [o.channel for o in _outcomes(outs) if o.status == "pushed"]
    lines = [f"{issue}: {', '.join(pushed(outs))}" for issue, outs in results.items() if pushed(outs)]
    try:
        with path.open("a", encoding="utf-8") as handle:
            handle.writelines(line + "\n" for line in lines)
    except OSError as exc:
        _err(f"error: could not append to --summary-file {path} ({type(exc).__name__}: {exc.strerror or exc}); "
             f"its lines would have been: {'; '.join(lines) or 'none'}")
        return False
    return True


def _outcomes(outs: list[Prepared] | list[Outcome]) -> list[Outcome]:
    """The outcomes of a push among an issue's results (a dry run's results are plans, not outcomes)."""
    from leotalk_publish import pipeline
    return [o for o in outs if isinstance(o, pipeline.Outcome)]


def _finish(results: Results, output: Output = NORMAL, broken: list[str] | None = None,
            summary_ok: bool = True) -> None:
    """Print each channel's outcome (prefixed by its issue when several went out); exit 1 if any failed,
    if a due draft was passed over, or if the summary file could not be written."""
    several = len(results) > 1 or bool(broken)
    outcomes: list[Outcome] = []
    for issue, outs in results.items():
        for outcome in _outcomes(outs):  # a dry run's plans are printed already
            if output.lines or outcome.status == "failed":
                _print_outcome(f"{issue} {outcome.channel}" if several else outcome.channel, outcome)
            outcomes.append(outcome)
    failed = [o for o in outcomes if o.status == "failed"]
    if failed:
        done = [o.channel for o in outcomes if o.status != "failed"]
        _err(f"{len(failed)} channel(s) failed ({', '.join(o.channel for o in failed)}); "
             f"done: {', '.join(done) or 'none'}. Fix the cause and run the same command again: "
             "what was done is recorded and will not be repeated.")
    if broken:
        _err(f"{len(broken)} issue(s) not released: {', '.join(broken)}; the others went out. Fix them "
             "(leotalk check ISSUE) and run the same command again.")
    if failed or broken or not summary_ok:
        raise CommandExit(1)


def _print_outcome(label: str, outcome: Outcome) -> None:
    if outcome.status == "unchanged":
        _say(f"{label}: unchanged since the last push; nothing to do")
    elif outcome.status == "skipped":
        _say(f"{label}: nothing to do: {outcome.error}")
    elif outcome.status == "pushed" and outcome.result is not None:
        _say(f"{label}: {outcome.result.mode} → {outcome.result.where}")
        for note in outcome.result.notes:
            _say(f"{label}: {note}")
    else:
        _err(f"{label}: FAILED: {outcome.error}")


@guarded
def check_command(issue_id: str, channels: str | None = None, as_json: bool = False,
                  project_dir: Path = Path("."), debug: bool = False) -> None:
    """List every problem of an issue and its channels at once; exit 2 when there is any error."""
    from leotalk_publish import pipeline
    project = _project(project_dir)
    try:
        names = _channels_for(project, issue_id, channels)
        _, problems = pipeline.check(project, issue_id, names)
    except PublishError as exc:
        _fail(exc)
    errors = [p for p in problems if p.severity == "error"]
    if as_json:
        from leotalk_publish.output import check_json
        _say(_json(check_json(issue_id, names, problems)))
    else:
        for problem in problems:
            _err(f"{problem.severity}: {problem}")
    if errors:
        if not as_json:
            _err(f"{len(errors)} error(s): fix them, then run check again.")
        raise CommandExit(2)
    if not as_json:
        _say(f"{issue_id}: ready for {', '.join(names)}")


@guarded
def import_command(post: Path, issue_id: str, force: bool = False, project_dir: Path = Path(".")) -> None:
    """Turn an existing blog post into a canonical draft drafts/<id>/index.md (images copied from the site)."""
    from leotalk_publish.adapters import find_importer
    try:
        import_post = find_importer()
        if import_post is None:
            raise InputError("no channel in this version can import a post")
        result = import_post(post, _project(project_dir).drafts, issue_id, force=force)
    except PublishError as exc:
        _fail(exc)
    for line in result.lines():
        _say(line)


@guarded
def status_command(issue_id: str | None = None, as_json: bool = False, project_dir: Path = Path(".")) -> None:
    """What the ledger says: per issue and channel, what was pushed, where and when; drafts changed since."""
    from leotalk_publish.project import issue_id_problem
    from leotalk_publish.status import statuses
    project = _project(project_dir)
    if issue_id and (problem := issue_id_problem(issue_id)):
        _fail(CheckFailed([problem]))
    try:
        found = statuses(project, issue_id)
    except PublishError as exc:
        _fail(exc)
    if as_json:
        _say(_json({"project": str(project.root), "issues": {s.issue: s.as_json() for s in found}}))
        return
    for status in found:
        for line in status.lines():
            _say(line)


@guarded
def channels_command(channels: str | None = None, as_json: bool = False, project_dir: Path = Path(".")) -> None:
    """Per channel: the mode a publish would use now (export, git or api) and why, the account, what is wrong."""
    from leotalk_publish.adapters import parse_channels
    from leotalk_publish.channels_report import report
    project = _project(project_dir)
    try:
        found = report(project, parse_channels(channels))
    except PublishError as exc:
        _fail(exc)
    if as_json:
        _say(_json({"project": str(project.root), "channels": {r.channel: r.as_json() for r in found}}))
        return
    for item in found:
        for line in item.text():
            _say(line)


@guarded
def new_command(issue_id: str, title: str | None = None, date: str | None = None,
                project_dir: Path = Path(".")) -> None:
    """Start an issue: drafts/<id>/index.md with its date and the latest issue's headings, and images/."""
    from leotalk_publish.scaffold import create
    project = _project(project_dir)
    try:
        created = create(project, issue_id, title, date)
    except PublishError as exc:
        _fail(exc)
    from leotalk_publish.channel import shown
    for line in created.lines(shown(created.folder, project.root)):  # relative to the project root
        _say(line)


def preview_command(issue_id: str, channels: str | None = None, port: int = 0,
                    project_dir: Path = Path(".")) -> None:
    """Show the issue as each channel will, side by side, in a browser; saving a file updates the page."""
    from leotalk_publish.preview.server import serve, url
    project = _project(project_dir)
    try:
        names = _channels_for(project, issue_id, channels)
        if not (project.drafts / issue_id / "index.md").is_file():
            from leotalk_publish.status import issue_ids
            raise InputError(f"no draft drafts/{issue_id}/index.md; known issues: "
                             f"{', '.join(issue_ids(project.drafts)) or 'none'}")
        server, _ = serve(project, issue_id, names, port)
    except PublishError as exc:
        _fail(exc)
    except OSError as exc:
        _err(f"error: cannot listen on 127.0.0.1:{port} ({exc.strerror}); pick another --port")
        raise CommandExit(2) from None
    _say(url(server))
    _say(f"watching drafts/{issue_id}/ and channels/ in {project.root}: the page updates when you save. "
         "Ctrl-C stops.")
    try:
        server.serve_forever(poll_interval=0.2)
    except KeyboardInterrupt:
        _say("preview stopped")
    finally:
        server.server_close()
