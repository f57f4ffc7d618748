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
from leotalk_publish.adapters.wechat.render import render_content
from leotalk_publish.adapters.wechat.settings import WechatSettings, default_theme
from leotalk_publish.adapters.wechat.structure import structure_problems
from leotalk_publish.frontmatter import IssueMeta
from tests.examples import examples

SETTINGS = WechatSettings(theme_css=default_theme())
ASSETS = {name: m.Asset(src=name, path=Path("/nonexistent") / name, sha256=name, size=1, mime="image/png",
                        width=width, height=300) for name, width in (("a.png", 1200), ("b.png", 200))}
HREFS = ("https://example.com/a", "https://mp.weixin.qq.com/s/x", "#top", "mailto:x@example.com", "../rel")

words = st.text(alphabet=st.sampled_from("中文字词句。，“”abc XYZ<>&\"'*_`[]#-1"), min_size=1, max_size=12)
texts = words.map(m.Text)
inline = st.recursive(
    st.one_of(texts, words.map(m.Code), st.just(m.HardBreak())),
    lambda kids: st.one_of(
        st.lists(kids, min_size=1, max_size=3).map(lambda k: m.Strong(tuple(k))),
        st.lists(kids, min_size=1, max_size=3).map(lambda k: m.Emphasis(tuple(k))),
        st.lists(kids, min_size=1, max_size=3).map(lambda k: m.Strikethrough(tuple(k))),
        st.builds(lambda h, k: m.Link(h, tuple(k)), st.sampled_from(HREFS), st.lists(kids, min_size=1, max_size=2)),
    ), max_leaves=6)
inlines = st.lists(inline, min_size=1, max_size=4).map(tuple)
code = st.lists(words, min_size=1, max_size=4).map(lambda lines: "\n".join("  " + w for w in lines))


def table_of(header: list, rows: list) -> m.Table:
    aligns = ("", "center", "right")[:len(header)]
    cells = lambda row: tuple(m.TableCell(c) for c in row)  # noqa: E731
    return m.Table(cells(header), tuple(cells(r) for r in rows), aligns)


leaf_blocks = st.one_of(
    inlines.map(m.Paragraph),
    inlines.map(lambda k: m.Paragraph((m.Emphasis(k),))),
    st.builds(m.Heading, st.integers(1, 6), inlines),
    st.builds(m.CodeBlock, code, st.sampled_from(["", "python", "js", "no-such-language"])),
    st.just(m.ThematicBreak()),
    st.lists(st.sampled_from(sorted(ASSETS)), min_size=1, max_size=3).map(
        lambda names: m.Figures(tuple(m.Image(n, caption="图") for n in names))),
    st.integers(1, 3).flatmap(lambda n: st.builds(
        table_of, st.lists(inlines, min_size=n, max_size=n),
        st.lists(st.lists(inlines, min_size=n, max_size=n), max_size=3))),
)
blocks = st.recursive(leaf_blocks, lambda kids: st.one_of(
    st.lists(st.lists(kids, min_size=1, max_size=3).map(lambda b: m.ListItem(tuple(b))), min_size=1, max_size=3)
    .map(lambda items: m.BulletList(tuple(items))),
    st.lists(st.lists(kids, min_size=1, max_size=3).map(lambda b: m.ListItem(tuple(b))), min_size=1, max_size=3)
    .map(lambda items: m.OrderedList(tuple(items), start=3)),
    st.lists(kids, min_size=1, max_size=3).map(lambda b: m.Blockquote(tuple(b))),
), max_leaves=14)
documents = st.lists(blocks, min_size=1, max_size=6).map(lambda b: m.Document(tuple(b)))


def issue_of(document: m.Document) -> m.Issue:
    meta = IssueMeta(title="t", date=datetime(2025, 9, 22, tzinfo=UTC))
    return m.Issue("issue-1", Path("/nonexistent"), meta, document, ASSETS)


def visible_text(html: str) -> str:
    return _squash(BeautifulSoup(html, "html.parser").get_text())


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\xa0", " ")).strip()


def model_texts(document: m.Document) -> list[str]:
    found = []
    for block in m.document_blocks(document):
        found += [n.text for n in m.block_inlines(block) if isinstance(n, m.Text | m.Code)]
        if isinstance(block, m.CodeBlock):
            found += block.code.split("\n")
    return [_squash(t) for t in found if t.strip()]


@settings(max_examples=examples(80), deadline=None)
@given(documents)
def test_every_output_obeys_tencents_structure_rules(document: m.Document) -> None:
    assert structure_problems(render_content(issue_of(document), SETTINGS)) == []


@settings(max_examples=examples(80), deadline=None)
@given(documents)
def test_every_text_of_the_model_appears_in_the_html(document: m.Document) -> None:
    shown = visible_text(render_content(issue_of(document), SETTINGS))
    for text in model_texts(document):
        assert text in shown


@settings(max_examples=examples(25), deadline=None)
@given(documents)
def test_rendering_is_pure(document: m.Document) -> None:
    issue = issue_of(document)
    assert render_content(issue, SETTINGS) == render_content(issue, SETTINGS)


def test_the_structure_check_catches_what_it_should() -> None:
    bad = ('<section class="x" style="font-family:serif;width:700px;line-height:12px;font-size:15px">'
           '<pre>x</pre><p style="height:0;text-align:end">y</p></section>')
    problems = " | ".join(structure_problems(bad))
    for rule in ("class", "font-family", "700px", "line-height", "<pre>", "height:0", "text-align:end"):
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
