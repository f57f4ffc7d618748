"""Tencent's article-structure rules, checked on rendered HTML (by ``check`` and by the tests).

No class, ``<style>`` or ``<script>``; no ``font-family`` except a monospace stack for code; no fixed width
over 677px; ``line-height`` not below the font size; no ``height:0``; no ``text-align: start|end``; no
``<pre>``; no gradient background (dark mode); at most 10 identical wrappers nested in one another.
Parsed with the standard library's ``html.parser`` (cheap to import).
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from leotalk_publish.adapters.wechat.theme import is_monospace_stack

MAX_FIXED_WIDTH_PX = 677
MAX_IDENTICAL_NESTING = 10
VOID = frozenset({"br", "hr", "img", "input", "meta", "link", "wbr", "col", "area", "base", "source"})
_PX = re.compile(r"^(-?[\d.]+)px$")


class _Walker(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.open: list[str] = []
        self.problems: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        self.problems += tag_problems(tag, found, _run_of(self.open, tag) + 1)
        if tag not in VOID:
            self.open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in self.open:
            del self.open[len(self.open) - 1 - self.open[::-1].index(tag):]


def _run_of(open_tags: list[str], tag: str) -> int:
    """How many ``tag`` elements directly enclose one another at the innermost end of ``open_tags``."""
    run = 0
    for name in reversed(open_tags):
        if name != tag:
            break
        run += 1
    return run


def structure_problems(html: str) -> list[str]:
    """Every rule the HTML breaks, one line each (empty when it is fine)."""
    walker = _Walker()
    walker.feed(html)
    walker.close()
    return list(dict.fromkeys(walker.problems))


def tag_problems(tag: str, attrs: dict[str, str | None], nesting: int) -> list[str]:
    problems = []
    if tag in ("style", "script", "pre"):
        problems.append(f"<{tag}> is not allowed")
    if "class" in attrs:
        problems.append(f"<{tag}> has a class attribute")
    problems += style_problems(tag, declarations(attrs.get("style") or ""))
    if nesting > MAX_IDENTICAL_NESTING:
        problems.append(f"more than {MAX_IDENTICAL_NESTING} nested <{tag}> wrappers")
    return problems


def declarations(style: str) -> dict[str, str]:
    """An inline style's declarations, ``!important`` taken off (it changes which rule wins, not the value)."""
    found = {}
    for part in style.split(";"):
        name, _, value = part.partition(":")
        if name.strip():
            found[name.strip().lower()] = _IMPORTANT.sub("", value.strip().lower())
    return found


def style_problems(tag: str, style: dict[str, str]) -> list[str]:
    """What one element's inline style breaks."""
    problems = []
    if "font-family" in style and not is_monospace_stack(style["font-family"]):
        problems.append(f"<{tag}> sets font-family (only code may, with a stack ending in monospace)")
    for key in ("width", "min-width"):
        px = _px(style.get(key, ""))
        if px is not None and px > MAX_FIXED_WIDTH_PX:
            problems.append(f"<{tag}> has a fixed {key} of {px:g}px (over {MAX_FIXED_WIDTH_PX}px)")
    if style.get("height", "").replace("px", "") == "0":
        problems.append(f"<{tag}> has height:0")
    if style.get("text-align") in ("start", "end"):
        problems.append(f"<{tag}> has text-align:{style['text-align']}")
    if any("gradient(" in style.get(key, "") for key in ("background", "background-image")):
        problems.append(f"<{tag}> has a gradient background (illegible in WeChat's dark mode)")
    if _line_height_too_small(style):
        problems.append(f"<{tag}> has a line-height below its font size")
    if hidden := _hiding(style):
        problems.append(f"<{tag}> has {hidden}, which hides what it holds from the reader")
    return problems


def _hiding(style: dict[str, str]) -> str:
    """The declaration that makes an element invisible ("" when none does)."""
    for name, values in (("display", ("none",)), ("visibility", ("hidden", "collapse")), ("opacity", ("0",))):
        if style.get(name) in values:
            return f"{name}:{style[name]}"
    return ""


_IMPORTANT = re.compile(r"\s*!\s*important\s*$")
MIN_FONT_PX = 12  # no text of an article is smaller, so a line-height in px under it is under the font size


def _px(value: str) -> float | None:
    match = _PX.match(value.strip())
    return float(match.group(1)) if match else None


def _line_height_too_small(style: dict[str, str]) -> bool:
    value = style.get("line-height", "")
    if not value or value == "normal":
        return False
    px, size = _px(value), _px(style.get("font-size", ""))
    if px is not None:  # without a font size of its own, the smallest an article's text is set in
        return px < (size if size is not None else MIN_FONT_PX)
    number = re.match(r"^([\d.]+)(em|%)?$", value)
    if not number:
        return False
    ratio = float(number.group(1)) / (100 if number.group(2) == "%" else 1)
    return ratio < 1
