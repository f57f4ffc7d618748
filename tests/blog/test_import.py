"""import: an al-folio post becomes a canonical draft; the seed comes back from the blog renderer unchanged."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from leotalk_publish.adapters.blog.importer import convert_body, import_post
from leotalk_publish.adapters.blog.render import render
from leotalk_publish.errors import InputError
from leotalk_publish.frontmatter import split_front_matter
from leotalk_publish.load import load_issue
from tests.blog.seed_site import import_seed

WRAPPER = re.compile(r'^\s*(?:<div class="(?:row|col)[^"]*">|</div>)\s*$', re.M)


def normalised(post: str) -> str:
    """The body with its figure wrappers and all whitespace removed."""
    return re.sub(r"\s+", "", WRAPPER.sub("", split_front_matter(post)[1]))


def test_seed_round_trip_gives_the_seed_with_single_wrappers(project: Path, seed_text: str, settings) -> None:
    result = import_seed(project, seed_text)
    assert not result.missing
    issue = load_issue(project / "drafts", "seed")
    post = render(issue, settings).documents["post.md"]
    assert normalised(post) == normalised(seed_text)
    rows = post.count('<div class="row mt-3">')
    assert rows == seed_text.count('<div class="row mt-3">') // 2  # the seed wraps each row twice
    assert post.count('<div class="col-sm mt-0 mb-0">') == seed_text.count("{% include figure.liquid")


def test_seed_front_matter_maps_to_the_canonical_keys(project: Path, seed_text: str) -> None:
    result = import_seed(project, seed_text)
    issue = load_issue(project / "drafts", "seed")
    assert issue.meta.title == "LeoTalk AI周知 1: 新信息排泄物实验"
    assert issue.date.isoformat() == "2025-09-22T08:00:00+08:00"
    assert issue.meta.tags == ["Blog", "Substack", "微信公众号"] and issue.meta.categories == ["Blog"]
    assert issue.meta.slug == "leotalk-ai-weekly-1-an-experiment-in-information-e"
    dropped = next(n for n in result.notices if n.startswith("dropped"))
    for key in ("layout", "giscus_comments", "tabs", "pretty_table", "toc"):
        assert key in dropped


def test_seed_renders_to_the_same_post_and_image_paths(project: Path, seed_text: str, settings) -> None:
    import_seed(project, seed_text)
    rendition = render(load_issue(project / "drafts", "seed"), settings)
    assert rendition.payload.post == "_posts/2025-09-22-leotalk-ai-weekly-1-an-experiment-in-information-e.md"
    seed_paths = re.findall(r'path="/([^"]+)"', seed_text)
    assert sorted(rendition.payload.images.values()) == sorted(seed_paths)


def test_doubled_wrappers_and_rows_become_image_paragraphs() -> None:
    body = (
        "段落\n- 列表项\n"
        '<div class="row mt-3">\n    <div class="col-sm mt-0 mb-0">\n'
        '        <div class="row mt-3">\n    <div class="col-sm mt-0 mb-0">\n'
        '        {% include figure.liquid loading="eager" path="/assets/img/x/a.png" alt="甲 &quot;乙&quot;" '
        'caption="注 [1]" %}\n    </div>\n</div>\n    </div>\n</div>\n'
        '<div class="row mt-3">\n  <div class="col-sm">\n  {% include figure.liquid path="/assets/img/x/b.png" %}\n'
        '  </div>\n  <div class="col-sm">\n  {% include figure.liquid path="/assets/img/y/b.png" %}\n  </div>\n</div>\n'
        "之后的文字\n<div class=\"note\">\n保留\n</div>\n"
    )
    markdown, figures = convert_body(body, [])
    assert markdown == (
        "段落\n- 列表项\n\n"
        '![甲 "乙"](images/a.png "注 [1]")\n\n'
        "![](images/b.png)\n![](images/2-b.png)\n\n"
        '之后的文字\n<div class="note">\n保留\n</div>\n'
    )
    assert [f.name for f in figures] == ["a.png", "b.png", "2-b.png"]


def test_import_refuses_a_post_without_title(tmp_path: Path) -> None:
    post = tmp_path / "_posts" / "2025-01-01-x.md"
    post.parent.mkdir()
    post.write_text("---\nlayout: post\n---\n正文\n", encoding="utf-8")
    with pytest.raises(InputError, match="no 'title'"):
        import_post(post, tmp_path / "drafts", "issue-2")
    assert not (tmp_path / "drafts").exists()


def test_date_and_slug_from_the_file_name_and_site_timezone(tmp_path: Path) -> None:
    site = tmp_path / "site"
    (site / "_posts").mkdir(parents=True)
    (site / "_config.yml").write_text("timezone: Asia/Shanghai\n", encoding="utf-8")
    post = site / "_posts" / "2025-03-04-hello-world.md"
    post.write_text("---\ntitle: 你好\ndate: 2025-03-04 09:30:00\n---\n正文\n", encoding="utf-8")
    result = import_post(post, tmp_path / "drafts", "issue-3")
    text = result.draft.read_text(encoding="utf-8")
    assert "date: 2025-03-04T09:30:00+08:00\n" in text and "slug: hello-world\n" in text
    assert any("no UTC offset" in n for n in result.notices)
