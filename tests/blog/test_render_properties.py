"""Properties of the blog renderer: any text comes back as the same text, any alt/caption keeps the include whole."""

from __future__ import annotations

import html
import re
from datetime import datetime
from pathlib import Path

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from leotalk_publish import model as m
from leotalk_publish.adapters.blog import render as blog
from leotalk_publish.adapters.blog.figure import escape_attribute, include
from leotalk_publish.adapters.blog.importer import convert_body
from leotalk_publish.adapters.blog.liquid import protect, unprotect
from leotalk_publish.adapters.blog.settings import BlogSettings
from leotalk_publish.frontmatter import IssueMeta, split_front_matter
from leotalk_publish.parse import parse_markdown
from tests.examples import examples
from tests.kit.documents import MARKDOWN_CHARS

TEXT = st.text(alphabet=st.one_of(st.sampled_from(MARKDOWN_CHARS),
                                  st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp"))),
               min_size=1, max_size=40)


def plain(text: str) -> str:
    """Text as the model holds it: one line, no surrounding spaces, no footnote-looking ``[^``."""
    text = re.sub(r"\s+", " ", text).strip()
    assume(text and "[^" not in text)
    return text


def issue_of(document: m.Document) -> m.Issue:
    meta = IssueMeta(title="t", date=datetime.fromisoformat("2025-09-22T08:00:00+08:00"))
    return m.Issue("issue-1", Path("."), meta, document)


def env() -> blog.Env:
    return blog.Env(issue_of(m.Document(())), BlogSettings())


def round_trip(block: m.Block) -> tuple[m.Block, ...]:
    """Render one block, let 'Liquid' drop the raw tags, and parse the Markdown again."""
    return parse_markdown(unprotect(blog.render_block(block, env()))).blocks


def strip_lines(blocks: tuple[m.Block, ...]) -> tuple[m.Block, ...]:
    return parse_markdown("").blocks + tuple(_no_line(b) for b in blocks)


def _no_line(block):
    return type(block)(**{k: (0 if k == "line" else _no_line_value(getattr(block, k))) for k in block.__slots__})


def _no_line_value(value):
    if isinstance(value, tuple):
        return tuple(_no_line_value(v) for v in value)
    return _no_line(value) if hasattr(value, "line") else value


@settings(max_examples=examples(300), deadline=None)
@given(TEXT)
def test_paragraph_text_comes_back_unchanged(text: str) -> None:
    text = plain(text)
    assert strip_lines(round_trip(m.Paragraph((m.Text(text),)))) == (m.Paragraph((m.Text(text),)),)


LAST_WORD = st.sampled_from(["a", "中文", "x y", "~", "*", "1.", "#", "-", "a~", "~b", "$"])
WORD = st.one_of(LAST_WORD, st.sampled_from(["a ", "a\t"]))
# a run that ends in text without a space: a paragraph or a mark cannot end in a break or a space (the parser
# never gives one)
BROKEN = st.builds(lambda run, last: (*run, m.Text(last)),
                   st.lists(st.one_of(st.just(m.HardBreak()), WORD.map(m.Text)), max_size=5), LAST_WORD)
MARKS = (m.Strong, m.Emphasis, m.Strikethrough)


def merged(nodes: tuple[m.Inline, ...]) -> tuple[m.Inline, ...]:
    """Inline nodes as the parser gives them: neighbouring texts as one, ``<br>`` a line break."""
    out: list[m.Inline] = []
    for node in nodes:
        if isinstance(node, m.RawInline) and node.html == "<br>":
            node = m.HardBreak()
        elif isinstance(node, MARKS):
            node = type(node)(merged(node.children))
        if out and isinstance(out[-1], m.Text) and isinstance(node, m.Text):
            node = m.Text(out.pop().text + node.text)
        out.append(node)
    return tuple(out)


@settings(max_examples=examples(300), deadline=None)
@given(BROKEN, st.sampled_from([None, *MARKS]), BROKEN)
def test_hard_breaks_come_back_wherever_they_stand(first: tuple, mark: type | None, second: tuple) -> None:
    children = merged(first + (second if mark is None else (m.Text(" "), mark(second))))  # a mark opens after a space
    assert merged(strip_lines(round_trip(m.Paragraph(children)))[0].children) == children


EDGY = st.text(alphabet="~~~$a中 ", min_size=1, max_size=6)


@settings(max_examples=examples(300), deadline=None)
@given(EDGY, EDGY, EDGY)
def test_tildes_against_struck_text_come_back(before: str, struck: str, after: str) -> None:
    before, struck, after = plain(before), plain(struck), plain(after)
    # a space between a letter and the marks: CommonMark opens and closes ~~ against punctuation only next to a
    # space or more punctuation
    gap_before = "" if before.endswith(("~", "$")) else " "
    gap_after = "" if after.startswith(("~", "$")) else " "
    para = m.Paragraph((m.Text(before + gap_before), m.Strikethrough((m.Text(struck),)), m.Text(gap_after + after)))
    assert merged(strip_lines(round_trip(para))[0].children) == para.children


@settings(max_examples=examples(200), deadline=None)
@given(st.integers(1, 6), TEXT)
def test_heading_text_comes_back_unchanged(level: int, text: str) -> None:
    text = plain(text)
    assert strip_lines(round_trip(m.Heading(level, (m.Text(text),)))) == (m.Heading(level, (m.Text(text),)),)


@settings(max_examples=examples(200), deadline=None)
@given(TEXT, TEXT)
def test_text_around_a_link_and_inside_it_comes_back(before: str, inside: str) -> None:
    before, inside = plain(before), plain(inside)
    para = m.Paragraph((m.Text(before + " "), m.Link("https://example.com/x", (m.Text(inside),), "题 \"t\""),
                        m.Text(" 尾")))
    assert strip_lines(round_trip(para)) == (para,)


@settings(max_examples=examples(150), deadline=None)
@given(TEXT, TEXT)
def test_text_in_list_items_and_quotes_comes_back(first: str, second: str) -> None:
    first, second = plain(first), plain(second)
    items = tuple(m.ListItem((m.Paragraph((m.Text(t),)),)) for t in (first, second))
    for block in (m.BulletList(items), m.Blockquote((m.Paragraph((m.Text(first),)),))):
        assert strip_lines(round_trip(block)) == (_no_line(block),)


@settings(max_examples=examples(150), deadline=None)
@given(TEXT)
def test_table_cells_and_code_spans_come_back(text: str) -> None:
    text = plain(text)
    table = m.Table((m.TableCell((m.Text(text),)), m.TableCell((m.Code(text),))),
                    ((m.TableCell((m.Text("x"),)), m.TableCell((m.Text(text),))),), ("", "right"))
    assert strip_lines(round_trip(table)) == (table,)


# an info string's first word, as the parser keeps it (no '\\' or '&': CommonMark would read escapes and entities
# in it, kramdown takes it as written), and code that holds fences of both kinds
LANGUAGE = st.one_of(st.sampled_from(["", "python", "a`b", "~b", "`c", "c++", "~~~"]),
                     st.text(alphabet=st.sampled_from([*"az09+-.#_~`?!{}%:", "中"]), max_size=12))
FENCED = st.lists(st.sampled_from(["```", "~~~", "````", "~~~~~", "   ~~~", "x", " ", "\n", "`", "~", "中"]),
                  min_size=1, max_size=20).map("".join)


@settings(max_examples=examples(300), deadline=None)
@given(LANGUAGE, st.one_of(st.text(min_size=1, max_size=60), FENCED))
def test_code_blocks_come_back_byte_for_byte(language: str, code: str) -> None:
    code = code.replace("\r", "").replace("\x00", "") + "\n"
    assert strip_lines(round_trip(m.CodeBlock(code, language))) == (m.CodeBlock(code, language),)


# labels as a draft may spell them: CJK, punctuation, numbers that are another note's number, kramdown's own names
LABEL = st.one_of(st.text(alphabet=st.one_of(st.sampled_from([*MARKDOWN_CHARS, "注", "释", "é", "-", "_", "x", "1"]),
                                             st.characters(blacklist_categories=("Cs",))), min_size=1, max_size=6),
                  st.sampled_from(["1", "2", "x", "x-y", "x.y", "x-y-2", "fn", "-z", "_z", "注释"]))
KRAMDOWN_LABEL = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_-]*")  # kramdown's ALD_ID_NAME: \w in ASCII, then [\w-]


