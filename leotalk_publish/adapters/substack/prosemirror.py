"""The model as Substack's ProseMirror document (``draft_body``): a dispatch table of small pure functions.

Substack has no table node, no inline image and keeps only paragraphs and lists inside list items and
blockquotes. What does not fit a container is *lifted* right after it (a list is split and resumes with
the next number), never dropped. Images keep their local ``src`` here; the push swaps in uploaded URLs.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from leotalk_publish import model as m
from leotalk_publish.adapters.substack.raw_html import classify

Node = dict[str, Any]
Marks = tuple[Node, ...]
COLUMN_WIDTH = {"normal": 728, "wide": 1456}  # Substack's text column and its wide image width
LIST_ITEM_CONTENT = frozenset({"paragraph", "bullet_list", "ordered_list"})
BLOCKQUOTE_CONTENT = frozenset({"paragraph", "bullet_list", "ordered_list"})
FOOTNOTE_CONTENT = frozenset({"paragraph"})
LISTS = frozenset({"bullet_list", "ordered_list"})


@dataclass(frozen=True)
class Ctx:
    assets: Mapping[str, m.Asset]
    image_size: str = "normal"


def render_document(document: m.Document, assets: Mapping[str, m.Asset], image_size: str = "normal") -> Node:
    """The whole ``draft_body`` document: the blocks, then the footnotes."""
    ctx = Ctx(assets, image_size)
    content = render_blocks(document.blocks, ctx)
    content = anchors_or_text(content)
    for note in document.footnotes:
        content.extend(_footnote(note, ctx))
    return {"type": "doc", "content": content}


def anchors_or_text(blocks: list[Node]) -> list[Node]:
    """Footnote anchors work in top-level paragraphs only, once per number (verified in Substack's editor):
    every other anchor becomes the visible text ``[n]`` (check warns about each)."""
    seen: set[int] = set()
    out: list[Node] = []
    for block in blocks:
        if block["type"] == "paragraph":
            out.append(_first_anchors(block, seen))
        else:
            out.append(_anchors_as_text(block))
    return out


def _first_anchors(block: Node, seen: set[int]) -> Node:
    content: list[Node] = []
    for node in block.get("content", []):
        number = node.get("attrs", {}).get("number") if node["type"] == "footnoteAnchor" else None
        if number is not None and number in seen:
            node = {"type": "text", "text": f"[{number}]"}
        elif number is not None:
            seen.add(number)
        content.append(node)
    return {**block, "content": merge_text(content)} if content else block


def _anchors_as_text(node: Node) -> Node:
    if node["type"] == "footnoteAnchor":
        return {"type": "text", "text": f"[{node['attrs']['number']}]"}
    if "content" not in node:
        return node
    children = [_anchors_as_text(child) for child in node["content"]]
    return {**node, "content": merge_text(children) if any(c["type"] == "text" for c in children) else children}


def render_blocks(blocks: tuple[m.Block, ...], ctx: Ctx) -> list[Node]:
    out: list[Node] = []
    for block in blocks:
        renderer = BLOCK_RENDERERS.get(type(block))
        if renderer is None:
            raise m.UnknownNode(block, "the Substack renderer")
        rendered = renderer(block, ctx)
        if isinstance(block, m.Table) and out and rendered and {out[-1]["type"], rendered[0]["type"]} <= LISTS:
            rendered = [paragraph([]), *rendered]  # two lists in a row read as one: keep the table apart
        out.extend(rendered)
    return out


# ── inline ──────────────────────────────────────────────────────────────────────────────────────────
def render_inlines(nodes: tuple[m.Inline, ...], ctx: Ctx, marks: Marks = ()) -> list[Node]:
    out: list[Node] = []
    for node in nodes:
        renderer = INLINE_RENDERERS.get(type(node))
        if renderer is None:
            raise m.UnknownNode(node, "the Substack renderer")
        out.extend(renderer(node, ctx, marks))
    return merge_text(out)


def text_node(text: str, marks: Marks = ()) -> list[Node]:
    """One text node, or none for an empty text (ProseMirror refuses empty text nodes)."""
    if not text:
        return []
    node: Node = {"type": "text", "text": text}
    if marks:
        node["marks"] = [dict(mark) for mark in marks]
    return [node]


def with_mark(marks: Marks, mark: Node) -> Marks:
    return marks if any(x["type"] == mark["type"] for x in marks) else (*marks, mark)


def merge_text(nodes: list[Node]) -> list[Node]:
    """Join neighbouring text nodes that carry the same marks."""
    out: list[Node] = []
    for node in nodes:
        last = out[-1] if out else None
        if last and node["type"] == last["type"] == "text" and node.get("marks") == last.get("marks"):
            out[-1] = {**last, "text": last["text"] + node["text"]}
        else:
            out.append(node)
    return out


def _marked(kind: str) -> Callable[[Any, Ctx, Marks], list[Node]]:
    def render(node: Any, ctx: Ctx, marks: Marks) -> list[Node]:
        return render_inlines(node.children, ctx, with_mark(marks, {"type": kind}))
    return render


def _text(node: m.Text, ctx: Ctx, marks: Marks) -> list[Node]:
    return text_node(node.text, marks)


def _code(node: m.Code, ctx: Ctx, marks: Marks) -> list[Node]:
    return text_node(node.text, with_mark(marks, {"type": "code"}))


def _link(node: m.Link, ctx: Ctx, marks: Marks) -> list[Node]:
    if not node.href.strip():  # check() reports it; the words stay
        return render_inlines(node.children, ctx, marks)
    return render_inlines(node.children, ctx, with_mark(marks, {"type": "link", "attrs": {"href": node.href}}))


def _hard_break(node: m.HardBreak, ctx: Ctx, marks: Marks) -> list[Node]:
    return [{"type": "hard_break"}]


def _footnote_ref(node: m.FootnoteRef, ctx: Ctx, marks: Marks) -> list[Node]:
    return [{"type": "footnoteAnchor", "attrs": {"number": node.number}}]


def _inline_image(node: m.InlineImage, ctx: Ctx, marks: Marks) -> list[Node]:
    return []  # lifted after its block by ``_lift_inline_images``


def _raw_inline(node: m.RawInline, ctx: Ctx, marks: Marks) -> list[Node]:
    raw = classify(node.html)
    if raw.kind == "break":
        return [{"type": "hard_break"}]
    return text_node(raw.text, marks)


INLINE_RENDERERS: dict[type, Callable[[Any, Ctx, Marks], list[Node]]] = {
    m.Text: _text,
    m.Strong: _marked("strong"),
    m.Emphasis: _marked("em"),
    m.Strikethrough: _marked("strikethrough"),
    m.Code: _code,
    m.Link: _link,
    m.InlineImage: _inline_image,
    m.HardBreak: _hard_break,
    m.RawInline: _raw_inline,
    m.FootnoteRef: _footnote_ref,
}


# ── blocks ──────────────────────────────────────────────────────────────────────────────────────────
def paragraph(content: list[Node]) -> Node:
    return {"type": "paragraph", "content": content} if content else {"type": "paragraph"}


def _lift_inline_images(children: tuple[m.Inline, ...], ctx: Ctx) -> list[Node]:
    return [captioned_image(image, ctx, href) for image, href in linked_images(children)]


def linked_images(children: tuple[m.Inline, ...], href: str | None = None) -> list[tuple[m.Image, str | None]]:
    """Every inline image with the address of the link around it (``[![logo](img)](url)``), if any."""
    out: list[tuple[m.Image, str | None]] = []
    for node in children:
        if isinstance(node, m.InlineImage):
            out.append((node.image, href))
        elif isinstance(node, m.Link):
            out += linked_images(node.children, node.href.strip() or href)
        elif hasattr(node, "children"):
            out += linked_images(node.children, href)
    return out


def _paragraph(block: m.Paragraph, ctx: Ctx) -> list[Node]:
    content = render_inlines(block.children, ctx)
    return ([paragraph(content)] if content else []) + _lift_inline_images(block.children, ctx)


def _heading(block: m.Heading, ctx: Ctx) -> list[Node]:
    content = render_inlines(block.children, ctx)
    heading = {"type": "heading", "attrs": {"level": block.level}, "content": content}
    return ([heading] if content else []) + _lift_inline_images(block.children, ctx)


def _code_block(block: m.CodeBlock, ctx: Ctx) -> list[Node]:
    """``highlighted_code_block``: what today's editor inserts (``language`` defaults to "plaintext")."""
    node: Node = {"type": "highlighted_code_block", "attrs": {"language": block.language or "plaintext"}}
    code = block.code.rstrip("\n")
    if code:
        node["content"] = [{"type": "text", "text": code}]
    return [node]


def _thematic_break(block: m.ThematicBreak, ctx: Ctx) -> list[Node]:
    return [{"type": "horizontal_rule"}]


def _figures(block: m.Figures, ctx: Ctx) -> list[Node]:
    return [captioned_image(image, ctx) for image in block.images]


def _raw_block(block: m.RawBlock, ctx: Ctx) -> list[Node]:
    raw = classify(block.html)
    return [paragraph(text_node(raw.text))] if raw.text else []


def captioned_image(image: m.Image, ctx: Ctx, href: str | None = None) -> Node:
    """``captionedImage`` = ``image2`` (local src until the push; ``href`` when the image is a link) + an
    optional ``caption``."""
    asset = ctx.assets.get(image.src)
    if asset is None:
        raise ValueError(f"image '{image.src}' was not loaded with the issue")
    attrs = {**image_attrs(image, asset, ctx.image_size), "href": href}
    content: list[Node] = [{"type": "image2", "attrs": attrs}]
    if image.caption:
        content.append({"type": "caption", "content": text_node(image.caption)})
    return {"type": "captionedImage", "content": content}


def image_attrs(image: m.Image, asset: m.Asset, image_size: str) -> Node:
    return {
        "src": image.src, "fullscreen": False, "imageSize": image_size,
        "height": asset.height, "width": asset.width, "resizeWidth": min(asset.width, COLUMN_WIDTH[image_size]),
        "bytes": asset.size, "alt": image.alt or None, "title": None, "type": asset.mime,
        "href": None, "belowTheFold": False, "internalRedirect": None,
    }


# ── containers: lists, blockquotes, footnotes ───────────────────────────────────────────────────────
def fit(nodes: list[Node], allowed: frozenset[str]) -> tuple[list[Node], list[Node]]:
    """Split rendered blocks into those a container may hold and those lifted after it."""
    kept: list[Node] = []
    lifted: list[Node] = []
    for node in nodes:
        if node["type"] in allowed:
            kept.append(node)
        elif node["type"] == "heading" and "paragraph" in allowed:
            kept.append(paragraph([_with_strong(n) for n in node["content"]]))
        else:
            lifted.append(node)
    return kept, lifted


def _with_strong(node: Node) -> Node:
    if node["type"] != "text":
        return node
    marks = with_mark(tuple(node.get("marks", ())), {"type": "strong"})
    return {**node, "marks": [dict(mark) for mark in marks]}


def list_item(content: list[Node]) -> Node:
    """A list item always opens with a paragraph, never with bare text or a nested list."""
    if not content or content[0]["type"] != "paragraph":
        content = [paragraph([]), *content]
    return {"type": "list_item", "content": content}


def list_node(kind: str, items: list[Node], start: int | None) -> Node:
    if kind == "ordered_list":  # a real editor payload carries both
        return {"type": kind, "attrs": {"start": start, "order": start}, "content": items}
    return {"type": kind, "content": items}


def _list(kind: str, items: tuple[m.ListItem, ...], start: int | None, ctx: Ctx) -> list[Node]:
    out: list[Node] = []
    run: list[Node] = []
    run_start = start
    for index, item in enumerate(items):
        kept, lifted = fit(render_blocks(item.blocks, ctx), LIST_ITEM_CONTENT)
        run.append(list_item(kept))
        if lifted:
            out += [list_node(kind, run, run_start), *lifted]
            run, run_start = [], (start + index + 1 if start is not None else None)
    if run:
        out.append(list_node(kind, run, run_start))
    return out


def _bullet_list(block: m.BulletList, ctx: Ctx) -> list[Node]:
    return _list("bullet_list", block.items, None, ctx)


def _ordered_list(block: m.OrderedList, ctx: Ctx) -> list[Node]:
    return _list("ordered_list", block.items, block.start, ctx)


def _blockquote(block: m.Blockquote, ctx: Ctx) -> list[Node]:
    """Runs of paragraphs and lists stay quoted; a code block or image in a quote follows its run."""
    out: list[Node] = []
    run: list[Node] = []
    for node in _unnest_quotes(render_blocks(block.blocks, ctx)):
        kept, lifted = fit([node], BLOCKQUOTE_CONTENT)
        run += kept
        if lifted:
            out += ([{"type": "blockquote", "content": run}] if run else []) + lifted
            run = []
    return out + ([{"type": "blockquote", "content": run}] if run else [])


def _unnest_quotes(nodes: list[Node]) -> list[Node]:
    """A quote inside a quote joins the outer one (Substack's quotes do not nest)."""
    return [inner for node in nodes
            for inner in (node["content"] if node["type"] == "blockquote" else [node])]


def _footnote(note: m.Footnote, ctx: Ctx) -> list[Node]:
    """One paragraph per definition (the editor shows only single-paragraph ones): several are joined by
    hard breaks."""
    kept, lifted = fit(anchors_or_text(render_blocks(note.blocks, ctx)), FOOTNOTE_CONTENT)
    joined: list[Node] = []
    for para in kept:
        joined += ([{"type": "hard_break"}, {"type": "hard_break"}] if joined else []) + para.get("content", [])
    return [{"type": "footnote", "attrs": {"number": note.number}, "content": [paragraph(joined)]}, *lifted]


def _table(block: m.Table, ctx: Ctx) -> list[Node]:
    """No table node on Substack: one bullet per row, each cell on its own line as "Header: value"."""
    rendered = [[render_inlines(cell.children, ctx) for cell in row] for row in block.rows]
    rows = [row for row in rendered if any(row)]
    cells = (*block.header, *(cell for row in block.rows for cell in row))
    images = [image for cell in cells for image in _lift_inline_images(cell.children, ctx)]
    if not rows:
        return [paragraph(_joined([c.children for c in block.header], " · ", ctx, bold=True)), *images]
    names = [render_inlines(cell.children, ctx, ({"type": "strong"},)) for cell in block.header]
    items = [list_item([paragraph(_row(names, row))]) for row in rows]
    return [list_node("bullet_list", items, None), *images]


def _row(names: list[list[Node]], row: list[list[Node]]) -> list[Node]:
    """Each cell on its own line, after its column's header; an empty cell shows as "—"."""
    out: list[Node] = []
    for index in range(max(len(names), len(row))):
        name = names[index] if index < len(names) else []
        value = row[index] if index < len(row) else []
        line = (name + text_node(": ") if name else []) + (value or text_node("—"))
        out += ([{"type": "hard_break"}] if out else []) + line
    return merge_text(out)


def _joined(parts: list[tuple[m.Inline, ...]], sep: str, ctx: Ctx, bold: bool) -> list[Node]:
    marks: Marks = ({"type": "strong"},) if bold else ()
    out: list[Node] = []
    for part in parts:
        rendered = render_inlines(part, ctx, marks)
        out += (text_node(sep) if out and rendered else []) + rendered
    return merge_text(out)


BLOCK_RENDERERS: dict[type, Callable[[Any, Ctx], list[Node]]] = {
    m.Paragraph: _paragraph,
    m.Heading: _heading,
    m.BulletList: _bullet_list,
    m.OrderedList: _ordered_list,
    m.Blockquote: _blockquote,
    m.CodeBlock: _code_block,
    m.ThematicBreak: _thematic_break,
    m.Table: _table,
    m.Figures: _figures,
    m.RawBlock: _raw_block,
}
