"""Shared fixtures: the real seed issue, and small drafts written into a temporary project."""

from __future__ import annotations

import os
import textwrap
from pathlib import Path

import pytest
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


@pytest.fixture
def seed_text() -> str:
    if not SEED.exists():
        pytest.skip("../shared/seeds is not beside the repository")
    return SEED.read_text(encoding="utf-8")


def write_png(path: Path, size: tuple[int, int] = (64, 48), color: str = "#3366cc") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", size, color).save(path, "PNG")
    return path


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
