"""Tencent's article-structure rules, checked on rendered HTML (by ``check`` and by the tests).

No class, ``<style>``, ``<script>`` or ``font-family``; no fixed width over 677px; ``line-height`` not below
the font size; no ``height:0``; no ``text-align: start|end``; no ``<pre>``; at most 10 identical wrappers
nested in one another.
"""

from __future__ import annotations

import re

from bs4 import BeautifulSoup, Tag

MAX_FIXED_WIDTH_PX = 677
MAX_IDENTICAL_NESTING = 10
_PX = re.compile(r"^(-?[\d.]+)px$")


def structure_problems(html: str) -> list[str]:
    """Every rule the HTML breaks, one line each (empty when it is fine)."""
    soup = BeautifulSoup(html, "html.parser")
    problems: list[str] = []
    for tag in soup.find_all(True):
        problems += _tag_problems(tag)
    return list(dict.fromkeys(problems))


def _tag_problems(tag: Tag) -> list[str]:
    problems = []
    if tag.name in ("style", "script", "pre"):
        problems.append(f"<{tag.name}> is not allowed")
    if tag.has_attr("class"):
        problems.append(f"<{tag.name}> has a class attribute")
    problems += style_problems(tag.name, declarations(str(tag.get("style", ""))))
    if _identical_depth(tag) > MAX_IDENTICAL_NESTING:
        problems.append(f"more than {MAX_IDENTICAL_NESTING} nested <{tag.name}> wrappers")
    return problems


def declarations(style: str) -> dict[str, str]:
    found = {}
    for part in style.split(";"):
        name, _, value = part.partition(":")
        if name.strip():
            found[name.strip().lower()] = value.strip().lower()
    return found


def style_problems(tag: str, style: dict[str, str]) -> list[str]:
    """What one element's inline style breaks."""
    problems = []
    if "font-family" in style:
        problems.append(f"<{tag}> sets font-family")
    for key in ("width", "min-width"):
        px = _px(style.get(key, ""))
        if px is not None and px > MAX_FIXED_WIDTH_PX:
            problems.append(f"<{tag}> has a fixed {key} of {px:g}px (over {MAX_FIXED_WIDTH_PX}px)")
    if style.get("height", "").replace("px", "") == "0":
        problems.append(f"<{tag}> has height:0")
    if style.get("text-align") in ("start", "end"):
        problems.append(f"<{tag}> has text-align:{style['text-align']}")
    if _line_height_too_small(style):
        problems.append(f"<{tag}> has a line-height below its font size")
    return problems


def _px(value: str) -> float | None:
    match = _PX.match(value.strip())
    return float(match.group(1)) if match else None


def _line_height_too_small(style: dict[str, str]) -> bool:
    value = style.get("line-height", "")
    if not value or value == "normal":
        return False
    px, size = _px(value), _px(style.get("font-size", ""))
    if px is not None:
        return size is not None and px < size
    number = re.match(r"^([\d.]+)(em|%)?$", value)
    if not number:
        return False
    ratio = float(number.group(1)) / (100 if number.group(2) == "%" else 1)
    return ratio < 1


def _identical_depth(tag: Tag) -> int:
    depth, node = 1, tag.parent
    while isinstance(node, Tag) and node.name == tag.name:
        depth, node = depth + 1, node.parent
    return depth
