"""Fixtures for the Substack channel's tests: issues built from golden inputs, settings, and the fake."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest

from leotalk_publish.adapters.substack.settings import SubstackSettings
from leotalk_publish.load import load_issue
from leotalk_publish.model import Issue
from tests.conftest import write_png

HERE = Path(__file__).resolve().parent
GOLDEN = HERE / "golden"
SAMPLE = HERE / "sample"
UPDATE = os.environ.get("UPDATE_GOLDEN") == "1"
COLORS = ("#3366cc", "#cc6633", "#33cc66", "#999933")
_IMAGE_REF = re.compile(r"\]\((images/[^\s)]+)")


def add_images(folder: Path, text: str) -> None:
    """Write a small PNG for every ``images/…`` reference (sizes differ, so width/height are checked)."""
    for i, src in enumerate(dict.fromkeys(_IMAGE_REF.findall(text))):
        write_png(folder / src, size=(800 + 200 * i, 400 + 50 * i), color=COLORS[i % len(COLORS)])


def compare_golden(path: Path, actual: str) -> None:
    """Compare with a golden file; ``UPDATE_GOLDEN=1`` rewrites it (review the diff before committing)."""
    if UPDATE:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8")
        return
    assert path.exists(), f"no golden file {path.name}: run UPDATE_GOLDEN=1 python -m pytest tests/substack"
    assert actual == path.read_text(encoding="utf-8"), f"{path.name} differs (UPDATE_GOLDEN=1 to accept)"


@pytest.fixture
def settings() -> SubstackSettings:
    return SubstackSettings()


@pytest.fixture
def case_issue(make_draft, project: Path):
    """An issue whose body is a golden input file, with its images generated."""

    def build(body: str) -> Issue:
        folder = make_draft(body)
        add_images(folder, body)
        return load_issue(project / "drafts", "issue-1")

    return build


@pytest.fixture
def sample_draft(project: Path) -> Path:
    """The sample issue (tests/substack/sample) copied into the project as drafts/issue-1."""
    folder = project / "drafts" / "issue-1"
    shutil.copytree(SAMPLE, folder)
    add_images(folder, (folder / "index.md").read_text(encoding="utf-8"))
    return folder
