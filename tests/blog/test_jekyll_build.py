"""The generated post, built by the real Jekyll (Debian's 4.3 with kramdown GFM) in a minimal site."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from leotalk_publish import model as m
from leotalk_publish import pipeline
from leotalk_publish.project import Project
from tests.blog.conftest import GOLDEN, add_images, copy_whole_issue
from tests.blog.html_facts import html_facts, model_facts
from tests.blog.jekyll_site import build, built_post, make_site, require_jekyll
from tests.blog.seed_site import import_seed
from tests.conftest import FRONT

pytestmark = pytest.mark.long(seconds=9)  # seconds of subprocesses or soaks: started first


def publish_and_build(project: Path, issue_id: str):
    """Publish the issue into project/site (export) and build it; return the issue, rendition and page."""
    preparation = pipeline.prepare(Project(project), issue_id, ["blog"], env={})
    (outcome,) = pipeline.publish(Project(project), preparation)
    assert outcome.status == "pushed", outcome.error
    dest = build(project / "site")
    item = preparation.channels[0]
    urls = {src: "/" + path for src, path in item.rendition.payload.images.items()}
    return preparation.issue, urls, built_post(dest, outcome.result.remote["url"])


@pytest.fixture(scope="module")
def whole_issue(tmp_path_factory: pytest.TempPathFactory):
    """The whole test issue published into a minimal site and built once for the tests that read it."""
    require_jekyll()
    project = tmp_path_factory.mktemp("whole-issue")
    (project / "channels").mkdir()
    make_site(project / "site")
    copy_whole_issue(project)
    return publish_and_build(project, "issue-7")


def test_whole_issue_builds_and_shows_everything(whole_issue) -> None:
    issue, urls, page = whole_issue
    assert html_facts(page) == model_facts(issue, urls)
    text = page.select_one(".post-content").get_text()
    assert "{{ page.title }}" in text and "{% include nothing.html %}" in text  # Liquid left the text alone
    assert "星号 * 和下划线 _ 和 [方括号] 以及 snake_case_name" in text  # escapes read as text
    assert 'f"{{ {x} }}"  # {% not a tag %}' in page.find("pre").get_text()
    assert page.select_one("h1.post-title").get_text() == "周知 7: “引号”与 Liquid {{ 测试 }}"


def test_figures_are_one_row_with_escaped_alt_and_caption(whole_issue) -> None:
    _, _, page = whole_issue
    rows = page.select("div.row.mt-3")
    assert [len(row.select("div.col-sm")) for row in rows] == [2, 1]
    assert not page.select("div.row div.row")  # wrapped once
    first = rows[0].find("img")
    assert first["alt"] == '左图 "甲"' and "data-zoomable" in first.attrs and first["loading"] == "eager"
    assert rows[0].find("figcaption").get_text() == "左 <图> & '注'"


def test_lists_bold_and_footnotes_keep_their_shape(whole_issue) -> None:
    _, _, page = whole_issue
    body = page.select_one(".post-content")
    nested = body.select("ul > li > ul > li")
    assert [li.get_text(strip=True) for li in nested] == ["嵌套的一点", "另一点作废"]
    assert body.select_one("ol")["start"] == "3"
    assert [li.get_text() for li in body.select_one("ol").find_all("li")] == ["第三步", "第四步"]
    assert body.find("del") is not None or body.find("s") is not None
    assert body.select_one("div.footnotes") is not None
    assert body.find("table") is not None and len(body.find("table").find_all("tr")) == 3


def test_the_seed_imported_then_published_builds(project: Path, seed_text: str) -> None:
    require_jekyll()
    make_site(project / "site")
    import_seed(project, seed_text, issue_id="seed")
    issue, urls, page = publish_and_build(project, "seed")
    facts = html_facts(page)
    assert facts == model_facts(issue, urls)
    assert len(facts["images"]) == seed_text.count("{% include figure.liquid")
    assert len(page.select("div.row.mt-3")) == seed_text.count('<div class="row mt-3">') // 2
    assert not page.select("div.row div.row")


LIQUID_NASTIES = ["{{ x }}", "{% if a %}", "{{{", "{%{%", "{% endraw %}", "{% raw %}{{ y }}{% endraw %}",
                  "a {{ b }} c {% d %} e", "{", "{{", "}}{{", "{%- endraw -%} end", "endraw {%"]


def test_text_that_liquid_would_read_shows_as_written(project: Path, make_draft) -> None:
    require_jekyll()
    make_site(project / "site")
    body = "\n\n".join(f"第{i}段 {text} 完" for i, text in enumerate(LIQUID_NASTIES))
    body += "\n\n```\n" + "\n".join(LIQUID_NASTIES) + "\n```\n"
    make_draft(body)
    _, _, page = publish_and_build(project, "issue-1")
    paragraphs = [p.get_text() for p in page.select(".post-content > p")]
    assert paragraphs == [f"第{i}段 {text} 完" for i, text in enumerate(LIQUID_NASTIES)]
    assert page.find("pre").get_text() == "\n".join(LIQUID_NASTIES) + "\n"


def test_every_small_golden_case_builds_with_its_structure(project: Path) -> None:
    require_jekyll()
    make_site(project / "site")
    cases = sorted(p for p in (GOLDEN / "cases").glob("*.md") if not p.name.endswith(".post.md"))
    published = []
    for n, case in enumerate(cases):
        front = FRONT.replace("slug: test-weekly-1", f"slug: case-{n}")
        folder = project / "drafts" / f"case-{n}"
        folder.mkdir(parents=True)
        (folder / "index.md").write_text(front + case.read_text(encoding="utf-8"), encoding="utf-8")
        add_images(folder)
        preparation = pipeline.prepare(Project(project), f"case-{n}", ["blog"], env={})
        (outcome,) = pipeline.publish(Project(project), preparation)
        urls = {s: "/" + p for s, p in preparation.channels[0].rendition.payload.images.items()}
        published.append((case.stem, preparation.issue, urls, outcome.result.remote["url"]))
    dest = build(project / "site")
    for name, issue, urls, url in published:
        assert html_facts(built_post(dest, url)) == model_facts(issue, urls), name


def test_escaped_markdown_characters_read_as_text_in_kramdown(project: Path, make_draft) -> None:
    require_jekyll()
    make_site(project / "site")
    make_draft((GOLDEN / "cases" / "escapes.md").read_text(encoding="utf-8"))
    issue, _, page = publish_and_build(project, "issue-1")
    paragraphs = [p.get_text() for p in page.select(".post-content > p")]
    assert paragraphs == [m.plain_text(b.children) for b in issue.document.blocks]


def test_the_shipped_sample_issue_builds(project: Path) -> None:
    require_jekyll()
    sample = Path(__file__).resolve().parents[2] / "drafts" / "issue-1"
    shutil.copytree(sample, project / "drafts" / "issue-1")
    make_site(project / "site")
    issue, urls, page = publish_and_build(project, "issue-1")
    assert html_facts(page) == model_facts(issue, urls)
