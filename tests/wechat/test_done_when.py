"""Issue 9's "Done when", over real HTTP: the command a person types against the loopback fake.

Long issues of every kind (tests/wechat/samples/: a 48-image weekly, a code-heavy article with tables, an
English weekly) go out: exit 0, each article under 20,000 characters counted as the fake counts them
(markup included, its image addresses of real length), 0 structure violations, every link, image, heading,
list item and code line of the source present across the articles, the step named in the output. A
seed-sized issue, and the next, longer one, go out with the full theme and the references in the body.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from typer.testing import CliRunner

from leotalk_publish import model as m
from leotalk_publish.adapters.wechat.links import REFERENCES_TITLE, shown_address
from leotalk_publish.adapters.wechat.size import MAX_CHARS
from leotalk_publish.adapters.wechat.structure import structure_problems
from leotalk_publish.cli import app
from leotalk_publish.load import load_issue
from tests.wechat.seed_sized import SEED_ITEMS, write_seed_sized_issue
from tests.wechat.test_properties import visible_text
from tests.wechat.test_samples import NAMES, sample_issue, source_texts

pytestmark = pytest.mark.long(seconds=8)  # seconds of subprocesses or soaks: started first

SENT_IMAGE = "https://mmbiz.qpic.cn/"


def publish(project: Path, env: dict[str, str]):
    return CliRunner().invoke(app, ["publish", "issue-1", "--channels", "wechat", "--force",
                                    "--project", str(project)], env=env)


def sent_articles(fake) -> list[dict]:
    (draft,) = fake.drafts.values()
    return draft["articles"]


def assert_whole(issue: m.Issue, articles: list[dict], fake) -> None:
    """Each article under the limit with no structure problem; everything of the source across them."""
    for article in articles:
        assert len(article["content"]) < MAX_CHARS
        assert structure_problems(article["content"]) == []
    shown = " ".join(visible_text(article["content"]) for article in articles)
    images = [img["src"] for a in articles for img in BeautifulSoup(a["content"], "html.parser").find_all("img")]
    issued = {image["url"].replace("http://", "https://", 1) for image in fake.images}
    assert len(images) == len(m.all_images(issue.document)) and set(images) <= issued
    assert all(src.startswith(SENT_IMAGE) for src in images)
    assert [link.href for link in m.all_links(issue.document) if shown_address(link.href) not in shown] == []
    assert [text for text in source_texts(issue.document) if text not in shown] == []


@pytest.mark.parametrize("name", NAMES)
def test_a_long_issue_of_each_kind_goes_out_whole_and_names_its_step(name, project, env, fake):
    issue = sample_issue(project, name)
    result = publish(project, env)
    assert result.exit_code == 0, result.output
    articles = sent_articles(fake)
    assert len(articles) > 1 and f"wechat: step: {len(articles)} articles, " in result.output
    assert_whole(issue, articles, fake)


@pytest.mark.parametrize("items", [SEED_ITEMS, SEED_ITEMS + 2], ids=["seed-sized", "the next, longer one"])
def test_a_seed_sized_issue_goes_out_with_the_full_theme_and_its_references_in_the_body(items, project, env, fake):
    write_seed_sized_issue(project, items)
    issue = load_issue(project / "drafts", "issue-1")
    assert len(issue.assets) >= 30 and len(m.all_links(issue.document)) >= 42
    result = publish(project, env)
    assert result.exit_code == 0, result.output
    assert "wechat: step: full theme, 1 article of " in result.output and "compact" not in result.output
    (article,) = sent_articles(fake)
    images = BeautifulSoup(article["content"], "html.parser").find_all("img")
    assert all(len(img["src"]) >= 120 for img in images)  # the fake's addresses are as long as WeChat's
    body, references = visible_text(article["content"]).split(REFERENCES_TITLE)
    numbered = [link for link in m.all_links(issue.document) if m.plain_text(link.children) != link.href]
    assert len(numbered) >= 40 and f"[{len(numbered)}]" in body
    assert [link.href for link in numbered if shown_address(link.href) not in references] == []
    assert_whole(issue, [article], fake)
