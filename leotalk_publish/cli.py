"""The command line: typer's parsing, help and completion over ``commands``, where each command's work is.

Each function here declares a command's arguments and options for typer and hands the values, unchanged, to
the function of the same name in ``commands`` (``launch`` calls those directly for the plain forms). Exit
codes are listed in ``commands``.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Annotated, Any

import typer

from leotalk_publish import commands
from leotalk_publish.commands import INTERNAL_ERROR

__all__ = ["INTERNAL_ERROR", "app", "main", "publish_app", "publish_main"]

# Tracebacks never show local variables (typer before 0.23 did by default, credentials included): both apps
# below pass pretty_exceptions_show_locals=False.
HELP = ("Write a weekly issue once in Markdown (drafts/<issue>/index.md); publish it exactly once to the "
        "blog, Substack and WeChat.\n\n\b\nThe loop:\n  leotalk new issue-2        start a draft\n"
        "  leotalk preview issue-2    watch it on all three channels while writing\n"
        "  leotalk check issue-2      every problem at once\n"
        "  publish issue-2 --dry-run  what would change, per channel\n"
        "  publish issue-2            push it (exactly once)\n"
        "  leotalk status             where everything went\n\nStart with: publish issue-1 --dry-run")
CONTEXT = {"help_option_names": ["-h", "--help"]}
app = typer.Typer(help=HELP, no_args_is_help=True, add_completion=True, rich_markup_mode=None,
                  context_settings=CONTEXT, pretty_exceptions_show_locals=False, pretty_exceptions_short=True)

ChannelsOpt = Annotated[str | None, typer.Option(
    "--channels", "-c", help="Comma-separated channels: blog,substack,wechat (default: the issue's own "
    "'channels:' list, else all).")]
ProjectOpt = Annotated[Path, typer.Option(
    "--project", help="The project folder holding drafts/, channels/ and ledger/ (default: found from the "
    "working directory upward).")]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print one JSON object (one entry per channel) "
                                       "instead of lines, for scripts and CI.")]


def _show_version(value: bool) -> None:
    if value:
        from importlib.metadata import version
        typer.echo(f"leotalk-publish {version('leotalk-publish')}")
        raise typer.Exit()


VersionOpt = Annotated[bool, typer.Option("--version", help="Print the version and exit.", is_eager=True,
                                          callback=_show_version)]
IssueArg = Annotated[str, typer.Argument(help="The issue id: the folder name under drafts/, e.g. issue-1.")]
DebugOpt = Annotated[bool, typer.Option("--debug", help="On an internal error, print its traceback (secrets "
                                        "redacted). LEOTALK_DEBUG=1 does the same for every command.")]


def _run(command: Callable[..., None], arguments: dict[str, Any]) -> None:
    """Call the command's own function with typer's values (``--version`` is typer's alone); its exit code
    becomes typer's."""
    try:
        command(**{name: value for name, value in arguments.items() if name != "version"})
    except commands.CommandExit as done:
        raise typer.Exit(done.code) from None


@app.callback()
def leotalk(version: Annotated[bool, typer.Option("--version", help="Print the version and exit.", is_eager=True,
                                                  callback=lambda value: _show_version(value))] = False) -> None:
    """The root: --version, --help and shell completion (--install-completion)."""


@app.command("publish")
def publish_command(
    issue_id: Annotated[str | None, typer.Argument(help="The issue id: the folder name under drafts/, "
                                                   "e.g. issue-1. Leave out with --due.")] = None,
    channels: ChannelsOpt = None,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Print what each platform holds "
                                          "now, the plan and per-channel diffs; write nothing (only "
                                          "read-only calls).")] = False,
    export: Annotated[bool, typer.Option("--export", help="Write each channel's files to export/ "
                                         "instead of calling its API.")] = False,
    due: Annotated[bool, typer.Option("--due", help="Publish every issue whose date has come and that is "
                                      "not yet out on all its channels (the scheduled release).")] = False,
    force: Annotated[bool, typer.Option("--force", help="Publish an issue dated in the future now.")] = False,
    now: Annotated[datetime | None, typer.Option("--now", help="Pretend it is this time (ISO 8601 with "
                                                 "offset), e.g. to ask what goes out on Monday.")] = None,
    wait: Annotated[float, typer.Option("--wait", help="Seconds to wait for another run on the same "
                                        "issue to finish before giving up.")] = 0,
    summary_file: Annotated[Path | None, typer.Option("--summary-file", help="Append one line per issue "
                                                      "pushed ('issue-1: blog, wechat'), e.g. for a commit "
                                                      "message.")] = None,
    republish: Annotated[bool, typer.Option("--republish", help="Let an edited issue go out again as a new "
                                            "article where the platform cannot change a published one "
                                            "(WeChat).")] = False,
    overwrite: Annotated[bool, typer.Option("--overwrite", help="Replace edits a person made in the "
                                            "platform's editor since the last push.")] = False,
    diff: Annotated[bool, typer.Option("--diff", help="With --dry-run: the full per-channel diffs after the "
                                       "summary (through a pager on a terminal).")] = False,
    as_json: JsonOpt = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Only warnings, errors and failures.")] = False,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Also the project folder and each "
                                          "channel's mode before pushing.")] = False,
    version: VersionOpt = False,
    project_dir: ProjectOpt = Path("."),
    debug: DebugOpt = False,
) -> None:
    """Check, render and push an issue to its channels; an unchanged channel is left alone."""
    _run(commands.publish_command, locals())


