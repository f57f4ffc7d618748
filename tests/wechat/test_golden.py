"""Golden tests of the WeChat renderer: small cases, and the shipped sample issue."""

from __future__ import annotations

from pathlib import Path

import pytest

from leotalk_publish.adapters.wechat.adapter import ADAPTER
from leotalk_publish.adapters.wechat.render import render_content
from leotalk_publish.adapters.wechat.settings import load_settings
from leotalk_publish.load import load_issue
from tests.conftest import REPO, write_png
from tests.kit.golden import assert_golden
from tests.wechat.golden_util import GOLDEN, readable

CASES = sorted(p.stem for p in GOLDEN.glob("*.md"))
IMAGE_SIZES = {"wide.png": (1200, 800), "narrow.png": (300, 200), "a.png": (640, 480), "b.png": (640, 480)}


@pytest.mark.parametrize("case", CASES)
def test_small_case_matches_its_golden_file(case: str, project: Path, make_draft) -> None:
    folder = make_draft((GOLDEN / f"{case}.md").read_text(encoding="utf-8"))
    for name, size in IMAGE_SIZES.items():
        write_png(folder / name, size=size)
    issue = load_issue(project / "drafts", "issue-1")
    html = render_content(issue, load_settings(project, {}))
    assert_golden(GOLDEN / f"{case}.html", readable(html))


def test_the_cases_cover_what_the_brief_names() -> None:
    assert {"lists", "nested-lists", "code", "table", "links", "cjk-emphasis", "opinion"} <= set(CASES)


def test_sample_issue_matches_its_golden_files() -> None:
    if not (REPO / "drafts" / "issue-1" / "index.md").exists():
        pytest.skip("the sample issue is not in this checkout")
    issue = load_issue(REPO / "drafts", "issue-1")
    rendition = ADAPTER.render(issue, load_settings(REPO, {}))
    assert_golden(GOLDEN / "sample-issue-1.html", readable(rendition.documents["content.html"]))
    assert_golden(GOLDEN / "sample-issue-1.article.json", rendition.documents["article.json"])
