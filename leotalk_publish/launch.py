"""The entry points (``leotalk``, ``publish``, ``python -m leotalk_publish``), and a short way in for the
plain forms of the everyday commands.

typer costs ~30 ms to import and validates every command-line value with a pydantic ``TypeAdapter`` that it
builds on each start, one per parameter (see docs/performance.md). A command line made only of the command's
own options with text, path or flag values is parsed here instead (``plain_arguments``), and the command's
function in ``commands`` is called with the very values typer would have passed, without importing typer.
What this reading cannot see in a plain function — which parameters are arguments, and option names that are
not the parameter's own — is in ``ARGUMENTS`` and ``NAMES``; tests/core/test_launch.py checks both against
typer's reading of ``cli`` and compares the values on generated command lines. Any other form — help,
completion, ``--version``, a typed value (``--now``, ``--wait``), an unknown option, a value that starts with
``-``, a missing argument — goes to typer, which handles and words it as before.
"""

from __future__ import annotations

import errno
import inspect
import os
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import NoneType, UnionType
from typing import Any, Union, get_args, get_origin

# the commands with a short way in: command name → function name in ``commands`` (and in ``cli``)
FAST = {"publish": "publish_command", "status": "status_command", "check": "check_command"}
# per command, the parameters typer takes as arguments (in this order); every other one is an option
ARGUMENTS = {"publish": ("issue_id",), "status": ("issue_id",), "check": ("issue_id",)}
# an option's names where they are not the parameter's own (``dry_run`` → ``--dry-run``)
NAMES = {"channels": ("--channels", "-c"), "project_dir": ("--project",), "as_json": ("--json",),
         "quiet": ("--quiet", "-q"), "verbose": ("--verbose", "-v")}
KINDS = {str: "text", Path: "path", bool: "flag"}


@dataclass(frozen=True)
class Param:
    """One parameter of a command function: its name and the kind of value it takes."""

    name: str
    kind: str  # "text", "path", "flag", or "other" (left to typer)


@dataclass(frozen=True)
class Signature:
    options: dict[str, Param]  # every name ("--channels", "-c") → its parameter
    arguments: tuple[Param, ...]
    required: frozenset[str]  # the arguments without a default
    defaults: dict[str, Any]  # every parameter that has one → its default


def main() -> None:
    """``leotalk …``."""
    skip_pydantic_plugins()
    argv = sys.argv[1:]
    if argv and argv[0] in FAST:
        _exit_if_done(run_plain(argv[0], argv[1:]))
    from leotalk_publish.cli import app
    app()


def publish_main() -> None:
    """The ``publish`` script: exactly ``leotalk publish``, with its own name in usage lines."""
    skip_pydantic_plugins()
    _exit_if_done(run_plain("publish", sys.argv[1:]))
    from leotalk_publish.cli import publish_app
    publish_app()(prog_name="publish")


def skip_pydantic_plugins() -> None:
    """Skip pydantic's scan of every installed package for plugins (~5 ms of start-up; the models here are
    internal). An explicit PYDANTIC_DISABLE_PLUGINS, even empty, is left as it is."""
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")


def _exit_if_done(code: int | None) -> None:
    if code is not None:
        sys.exit(code)


def run_plain(name: str, argv: Sequence[str]) -> int | None:
    """Run the command on a plain command line and return its exit code; None: leave it to typer."""
    from leotalk_publish import commands
    command = getattr(commands, FAST[name])
    kwargs = plain_arguments(name, command, argv)
    return None if kwargs is None else call(command, kwargs)


def plain_arguments(name: str, command: Callable[..., Any], argv: Sequence[str]) -> dict[str, Any] | None:
    """The keyword arguments typer would call ``command`` with, or None when ``argv`` is not a plain form."""
    signature = signature_of(name, command)
    given: dict[str, Any] = {}
    positional: list[str] = []
    rest = list(argv)
    while rest:
        token = rest.pop(0)
        if token.startswith("-") and token != "-":
            if not _take_option(token, rest, signature, given):
                return None
        else:
            positional.append(token)
    if len(positional) > len(signature.arguments):
        return None
    given.update((param.name, value) for param, value in zip(signature.arguments, positional, strict=False))
    if not signature.required <= set(given):
        return None
    return {**signature.defaults, **given}  # typer passes every parameter, its default where not given


def _take_option(token: str, rest: list[str], signature: Signature, given: dict[str, Any]) -> bool:
    """Read one option (and its value) into ``given``; False when the form is left to typer."""
    name, has_value, inline = token.partition("=")
    param = signature.options.get(name)
    if param is None or param.kind == "other" or (has_value and not name.startswith("--")):
        return False
    if param.kind == "flag":
        given[param.name] = True
        return not has_value
    if not has_value:
        if not rest or rest[0].startswith("-"):
            return False
        inline = rest.pop(0)
    if param.kind == "path" and not inline:
        return False
    given[param.name] = Path(inline) if param.kind == "path" else inline
    return True


def signature_of(name: str, command: Callable[..., Any]) -> Signature:
    """The command's options and arguments, as typer reads them from ``cli``: the plain function's
    parameters, ``ARGUMENTS`` and ``NAMES``."""
    params = {p.name: p for p in inspect.signature(command, eval_str=True).parameters.values()}
    kinds = {key: Param(key, _kind(p.annotation)) for key, p in params.items()}
    options = {option: param for key, param in kinds.items() if key not in ARGUMENTS[name]
               for option in NAMES.get(key, (f"--{key.replace('_', '-')}",))}
    required = {key for key in ARGUMENTS[name] if params[key].default is inspect.Parameter.empty}
    defaults = {key: p.default for key, p in params.items() if p.default is not inspect.Parameter.empty}
    return Signature(options, tuple(kinds[key] for key in ARGUMENTS[name]), frozenset(required), defaults)


def _kind(annotation: Any) -> str:
    """The kind of value a parameter takes: ``X | None`` counts as ``X``; anything else is typer's."""
    if get_origin(annotation) in (Union, UnionType):
        members = [a for a in get_args(annotation) if a is not NoneType]
        annotation = members[0] if len(members) == 1 else None
    kind = KINDS.get(annotation) if isinstance(annotation, type) else None
    return kind or "other"


def call(command: Callable[..., Any], kwargs: dict[str, Any]) -> int:
    """Call the command as typer's standalone mode would: its exit code; Ctrl-C and a closed pipe as click."""
    from leotalk_publish.commands import CommandExit
    from leotalk_publish.output import echo
    try:
        command(**kwargs)
    except CommandExit as done:
        return done.code
    except KeyboardInterrupt:
        echo("\nAborted!", err=True)
        return 1
    except OSError as exc:
        if exc.errno != errno.EPIPE:
            raise
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115  # as click: nothing more reaches the closed pipe
        return 1
    return 0
