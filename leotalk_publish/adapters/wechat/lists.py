"""Lists for WeChat: the editor restyles ``ul/ol/li`` and flattens nesting, so items start with a text
marker (``• ``, ``1. ``) and nesting is shown by indentation.

A list of one-paragraph items (the daily case: a weekly's "关键点") is one ``<p>`` with a line per item,
``<br>`` between them: 4 characters of markup per item and no wrapper, where a ``<p>`` per item in a
wrapper with a hanging indent cost 7 per item and 64 per list (a seed-sized weekly has 20 such lists).
A wrapped item's next line starts under its marker: a hanging indent would need that wrapper back
(``text-indent:1em hanging each-line`` would do it in one ``<p>`` for 34 characters, but Chrome supports
it only since version 146, of March 2026, so most Android phones would not show it).

Any other list (nested, or an item of several blocks) keeps a ``<p>`` per item under a hanging indent set
once per list by the theme's ``.list`` (``padding-left`` + a negative, inherited ``text-indent``). The
marker follows the depth among lists only: a list inside a quote starts at the first-level marker. Lists
nested deeper than ``MAX_DEPTH`` keep the deepest indent, so no output nests more than a handful of
identical wrappers (Tencent's limit is 10).
"""

from __future__ import annotations

from collections.abc import Callable

from leotalk_publish import model as m

MAX_DEPTH = 4
BULLETS = ("•", "◦", "▪", "▫")

BlockRenderer = Callable[[m.Block, int], str]  # (block, list depth of the items it sits in)
InlineRenderer = Callable[[tuple[m.Inline, ...]], str]


def render_list(block: m.BulletList | m.OrderedList, depth: int, blocks: BlockRenderer,
                inlines: InlineRenderer) -> str:
    """A list and its nested lists; ``depth`` counts the lists around this one."""
    if depth == 0 and is_simple(block):
        lines = (_marker(block, i, depth) + inlines(_only_paragraph(item)) for i, item in enumerate(block.items))
        return f"<p>{'<br>'.join(lines)}</p>"
    items = "".join(_item(item, _marker(block, i, depth), depth, blocks, inlines)
                    for i, item in enumerate(block.items))
    if depth >= MAX_DEPTH:
        return items
    return f'<section class="list">{items}</section>'


def is_simple(block: m.BulletList | m.OrderedList) -> bool:
    """Every item is one paragraph (no nested list, code or second paragraph)."""
    return all(len(item.blocks) == 1 and isinstance(item.blocks[0], m.Paragraph) for item in block.items)


def _only_paragraph(item: m.ListItem) -> tuple[m.Inline, ...]:
    """The inlines of an item that ``is_simple`` found to be one paragraph."""
    first = item.blocks[0]
    return first.children if isinstance(first, m.Paragraph) else ()


def _marker(block: m.BulletList | m.OrderedList, index: int, depth: int) -> str:
    if isinstance(block, m.OrderedList):
        return f"{block.start + index}. "
    return f"{BULLETS[min(depth, len(BULLETS) - 1)]} "


def _item(item: m.ListItem, marker: str, depth: int, blocks: BlockRenderer, inlines: InlineRenderer) -> str:
    """The marker and the item's first paragraph in one section; its other blocks after it."""
    first, rest = item.blocks[:1], item.blocks[1:]
    if first and isinstance(first[0], m.Paragraph):
        head = f'<p class="li">{marker}{inlines(first[0].children)}</p>'
    else:
        head, rest = f'<p class="li">{marker.rstrip()}</p>', item.blocks
    return head + "".join(blocks(block, depth + 1) for block in rest)
