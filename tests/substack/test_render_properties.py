"""Properties of the renderer over generated documents: every one passes the schema, no text is lost."""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from leotalk_publish import model as m
from leotalk_publish.adapters.substack.html import render_html
from leotalk_publish.adapters.substack.prosemirror import render_document
from leotalk_publish.adapters.substack.schema import problems
from tests.examples import examples

ASSETS = {src: m.Asset(src=src, path=Path("/nonexistent") / src, sha256=src * 4, size=1234, mime="image/png",
                       width=900, height=600) for src in ("images/a.png", "images/b.png")}
CHARS = st.sampled_from(list("ab Z 中文，。“”《》!*_`[]\\<>&\n"))
TEXT = st.text(CHARS, min_size=0, max_size=6)
IMAGE = st.builds(m.Image, src=st.sampled_from(sorted(ASSETS)), alt=TEXT, caption=TEXT)
RAW = st.sampled_from(["<br>", "<span>", "</span>", "<!-- c -->", "<b>x</b>", "<img src=x.png>"])

LEAF = st.one_of(
    st.builds(m.Text, TEXT), st.builds(m.Code, TEXT), st.just(m.HardBreak()), st.builds(m.RawInline, RAW),
    st.builds(m.FootnoteRef, label=st.just("n"), number=st.integers(1, 3)), st.builds(m.InlineImage, IMAGE))


def _containers(children: st.SearchStrategy) -> st.SearchStrategy:
    kids = st.lists(children, max_size=3).map(tuple)
    href = st.sampled_from(["https://example.com/x", "", "#top"])
    return st.one_of(st.builds(m.Strong, kids), st.builds(m.Emphasis, kids), st.builds(m.Strikethrough, kids),
                     st.builds(m.Link, href=href, children=kids))


INLINE = st.recursive(LEAF, _containers, max_leaves=8)
INLINES = st.lists(INLINE, max_size=5).map(tuple)
CELL = st.builds(m.TableCell, INLINES)
LEAF_BLOCK = st.one_of(
    st.builds(m.Paragraph, INLINES), st.builds(m.Heading, level=st.integers(1, 6), children=INLINES),
    st.builds(m.CodeBlock, code=TEXT, language=st.sampled_from(["", "python"])), st.just(m.ThematicBreak()),
    st.builds(m.Figures, st.lists(IMAGE, min_size=1, max_size=2).map(tuple)),
    st.builds(m.RawBlock, RAW),
    st.builds(lambda h, r: m.Table(tuple(h), tuple(tuple(x) for x in r), ("",) * len(h)),
              st.lists(CELL, min_size=1, max_size=3), st.lists(st.lists(CELL, max_size=3), max_size=2)))


def _nested(blocks: st.SearchStrategy) -> st.SearchStrategy:
    items = st.lists(st.builds(m.ListItem, st.lists(blocks, max_size=3).map(tuple)), min_size=1, max_size=3)
    return st.one_of(st.builds(m.BulletList, items.map(tuple)),
                     st.builds(m.OrderedList, items.map(tuple), start=st.integers(0, 9)),
                     st.builds(m.Blockquote, st.lists(blocks, max_size=3).map(tuple)))


BLOCKS = st.lists(st.recursive(LEAF_BLOCK, _nested, max_leaves=10), max_size=6).map(tuple)
FOOTNOTES = st.lists(BLOCKS, max_size=2).map(
    lambda notes: tuple(m.Footnote(label=str(i), number=i + 1, blocks=b) for i, b in enumerate(notes)))
DOCUMENTS = st.builds(m.Document, BLOCKS, FOOTNOTES)
SETTINGS = settings(max_examples=examples(300), deadline=None, suppress_health_check=[HealthCheck.too_slow])


def model_texts(document: m.Document) -> list[str]:
    """Every text a reader of the model would see (text runs, code, captions)."""
    found: list[str] = []
    for block in m.document_blocks(document):
        found += [n.text for n in m.block_inlines(block) if isinstance(n, m.Text | m.Code)]
        if isinstance(block, m.CodeBlock):
            found.append(block.code.rstrip("\n"))
    found += [image.caption for image in m.all_images(document)]
    return [text for text in found if text]


def doc_text(node: dict) -> str:
    return node.get("text", "") + "".join(doc_text(child) for child in node.get("content", []))


@SETTINGS
@given(DOCUMENTS)
def test_every_rendered_document_passes_the_schema(document):
    assert problems(render_document(document, ASSETS)) == []


@SETTINGS
@given(DOCUMENTS)
def test_every_text_survives(document):
    rendered = doc_text(render_document(document, ASSETS))
    for text in model_texts(document):
        assert text in rendered


@SETTINGS
@given(DOCUMENTS)
def test_every_image_survives_in_order(document):
    doc = render_document(document, ASSETS)
    srcs = [img["attrs"]["src"] for img in _images(doc)]
    assert sorted(srcs) == sorted(image.src for image in m.all_images(document))


@SETTINGS
@given(DOCUMENTS)
def test_the_paste_ready_html_renders_every_document(document):
    doc = render_document(document, ASSETS)
    html = render_html(doc, "标题 <1>", "副标题")
    assert html.count("<figure>") == len(list(_images(doc)))
    assert "标题 &lt;1&gt;" in html
    json.dumps(doc)  # plain data, ready to send


def _images(node: dict):
    if node.get("type") == "image2":
        yield node
    for child in node.get("content", []):
        yield from _images(child)
