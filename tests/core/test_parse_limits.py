"""The parser never drops content: any mix of lists and quotes is either read whole (its last words present)
or refused at a line of index.md; never cut off, never a RecursionError."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from leotalk_publish import model as m
from leotalk_publish.errors import DraftError
from leotalk_publish.parse import MAX_BLOCK_LEVEL, parse_markdown
from tests.examples import examples

containers = st.lists(st.sampled_from(["- ", "> ", "1. "]), min_size=1, max_size=40)


def nested(prefixes: list[str]) -> str:
    """One container per line, each inside the one before (a list item's content starts after its marker)."""
    lines, indent = [], ""
    for prefix in prefixes:
        lines.append(indent + prefix + "层")
        indent += " " * len(prefix) if prefix != "> " else "> "
    return "\n".join(lines) + " 最深MARK\n\n之后MARK\n"


def levels(prefixes: list[str]) -> int:
    return sum(1 if p == "> " else 2 for p in prefixes)


def text_of(document: m.Document) -> str:
    return "".join(m.plain_text(b.children) for b in m.document_blocks(document) if hasattr(b, "children"))


@settings(max_examples=examples(400))
@given(prefixes=containers)
def test_nesting_is_read_whole_or_refused_at_a_line(prefixes):
    source = nested(prefixes)
    try:
        document = parse_markdown(source, line_offset=5, source="index.md")
    except DraftError as exc:
        assert levels(prefixes) > MAX_BLOCK_LEVEL, str(exc)
        assert str(exc).startswith("index.md:") and "nested more than" in str(exc)
        return
    assert "最深MARK" in text_of(document) and "之后MARK" in text_of(document)
