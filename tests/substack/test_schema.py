"""The schema check catches each kind of broken document the brief names (a renderer bug = an error)."""

from __future__ import annotations

import pytest

from leotalk_publish.adapters.substack.errors import SchemaError
from leotalk_publish.adapters.substack.schema import problems, validate


def doc(*blocks: dict) -> dict:
    return {"type": "doc", "content": list(blocks)}


def para(*inline: dict) -> dict:
    return {"type": "paragraph", "content": list(inline)}


def text(value: str, *marks: dict) -> dict:
    node = {"type": "text", "text": value}
    if marks:
        node["marks"] = list(marks)
    return node


GOOD_IMAGE = {"src": "https://cdn.example/x.png", "width": 10, "height": 10, "bytes": 99, "imageSize": "normal"}

BROKEN = {
    "unknown node": (doc({"type": "table", "content": []}), "unknown node type 'table'"),
    "text in a list item": (doc({"type": "bullet_list", "content": [{"type": "list_item", "content": [text("x")]}]}),
                            "list_item may not hold 'text'"),
    "empty text node": (doc(para(text(""))), "empty text node"),
    "link without href": (doc(para(text("x", {"type": "link", "attrs": {"href": ""}}))), "link without href"),
    "heading level": (doc({"type": "heading", "attrs": {"level": 7}, "content": [text("x")]}), "heading needs"),
    "ordered start": (doc({"type": "ordered_list", "attrs": {"start": "1"},
                           "content": [{"type": "list_item", "content": [para(text("x"))]}]}), "ordered_list needs"),
    "image without src": (doc({"type": "captionedImage", "content": [
        {"type": "image2", "attrs": {**GOOD_IMAGE, "src": ""}}]}), "image2 without a src"),
    "unknown image attr": (doc({"type": "captionedImage", "content": [
        {"type": "image2", "attrs": {**GOOD_IMAGE, "colour": 1}}]}), "unknown attrs ['colour']"),
    "unknown mark": (doc(para(text("x", {"type": "underline"}))), "unknown mark"),
    "list item opening with a list": (doc({"type": "bullet_list", "content": [{"type": "list_item", "content": [
        {"type": "bullet_list", "content": [{"type": "list_item", "content": [para(text("x"))]}]}]}]}),
        "must open with a paragraph"),
    "empty list": (doc({"type": "bullet_list", "content": []}), "bullet_list is empty"),
    "image in a paragraph": (doc(para({"type": "captionedImage", "content": []})), "paragraph may not hold"),
    "footnote without number": (doc({"type": "footnote", "content": [para(text("x"))]}), "needs attrs {number"),
}


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_the_schema_names_each_broken_document(name):
    document, expected = BROKEN[name]
    found = problems(document)
    assert any(expected in p for p in found), found
    with pytest.raises(SchemaError):
        validate(document)


def test_a_good_document_has_no_problem():
    good = doc(
        {"type": "heading", "attrs": {"level": 2}, "content": [text("标题")]},
        para(text("见 "), text("原文", {"type": "em"}, {"type": "link", "attrs": {"href": "https://ex.com"}}),
             {"type": "hard_break"}, {"type": "footnoteAnchor", "attrs": {"number": 1}}),
        {"type": "captionedImage", "content": [{"type": "image2", "attrs": GOOD_IMAGE},
                                               {"type": "caption", "content": [text("图注")]}]},
        {"type": "footnote", "attrs": {"number": 1}, "content": [para(text("注"))]},
    )
    assert problems(good) == []


def test_problems_carry_the_path_to_the_node():
    found = problems(doc(para(text("ok")), para(text("x", {"type": "link", "attrs": {}}))))
    assert found == ["doc.content[1].content[0]: link without href"]
