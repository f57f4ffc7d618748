"""Cutting an issue into the articles of one WeChat draft (up to 8, published together).

The issue is cut before each top-level heading (the smallest heading level it uses; what comes before the
first one goes with it); a section still too large is cut at its own next level. Consecutive sections are
then packed greedily into as few articles as keep each one under the limit: the greedy packing of a
sequence under a cap gives the fewest parts. Each part has its own references and footnotes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from leotalk_publish import model as m

MAX_ARTICLES = 8

Blocks = tuple[m.Block, ...]
Measure = Callable[[Blocks], int]  # characters of one article holding these blocks (as sent)


@dataclass(frozen=True)
class Part:
    blocks: Blocks
    footnotes: tuple[m.Footnote, ...]


def sections(blocks: Blocks, level: int | None = None) -> list[Blocks]:
    """``blocks`` cut before each heading of ``level`` (default: the smallest level present)."""
    levels = [b.level for b in blocks if isinstance(b, m.Heading)]
    if not levels:
        return [blocks]
    level = min(levels) if level is None else level
    cuts: list[list[m.Block]] = [[]]
    for block in blocks:
        if isinstance(block, m.Heading) and block.level == level and any(
                isinstance(b, m.Heading) for b in cuts[-1]):
            cuts.append([])
        cuts[-1].append(block)
    return [tuple(cut) for cut in cuts if cut]


def fine_sections(blocks: Blocks, measure: Measure, limit: int) -> list[Blocks] | None:
    """Sections each under ``limit``, cutting oversized ones at their next heading level; None if impossible."""
    found: list[Blocks] = []
    for section in sections(blocks):
        if measure(section) < limit:
            found.append(section)
            continue
        deeper = [b.level for b in section[1:] if isinstance(b, m.Heading)]
        smaller = fine_sections_at(section, min(deeper), measure, limit) if deeper else None
        if smaller is None:
            return None
        found += smaller
    return found


def fine_sections_at(section: Blocks, level: int, measure: Measure, limit: int) -> list[Blocks] | None:
    pieces = sections(section, level)
    if len(pieces) < 2:
        return None
    found: list[Blocks] = []
    for piece in pieces:
        smaller = [piece] if measure(piece) < limit else fine_sections(piece, measure, limit)
        if smaller is None:
            return None
        found += smaller
    return found


def pack(pieces: list[Blocks], size: Callable[[list[Blocks]], int], limit: int) -> list[list[Blocks]]:
    """Consecutive pieces joined greedily while the joined article stays under ``limit``."""
    parts: list[list[Blocks]] = []
    for piece in pieces:
        if parts and size([*parts[-1], piece]) < limit:
            parts[-1].append(piece)
        else:
            parts.append([piece])
    return parts


def halves(pieces: list[Blocks], size: Callable[[list[Blocks]], int]) -> list[list[Blocks]]:
    """The two parts, cut between pieces, whose larger one is smallest."""
    cut = min(range(1, len(pieces)), key=lambda i: max(size(pieces[:i]), size(pieces[i:])))
    return [pieces[:cut], pieces[cut:]]


def estimator(measure: Measure) -> Callable[[list[Blocks]], int]:
    """The size of an article of several pieces from the pieces' own sizes (each rendered once): their sum
    less the article's frame counted once per piece. The parts are measured again, whole, afterwards."""
    frame, sizes = measure(()), {}

    def size(chunk: list[Blocks]) -> int:
        for piece in chunk:
            if id(piece) not in sizes:
                sizes[id(piece)] = measure(piece)
        return sum(sizes[id(piece)] for piece in chunk) - frame * (len(chunk) - 1)
    return size


def split(document: m.Document, measure: Measure, limit: int) -> list[Part] | None:
    """The document as at most ``MAX_ARTICLES`` parts, each under ``limit``; None when it cannot be done."""
    pieces = fine_sections(document.blocks, measure, limit)
    if pieces is None:
        return None
    size = estimator(measure)
    parts = pack(pieces, size, limit)
    if len(parts) == 1 and len(pieces) > 1:
        parts = halves(pieces, size)  # it fits whole; two parts are the rung below, should WeChat refuse it
    if len(parts) > MAX_ARTICLES:
        return None
    joined = [tuple(block for piece in part for block in piece) for part in parts]
    return [Part(blocks, footnotes_of(blocks, document.footnotes)) for blocks in joined]


def footnotes_of(blocks: Blocks, footnotes: tuple[m.Footnote, ...]) -> tuple[m.Footnote, ...]:
    """The footnotes these blocks refer to."""
    numbers = {n.number for block in m.walk_blocks(blocks) for n in m.block_inlines(block)
               if isinstance(n, m.FootnoteRef)}
    return tuple(note for note in footnotes if note.number in numbers)
