"""Set-up in one line on a stock Linux: the README's first command, word for word, with Debian's own Python.

Debian's ``/usr/bin/python3`` is "externally managed" (PEP 668): ``pip install`` into it is refused, so the
command must make its own virtual environment. The test copies the repository's files (a clean clone of the
working tree) into a temporary folder and runs the command there with ``/usr/bin`` first on PATH. It costs
about 15 s (pip's cache is warm after the first run); it stays in the normal suite because it is the only
thing that proves the README's first line works, and CI's ``.ci/run`` runs the second line itself.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.loop.readme import REPO, quick_start_commands

pytestmark = pytest.mark.long(seconds=30)  # seconds of subprocesses or soaks: started first

SYSTEM_PYTHON = Path("/usr/bin/python3")


def system_python_is_externally_managed() -> bool:
    run = subprocess.run([str(SYSTEM_PYTHON), "-m", "pip", "install", "--dry-run", "leotalk-nothing"],
                         capture_output=True, text=True)
    return "externally-managed-environment" in run.stdout + run.stderr


OUTPUTS = ("ledger/", "site/", "export/")  # what a publish in this checkout wrote: a clean clone has none


def copy_of_the_repository(target: Path) -> Path:
    """The files git knows of (tracked, or new and not ignored), as they are in the working tree, without what
    an earlier publish in this checkout wrote (its ledger would make the command say "unchanged")."""
    listed = subprocess.run(["git", "-C", str(REPO), "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
                            capture_output=True, check=True).stdout.decode().split("\0")
    for name in (n for n in listed if n and not n.startswith(OUTPUTS)):
        source = REPO / name
        if source.is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)
    return target


@pytest.fixture(scope="module")
def clone(tmp_path_factory) -> Iterator[Path]:
    if not SYSTEM_PYTHON.exists() or shutil.which("git") is None:
        pytest.skip("needs Debian's /usr/bin/python3 and git")
    folder = copy_of_the_repository(tmp_path_factory.mktemp("clone"))
    yield folder
    shutil.rmtree(folder, ignore_errors=True)  # its .venv is ~100 MB in ~4,000 files: gone here, in parallel


def test_the_system_python_refuses_pip_install_so_the_test_means_something():
    if not SYSTEM_PYTHON.exists():
        pytest.skip("no /usr/bin/python3")
    assert system_python_is_externally_managed()


def test_the_readme_first_command_works_as_written_with_the_system_python(clone):
    command = quick_start_commands()["1"]
    env = {**os.environ, "PATH": f"/usr/bin:/bin:{os.environ.get('PATH', '')}", "CI": "true"}
    env.pop("VIRTUAL_ENV", None)
    run = subprocess.run(["bash", "-c", command], cwd=clone, env=env, capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
    assert "blog: site → site/_posts/" in run.stdout
    assert "substack: export → export/substack/issue-1/post.html" in run.stdout
    assert "wechat: export → export/wechat/issue-1" in run.stdout
    assert (clone / "export" / "wechat" / "issue-1" / "content.html").is_file()


def test_ci_and_the_workflow_run_exactly_the_readme_second_command():
    command = quick_start_commands()["2"]
    assert command.startswith("python3 -m venv .venv && ")
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert f"\n{command} || status=$?\n" in ci
    workflow = (REPO / ".github" / "workflows" / "tests.yml").read_text(encoding="utf-8")
    assert f"run: {command}\n" in workflow
