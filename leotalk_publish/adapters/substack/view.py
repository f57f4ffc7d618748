"""What a reader sees of a Substack draft, as lines of text: the form in which drift is told apart from
Substack's own re-serialisation.

Substack hands a draft back in its own serialisation (keys sorted, non-ASCII escaped, image attributes
filled in with defaults), so the bytes read back never equal the bytes sent. ``reader_view`` keeps only what
shows: the title, the subtitle, each block's kind and text, marks, link targets, each image's address, alt
text and link. Two drafts with the same view look the same to a reader.
"""

from __future__ import annotations

import difflib
import hashlib
import json
from typing import Any

Node = dict[str, Any]
MARK_SIGNS = {"strong": "**", "em": "_", "code": "`", "strikethrough": "~~"}


def reader_view(title: str, subtitle: str, body: Any) -> list[str]:
    """The draft as lines: ``title: …``, ``subtitle: …``, then one line per block (nested ones indented)."""
    doc = json.loads(body) if isinstance(body, str) else body
    lines = [f"title: {title or ''}", f"subtitle: {subtitle or ''}"]
    for node in (doc or {}).get("content") or []:
        lines += _block(node, "")
    return lines


def view_hash(lines: list[str]) -> str:
    return hashlib.sha256("\n".join(lines).encode("utf-8")).hexdigest()


def short_diff(before: list[str], after: list[str], limit: int = 12) -> str:
    """A unified diff of two views, cut to ``limit`` changed lines."""
    changed = [line for line in difflib.unified_diff(before, after, "last pushed", "on Substack now", n=0,
                                                     lineterm="") if not line.startswith("@@")]
    if len(changed) > limit + 2:
        changed = [*changed[:limit + 2], f"… ({len(changed) - limit - 2} more changed lines)"]
    return "\n".join(changed)


def _block(node: Node, indent: str) -> list[str]:
    kind = node.get("type", "?")
    if kind in ("bullet_list", "ordered_list"):
        return _list(node, indent)
    if kind == "captionedImage":
        return [indent + _image(node)]
    if kind in ("blockquote", "footnote"):
        sign = "> " if kind == "blockquote" else f"[^{(node.get('attrs') or {}).get('number')}]: "
        return [line for child in node.get("content") or [] for line in _block(child, indent + sign)]
    if kind == "heading":
        return [f"{indent}{'#' * int((node.get('attrs') or {}).get('level') or 1)} {_inline(node)}"]
    if kind in ("code_block", "highlighted_code_block"):
        return [f"{indent}```{(node.get('attrs') or {}).get('language') or ''}", *_inline(node).split("\n"),
                f"{indent}```"]
    if kind == "horizontal_rule":
        return [f"{indent}---"]
    if kind == "paragraph":
        return [indent + _inline(node)]
    return [f"{indent}{kind}: {_inline(node)}"]


def _list(node: Node, indent: str) -> list[str]:
    ordered = node.get("type") == "ordered_list"
    number = int((node.get("attrs") or {}).get("start") or 1)
    out: list[str] = []
    for index, item in enumerate(node.get("content") or []):
        sign = f"{number + index}. " if ordered else "- "
        inner = [line for child in item.get("content") or [] for line in _block(child, indent + "   ")]
        out += [indent + sign + inner[0].lstrip(), *inner[1:]] if inner else [indent + sign]
    return out


def _image(node: Node) -> str:
    image: Node = next((c for c in node.get("content") or [] if c.get("type") == "image2"), {})
    attrs = image.get("attrs") or {}
    caption = "".join(_inline(c) for c in node.get("content") or [] if c.get("type") == "caption")
    link = f" → {attrs['href']}" if attrs.get("href") else ""
    return f"image {attrs.get('src')} alt={attrs.get('alt') or ''!r}{link}" + (f" caption: {caption}" if caption
                                                                            else "")


def _inline(node: Node) -> str:
    out = []
    for child in node.get("content") or []:
        kind = child.get("type")
        if kind == "text":
            out.append(_marked(child))
        elif kind == "hard_break":
            out.append("\\n")
        elif kind == "footnoteAnchor":
            out.append(f"[^{(child.get('attrs') or {}).get('number')}]")
        else:
            out.append(_inline(child))
    return "".join(out)


def _marked(node: Node) -> str:
    text = str(node.get("text", ""))
    for mark in sorted(node.get("marks") or [], key=lambda mk: str(mk.get("type"))):
        if mark.get("type") == "link":
            text = f"[{text}]({(mark.get('attrs') or {}).get('href')})"
        else:
            sign = MARK_SIGNS.get(str(mark.get("type")), "")
            text = f"{sign}{text}{sign}"
    return text
