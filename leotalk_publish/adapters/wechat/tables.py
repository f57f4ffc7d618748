"""Tables for a phone: a sideways-scrolling wrapper, small type, alignment kept per column."""

from __future__ import annotations

from collections.abc import Callable

from leotalk_publish import model as m

InlineRenderer = Callable[[tuple[m.Inline, ...]], str]
_ALIGN = {"center": "center", "right": "right"}  # left is the default; start/end are not allowed


def render_table(table: m.Table, inlines: InlineRenderer) -> str:
    header = _row(table.header, table.aligns, "th", inlines)
    rows = "".join(_row(row, table.aligns, "td", inlines) for row in table.rows)
    return f'<section class="table"><table>{header}{rows}</table></section>'


def _row(cells: tuple[m.TableCell, ...], aligns: tuple[str, ...], tag: str, inlines: InlineRenderer) -> str:
    return "<tr>" + "".join(_cell(cell, _align(aligns, i), tag, inlines) for i, cell in enumerate(cells)) + "</tr>"


def _align(aligns: tuple[str, ...], index: int) -> str:
    return _ALIGN.get(aligns[index] if index < len(aligns) else "", "")


def _cell(cell: m.TableCell, align: str, tag: str, inlines: InlineRenderer) -> str:
    style = f' style="text-align:{align}"' if align else ""
    return f"<{tag}{style}>{inlines(cell.children)}</{tag}>"
