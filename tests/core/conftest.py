"""Fixtures for the core's tests: the probe channel, the CLI runner and a picture of a project tree."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from leotalk_publish.adapters import ADAPTERS
from leotalk_publish.cli import app

HERE = Path(__file__).resolve().parent


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
