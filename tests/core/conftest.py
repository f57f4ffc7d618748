"""Fixtures for the core's tests: the probe channel, the CLI runner, a picture of a project tree, and one mypy
run of the whole package shared by the type tests."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path

import pytest
from filelock import FileLock
from typer.testing import CliRunner

from leotalk_publish.adapters import ADAPTERS
from leotalk_publish.cli import app

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
CONFIG = ROOT / "pyproject.toml"


@pytest.fixture
def probe(monkeypatch: pytest.MonkeyPatch) -> str:
    """Register the test channel 'probe' (configuration of the registry, not a patch of behaviour)."""
    monkeypatch.syspath_prepend(str(HERE))
    monkeypatch.setitem(ADAPTERS, "probe", "probe_adapter")
    return "probe"


@pytest.fixture
def leotalk(project: Path, monkeypatch: pytest.MonkeyPatch):
    """Run ``leotalk ARGS`` in the project folder; returns click's Result (exit_code, stdout, stderr)."""
    monkeypatch.chdir(project)

    def run(*args: str):
        return CliRunner().invoke(app, list(args), catch_exceptions=False)

    return run


def picture(root: Path) -> dict[str, bytes | None]:
    """Every path under ``root`` with its bytes (None for a folder): equal pictures mean nothing was written."""
    return {str(p.relative_to(root)): (None if p.is_dir() or not p.exists() else p.read_bytes())
            for p in sorted(root.rglob("*"))}


@pytest.fixture
def tree():
    return picture


MypyRun = Callable[[list[str]], tuple[str, int]]


def mypy_cache_dir() -> Path:
    """mypy's incremental cache: ``$MYPY_CACHE_DIR`` (which ``.ci/run`` sets for its own mypy step too), else one
    folder in the user's cache shared by every checkout on the machine, as pip's is. mypy checks each cached
    module against its source's hash, so a cache made in another checkout is used only where it still holds."""
    if os.environ.get("MYPY_CACHE_DIR"):
        return Path(os.environ["MYPY_CACHE_DIR"])
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "leotalk-publish-tests" / "mypy"


@pytest.fixture(scope="session")
def mypy_run() -> MypyRun:
    """``mypy_run(args)``: mypy with the project's configuration; returns (report, exit status).

    Every run, in every pytest-xdist worker, shares one incremental cache (``mypy_cache_dir``) and they take
    turns under a file lock: the standard library's stubs and the dependencies are analysed once, not once per
    run (a cold run of the package costs ~11 CPU-s, ~6 of them before it reads a line of ours)."""
    api = pytest.importorskip("mypy.api")
    cache = mypy_cache_dir()
    cache.mkdir(parents=True, exist_ok=True)

    def run(args: list[str]) -> tuple[str, int]:
        with FileLock(str(cache / "leotalk-tests.lock")):
            out, err, status = api.run(["--config-file", str(CONFIG), "--cache-dir", str(cache), *args])
        return out + err, status

    return run


@pytest.fixture(scope="session")
def package_type_errors(mypy_run: MypyRun, tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    """mypy --strict (as pyproject.toml configures it) over the whole package, once per session — once for all
    pytest-xdist workers too (the first to ask runs it, under a lock; the others read its answer): its error lines,
    each path relative to the project (``leotalk_publish/cli.py:12: error: …``)."""
    if "PYTEST_XDIST_WORKER" not in os.environ:
        return _package_type_errors(mypy_run)
    shared = tmp_path_factory.getbasetemp().parent / "mypy-errors.json"  # the run's folder, shared by its workers
    with FileLock(f"{shared}.lock"):
        if not shared.exists():
            shared.write_text(json.dumps(_package_type_errors(mypy_run)), encoding="utf-8")
        found: list[str] = json.loads(shared.read_text(encoding="utf-8"))
    return found


def _package_type_errors(mypy_run: MypyRun) -> list[str]:
    report, status = mypy_run(["--no-error-summary", str(ROOT / "leotalk_publish")])
    assert status in (0, 1), report  # 2: mypy itself failed (a bad option, a crash), which is not "no errors"
    return [line.replace(str(ROOT) + "/", "") for line in report.splitlines() if ": error:" in line]
