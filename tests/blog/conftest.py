"""Blog test helpers: the golden files' folder (tests/kit/golden.py compares them), issues built in a temporary
project."""

from __future__ import annotations

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
