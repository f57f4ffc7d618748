"""Margins that collapsing makes redundant, removed from the article's top-level paragraphs.

Vertical margins of adjacent blocks collapse: the gap between two blocks is the larger of the first one's
bottom margin and the second one's top margin. A paragraph whose top margin is no larger than the bottom
margin of the block before it, and whose bottom margin is no larger than the top margin of the block
after it, adds nothing to either gap: its margin declaration is dropped (21 characters for the default
theme's ``margin:1em 0``) and the page looks the same — WeChat sets no margin on ``p`` and the neighbours'
margins make both gaps. Runs of paragraphs lose every other margin; a paragraph between a heading whose
bottom margin is as large as a paragraph's and the next paragraph loses its own.

Only the root section's direct children are considered, only blocks in normal flow (``p``, headings,
``section``, ``blockquote``, ``hr``) count as neighbours, and only margins in ``px`` or ``em`` (of the
element's own ``font-size`` in ``px`` or ``em``, or the root's, which must be in ``px``). Works on the
themed HTML, so the user's CSS is taken into account. Text holds no raw ``<`` (it is escaped), so every
``<…>`` is a tag.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)([^>]*)>")
_STYLE = re.compile(r'\sstyle="([^"]*)"')
_LENGTH = re.compile(r"^(\d*\.?\d+)(px|em)$|^0$")
VOID = frozenset({"img", "br", "hr", "wbr", "input", "meta", "link", "source", "col", "area", "base", "embed"})
BLOCKS = frozenset({"p", "h1", "h2", "h3", "h4", "h5", "h6", "section", "blockquote", "hr"})
OUT_OF_FLOW = ("display", "float", "position")


@dataclass
class Child:
    """A direct child of the root: its tag name, where its start tag is, its declarations."""

    name: str
    start: int
    end: int  # end of the start tag
    style: dict[str, str]
    top: float | None = None
    bottom: float | None = None


def without_redundant_margins(html: str) -> str:
    """``html`` (one root element) with the margin of each top-level paragraph that collapsing hides."""
    root, children = _children(html)
    size = root.get("font-size", "") if root is not None else ""
    base = _px(size, 0.0) if size.endswith("px") else None
    if base is None:
        return html
    for child in children:
        child.top, child.bottom = _margins(child, base)
    dropped = []
    for before, child, after in zip(children, children[1:], children[2:], strict=False):
        if _redundant(before, child, after):
            del child.style["margin"]
            child.top = child.bottom = 0.0
            dropped.append(child)
    for child in reversed(dropped):
        html = html[:child.start] + _restyled(html[child.start:child.end], child.style) + html[child.end:]
    return html


def _children(html: str) -> tuple[dict[str, str] | None, list[Child]]:
    """The root's declarations and its direct children (``None`` when the HTML is not one element)."""
    depth, root, children = 0, None, []
    for match in _TAG.finditer(html):
        closing, name = match.group(1), match.group(2).lower()
        if closing:
            depth -= 1
            continue
        if depth == 0 and root is not None:
            return None, []
        if depth == 0:
            root = _declarations(match.group(3))
        elif depth == 1:
            children.append(Child(name, match.start(), match.end(), _declarations(match.group(3))))
        if name not in VOID and not match.group(3).rstrip().endswith("/"):
            depth += 1
    return root, children


def _declarations(attributes: str) -> dict[str, str]:
    found = _STYLE.search(attributes)
    pairs = (part.partition(":") for part in found.group(1).split(";")) if found else ()
    return {name.strip(): value.strip() for name, _, value in pairs if name.strip()}


def _margins(child: Child, base: float) -> tuple[float | None, float | None]:
    """Top and bottom margin in px, or ``None`` where unknown (or the element is not a block in flow)."""
    if child.name not in BLOCKS or any(name in child.style for name in OUT_OF_FLOW):
        return None, None
    size = _px(child.style.get("font-size", "1em"), base)
    if size is None or any(name.startswith("margin-") for name in child.style):
        return None, None
    parts = child.style.get("margin", "0").split()
    if not 1 <= len(parts) <= 4:
        return None, None
    top, bottom = parts[0], parts[2] if len(parts) > 2 else parts[0]
    return _px(top, size), _px(bottom, size)


def _px(length: str, em: float) -> float | None:
    found = _LENGTH.match(length.strip())
    if not found:
        return None
    if found.group(1) is None:
        return 0.0
    return float(found.group(1)) * (em if found.group(2) == "em" else 1.0)


def _redundant(before: Child, child: Child, after: Child) -> bool:
    """True when ``child`` is a paragraph whose margin both of its neighbours' margins cover."""
    if child.name != "p" or "margin" not in child.style or child.top is None or child.bottom is None:
        return False
    if before.bottom is None or after.top is None:
        return False
    return child.top <= before.bottom and child.bottom <= after.top


def _restyled(tag: str, declarations: dict[str, str]) -> str:
    """The start tag ``tag`` with its style set to ``declarations`` (removed when there are none)."""
    style = ";".join(f"{name}:{value}" for name, value in declarations.items())
    return _STYLE.sub(lambda _: f' style="{style}"' if style else "", tag, count=1)
