"""Where a key of a TOML file is written: the line a settings message points at.

``tomllib`` keeps no positions, so a settings error ("'site': unknown setting") would name only the file. This
reads the text the way TOML lays it out — ``[table]`` and ``[[array]]`` headers, bare, quoted and dotted keys,
multi-line strings skipped — and finds the line that sets a key path such as ``("theme", "accent")``. It is
for messages only: a key it cannot place gives ``None`` and the message names the file alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

_KEY_PART = r'"(?:[^"\\]|\\.)*"|\'[^\']*\'|[A-Za-z0-9_-]+'
_DOTTED = rf"(?:{_KEY_PART})(?:\s*\.\s*(?:{_KEY_PART}))*"
_HEADER = re.compile(rf"\s*(\[\[?)\s*({_DOTTED})\s*\]\]?\s*(?:#.*)?$")
_ASSIGNMENT = re.compile(rf"\s*({_DOTTED})\s*=(.*)$")
_PART = re.compile(_KEY_PART)
_TRIPLE = ('"""', "'''")


def key_parts(dotted: str) -> tuple[str, ...]:
    """``a."b.c".d`` → ("a", "b.c", "d")."""
    return tuple(_unquote(match.group()) for match in _PART.finditer(dotted))


def _unquote(part: str) -> str:
    if part[:1] == '"':
        return re.sub(r"\\(.)", r"\1", part[1:-1])  # \" and \\ (other escapes do not occur in setting names)
    return part[1:-1] if part[:1] == "'" else part


def _opens_multiline(value: str) -> str | None:
    """The delimiter of a multi-line string the value opens and does not close on its line."""
    for delimiter in _TRIPLE:
        if value.lstrip().startswith(delimiter) and value.count(delimiter) % 2 == 1:
            return delimiter
    return None


def _settings(text: str) -> Iterator[tuple[int, tuple[str, ...]]]:
    """(line, key path) of every header and assignment, outside multi-line strings."""
    table: tuple[str, ...] = ()
    closing: str | None = None
    for number, line in enumerate(text.splitlines(), start=1):
        if closing is not None:
            closing = None if closing in line else closing
        elif header := _HEADER.match(line):
            table = key_parts(header.group(2))
            yield number, table
        elif assignment := _ASSIGNMENT.match(line):
            closing = _opens_multiline(assignment.group(2))
            yield number, table + key_parts(assignment.group(1))


def key_at(text: str, line: int) -> tuple[str, ...] | None:
    """The key path the header or assignment on ``line`` sets, or ``None``."""
    return next((path for number, path in _settings(text) if number == line), None)


def key_line(text: str, loc: Sequence[str | int]) -> int | None:
    """The 1-based line that sets ``loc``; else the line that sets or opens the longest part of it (an inline
    table, an array, a ``[table]`` header: where a missing or nested key belongs); ``None`` when no line does."""
    wanted = tuple(str(part) for part in loc)
    best, best_depth = None, 0
    for number, path in _settings(text):
        if path == wanted:
            return number
        if best_depth < len(path) and wanted[:len(path)] == path:
            best, best_depth = number, len(path)
    return best
