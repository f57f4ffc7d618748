"""The shipped sample, drafts/issue-1: it loads cleanly and holds every construct the channels must handle."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from leotalk_publish import model as m
from leotalk_publish.adapters import ORDER
from leotalk_publish.load import load_issue, read_issue

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def sample() -> m.Issue:
    return load_issue(REPO / "drafts", "issue-1")


def blocks_of(issue: m.Issue, kind: type) -> list:
    return [b for b in m.document_blocks(issue.document) if isinstance(b, kind)]


def test_it_loads_without_any_problem():
    _, problems = read_issue(REPO / "drafts", "issue-1")
    assert problems == []


def test_front_matter_has_every_key_and_a_short_wechat_override(sample: m.Issue):
    meta = sample.meta
    assert meta.date.utcoffset().total_seconds() == 8 * 3600
    assert meta.slug and meta.summary and meta.author and meta.tags and meta.cover
    assert meta.for_channel("wechat").title and len(meta.for_channel("wechat").title) <= 32  # WeChat's title limit
    assert meta.for_channel("wechat").digest and len(meta.for_channel("wechat").digest) <= 128
    assert meta.title_for("wechat") != meta.title


def test_images_cover_every_upload_path(sample: m.Issue):
    images = m.all_images(sample.document)
    assert len(images) >= 10
    assets = list(sample.assets.values())
    assert {a.mime for a in assets} >= {"image/png", "image/jpeg", "image/webp"}
    large = [a for a in assets if a.size > 1024 * 1024]
    assert [a.mime for a in large] == ["image/png"], "one PNG over 1 MB"
    assert all(a.size < 150 * 1024 for a in assets if a not in large)
    assert any(img.caption for img in images), "captions come from the Markdown title"
    assert any(len(f.images) > 1 for f in blocks_of(sample, m.Figures)), "two images side by side"


def test_it_holds_every_block_the_channels_render(sample: m.Issue):
    for kind in (m.Heading, m.Paragraph, m.BulletList, m.OrderedList, m.Blockquote, m.CodeBlock, m.Table, m.Figures):
        assert blocks_of(sample, kind), kind.__name__
    assert {h.level for h in blocks_of(sample, m.Heading)} == {1, 2}
    assert [c.language for c in blocks_of(sample, m.CodeBlock)] == ["python"]
    assert sample.document.footnotes
    nested = [i for lst in blocks_of(sample, m.BulletList) for i in lst.items
              if any(isinstance(b, m.BulletList) for b in i.blocks)]
    assert nested, "a nested list"


def test_it_holds_the_inline_traps(sample: m.Issue):
    paragraphs = blocks_of(sample, m.Paragraph)
    italic = [p for p in paragraphs if [type(c) for c in p.children] == [m.Emphasis]]  # an Opinion paragraph
    assert len(italic) >= 2
    assert any(m.plain_text(p.children).startswith("Opinion：") for p in paragraphs)
    strong = [n for p in paragraphs for n in m.walk_inlines(p.children) if isinstance(n, m.Strong)]
    assert any(m.plain_text(s.children).startswith("“") for s in strong), "bold next to full-width quotes"
    links = m.all_links(sample.document)
    assert any(m.plain_text(link.children) == link.href for link in links), "a bare URL as link text"
    assert any(isinstance(n, m.Strong) for link in links for n in link.children), "a bold link"


def test_lists_follow_a_paragraph_line_without_a_blank_line():
    lines = (REPO / "drafts" / "issue-1" / "index.md").read_text(encoding="utf-8").splitlines()
    follows = [i for i in range(1, len(lines)) if lines[i].startswith(("- ", "1. ")) and lines[i - 1].endswith("：")]
    assert len(follows) >= 2


@pytest.mark.parametrize("channel", ORDER)
def test_every_built_channel_checks_and_dry_runs_the_sample(channel, project, leotalk, tree):
    shutil.copytree(REPO / "drafts" / "issue-1", project / "drafts" / "issue-1")
    before = tree(project)
    result = leotalk("check", "issue-1", "--channels", channel)
    assert result.exit_code == 0, result.output
    dry = leotalk("publish", "issue-1", "--channels", channel, "--dry-run")
    assert dry.exit_code == 0, dry.output
    assert f"== {channel} ==" in dry.stdout
    assert tree(project) == before
