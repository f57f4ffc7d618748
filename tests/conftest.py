"""Shared fixtures: the real seed issue, and small drafts written into a temporary project."""

from __future__ import annotations

import functools
import io
import os
import sys
import textwrap
from pathlib import Path

import pytest
import typer.main
import typer.testing
from hypothesis import HealthCheck, settings
from PIL import Image

# Hypothesis profiles: "ci" (the default) is fast and deterministic, so a run is the same on every machine;
# "thorough" explores far more (HYPOTHESIS_PROFILE=thorough python3 -m pytest). A test that names its own
# number of examples passes it through tests/examples.py, which scales it by the profile.
settings.register_profile("ci", max_examples=30, derandomize=True, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow], print_blob=True)
settings.register_profile("thorough", max_examples=1000, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

# The suite starts the command-line tool in a few hundred subprocesses, and pytest rewrites every test module
# in each worker: with PYTHONDONTWRITEBYTECODE set (some CI images set it), each of them compiles the package
# and the tests from source again (~0.2 s per process start). The suite keeps its bytecode, as a user's
# Python would.
sys.dont_write_bytecode = False
os.environ.pop("PYTHONDONTWRITEBYTECODE", None)

# typer's CliRunner turns the app into its click command again on every invoke (~15 ms: a signature read per
# option of every command); the suite invokes the CLI in-process ~500 times. The conversion is a pure function
# of the app, whose commands are fixed when cli.py is imported, so each app is converted once.
typer.testing._get_command = functools.cache(typer.main.get_command)

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SEED = SHARED / "seeds" / "leotalk-ai-weekly-1.md"

FRONT = """---
title: "测试周刊 1"
date: 2025-09-22T08:00:00+08:00
slug: test-weekly-1
tags: [AI]
---
"""


def pytest_configure(config: pytest.Config) -> None:
    """pytest-xdist hands out modules in the order of the collection below, not largest-count first: a count of
    tests says nothing of their length (167 corpus cases take 3 s, one set-up test 25 s)."""
    if hasattr(config.option, "loadscopereorder"):
        config.option.loadscopereorder = False


@pytest.hookimpl(optionalhook=True)  # the hook exists only where pytest-xdist is loaded
def pytest_xdist_auto_num_workers(config: pytest.Config) -> int:
    """``-n auto``: one worker more than the cores this process may run on. Part of the suite waits — on git,
    Jekyll and Chromium subprocesses, fsync, a fake's hung answer — and the extra worker keeps the cores busy
    meanwhile (measured on two cores: 97 s with three workers, 101 s with two)."""
    return len(os.sched_getaffinity(0)) + 1


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The modules marked ``long(seconds=…)`` (pip, Jekyll, Chromium, the soaks) run first, longest first, the
    rest after in their usual order: the longest ones start at once instead of one of them starting last on one
    worker while the others have finished. ``seconds`` is a rough cost measured on two cores, only an order."""
    items.sort(key=lambda item: -_rough_seconds(item))


def _rough_seconds(item: pytest.Item) -> float:
    marker = item.get_closest_marker("long")
    return float(marker.kwargs.get("seconds", 5)) if marker else 0.0


@pytest.fixture
def seed_text() -> str:
    if not SEED.exists():
        pytest.skip("../shared/seeds is not beside the repository")
    return SEED.read_text(encoding="utf-8")


def write_png(path: Path, size: tuple[int, int] = (64, 48), color: str = "#3366cc") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(_png(size, color))
    return path


@functools.cache
def _png(size: tuple[int, int], color: str) -> bytes:
    """A plain PNG of one colour, encoded once per size and colour (the suite writes ~1,500 of them)."""
    out = io.BytesIO()
    Image.new("RGB", size, color).save(out, "PNG")
    return out.getvalue()


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """An empty project folder (drafts/, channels/) to publish from."""
    (tmp_path / "drafts").mkdir()
    (tmp_path / "channels").mkdir()
    return tmp_path


@pytest.fixture
def make_draft(project: Path):
    """Write drafts/<issue>/index.md (front matter + body) and any images it names; return the folder."""

    def make(body: str, *, front: str = FRONT, issue: str = "issue-1", images: tuple[str, ...] = ()) -> Path:
        folder = project / "drafts" / issue
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "index.md").write_text(front + textwrap.dedent(body), encoding="utf-8")
        for i, name in enumerate(images):
            write_png(folder / name, color=("#3366cc", "#cc6633", "#33cc66")[i % 3])
        return folder

    return make


@pytest.fixture
def remote(tmp_path: Path) -> Path:
    """Where a site's bare remote lives (made by ``site``)."""
    return tmp_path / "remote.git"


@pytest.fixture
def site(project: Path, remote: Path) -> Path:
    """project/site: a checkout of the bare remote with one commit (the site's own files)."""
    from tests.blog.jekyll_site import make_site_with_remote
    return make_site_with_remote(project / "site", remote)
