"""The short way in (``launch``): a plain command line gets exactly the values typer would pass, anything
else goes to typer, launch's reading of a command's options is typer's reading of ``cli``, a dry run
starts without typer, and ``status`` without the parser, imaging or validation libraries."""

from __future__ import annotations

import inspect
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import typer.main
from hypothesis import given, settings
from hypothesis import strategies as st

from leotalk_publish import cli, commands, launch
from tests.examples import examples

GROUP = typer.main.get_command(cli.app)
COMMANDS = {name: (getattr(commands, function), GROUP.commands[name])  # type: ignore[attr-defined]
            for name, function in launch.FAST.items()}
TYPER_ONLY = {"version"}  # handled by typer's eager callback before the command runs
VALUES = ["issue-1", "blog,wechat", "a b", "", "-x", "--json", "x=y", ".", "周刊", "5", "2025-09-22T08:00:00+08:00"]


def tokens(name: str) -> st.SearchStrategy[list[str]]:
    click_command = COMMANDS[name][1]
    names = [n for p in click_command.params for n in (*p.opts, *p.secondary_opts)]
    words = st.sampled_from(VALUES) | st.sampled_from(names) | st.sampled_from(names).map(lambda n: n + "=x")
    return st.lists(words, max_size=6)


def typer_params(name: str, argv: list[str]) -> dict[str, Any]:
    params = COMMANDS[name][1].make_context(name, list(argv)).params
    return {key: value for key, value in params.items() if key not in TYPER_ONLY}


def plain(name: str, argv: list[str]) -> dict[str, Any] | None:
    return launch.plain_arguments(name, COMMANDS[name][0], argv)


@pytest.mark.parametrize("name", sorted(launch.FAST))
@settings(max_examples=examples(400), deadline=None)
@given(data=st.data())
def test_a_plain_command_line_gets_the_values_typer_would_pass(name: str, data: st.DataObject):
    argv = data.draw(tokens(name))
    found = plain(name, argv)
    if found is not None:
        assert found == typer_params(name, argv), argv


@pytest.mark.parametrize("name, argv", [
    ("publish", ["issue-1", "--dry-run", "-c", "blog", "--project", "p"]),
    ("publish", ["--export", "issue-1", "--channels=wechat", "-q"]),
    ("status", []),
    ("status", ["issue-2", "--json", "--project=/tmp/x"]),
    ("check", ["issue-1", "--channels", "substack"]),
])
def test_the_everyday_forms_take_the_short_way(name: str, argv: list[str]):
    found = plain(name, argv)
    assert found is not None and found == typer_params(name, argv)


@pytest.mark.parametrize("argv", [
    ["--help"], ["-h"], ["issue-1", "--version"], ["issue-1", "--now", "2025-09-22T08:00:00+08:00"],
    ["issue-1", "--wait", "3"], ["issue-1", "--bogus"], ["issue-1", "--channels"], ["issue-1", "-c", "-q"],
    ["a", "b"], ["--", "issue-1"], ["issue-1", "--dry-run=yes"], ["issue-1", "-c=blog"], ["issue-1", "-qv"],
])
def test_every_other_form_is_left_to_typer(argv: list[str]):
    assert plain("publish", argv) is None


def test_check_without_its_issue_is_left_to_typer():
    assert plain("check", ["--json"]) is None


@pytest.mark.parametrize("name", sorted(launch.FAST))
def test_launch_reads_the_options_and_arguments_typer_reads_from_cli(name: str):
    function, click_command = COMMANDS[name]
    signature = launch.signature_of(name, function)
    typer_reads = [p for p in click_command.params if p.name not in TYPER_ONLY]
    assert [p.name for p in typer_reads if p.param_type_name == "argument"] == [a.name for a in signature.arguments]
    for param in (p for p in typer_reads if p.param_type_name == "option"):
        names = {*param.opts, *param.secondary_opts}
        assert {n for n, found in signature.options.items() if found.name == param.name} == names, (
            f"{name} {param.name}: cli.py names it {sorted(names)}; set launch.NAMES to match")
        assert (signature.options[param.opts[0]].kind == "flag") == bool(param.is_flag), param.name
    assert {p.name for p in typer_reads} == set(inspect.signature(function).parameters), (
        f"cli.{function.__name__} and commands.{function.__name__} take different parameters")


def test_a_dry_run_does_not_import_typer(make_draft, project: Path):
    make_draft("# 标题\n\n段落。\n")
    probe = ("import sys, runpy\nsys.argv = ['leotalk', 'publish', 'issue-1', '--dry-run', '--project', sys.argv[1]]\n"
             "try:\n    runpy.run_module('leotalk_publish', run_name='__main__')\nexcept SystemExit as done:\n"
             "    assert not done.code, done.code\nprint('typer' in sys.modules, 'click' in sys.modules)\n")
    run = subprocess.run([sys.executable, "-c", probe, str(project)], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert "dry run: nothing was written." in run.stdout and run.stdout.splitlines()[-1] == "False False"


def run_module(*argv: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "leotalk_publish", *argv], capture_output=True, text=True)


PROBE = """import sys, runpy
sys.argv = ["leotalk", "status", "--project", sys.argv[1]]
try:
    runpy.run_module("leotalk_publish", run_name="__main__")
except SystemExit as done:
    assert not done.code, done.code
print("loaded=" + ",".join(m for m in ("pydantic", "PIL", "markdown_it", "yaml", "typer._adapters", "rich")
                           if m in sys.modules))
"""


def test_status_imports_no_parser_imaging_or_validation_library(make_draft, project: Path):
    make_draft("# 标题\n\n段落。\n", images=("images/a.png",))
    run = subprocess.run([sys.executable, "-c", PROBE, str(project)], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert run.stdout.splitlines()[0] == "issue-1: never published"
    assert run.stdout.splitlines()[-1] == "loaded=", run.stdout + run.stderr


def test_the_forms_left_to_typer_still_work_and_exit_as_before(project: Path):
    assert "Usage: python -m leotalk_publish status" in run_module("status", "--help").stdout
    bad = run_module("status", "--bogus")
    assert bad.returncode == 2 and "No such option: --bogus" in bad.stderr
    assert run_module("--version").stdout.startswith("leotalk-publish ")
    missing = run_module("status", "nope", "--project", str(project))
    assert missing.returncode == 2 and missing.stderr.startswith("error: no issue 'nope' in ")
