"""Fixtures for the writer's loop: the probe channel and a CLI runner started in any folder."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from leotalk_publish.cli import app
from tests.core.conftest import probe, tree  # noqa: F401  (fixtures shared with the core's tests)

BODY = "# 本周\n\n第一段文字。\n\n![图](images/a.png)\n"


@pytest.fixture
def run_in(monkeypatch: pytest.MonkeyPatch):
    """``run_in(folder, *args)``: ``leotalk ARGS`` started in ``folder``; click's Result."""

    def run(folder: Path, *args: str):
        monkeypatch.chdir(folder)
        return CliRunner().invoke(app, list(args), catch_exceptions=False)

    return run


@pytest.fixture
def draft(make_draft) -> Path:
    return make_draft(BODY, images=("images/a.png",))
