"""Inline the theme into style attributes (css-inline), then make the styles as short as WeChat needs.

The renderer marks elements with classes (``opinion``, ``list``, ``code`` …) for the theme's selectors;
after inlining every class is removed, ``font-family`` is dropped unless it is a monospace stack for code
(the platform sets the text font itself) and each ``style`` is rewritten compactly (``a: b; c: d;`` →
``a:b;c:d``), because markup counts against the limit; a top-level paragraph's margin that its neighbours'
margins already make (collapsing) is dropped. Only the attributes inside start tags are touched:
text that merely looks like ``class="…"`` (a code line, a sentence about HTML) stays exactly as written.

Built-in themes: ``theme.css`` ("default") and ``themes/<name>.css``; ``themes/compact.css`` is the fit
ladder's compact rung. The user's ``channels/wechat.css`` is applied after the chosen theme.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

import css_inline

from leotalk_publish.adapters.wechat.margins import without_redundant_margins

THEMES = ("default", "ink")
COMPACT = "compact"
# A start tag, its attribute values quoted or not; text holds no raw "<" (it is escaped), so every match
# is a real tag.
START_TAG = re.compile(r"<[a-zA-Z][^\s/>]*(?:\s+[^\s=/>]+(?:\s*=\s*(?:\"[^\"]*\"|'[^']*'|[^\s\"'=<>`]+))?)*\s*/?>")
_ATTRIBUTE = re.compile(r'\s(class|style)="([^"]*)"')


@lru_cache(maxsize=8)
def builtin_css(name: str) -> str:
    """The CSS of a built-in theme ("default", "ink" or "compact")."""
    folder = resources.files(__package__)
    path = folder.joinpath("theme.css") if name == "default" else folder.joinpath("themes", f"{name}.css")
    return path.read_text(encoding="utf-8")


def apply_theme(html: str, css: str) -> str:
    """``html`` with ``css`` inlined, classes removed, styles compacted and the margins that collapsing
    makes redundant dropped (margins.py)."""
    inlined = css_inline.inline_fragment(html, css, load_remote_stylesheets=False)
    return without_redundant_margins(START_TAG.sub(_clean_tag, inlined))


def _clean_tag(match: re.Match[str]) -> str:
    return _ATTRIBUTE.sub(_clean_attribute, match.group(0))


def _clean_attribute(match: re.Match[str]) -> str:
    if match.group(1) == "class":
        return ""
    style = compact_style(match.group(2))
    return f' style="{style}"' if style else ""


def compact_style(style: str) -> str:
    """``"color: #333; margin: 0 0 1em;"`` → ``"color:#333;margin:0 0 1em"``; forbidden properties dropped."""
    declarations: dict[str, str] = {}
    for part in style.split(";"):
        name, _, value = part.partition(":")
        name, value = name.strip().lower(), " ".join(value.split())
        if name and value and allowed(name, value):
            declarations.pop(name, None)
            declarations[name] = value
    return ";".join(f"{name}:{value}" for name, value in declarations.items())


def allowed(name: str, value: str) -> bool:
    """Everything but ``font-family``, which only a monospace stack for code may set."""
    return name != "font-family" or is_monospace_stack(value)


def is_monospace_stack(value: str) -> bool:
    return value.replace("&quot;", "").rsplit(",", 1)[-1].strip().strip("'\"").lower() == "monospace"
