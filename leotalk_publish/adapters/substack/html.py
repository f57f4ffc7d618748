"""Paste-ready HTML for Substack's editor (the export path), written from the same ProseMirror document
the API would receive, so both paths carry the same content. Images point at files beside the HTML."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from html import escape
from typing import Any

Node = dict[str, Any]
_MARK_TAGS = {"strong": "strong", "em": "em", "code": "code", "strikethrough": "s"}
_SIMPLE = {"paragraph": "p", "blockquote": "blockquote", "bullet_list": "ul", "list_item": "li"}


def render_html(doc: Node, title: str, subtitle: str = "", srcs: Mapping[str, str] | None = None) -> str:
    """A whole HTML page: the title and subtitle to type in, then the body to copy and paste."""
    body = "\n".join(node_html(node, srcs or {}) for node in doc.get("content", []))
    head = (f"<header>\n<p>Title: <b>{escape(title)}</b></p>\n<p>Subtitle: <b>{escape(subtitle)}</b></p>\n"
            "<p><i>Type these into Substack's title fields, then copy everything below the line into the "
            "post.</i></p>\n</header>\n<hr>\n")
    return ("<!DOCTYPE html>\n<html>\n<head>\n<meta charset=\"utf-8\">\n"
            f"<title>{escape(title)}</title>\n</head>\n<body>\n{head}<article>\n{body}\n</article>\n"
            "</body>\n</html>\n")


def node_html(node: Node, srcs: Mapping[str, str]) -> str:
    kind = node["type"]
    if kind in _SIMPLE:
        tag = _SIMPLE[kind]
        return f"<{tag}>{children_html(node, srcs)}</{tag}>"
    renderer = _RENDERERS.get(kind)
    if renderer is None:
        raise TypeError(f"no HTML for the Substack node '{kind}'")
    return renderer(node, srcs)


def children_html(node: Node, srcs: Mapping[str, str]) -> str:
    return "".join(node_html(child, srcs) for child in node.get("content", []))


def _text(node: Node, srcs: Mapping[str, str]) -> str:
    html = escape(node["text"]).replace("\n", "<br>")
    for mark in reversed(node.get("marks", [])):
        html = _wrap(mark, html)
    return html


def _wrap(mark: Node, html: str) -> str:
    if mark["type"] == "link":
        return f"<a href=\"{escape(mark['attrs']['href'])}\">{html}</a>"
    tag = _MARK_TAGS[mark["type"]]
    return f"<{tag}>{html}</{tag}>"


def _heading(node: Node, srcs: Mapping[str, str]) -> str:
    level = node["attrs"]["level"]
    return f"<h{level}>{children_html(node, srcs)}</h{level}>"


def _ordered(node: Node, srcs: Mapping[str, str]) -> str:
    start = node["attrs"]["start"]
    attr = f" start=\"{start}\"" if start != 1 else ""
    return f"<ol{attr}>{children_html(node, srcs)}</ol>"


def _code_block(node: Node, srcs: Mapping[str, str]) -> str:
    language = (node.get("attrs") or {}).get("language")
    cls = f" class=\"language-{escape(language)}\"" if language and language != "plaintext" else ""
    code = "".join(escape(t["text"]) for t in node.get("content", []))
    return f"<pre><code{cls}>{code}</code></pre>"


def _image(node: Node, srcs: Mapping[str, str]) -> str:
    image, *rest = node["content"]
    attrs = image["attrs"]
    src = srcs.get(attrs["src"], attrs["src"])
    img = f"<img src=\"{escape(src)}\" alt=\"{escape(attrs.get('alt') or '')}\" width=\"{attrs['resizeWidth']}\">"
    if attrs.get("href"):
        img = f"<a href=\"{escape(attrs['href'])}\">{img}</a>"
    caption = "".join(f"<figcaption>{children_html(c, srcs)}</figcaption>" for c in rest)
    return f"<figure>{img}{caption}</figure>"


def _footnote(node: Node, srcs: Mapping[str, str]) -> str:
    number = node["attrs"]["number"]
    inner = children_html(node, srcs).replace("<p>", f"<p><sup>{number}</sup> ", 1)
    return f"<div class=\"footnote\" id=\"fn{number}\">{inner}</div>"


def _anchor(node: Node, srcs: Mapping[str, str]) -> str:
    number = node["attrs"]["number"]
    return f"<sup><a href=\"#fn{number}\">{number}</a></sup>"


_RENDERERS: dict[str, Callable[[Node, Mapping[str, str]], str]] = {
    "text": _text,
    "hard_break": lambda node, srcs: "<br>",
    "heading": _heading,
    "ordered_list": _ordered,
    "highlighted_code_block": _code_block,
    "horizontal_rule": lambda node, srcs: "<hr>",
    "captionedImage": _image,
    "footnote": _footnote,
    "footnoteAnchor": _anchor,
}