@settings(max_examples=examples(300), deadline=None)
@given(st.lists(LABEL, min_size=1, max_size=5, unique=True))
def test_every_footnote_label_is_a_kramdown_name_of_its_own(labels: list[str]) -> None:
    refs = tuple(m.FootnoteRef(label, i + 1) for i, label in enumerate(labels))
    notes = tuple(m.Footnote(label, i + 1, (m.Paragraph((m.Text(f"note {i}"),)),)) for i, label in enumerate(labels))
    post = blog.render_post(issue_of(m.Document((m.Paragraph(refs),), notes)), BlogSettings())
    body = split_front_matter(post)[1]
    written = re.findall(r"^\[\^([^\]]*)\]:", body, flags=re.M)
    assert all(KRAMDOWN_LABEL.fullmatch(label) for label in written), written
    assert len(set(written)) == len(labels)
    assert re.findall(r"\[\^([^\]]*)\](?!:)", body) == written  # each reference names its own note
    back = parse_markdown(body)
    text_of = {note.label: m.plain_text(note.blocks[0].children) for note in back.footnotes}
    cited = [node.label for node in back.blocks[0].children if isinstance(node, m.FootnoteRef)]
    assert [text_of[label] for label in cited] == [f"note {i}" for i in range(len(labels))]


@settings(max_examples=examples(300), deadline=None)
@given(st.text(max_size=40), st.text(max_size=40))
def test_alt_and_caption_never_break_the_include(alt: str, caption: str) -> None:
    tag = include("/assets/img/x/a.png", css_class="img-fluid", zoomable=True, loading="eager",
                  alt=alt, caption=caption)
    assert re.fullmatch(r'\{% include figure\.liquid( \w+=("[^"%{}]*"|true))+ %\}', tag)  # one tag, whole
    params = dict(re.findall(r'(\w+)="([^"]*)"', tag))
    flat = str.maketrans("\r\n", "  ")
    assert html.unescape(params.get("alt", "")) == alt.translate(flat)
    assert html.unescape(params.get("caption", "")) == caption.translate(flat)
    (figure,) = convert_body(tag + "\n", [])[1]
    assert (figure.alt, figure.caption) == (alt.translate(flat), caption.translate(flat))


