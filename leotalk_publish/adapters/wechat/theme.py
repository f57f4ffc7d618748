"""Inline the theme into style attributes (css-inline), then make the styles as short as WeChat needs.

The renderer marks elements with classes (``opinion``, ``list``, ``code`` …) for the theme's selectors;
after inlining every class is removed, ``font-family`` is dropped (the platform sets its own) and each
``style`` is rewritten compactly (``a: b; c: d;`` → ``a:b;c:d``), because markup counts against the limit.
"""

from __future__ import annotations

import re

import css_inline

FORBIDDEN_PROPERTIES = frozenset({"font-family"})
_STYLE = re.compile(r' style="([^"]*)"')
_CLASS = re.compile(r' class="[^"]*"')


def apply_theme(html: str, css: str) -> str:
    """``html`` with ``css`` inlined, classes removed and styles compacted."""
    inlined = css_inline.inline_fragment(html, css, load_remote_stylesheets=False)
    return _CLASS.sub("", _STYLE.sub(_compact_match, inlined))


def _compact_match(match: re.Match[str]) -> str:
    style = compact_style(match.group(1))
    return f' style="{style}"' if style else ""


def compact_style(style: str) -> str:
    """``"color: #333; margin: 0 0 1em;"`` → ``"color:#333;margin:0 0 1em"``; forbidden properties dropped."""
    declarations: dict[str, str] = {}
    for part in style.split(";"):
        name, _, value = part.partition(":")
        name, value = name.strip().lower(), " ".join(value.split())
        if name and value and name not in FORBIDDEN_PROPERTIES:
            declarations.pop(name, None)
            declarations[name] = value
    return ";".join(f"{name}:{value}" for name, value in declarations.items())