@app.command("check")
def check_command(issue_id: IssueArg, channels: ChannelsOpt = None, as_json: JsonOpt = False,
                  project_dir: ProjectOpt = Path("."), debug: DebugOpt = False) -> None:
    """List every problem of an issue and its channels at once; exit 2 when there is any error."""
    _run(commands.check_command, locals())


@app.command("import")
def import_command(
    post: Annotated[Path, typer.Argument(help="An al-folio post, e.g. site/_posts/2025-09-22-x.md.")],
    issue_id: Annotated[str, typer.Option("--id", help="The new draft's id, e.g. issue-7.")],
    force: Annotated[bool, typer.Option("--force", help="Replace an existing draft of that id.")] = False,
    project_dir: ProjectOpt = Path("."),
) -> None:
    """Turn an existing blog post into a canonical draft drafts/<id>/index.md (images copied from the site)."""
    _run(commands.import_command, locals())


@app.command("status")
def status_command(issue_id: Annotated[str | None, typer.Argument(help="One issue; default: all.")] = None,
                   as_json: JsonOpt = False, project_dir: ProjectOpt = Path(".")) -> None:
    """What the ledger says: per issue and channel, what was pushed, where and when; drafts changed since."""
    _run(commands.status_command, locals())


@app.command("channels")
def channels_command(channels: ChannelsOpt = None, as_json: JsonOpt = False,
                     project_dir: ProjectOpt = Path(".")) -> None:
    """Per channel: the mode a publish would use now (export, git or api) and why, the account, what is wrong."""
    _run(commands.channels_command, locals())


@app.command("new")
def new_command(
    issue_id: Annotated[str, typer.Argument(help="The new issue's id: its folder under drafts/, e.g. issue-2.")],
    title: Annotated[str | None, typer.Option("--title", help="The issue's title (default: one to replace).")] = None,
    date: Annotated[str | None, typer.Option("--date", help="Its date: 2025-10-06 (at the usual time) or "
                                            "2025-10-06T08:00:00+08:00 (default: the next usual day after the "
                                            "latest issue).")] = None,
    project_dir: ProjectOpt = Path("."),
) -> None:
    """Start an issue: drafts/<id>/index.md with its date and the latest issue's headings, and images/."""
    _run(commands.new_command, locals())


@app.command("preview")
def preview_command(issue_id: IssueArg, channels: ChannelsOpt = None,
                    port: Annotated[int, typer.Option("--port", help="Port on 127.0.0.1 (default: a free one).")] = 0,
                    project_dir: ProjectOpt = Path(".")) -> None:
    """Show the issue as each channel will, side by side, in a browser; saving a file updates the page."""
    _run(commands.preview_command, locals())

def main() -> None:
    """``leotalk``: through ``launch``, which runs the plain forms of the everyday commands without typer's
    per-start parameter validation (see its docstring)."""
    from leotalk_publish.launch import main as launch
    launch()


def publish_main() -> None:
    """The ``publish`` script (through ``launch``, as ``main``)."""
    from leotalk_publish.launch import publish_main as launch
    launch()


def publish_app() -> typer.Typer:
    """``publish`` as a single-command app: exactly ``leotalk publish``, with its own name in usage lines."""
    single = typer.Typer(add_completion=False, rich_markup_mode=None, help=app.info.help,
                         context_settings=CONTEXT, pretty_exceptions_show_locals=False,
                         pretty_exceptions_short=True)
    single.command()(publish_command)
    return single
