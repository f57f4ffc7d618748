"""Property tests of the WeChat renderer: for any document, Tencent's structure rules hold, every text of
the model reaches the HTML, and rendering is a pure function."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path

from bs4 import BeautifulSoup
from hypothesis import given, settings
from hypothesis import strategies as st

from leotalk_publish import model as m
from leotalk_publish.adapters.wechat.render import Look, render_content
from leotalk_publish.adapters.wechat.settings import WechatSettings, default_theme
from leotalk_publish.adapters.wechat.structure import structure_problems
from leotalk_publish.frontmatter import IssueMeta
from tests.examples import examples
from tests.kit import documents as kit
from tests.kit.documents import assets

SETTINGS = WechatSettings(theme_css=default_theme())
ASSETS = assets({"a.png": (1200, 300), "b.png": (200, 300)})
HREFS = ("https://example.com/a", "https://mp.weixin.qq.com/s/x", "#top", "mailto:x@example.com", "../rel")

# Text that looks like markup must come out exactly as written (issue 9: ` class="…"` was stripped from text).
LOOKALIKES = (' class="box"', ' style="color:red"', '<div class="row">', "{% include x.liquid %}", "{{ page.title }}",
              "&amp;", "<b>", "`a`", ".box{color:red}")
words = st.one_of(
    st.text(alphabet=st.sampled_from("中文字词句。，“”abc XYZ<>&\"'*_`[]#-1"), min_size=1, max_size=12),
    st.sampled_from(LOOKALIKES))
code = st.lists(words, min_size=1, max_size=4).map(lambda lines: "\n".join("  " + w for w in lines))
documents = kit.documents(kit.Grammar(words, tuple(ASSETS), HREFS, code=code, captions=st.one_of(st.just(""), words),
                                      languages=("", "python", "js", "no-such-language"), least=1))


def issue_of(document: m.Document) -> m.Issue:
    meta = IssueMeta(title="t", date=datetime(2025, 9, 22, tzinfo=UTC))
    return m.Issue("issue-1", Path("/nonexistent"), meta, document, ASSETS)


def visible_text(html: str) -> str:
    """The text a reader sees, whitespace squashed as WeChat shows it (``&nbsp;`` and thin spaces as spaces)."""
    return _squash(BeautifulSoup(html, "html.parser").get_text())


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\xa0", " ").replace("\u2009", " ")).strip()


def in_order(pieces: list[str], shown: str) -> list[str]:
    """The pieces that are not found in ``shown`` one after the other, in order (empty: all are there)."""
    missing, at = [], 0
    for piece in pieces:
        found = shown.find(piece, at)
        if found < 0:
            missing.append(piece)
        else:
            at = found + len(piece)
    return missing


def model_texts(document: m.Document) -> list[str]:
    """Every text of the model in reading order: inline text and code, code lines, captions (inline images' too)."""
    found = []
    for block in m.document_blocks(document):
        for node in m.block_inlines(block):
            if isinstance(node, m.Text | m.Code):
                found.append(node.text)
            elif isinstance(node, m.InlineImage):
                found.append(node.image.caption)  # kept beside the image, as the blog and Substack keep it
        if isinstance(block, m.CodeBlock):
            found += block.code.split("\n")
        if isinstance(block, m.Figures):
            found += [image.caption for image in block.images]
    return [_squash(t) for t in found if t.strip()]


def model_alts(document: m.Document) -> list[str]:
    return [image.alt for image in m.all_images(document)]


@settings(max_examples=examples(80), deadline=None)
@given(documents)
def test_every_output_obeys_tencents_structure_rules(document: m.Document) -> None:
    assert structure_problems(render_content(issue_of(document), SETTINGS)) == []


@settings(max_examples=examples(80), deadline=None)
@given(documents, st.booleans())
def test_the_visible_text_is_the_models_text_in_order(document: m.Document, compact: bool) -> None:
    html = render_content(issue_of(document), SETTINGS, Look(compact=compact))
    assert in_order(model_texts(document), visible_text(html)) == []
    alts = [img.get("alt", "") for img in BeautifulSoup(html, "html.parser").find_all("img")]
    assert alts == model_alts(document)


def test_text_that_looks_like_markup_is_kept_exactly() -> None:
    """Issue 9: the theme step stripped ` class="…"` and ` style="…"` from the whole HTML, text included."""
    line = '<div class="box" style="color:red">'
    document = m.Document((m.Paragraph((m.Text(f"写成 {line} 即可"), m.Code(line))),
                           m.CodeBlock(f"const t = `{line}`;\n{{% raw %}} {{{{ x }}}}", "js"),
                           m.Heading(2, (m.Text('h2 class="x"'),))))
    shown = visible_text(render_content(issue_of(document), SETTINGS))
    assert shown.count(line) == 3 and "{% raw %} {{ x }}" in shown and 'h2 class="x"' in shown


@settings(max_examples=examples(25), deadline=None)
@given(documents)
def test_rendering_is_pure(document: m.Document) -> None:
    issue = issue_of(document)
    assert render_content(issue, SETTINGS) == render_content(issue, SETTINGS)


def test_the_structure_check_catches_what_it_should() -> None:
    bad = ('<section class="x" style="font-family:serif;width:700px;line-height:12px;font-size:15px">'
           '<pre>x</pre><p style="height:0;text-align:end;background:linear-gradient(#fff,#000)">y</p></section>')
    problems = " | ".join(structure_problems(bad))
    assert structure_problems('<code style="font-family:Menlo,monospace">x</code>') == []
    for rule in ("class", "font-family", "700px", "line-height", "<pre>", "height:0", "text-align:end", "gradient"):
        assert rule in problems
    deep = "<section>" * 11 + "x" + "</section>" * 11
    assert structure_problems(deep) == ["more than 10 nested <section> wrappers"]


def test_every_node_type_of_the_model_has_a_rendering_rule() -> None:
    from leotalk_publish.adapters.wechat.render import BLOCKS, INLINES
    assert set(m.BLOCK_TYPES) <= set(BLOCKS) and set(m.INLINE_TYPES) <= set(INLINES)


def deep(wrap, levels: int = 12) -> m.Document:
    block: m.Block = m.Paragraph((m.Text("最深处"),))
    for depth in range(levels):
        block = wrap(depth, block)
    return m.Document((block,))


def test_deep_lists_and_quotes_stay_within_ten_identical_wrappers() -> None:
    lists = deep(lambda d, b: m.BulletList((m.ListItem((m.Paragraph((m.Text(f"第{d}层"),)), b)),)))
    quotes = deep(lambda d, b: m.Blockquote((m.Paragraph((m.Text(f"第{d}层"),)), b)))
    for document in (lists, quotes):
        html = render_content(issue_of(document), SETTINGS)
        assert "最深处" in html and "第0层" in html
        assert structure_problems(html) == []


@settings(max_examples=examples(40), deadline=None)
@given(documents)
def test_one_block_per_line_loses_nothing(document: m.Document) -> None:
    from leotalk_publish.adapters.wechat.readable import joined, one_block_per_line
    html = render_content(issue_of(document), SETTINGS)
    readable = one_block_per_line(html)
    lines = readable.splitlines()
    root = BeautifulSoup(html, "html.parser").find("section")
    assert joined(readable) == html and lines[-1] == "</section>"
    assert len(lines) - 2 == len(list(root.children))  # one line per child of the root, each whole


sections_of = st.lists(st.tuples(st.integers(1, 3), st.integers(0, 4)), min_size=1, max_size=12)


@settings(max_examples=examples(60), deadline=None)
@given(sections_of, st.integers(3, 30))
def test_a_split_keeps_every_block_in_order_and_each_part_under_the_limit(shape, limit: int) -> None:
    from leotalk_publish.adapters.wechat.split import split
    blocks: list[m.Block] = []
    for n, (level, paragraphs) in enumerate(shape):
        blocks.append(m.Heading(level, (m.Text(f"h{n}"),)))
        blocks += [m.Paragraph((m.Text(f"p{n}.{i}"),)) for i in range(paragraphs)]
    parts = split(m.Document(tuple(blocks)), lambda b: len(b) + 1, limit)  # an article: one per block, plus a frame
    if parts is None:
        return
    assert [b for part in parts for b in part.blocks] == blocks
    assert all(len(part.blocks) + 1 < limit for part in parts) and 1 <= len(parts) <= 8


@settings(max_examples=examples(80), deadline=None)
@given(st.text(alphabet=st.sampled_from("中文abc 12./:@w"), max_size=30))
def test_pangu_only_adds_thin_spaces(text: str) -> None:
    from leotalk_publish.adapters.wechat.pangu import THIN_SPACE, spaced
    assert spaced(text).replace(THIN_SPACE, "") == text


def test_important_does_not_get_a_rule_past_the_structure_check() -> None:
    bad = ('<section><p style="height:0 !important;width:2000px!important;text-align:start ! important">y</p>'
           '<p style="line-height:1px">z</p><em style="display:none !important">w</em>'
           '<span style="visibility:hidden">v</span><span style="opacity:0">u</span></section>')
    problems = " | ".join(structure_problems(bad))
    for rule in ("height:0", "2000px", "text-align:start", "<p> has a line-height below its font size",
                 "display:none", "visibility:hidden", "opacity:0"):
        assert rule in problems, rule
    assert structure_problems('<p style="line-height:1.75 !important;opacity:0.9">y</p>') == []
