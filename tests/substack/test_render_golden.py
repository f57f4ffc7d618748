"""The renderer against golden files: tests/substack/golden/<case>.md → <case>.json (the draft_body)."""

from __future__ import annotations

import json

import pytest

from leotalk_publish.adapters.substack.html import render_html
from leotalk_publish.adapters.substack.render import render
from leotalk_publish.adapters.substack.schema import problems
from leotalk_publish.load import load_issue
from tests.kit.golden import assert_golden
from tests.substack.conftest import GOLDEN

CASES = sorted(p.stem for p in GOLDEN.glob("*.md"))


@pytest.mark.parametrize("case", CASES)
def test_each_case_renders_as_its_golden_document(case, case_issue, settings):
    issue = case_issue((GOLDEN / f"{case}.md").read_text(encoding="utf-8"))
    rendition = render(issue, settings)
    assert problems(rendition.payload.doc) == []
    assert_golden(GOLDEN / f"{case}.json", rendition.documents["draft_body.json"])


def test_the_sample_issue_renders_as_its_golden_tree(sample_draft, project, settings):
    issue = load_issue(project / "drafts", "issue-1")
    rendition = render(issue, settings)
    for name, text in rendition.documents.items():
        assert_golden(GOLDEN / "sample" / name, text)
    draft = rendition.payload.draft
    assert_golden(GOLDEN / "sample" / "post.html",
                   render_html(rendition.payload.doc, draft["title"], draft["subtitle"]))


def test_golden_cases_cover_every_feature_the_brief_names():
    wanted = {"lists", "nested_ordered_lists", "footnotes", "images_captions", "code", "cjk_emphasis", "table"}
    assert wanted <= set(CASES)


def test_draft_json_holds_no_secret_and_says_what_the_push_does(sample_draft, project):
    from pydantic import SecretStr

    from leotalk_publish.adapters.substack.settings import SubstackSettings
    settings = SubstackSettings(cookie=SecretStr("fake-cookie-value-1234"), schedule=True, publication="x")
    rendition = render(load_issue(project / "drafts", "issue-1"), settings)
    draft = json.loads(rendition.documents["draft.json"])
    assert draft["title"] == "Sample Weekly 1: a test issue"
    assert draft["act"] == "schedule" and draft["scheduled_release"] == "2025-09-22T00:00:00.000Z"
    assert draft["send_email"] is False
    assert "fake-cookie-value-1234" not in json.dumps(rendition.documents)
