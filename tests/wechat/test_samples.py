"""Long issues of every kind (tests/wechat/samples/, written by make_samples.py) go out whole: each article
under WeChat's limit with 0 structure violations, and every link, image, heading, list item and code line of
the source present across the articles of the chosen rung."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from leotalk_publish import model as m
from leotalk_publish.adapters.wechat.adapter import ADAPTER
from leotalk_publish.adapters.wechat.links import shown_address
from leotalk_publish.adapters.wechat.settings import load_settings
from leotalk_publish.adapters.wechat.size import MAX_CHARS, estimated
from leotalk_publish.adapters.wechat.structure import structure_problems
from leotalk_publish.load import load_issue
from tests.conftest import write_png
from tests.wechat.test_properties import visible_text

SAMPLES = Path(__file__).parent / "samples"
NAMES = sorted(p.stem for p in SAMPLES.glob("*.md"))


def sample_issue(project: Path, name: str) -> m.Issue:
    folder = project / "drafts" / "issue-1"
    folder.mkdir(parents=True)
    text = (SAMPLES / f"{name}.md").read_text(encoding="utf-8")
    shutil.copy(SAMPLES / f"{name}.md", folder / "index.md")
    for n, src in enumerate(dict.fromkeys(re.findall(r"\]\((images/[^ )]+)", text))):
        write_png(folder / src, size=(1080, 720), color=f"#{n * 40 % 256:02x}8080")
    return load_issue(project / "drafts", "issue-1")


def test_there_is_a_sample_of_each_kind() -> None:
    assert {"weekly-zh", "article-zh", "weekly-en"} <= set(NAMES)


@pytest.mark.parametrize("name", NAMES)
def test_a_long_issue_goes_out_whole_in_articles_under_the_limit(name: str, project: Path) -> None:
    issue = sample_issue(project, name)
    settings = load_settings(project, {})
    payload = ADAPTER.render(issue, settings).payload
    articles = payload.fit.articles
    assert payload.chosen > 0 and payload.fits[0].sizes[0] >= MAX_CHARS  # the full theme alone would not fit
    for article in articles:
        assert len(estimated(article.content, settings.image_url_estimate)) < MAX_CHARS
        assert structure_problems(article.content) == []
    shown = " ".join(visible_text(article.content) for article in articles)
    sources = [img["src"] for a in articles for img in BeautifulSoup(a.content, "html.parser").find_all("img")]
    assert sources == [image.src for image in m.all_images(issue.document)]
    for link in m.all_links(issue.document):
        assert shown_address(link.href) in shown
    for text in source_texts(issue.document):
        assert text in shown


def source_texts(document: m.Document) -> list[str]:
    """Headings, list items' first lines and code lines, squashed as a reader sees them."""
    found = []
    for block in m.document_blocks(document):
        if isinstance(block, m.Heading):
            found.append(m.plain_text(block.children))
        if isinstance(block, m.BulletList | m.OrderedList):
            found += [m.plain_text(i.blocks[0].children) for i in block.items if isinstance(i.blocks[0], m.Paragraph)]
        if isinstance(block, m.CodeBlock):
            found += block.code.split("\n")
    return [" ".join(t.split()) for t in found if t.strip()]


def test_each_part_has_its_own_title_cover_digest_and_references(project: Path) -> None:
    issue = sample_issue(project, "weekly-zh")
    payload = ADAPTER.render(issue, load_settings(project, {})).payload
    articles = payload.fit.articles
    total = len(articles)
    assert payload.fit.step == f"{total} articles" and 2 <= total <= 8
    assert [a.fields["title"] for a in articles] == [f"AI 周刊样例：长图文（{n}/{total}）" for n in range(1, total + 1)]
    assert [a.cover for a in articles] == [a.images[0] for a in articles]
    assert all(a.fields["digest"] for a in articles[1:])
    for article in articles:
        assert "[1] " in visible_text(article.content)  # each part numbers its own references from 1


@pytest.mark.parametrize("name", NAMES)
def test_a_long_issue_goes_out_through_the_fake_as_one_draft_of_its_articles(name: str, project: Path, env, fake):
    from tests.wechat.conftest import Runner
    issue = sample_issue(project, name)
    runner = Runner(project, env)
    outcome = runner.publish()
    assert outcome.status == "pushed", outcome.error
    (draft,) = fake.drafts.values()
    articles = draft["articles"]
    assert len(articles) >= 2 and all(len(a["content"]) < MAX_CHARS for a in articles)
    sent = [img["src"] for a in articles for img in BeautifulSoup(a["content"], "html.parser").find_all("img")]
    assert len(sent) == len(m.all_images(issue.document)) and all(src.startswith("https://mmbiz") for src in sent)
    assert any("articles" in line for line in runner.lines)  # the step used is named in the output
