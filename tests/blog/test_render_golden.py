"""Golden files for the blog renderer: small cases (golden/cases/<name>.md → <name>.post.md) and one whole issue.

Regenerate on purpose with ``UPDATE_GOLDEN=1 python -m pytest tests/blog``, then read the diff.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from leotalk_publish.adapters.blog.render import render
from leotalk_publish.load import load_issue
from tests.blog.conftest import GOLDEN, WHOLE, add_images
from tests.conftest import FRONT
from tests.kit.golden import assert_golden

CASES = sorted(p for p in (GOLDEN / "cases").glob("*.md") if not p.name.endswith(".post.md"))


@pytest.mark.parametrize("case", CASES, ids=[c.stem for c in CASES])
def test_small_case(case: Path, project: Path, settings) -> None:
    folder = project / "drafts" / "case"
    folder.mkdir(parents=True)
    (folder / "index.md").write_text(FRONT + case.read_text(encoding="utf-8"), encoding="utf-8")
    add_images(folder)
    post = render(load_issue(project / "drafts", "case"), settings).documents["post.md"]
    assert_golden(case.with_suffix(".post.md"), post)


def test_whole_issue(whole_issue, settings) -> None:
    rendition = render(whole_issue, settings)
    assert_golden(WHOLE / "post.md", rendition.documents["post.md"])
    tree = "\n".join(sorted([rendition.payload.post, *rendition.payload.images.values()])) + "\n"
    assert_golden(WHOLE / "site-files.txt", tree)


def test_there_are_small_cases() -> None:
    assert len(CASES) >= 8
