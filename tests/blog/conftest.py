"""Blog test helpers: golden files (regenerate with UPDATE_GOLDEN=1), issues built in a temporary project."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest

from leotalk_publish.adapters.blog.settings import BlogSettings, load_settings
from leotalk_publish.load import load_issue
from leotalk_publish.model import Issue
from tests.conftest import write_png

GOLDEN = Path(__file__).parent / "golden"
WHOLE = GOLDEN / "whole-issue"


def compare_golden(path: Path, actual: str) -> None:
    """Assert ``actual`` equals the golden file; with UPDATE_GOLDEN=1, rewrite the file instead."""
    if os.environ.get("UPDATE_GOLDEN") == "1":
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8")
        return
    assert path.exists(), f"no golden file {path}; run with UPDATE_GOLDEN=1 to create it, then review it"
    assert actual == path.read_text(encoding="utf-8"), f"output differs from {path} (UPDATE_GOLDEN=1 to accept)"


def add_images(folder: Path) -> None:
    """A small PNG for every ``images/…`` reference of the draft, each a different colour."""
    text = (folder / "index.md").read_text(encoding="utf-8")
    for i, name in enumerate(sorted(set(re.findall(r"\((images/[^)\s\"]+)", text)))):
        write_png(folder / name, size=(40 + i, 30), color=("#3366cc", "#cc6633", "#33cc66", "#999999")[i % 4])


def copy_whole_issue(project: Path, issue_id: str = "issue-7") -> Path:
    folder = project / "drafts" / issue_id
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(WHOLE / "index.md", folder / "index.md")
    add_images(folder)
    return folder


@pytest.fixture
def settings(project: Path) -> BlogSettings:
    return load_settings(project, {})


@pytest.fixture
def whole_issue(project: Path) -> Issue:
    copy_whole_issue(project)
    return load_issue(project / "drafts", "issue-7")