@given(st.text(max_size=60))
def test_liquid_protection_is_undone_by_liquid(text: str) -> None:
    protected = protect(text)
    assert unprotect(protected) == text
    outside = re.sub(r"\{% raw %\}.*?\{% endraw %\}", "", protected, flags=re.S)
    assert not re.search(r"\{[{%]", outside.replace("{% raw %}", ""))


def test_escape_attribute_covers_html_and_liquid() -> None:
    assert escape_attribute('a"b\'c<d>e&f{g}h%i') == "a&quot;b&#39;c&lt;d&gt;e&amp;f&#123;g&#125;h&#37;i"


@pytest.mark.parametrize("kind", [*m.BLOCK_TYPES, *m.INLINE_TYPES], ids=lambda t: t.__name__)
def test_every_node_type_has_a_rule(kind: type) -> None:
    assert kind in blog.BLOCK_RENDERERS or kind in blog.INLINE_RENDERERS


def test_an_unknown_node_is_a_loud_error() -> None:
    class Mystery:
        pass

    with pytest.raises(TypeError, match="the blog renderer has no rule for the node type Mystery"):
        blog.render_block(Mystery(), env())  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="the blog renderer has no rule for the node type Mystery"):
        blog.render_inline(Mystery(), env(), blog.Around())  # type: ignore[arg-type]
