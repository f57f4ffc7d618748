"""Property tests for the parser: it never crashes, joins soft-wrapped lines the CJK way, loses no text."""

from __future__ import annotations

import contextlib
import string

from hypothesis import given, settings
from hypothesis import strategies as st
from mdit_py_cjk_friendly import is_cjk

from leotalk_publish import model as m
from leotalk_publish.errors import DraftError
from leotalk_publish.parse import parse_markdown
from tests.examples import examples
from tests.kit.documents import CJK, FULLWIDTH, LATIN, MARKDOWNISH

plain_chars = st.sampled_from(CJK + LATIN + FULLWIDTH + " ")
plain_line = st.text(plain_chars, min_size=1, max_size=30).map(str.strip).filter(bool)


def all_text(document: m.Document) -> str:
    """The plain text of every block that holds inlines, in reading order."""
    parts: list[str] = []
    for block in m.document_blocks(document):
        if isinstance(block, m.Paragraph | m.Heading):
            parts.append(m.plain_text(block.children))
    return "".join(parts)


@settings(max_examples=examples(300), deadline=None)
@given(st.text(max_size=400))
def test_parse_never_crashes_on_any_text(text: str):
    with contextlib.suppress(DraftError):  # a clear error about the draft is an answer, not a crash
        parse_markdown(text)


@settings(max_examples=examples(300), deadline=None)
@given(MARKDOWNISH)
def test_parse_never_crashes_on_markdown_syntax_soup(text: str):
    with contextlib.suppress(DraftError):
        parse_markdown(text)


@given(st.text(st.sampled_from(CJK), min_size=1, max_size=10), st.text(st.sampled_from(CJK), min_size=1, max_size=10))
def test_two_chinese_lines_join_without_a_space(first: str, second: str):
    (para,) = parse_markdown(f"{first}\n{second}\n").blocks
    assert para.children == (m.Text(first + second),)


latin_word = st.text(st.sampled_from(string.ascii_letters), min_size=1, max_size=10)


@given(latin_word, latin_word)
def test_two_latin_lines_join_with_one_space(first: str, second: str):
    (para,) = parse_markdown(f"{first}\n{second}\n").blocks
    assert para.children == (m.Text(f"{first} {second}"),)


@given(st.text(st.sampled_from(CJK), min_size=1, max_size=5), latin_word)
def test_chinese_then_latin_lines_join_with_one_space(first: str, second: str):
    (para,) = parse_markdown(f"{first}\n{second}\n").blocks
    assert para.children == (m.Text(f"{first} {second}"),)


@given(st.lists(plain_line, min_size=1, max_size=8), st.lists(st.sampled_from(["\n", "\n\n"]), min_size=8, max_size=8))
def test_every_visible_character_survives(lines: list[str], breaks: list[str]):
    text = "".join(line + sep for line, sep in zip(lines, breaks, strict=False))
    visible = "".join(text.split())
    assert "".join(all_text(parse_markdown(text)).split()) == visible


@settings(max_examples=examples(200), deadline=None)
@given(MARKDOWNISH, st.integers(min_value=0, max_value=50))
def test_every_block_line_is_inside_the_file(text: str, offset: int):
    try:
        document = parse_markdown(text, line_offset=offset)
    except DraftError:
        return
    last = offset + text.count("\n") + 1
    for block in m.document_blocks(document):
        assert offset < block.line <= last, (block, offset, last)


def test_the_cjk_set_is_cjk():
    assert all(is_cjk(ch) for ch in CJK)
