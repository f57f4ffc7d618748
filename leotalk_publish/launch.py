"""The entry points (``leotalk``, ``publish``, ``python -m leotalk_publish``), and a short way in for the
plain forms of the everyday commands.

typer validates every command-line value with a pydantic ``TypeAdapter`` that it builds on each start, one
per parameter: ``publish`` has 18, and building them (pydantic included) is most of typer's cost on start-up
(see docs/performance.md). A command line made only of the command's own options with text, path or flag
values is parsed here instead (``plain_arguments``), and the command's function is called with the very
values typer would have passed (tests/core/test_launch.py compares both on generated command lines). Any
other form — help, completion, ``--version``, a typed value (``--now``, ``--wait``), an unknown option, a
value that starts with ``-``, a missing argument — goes to typer, which handles and words it as before.
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

# the commands with a short way in: command name → function name in ``cli``
FAST = {"publish": "publish_command", "status": "status_command", "check": "check_command"}
KINDS = {str: "text", Path: "path", bool: "flag"}


@dataclass(frozen=True)
class Param:
    """One parameter of a command function: its name, the kind of value it takes, whether it is eager."""

    name: str
    kind: str  # "text", "path", "flag", or "other" (left to typer)
    special: bool  # an eager option or one with a callback: left to typer


@dataclass(frozen=True)
class Signature:
    options: dict[str, tuple[Param, bool]]  # every name ("--channels", "-c") → its parameter, a flag's value
    arguments: tuple[Param, ...]
    required: frozenset[str]  # the arguments without a default
    callbacks: dict[str, Callable[..., Any]]  # an option's callback: click passes on what it returns


def main() -> None:
    """``leotalk …``."""
    skip_pydantic_plugins()
    argv = sys.argv[1:]
    if argv and argv[0] in FAST:
        _exit_if_done(run_plain(FAST[argv[0]], argv[1:]))
    from leotalk_publish.cli import app
    app()


def publish_main() -> None:
    """The ``publish`` script: exactly ``leotalk publish``, with its own name in usage lines."""
    skip_pydantic_plugins()
    _exit_if_done(run_plain("publish_command", sys.argv[1:]))
    from leotalk_publish.cli import publish_app
    publish_app()(prog_name="publish")


def skip_pydantic_plugins() -> None:
    """Skip pydantic's scan of every installed package for plugins (~5 ms of start-up; the models here are
    internal). An explicit PYDANTIC_DISABLE_PLUGINS, even empty, is left as it is."""
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")


def _exit_if_done(code: int | None) -> None:
    if code is not None:
        sys.exit(code)


def run_plain(function_name: str, argv: Sequence[str]) -> int | None:
    """Run the command on a plain command line and return its exit code; None: leave it to typer."""
    from leotalk_publish import cli
    command = getattr(cli, function_name)
    kwargs = plain_arguments(command, argv)
    return None if kwargs is None else call(command, kwargs)


def plain_arguments(command: Callable[..., Any], argv: Sequence[str]) -> dict[str, Any] | None:
    """The keyword arguments typer would call ``command`` with, or None when ``argv`` is not a plain form."""
    signature = signature_of(command)
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
    values = {**_defaults(command), **given}  # typer passes every parameter, its default where not given
    for name, callback in signature.callbacks.items():  # never given here (a special option goes to typer)
        if len(inspect.signature(callback).parameters) != 1:
            return None
        values[name] = callback(values[name])  # as click: the callback sees the default, returns the value
    return values


def _take_option(token: str, rest: list[str], signature: Signature, given: dict[str, Any]) -> bool:
    """Read one option (and its value) into ``given``; False when the form is left to typer."""
    name, has_value, inline = token.partition("=")
    param, flag_value = signature.options.get(name, (None, False))
    if param is None or param.kind == "other" or param.special or (has_value and not name.startswith("--")):
        return False
    if param.kind == "flag":
        given[param.name] = flag_value
        return not has_value
    if not has_value:
        if not rest or rest[0].startswith("-"):
            return False
        inline = rest.pop(0)
    if param.kind == "path" and not inline:
        return False
    given[param.name] = Path(inline) if param.kind == "path" else inline
    return True


def signature_of(command: Callable[..., Any]) -> Signature:
    """The command's options and arguments, read the way typer reads them (``get_params_from_function``)."""
    from typer.models import OptionInfo, ParameterInfo
    from typer.utils import get_params_from_function
    options: dict[str, tuple[Param, bool]] = {}
    arguments: list[Param] = []
    required: set[str] = set()
    callbacks: dict[str, Callable[..., Any]] = {}
    for meta in get_params_from_function(inspect.unwrap(command)).values():
        info = meta.default if isinstance(meta.default, ParameterInfo) else None
        default = info.default if info is not None else meta.default
        special = info is not None and (bool(info.is_eager) or info.callback is not None)
        param = Param(meta.name, _kind(meta.annotation), special)
        if info is not None and info.callback is not None:
            callbacks[meta.name] = info.callback
        if isinstance(info, OptionInfo) or (info is None and default is not inspect.Parameter.empty):
            options.update(_option_names(param, (info.param_decls or ()) if info is not None else ()))
            continue
        arguments.append(param)
        if default is ... or default is inspect.Parameter.empty:
            required.add(meta.name)
    return Signature(options, tuple(arguments), frozenset(required), callbacks)


def _option_names(param: Param, declared: Sequence[str]) -> dict[str, tuple[Param, bool]]:
    """Each name of an option → (its parameter, the value a flag name sets): ``--x/--no-x`` sets True/False."""
    names = list(declared) or [f"--{param.name.replace('_', '-')}"
                               + (f"/--no-{param.name.replace('_', '-')}" if param.kind == "flag" else "")]
    found: dict[str, tuple[Param, bool]] = {}
    for item in names:
        on, _, off = item.partition("/")
        found[on.strip()] = (param, True)
        if off.strip():
            found[off.strip()] = (param, False)
    return found


def _kind(annotation: Any) -> str:
    """The kind of value a parameter takes: ``X | None`` counts as ``X``; anything else is typer's."""
    if get_origin(annotation) in (Union, UnionType):
        members = [a for a in get_args(annotation) if a is not NoneType]
        annotation = members[0] if len(members) == 1 else None
    kind = KINDS.get(annotation) if isinstance(annotation, type) else None
    return kind or "other"


def _defaults(command: Callable[..., Any]) -> dict[str, Any]:
    parameters = inspect.signature(inspect.unwrap(command)).parameters.values()
    return {p.name: p.default for p in parameters if p.default is not inspect.Parameter.empty}


def call(command: Callable[..., Any], kwargs: dict[str, Any]) -> int:
    """Call the command as typer's standalone mode would: its exit code; Ctrl-C and a closed pipe as click."""
    import typer
    try:
        command(**kwargs)
    except typer.Exit as done:
        return int(done.exit_code)
    except (KeyboardInterrupt, typer.Abort):
        typer.echo("\nAborted!", err=True)
        return 1
    except OSError as exc:
        if exc.errno != errno.EPIPE:
            raise
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115  # as click: nothing more reaches the closed pipe
        return 1
    return 0
