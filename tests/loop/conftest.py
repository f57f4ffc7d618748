"""Fixtures for the writer's loop: the probe channel, a CLI runner started in any folder, Debian's Chromium."""

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


CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]


def launch(playwright):
    return playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)


@pytest.fixture(scope="module")
def browser():
    """One Chromium for the module (its start costs a second or two); each test opens its own page, which
    Playwright gives a fresh browser context: no cookie, storage or cache is shared between tests."""
    if not CHROMIUM.exists():
        pytest.skip("Debian's chromium is not installed (apt-get install chromium)")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        chromium = launch(playwright)
        yield chromium
        chromium.close()


@pytest.fixture
def open_page(browser):
    """``open_page(**options)``: a new page (in a fresh context) that is closed when the test ends, so no page of
    an earlier test keeps polling its server and spending the browser's CPU."""
    opened = []

    def open_(**options):
        opened.append(browser.new_page(**options))
        return opened[-1]

    yield open_
    for page in opened:
        page.close()
