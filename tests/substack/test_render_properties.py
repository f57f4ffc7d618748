"""Properties of the renderer over generated documents: every one passes the schema, no text is lost."""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from leotalk_publish import model as m
from leotalk_publish.adapters.substack.html import render_html
from leotalk_publish.adapters.substack.prosemirror import render_document
from leotalk_publish.adapters.substack.schema import problems
from tests.examples import examples
from tests.kit.documents import Grammar, assets, documents

ASSETS = assets({"images/a.png": (900, 600), "images/b.png": (900, 600)})
TEXT = st.text(st.sampled_from(list("ab Z 中文，。“”《》!*_`[]\\<>&\n")), min_size=0, max_size=6)
DOCUMENTS = documents(Grammar(TEXT, tuple(ASSETS), raw=True, footnotes=True))
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
