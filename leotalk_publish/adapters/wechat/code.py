"""Code blocks for WeChat: Pygments colours as short inline styles, ``<br>`` for newlines, ``&nbsp;`` for
indentation (the draft API eats ``\\n`` inside code), in a container that scrolls sideways (the theme's
``.code``: a monospace stack, no wrapping). ``few_colours`` (the compact rung) keeps three: comments,
strings and keywords."""

from __future__ import annotations

import re
from contextlib import suppress
from functools import lru_cache
from html import escape

from pygments.lexer import Lexer
from pygments.lexers import TextLexer, get_lexer_by_name
from pygments.style import StyleMeta
from pygments.styles import get_style_by_name
from pygments.token import Comment, Keyword, String, _TokenType, is_token_subtype
from pygments.util import ClassNotFound

_SPACES = re.compile(r"(?:^ +)| {2,}", re.MULTILINE)
FEW_COLOURS = ((Comment, "#888"), (String, "#080"), (Keyword, "#a3a"))


def render_code(code: str, language: str, style_name: str, few_colours: bool = False) -> str:
    """A highlighted code block as a ``<section class="code">``."""
    runs = _coloured_runs(code.rstrip("\n").expandtabs(4), language, style_name, few_colours)
    body = "".join(_span(text, colour) for text, colour in runs)
    return f'<section class="code">{body}</section>'


def _coloured_runs(code: str, language: str, style_name: str, few: bool) -> list[tuple[str, str]]:
    """(text, colour) pieces, neighbours of the same colour merged; "" is the block's own colour."""
    style = _style(style_name)
    runs: list[tuple[str, str]] = []
    for token, text in _lexer(language).get_tokens(code):
        colour = _colour(token, style, few) if text.strip() else ""
        if runs and (runs[-1][1] == colour or not text.strip()):
            runs[-1] = (runs[-1][0] + text, runs[-1][1])
        else:
            runs.append((text, colour))
    return runs


def _colour(token: _TokenType, style: StyleMeta, few: bool) -> str:
    if few:
        return next((colour for kind, colour in FEW_COLOURS if is_token_subtype(token, kind)), "")
    return short_hex(style.style_for_token(token)["color"] or "")


def _span(text: str, colour: str) -> str:
    html = "<br>".join(_keep_spaces(escape(line, quote=False)) for line in text.split("\n"))
    return f'<span style="color:{colour}">{html}</span>' if colour and text.strip() else html


def _keep_spaces(line: str) -> str:
    return _SPACES.sub(lambda m: "&nbsp;" * len(m.group(0)), line)


def short_hex(colour: str) -> str:
    """``"aa22ff"`` → ``"#a2f"``; ``"336699"`` → ``"#369"``; other values keep six digits."""
    colour = colour.lstrip("#").lower()
    if not colour:
        return ""
    if len(colour) == 6 and all(colour[i] == colour[i + 1] for i in (0, 2, 4)):
        colour = colour[0] + colour[2] + colour[4]
    return f"#{colour}"


@lru_cache(maxsize=64)
def _lexer(language: str) -> Lexer:
    """The lexer for ``language``; plain text when none is named or Pygments does not know it."""
    lexer: Lexer = TextLexer(stripnl=False, ensurenl=False)
    if language:
        with suppress(ClassNotFound):
            lexer = get_lexer_by_name(language, stripnl=False, ensurenl=False)
    return lexer


@lru_cache(maxsize=8)
def _style(name: str) -> StyleMeta:
    return get_style_by_name(name)  # a known style: the settings checked it when they loaded

