"""The one document grammar of the property tests: Markdown source for the parser, model documents for the
renderers.

``documents(Grammar(...))`` draws a ``model.Document`` of every block and inline node type; a renderer's tests
choose the words, the images and the links it is fed, and whether raw HTML and footnotes are in it. The Markdown
alphabets and pieces below feed the parser's and the blog's round-trip properties.
"""

from __future__ import annotations

import string
from dataclasses import dataclass
from pathlib import Path

from hypothesis import strategies as st

from leotalk_publish import model as m

# ── Markdown source, for the parser and the blog's round trip ─────────────────────────────────────────────
CJK = "".join(map(chr, range(0x4E00, 0x4E00 + 600)))  # CJK Unified Ideographs
LATIN = string.ascii_letters + string.digits
FULLWIDTH = "，。：；！？“”（）、"
MARKDOWN_PIECES = [*"#*_-+>|`[]()!^:\\ 1.\t", "\n", "中", "文", "a", "b", "**", "```", "[^a]", "[^a]: ", "![x](y.png)",
                   "| a | b |\n|---|---|\n", "<b>", "- ", "1. ", "> ", "    "]
MARKDOWN_CHARS = [*"\\`*_[]()<>!#&;|~$:{}%+-=.1 \"'^", "中", "文", "a", "b", "Z", "0"]
MARKDOWNISH = st.lists(st.sampled_from(MARKDOWN_PIECES), max_size=80).map("".join)


# ── model documents, for the renderers ───────────────────────────────────────────────────────────────────
def assets(sizes: dict[str, tuple[int, int]]) -> dict[str, m.Asset]:
    """Assets for image sources that exist only in the model (``src`` → (width, height))."""
    return {src: m.Asset(src=src, path=Path("/nonexistent") / src, sha256=src * 4, size=1234, mime="image/png",
                         width=width, height=height) for src, (width, height) in sizes.items()}


@dataclass(frozen=True)
class Grammar:
    """What a renderer's property tests feed it: the words, image sources and links, and which optional nodes."""

    words: st.SearchStrategy[str]
    images: tuple[str, ...]
    hrefs: tuple[str, ...] = ("https://example.com/x", "", "#top")
    code: st.SearchStrategy[str] | None = None  # a code block's text (default: the words)
    languages: tuple[str, ...] = ("", "python")
    captions: st.SearchStrategy[str] | None = None  # default: the words
    raw: bool = False  # raw HTML inline and as blocks
    footnotes: bool = False  # footnote references and the footnotes they point to
    least: int = 0  # the fewest children of a container (1: no empty paragraph, list item or link)
    inline_depth: int = 2  # containers in containers (a link in bold in emphasis is depth 3)
    block_depth: int = 2  # lists and quotes in lists and quotes


RAW = ("<br>", "<span>", "</span>", "<!-- c -->", "<b>x</b>", "<img src=x.png>")


def _kids(g: Grammar, of: st.SearchStrategy, most: int) -> st.SearchStrategy:
    return st.lists(of, min_size=g.least, max_size=most).map(tuple)


def _image(g: Grammar) -> st.SearchStrategy[m.Image]:
    captions = g.words if g.captions is None else g.captions
    return st.builds(m.Image, src=st.sampled_from(g.images), alt=g.words, caption=captions)


def _inline_leaf(g: Grammar) -> st.SearchStrategy:
    leaves = [g.words.map(m.Text), g.words.map(m.Code), st.just(m.HardBreak()), _image(g).map(m.InlineImage)]
    if g.raw:
        leaves.append(st.sampled_from(RAW).map(m.RawInline))
    if g.footnotes:
        leaves.append(st.builds(m.FootnoteRef, label=st.just("n"), number=st.integers(1, 3)))
    return st.one_of(leaves)


def inlines(g: Grammar) -> st.SearchStrategy[tuple[m.Inline, ...]]:
    """A run of inline nodes: text, code, breaks, images and up to ``g.inline_depth`` containers around them."""
    inline = _inline_leaf(g)
    for _ in range(g.inline_depth):
        kids = _kids(g, inline, 3)
        inline = st.one_of(inline, st.builds(m.Strong, kids), st.builds(m.Emphasis, kids),
                           st.builds(m.Strikethrough, kids), st.builds(m.Link, href=st.sampled_from(g.hrefs),
                                                                       children=kids))
    return st.lists(inline, min_size=g.least, max_size=4).map(tuple)


def _table(g: Grammar, runs: st.SearchStrategy) -> st.SearchStrategy[m.Table]:
    def table(width: int) -> st.SearchStrategy[m.Table]:
        row = st.lists(runs.map(m.TableCell), min_size=width, max_size=width).map(tuple)
        aligns = ("", "center", "right")[:width]
        return st.builds(lambda head, rows: m.Table(head, tuple(rows), aligns), row, st.lists(row, max_size=2))

    return st.integers(1, 3).flatmap(table)


def _leaf_block(g: Grammar) -> st.SearchStrategy:
    runs = inlines(g)
    leaves = [runs.map(m.Paragraph), runs.map(lambda k: m.Paragraph((m.Emphasis(k),))),
              st.builds(m.Heading, level=st.integers(1, 6), children=runs),
              st.builds(m.CodeBlock, code=g.words if g.code is None else g.code, language=st.sampled_from(g.languages)),
              st.just(m.ThematicBreak()), st.lists(_image(g), min_size=1, max_size=3).map(tuple).map(m.Figures),
              _table(g, runs)]
    if g.raw:
        leaves.append(st.sampled_from(RAW).map(m.RawBlock))
    return st.one_of(leaves)


def blocks(g: Grammar) -> st.SearchStrategy[tuple[m.Block, ...]]:
    """A run of blocks: every leaf block, nested up to ``g.block_depth`` deep in lists and quotes."""
    block = _leaf_block(g)
    for _ in range(g.block_depth):
        items = st.lists(_kids(g, block, 3).map(m.ListItem), min_size=1, max_size=3).map(tuple)
        block = st.one_of(block, st.builds(m.BulletList, items),
                          st.builds(m.OrderedList, items, start=st.integers(0, 9)),
                          st.builds(m.Blockquote, _kids(g, block, 3)))
    return st.lists(block, min_size=g.least, max_size=6).map(tuple)


def documents(g: Grammar) -> st.SearchStrategy[m.Document]:
    """Whole documents of the grammar, with footnotes when it has them."""
    if not g.footnotes:
        return blocks(g).map(m.Document)
    notes = st.lists(blocks(g), max_size=2).map(
        lambda found: tuple(m.Footnote(label=str(i), number=i + 1, blocks=b) for i, b in enumerate(found)))
    return st.builds(m.Document, blocks(g), notes)
