"""Escape the issue's own text so kramdown (GFM input) and CommonMark both read it as text, not markup.

Escaping is minimal: a character is escaped only where it could start markup on either parser, so a
post stays readable. ``before``/``after`` are the characters rendered next to the text (for word
boundaries, ``![``, ``](`` and the like).
"""

from __future__ import annotations

import re

_ALWAYS = re.compile(r"([\\`*|])")
_ENTITY = re.compile(r"&(?=#?[A-Za-z0-9]+;)")
_HTML_START = re.compile(r"<(?=[A-Za-z/!?])")
_KRAMDOWN_ATTR = re.compile(r"\{(?=:)")
_SAFE_PAIR = re.compile(r"\[([^\[\]\\^][^\[\]\\]*)\]")
_LINE_START = re.compile(r"^([#>+=:~-]|\d{1,9}(?=[.)]))")


def escape_text(text: str, before: str = "", after: str = "", line_start: bool = False) -> str:
    """Markdown for ``text`` as plain words."""
    text = text.replace("\n", " ")
    out = _ALWAYS.sub(r"\\\1", text)
    out = _ENTITY.sub("&amp;", out)
    out = _HTML_START.sub(r"\\<", out)
    out = _escape_runs(out, before, after)
    out = _KRAMDOWN_ATTR.sub(r"\\{", out)
    out = _escape_underscores(out, before, after)
    out = _escape_brackets(out, before, after)
    if out.endswith("!") and after == "[":
        out = out[:-1] + "\\!"
    return _escape_line_start(out) if line_start else out


def _escape_underscores(text: str, before: str, after: str) -> str:
    """``_`` stays bare only inside an ASCII word (``few_shot``), where neither parser reads emphasis."""
    chars = list(text)
    for i, char in enumerate(chars):
        if char != "_":
            continue
        left = chars[i - 1] if i > 0 else before[-1:]
        right = chars[i + 1] if i + 1 < len(chars) else after[:1]
        if not (_is_word(left) and _is_word(right)):
            chars[i] = "\\_"
    return "".join(chars)


def _escape_runs(text: str, before: str, after: str) -> str:
    """``~`` and ``$`` that could make a ``~~`` or ``$$`` with their neighbours, the rendered ones included.

    A ``~`` right before a ``~~`` (struck text's end, or its start just after) is ``&#126;``: kramdown ends
    struck text at the first ``~~`` after a character that is not a ``~``, so ``\\~~~`` would end it at the
    backslash.
    """
    chars = list(text)
    for i, char in enumerate(chars):
        if char not in "~$":
            continue
        left = text[i - 1] if i > 0 else before[-1:]
        right = text[i + 1] if i + 1 < len(text) else after[:1]
        if char == "~" and i + 1 == len(text) and after.startswith("~"):
            chars[i] = "&#126;"
        elif right == char or (left and left in "~$"):
            chars[i] = "\\" + char
    return "".join(chars)


def _is_word(char: str) -> bool:
    return bool(char) and char.isascii() and char.isalnum()


def _escape_brackets(text: str, before: str, after: str) -> str:
    """Keep a balanced ``[word]`` bare when nothing could turn it into a link; escape every other bracket."""
    kept: list[tuple[int, int]] = []
    for match in _SAFE_PAIR.finditer(text):
        prev = text[match.start() - 1] if match.start() else before[-1:]
        nxt = text[match.end()] if match.end() < len(text) else after[:1]
        if prev != "!" and nxt not in ("(", "[", ":"):
            kept += [(match.start(), match.end() - 1)]
    bare = {i for pair in kept for i in pair}
    return "".join(f"\\{c}" if c in "[]" and i not in bare else c for i, c in enumerate(text))


def _escape_line_start(text: str) -> str:
    """A line must not open a heading, quote, list, definition or table by accident."""
    match = _LINE_START.match(text)
    if not match:
        return text
    if match.group(1).isdigit():
        end = match.end()
        return f"{text[:end]}\\{text[end:]}"
    return "\\" + text


def escape_url(href: str) -> str:
    """A link destination: ``<…>`` when it holds spaces or unbalanced parentheses."""
    if href and " " not in href and "<" not in href and ">" not in href and _balanced(href):
        return href
    return "<" + re.sub(r"([<>\\])", r"\\\1", href) + ">"


def _balanced(text: str) -> bool:
    depth = 0
    for char in text:
        depth += {"(": 1, ")": -1}.get(char, 0)
        if depth < 0:
            return False
    return depth == 0


def escape_title(title: str) -> str:
    return '"' + title.replace("\\", "\\\\").replace('"', '\\"') + '"'


def code_span(code: str) -> str:
    """Inline code with a fence longer than any backtick run inside it."""
    longest = max((len(run) for run in re.findall(r"`+", code)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if code.startswith(("`", " ")) or code.endswith(("`", " ")) else ""
    return f"{fence}{pad}{code}{pad}{fence}"
