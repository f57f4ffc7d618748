"""Substack's ProseMirror schema, as far as this channel writes it: every document is checked before it
leaves (render, export and push), so a renderer bug is an error here, never a broken draft.

``problems(doc)`` lists every violation with its path (``content[3].content[0]``); ``validate(doc)``
raises ``SchemaError`` with all of them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from leotalk_publish.adapters.substack.errors import SchemaError

INLINE = frozenset({"text", "hard_break", "footnoteAnchor"})
LISTS = frozenset({"bullet_list", "ordered_list"})
BLOCK = frozenset({"paragraph", "heading", "blockquote", "captionedImage", "highlighted_code_block",
                   "horizontal_rule",
                   *LISTS})
MARKS = frozenset({"strong", "em", "code", "strikethrough", "link"})
IMAGE_ATTRS = frozenset({"src", "fullscreen", "imageSize", "height", "width", "resizeWidth", "bytes", "alt",
                         "title", "type", "href", "belowTheFold", "internalRedirect"})


@dataclass(frozen=True)
class Spec:
    content: frozenset[str]  # allowed child types
    attrs: Callable[[dict[str, Any]], str] | None = None  # returns a problem, or ""
    first: str = ""  # the type the first child must have
    min_children: int = 0
    max_children: int | None = None


def _no_attrs(attrs: dict[str, Any]) -> str:
    return f"unexpected attrs {sorted(attrs)}" if attrs else ""


def _heading_attrs(attrs: dict[str, Any]) -> str:
    level = attrs.get("level")
    ok = isinstance(level, int) and not isinstance(level, bool) and 1 <= level <= 6 and set(attrs) == {"level"}
    return "" if ok else f"heading needs attrs {{level: 1–6}}, got {attrs}"


def _ordered_attrs(attrs: dict[str, Any]) -> str:
    start = attrs.get("start")
    ok = isinstance(start, int) and not isinstance(start, bool) and start >= 0 and attrs == {"start": start,
                                                                                           "order": start}
    return "" if ok else f"ordered_list needs attrs {{start: int ≥ 0, order: the same}}, got {attrs}"


def _number_attrs(attrs: dict[str, Any]) -> str:
    number = attrs.get("number")
    ok = isinstance(number, int) and number >= 1 and set(attrs) == {"number"}
    return "" if ok else f"needs attrs {{number: int ≥ 1}}, got {attrs}"


def _code_attrs(attrs: dict[str, Any]) -> str:
    ok = set(attrs) == {"language"} and isinstance(attrs.get("language"), str) and attrs["language"]
    return "" if ok else f"highlighted_code_block takes attrs {{language: str}}, got {attrs}"


def _image_attrs(attrs: dict[str, Any]) -> str:
    unknown = set(attrs) - IMAGE_ATTRS
    if unknown:
        return f"image2 has unknown attrs {sorted(unknown)}"
    if not isinstance(attrs.get("src"), str) or not attrs["src"]:
        return "image2 without a src"
    sizes = [attrs.get(k) for k in ("width", "height", "bytes")]
    if not all(isinstance(v, int) and v > 0 for v in sizes):
        return f"image2 needs positive width/height/bytes, got {sizes}"
    return "" if attrs.get("imageSize") in ("normal", "wide") else "image2 imageSize is not normal/wide"


SPECS: dict[str, Spec] = {
    "doc": Spec(BLOCK | {"footnote"}),
    "paragraph": Spec(INLINE),
    "heading": Spec(INLINE, _heading_attrs, min_children=1),
    "bullet_list": Spec(frozenset({"list_item"}), min_children=1),
    "ordered_list": Spec(frozenset({"list_item"}), _ordered_attrs, min_children=1),
    "list_item": Spec(frozenset({"paragraph"}) | LISTS, first="paragraph", min_children=1),
    "blockquote": Spec(frozenset({"paragraph"}) | LISTS, min_children=1),
    "captionedImage": Spec(frozenset({"image2", "caption"}), first="image2", min_children=1, max_children=2),
    "image2": Spec(frozenset(), _image_attrs),
    "caption": Spec(frozenset({"text"})),
    "highlighted_code_block": Spec(frozenset({"text"}), _code_attrs, max_children=1),
    "horizontal_rule": Spec(frozenset()),
    "footnote": Spec(frozenset({"paragraph"}), _number_attrs, min_children=1),
    "footnoteAnchor": Spec(frozenset(), _number_attrs),
    "hard_break": Spec(frozenset()),
}


def problems(doc: Any) -> list[str]:
    """Every violation in a document, each with its path."""
    found: list[str] = []
    if not isinstance(doc, dict) or doc.get("type") != "doc":
        return ["the root is not a {type: doc} node"]
    _check(doc, "doc", found)
    return found


def validate(doc: Any) -> None:
    found = problems(doc)
    if found:
        raise SchemaError("the Substack document breaks the schema:\n  " + "\n  ".join(found[:20]))


def _check(node: Any, path: str, found: list[str]) -> None:
    if not isinstance(node, dict) or not isinstance(node.get("type"), str):
        found.append(f"{path}: not a node")
        return
    kind = node["type"]
    if kind == "text":
        found.extend(f"{path}: {p}" for p in _text_problems(node))
        return
    spec = SPECS.get(kind)
    if spec is None:
        found.append(f"{path}: unknown node type '{kind}'")
        return
    found.extend(f"{path}: {p}" for p in _node_problems(node, spec))
    for index, child in enumerate(node.get("content", [])):
        _check(child, f"{path}.content[{index}]", found)


def _node_problems(node: dict[str, Any], spec: Spec) -> list[str]:
    kind, content = node["type"], node.get("content", [])
    out = [p for p in [(spec.attrs or _no_attrs)(node.get("attrs") or {})] if p]
    unknown_keys = set(node) - {"type", "attrs", "content"}
    if unknown_keys:
        out.append(f"{kind} has unexpected keys {sorted(unknown_keys)}")
    if not isinstance(content, list):
        return [*out, f"{kind} content is not a list"]
    kinds = [c.get("type") if isinstance(c, dict) else None for c in content]
    out += [f"{kind} may not hold '{k}'" for k in dict.fromkeys(kinds) if k not in spec.content]
    if len(content) < spec.min_children:
        out.append(f"{kind} is empty")
    if spec.max_children is not None and len(content) > spec.max_children:
        out.append(f"{kind} holds {len(content)} children (at most {spec.max_children})")
    if spec.first and kinds and kinds[0] != spec.first:
        out.append(f"{kind} must open with a {spec.first}, not '{kinds[0]}'")
    return out


def _text_problems(node: dict[str, Any]) -> list[str]:
    out: list[str] = []
    if not isinstance(node.get("text"), str) or not node["text"]:
        out.append("empty text node")
    if set(node) - {"type", "text", "marks"}:
        out.append(f"text has unexpected keys {sorted(set(node) - {'type', 'text', 'marks'})}")
    for mark in node.get("marks", []):
        out.extend(_mark_problems(mark))
    types = [mk.get("type") for mk in node.get("marks", []) if isinstance(mk, dict)]
    if len(types) != len(set(types)):
        out.append(f"repeated marks {types}")
    return out


def _mark_problems(mark: Any) -> list[str]:
    if not isinstance(mark, dict) or mark.get("type") not in MARKS:
        return [f"unknown mark {mark!r}"]
    attrs = mark.get("attrs") or {}
    if mark["type"] == "link":
        href = attrs.get("href")
        return [] if isinstance(href, str) and href.strip() else ["link without href"]
    return [f"mark {mark['type']} takes no attrs"] if attrs else []
