"""Forms kramdown reads differently from CommonMark, each written into a post and built by the real Jekyll.

Every case is a draft of its own in one minimal site, built once; each test reads the HTML of its post.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import Tag

from leotalk_publish import pipeline
from leotalk_publish.project import Project
from tests.blog.jekyll_site import build, built_post, make_site, require_jekyll
from tests.conftest import FRONT

pytestmark = pytest.mark.long(seconds=6)  # one Jekyll build

CASES = {
    # labels that are not kramdown names ([\w-] in ASCII), one of them spelling another note's number
    "footnote-labels": "a[^x.y] b[^1] c[^注释] d[^x-y] e[^-z]\n\n"
                       "[^x.y]: FIRST\n[^1]: SECOND\n[^注释]: THIRD\n[^x-y]: FOURTH\n[^-z]: FIFTH\n",
    # info strings a backtick fence cannot hold (a backtick) or that run into it (a leading tilde), code holding fences
    "code-fences": "~~~~a`b\n```\n~~~\nx\n~~~~\n\n```~b\ny\n```\n\n~~~ `c\n````\n~~~\n",
    # hard breaks where two trailing spaces would make a blank line, keep a mark from opening or drop a space
    "hard-breaks": "\\\nx\n\na  \n\\\nb\n\n**\\\nc**\n\n~~d  \ne~~\n\n~~\\\nf~~\n\n~~g  \n\\\nh~~\n\ni \\\nj\n",
    # a literal tilde against the ~~ of struck text, inside it and outside it
    "strike-edges": "~~)\\~~~\n\n~~\\~a~~ and b\\~~~c~~ and ~~d~~\\~e\n\nx ~~a\\~~~ y\n",
}


def _publish(project: Path, name: str, body: str) -> str:
    folder = project / "drafts" / name
    folder.mkdir(parents=True)
    (folder / "index.md").write_text(FRONT.replace("slug: test-weekly-1", f"slug: {name}") + body, encoding="utf-8")
    preparation = pipeline.prepare(Project(project), name, ["blog"], env={})
    (outcome,) = pipeline.publish(Project(project), preparation)
    assert outcome.status == "pushed", outcome.error
    return str(outcome.result.remote["url"])


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Tag]:
    """Each case's ``.post-content``, from one build of a site holding all of them."""
    require_jekyll()
    project = tmp_path_factory.mktemp("kramdown-forms")
    (project / "drafts").mkdir()
    (project / "channels").mkdir()
    make_site(project / "site")
    urls = {name: _publish(project, name, body) for name, body in CASES.items()}
    dest = build(project / "site")
    found = {name: built_post(dest, url).select_one(".post-content") for name, url in urls.items()}
    return {name: body for name, body in found.items() if isinstance(body, Tag)}


def test_every_footnote_keeps_its_own_note(pages: dict[str, Tag]) -> None:
    body = pages["footnote-labels"]
    notes = [li.get_text(" ", strip=True).removesuffix("↩").strip() for li in body.select("div.footnotes li")]
    assert notes == ["FIRST", "SECOND", "THIRD", "FOURTH", "FIFTH"]
    refs = [a["href"] for a in body.select("sup a.footnote")]
    assert len(refs) == 5 and len(set(refs)) == 5
    assert "[^" not in body.get_text()


def test_code_blocks_keep_their_language_and_code(pages: dict[str, Tag]) -> None:
    blocks = pages["code-fences"].select("pre code")
    assert [code.get_text() for code in blocks] == ["```\n~~~\nx\n", "y\n", "````\n"]
    assert [code.get("class") for code in blocks] == [["language-a`b"], ["language-~b"], ["language-`c"]]
    assert not pages["code-fences"].find("p")


def test_hard_breaks_are_line_breaks_where_they_stand(pages: dict[str, Tag]) -> None:
    paragraphs = pages["hard-breaks"].find_all("p")
    assert [p.get_text().replace("\n", "") for p in paragraphs] == ["x", "ab", "c", "de", "f", "gh", "i j"]
    assert [len(p.find_all("br")) for p in paragraphs] == [1, 2, 1, 1, 1, 2, 1]
    assert [p.find(["strong", "del"]) is not None for p in paragraphs] == [False, False, True, True, True, True, False]
    assert all(br.find_parent(["strong", "del"]) for p in paragraphs[2:6] for br in p.find_all("br"))


def test_a_tilde_next_to_struck_text_stays_a_tilde(pages: dict[str, Tag]) -> None:
    body = pages["strike-edges"]
    assert [p.get_text() for p in body.find_all("p")] == [")~", "~a and b~c and d~e", "x a~ y"]
    assert [d.get_text() for d in body.find_all("del")] == [")~", "~a", "c", "d", "a~"]
