"""Markdown → ``model.Document``: the only place that reads Markdown.

markdown-it-py (CommonMark, tables, strikethrough, footnotes) with the CJK-friendly emphasis rule, so
``**“引用”**之后`` is bold. The flat token stream is folded into the typed model by small builders, one
per token type; an unknown token is a loud error, never a silent loss.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_cjk_friendly import cjk_friendly, is_cjk
from mdit_py_plugins.footnote import footnote_plugin

from leotalk_publish import model as m
from leotalk_publish.errors import DraftError

# markdown-it stops parsing at ``maxNesting`` and silently drops the rest of the document (its default, 20,
# cuts a list nested 10 levels deep). The parser's limit is set well above what the issue may use, and any
# block deeper than MAX_BLOCK_LEVEL is refused, so a truncation can never pass unnoticed.
PARSER_NESTING = 50
MAX_BLOCK_LEVEL = 32  # token levels: a list level takes two (list + item), a quote one
MAX_LIST_DEPTH = MAX_BLOCK_LEVEL // 2
MAX_INLINE_DEPTH = 20  # emphasis, links and strikethrough inside one another


@lru_cache(maxsize=1)
def markdown_parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"linkify": False, "maxNesting": PARSER_NESTING})
    md.enable(["table", "strikethrough"])
    return md.use(footnote_plugin, inline=False).use(cjk_friendly)  # footnotes are [^label] only


def parse_markdown(text: str, *, line_offset: int = 0, source: str = "index.md") -> m.Document:
    """Parse a Markdown body; ``line_offset`` is the number of lines before it in the file."""
    env: dict[str, Any] = {}
    try:
        tokens = markdown_parser().parse(text, env)
        _refuse_lossy(tokens, line_offset, source)
        _refuse_dropped(tokens, text, env, line_offset, source)
        cursor = _Cursor(tokens, line_offset, source)
        blocks = cursor.blocks(until=None)
    except RecursionError:
        raise DraftError(f"{source}: the Markdown is nested too deeply to read",
                         "flatten the nesting of lists, quotes and emphasis") from None
    footnotes = tuple(sorted(cursor.footnotes, key=lambda f: f.number))
    document = m.Document(blocks=tuple(blocks), footnotes=footnotes)
    _refuse_undefined_footnotes(document, source)
    return document


def _refuse_lossy(tokens: list[Token], line_offset: int, source: str) -> None:
    """Refuse what the channels could not carry whole: too deep a nesting, an HTML block left open."""
    for token in tokens:
        line = (token.map[0] + 1 + line_offset) if token.map else line_offset + 1
        if token.level > MAX_BLOCK_LEVEL and token.type != "inline":  # an inline sits one level below its block
            raise DraftError(f"{source}:{line}: lists or quotes nested more than {MAX_BLOCK_LEVEL} levels "
                             f"deep (at most {MAX_LIST_DEPTH} levels of lists, or {MAX_BLOCK_LEVEL} of quotes)",
                             "flatten the nesting: no channel shows it, and the rest of the issue would be lost")
        if token.type == "html_block":
            _refuse_open_html(token.content, line, source)
        elif token.type == "inline" and _inline_depth(token.children or []) > MAX_INLINE_DEPTH:
            raise DraftError(f"{source}:{line}: emphasis or links nested more than {MAX_INLINE_DEPTH} deep",
                             "remove the extra '*', '_', '~~' or '[' marks")


def _refuse_dropped(tokens: list[Token], text: str, env: dict[str, Any], line_offset: int, source: str) -> None:
    """Refuse what markdown-it reads and then leaves out in silence: a footnote defined but never referenced,
    a table row's cells beyond its header's."""
    refs = env.get("footnotes", {}).get("refs", {})
    for label in (key[1:] for key, ident in refs.items() if ident == -1):
        line = _line_starting(text, f"[^{label}]:") + line_offset
        raise DraftError(f"{source}:{line}: footnote '[^{label}]' is defined but never referenced, so no channel "
                         "would show it", f"reference it as [^{label}] in the text, or remove the definition")
    _refuse_extra_cells(tokens, text.split("\n"), line_offset, source)


def _refuse_extra_cells(tokens: list[Token], lines: list[str], line_offset: int, source: str) -> None:
    """Each table's rows against its header (the first row after ``table_open``), in one pass."""
    width: int | None = None
    for token in tokens:
        if token.type == "table_open":
            width = None
        elif token.type == "tr_open" and token.map:
            cells = _cells(lines[token.map[0]])
            if width is None:
                width = len(cells)
            elif any(cell.strip() for cell in cells[width:]):
                raise DraftError(
                    f"{source}:{token.map[0] + 1 + line_offset}: this table row has {len(cells)} cells and its "
                    f"header {width}: the cells beyond the header's would be left out",
                    "add a header cell for them, or write a '|' inside text or code as '\\|'")


def _cells(line: str) -> list[str]:
    """A table line's cells as GFM splits them: at every '|' not escaped, code spans included."""
    inner = line.strip().removeprefix("|")
    inner = inner[:-1] if inner.endswith("|") and not inner.endswith("\\|") else inner
    return re.split(r"(?<!\\)\|", inner)


def _line_starting(text: str, prefix: str) -> int:
    return next((n for n, line in enumerate(text.split("\n"), start=1) if line.lstrip().startswith(prefix)), 1)


# An HTML block that opens with one of these runs to its closer, or to the end of the issue when it has none.
_HTML_CLOSERS = (
    (re.compile(r"<!--"), "-->", "HTML comment '<!--'"),
    (re.compile(r"<(script|pre|style|textarea)(?=[\s>]|$)", re.IGNORECASE), None, "<{0}>"),
    (re.compile(r"<\?"), "?>", "processing instruction '<?'"),
    (re.compile(r"<!\[CDATA\["), "]]>", "'<![CDATA['"),
)


def _refuse_open_html(content: str, line: int, source: str) -> None:
    start = content.lstrip()
    for opener, closer, name in _HTML_CLOSERS:
        found = opener.match(start)
        if not found:
            continue
        if closer is None:
            tag = found.group(1).lower()
            closer, name = f"</{tag}>", name.format(tag)
        if closer not in start[found.end():].lower():
            raise DraftError(f"{source}:{line}: unclosed {name}: it hides everything after it, to the end "
                             "of the issue", f"close it with '{closer}' (or remove it)")
        return


def _inline_depth(children: list[Token]) -> int:
    depth = deepest = 0
    for child in children:
        depth += child.nesting
        deepest = max(deepest, depth)
    return deepest


_FOOTNOTE_REF = re.compile(r"\[\^([^\]\s]+)\]")


def _refuse_undefined_footnotes(document: m.Document, source: str) -> None:
    """markdown-it leaves ``[^x]`` without a definition as plain text; say so instead of printing it."""
    for block in m.document_blocks(document):
        for node in m.block_inlines(block):
            if isinstance(node, m.Text) and (found := _FOOTNOTE_REF.search(node.text)):
                raise DraftError(f"{source}:{getattr(block, 'line', 0)}: footnote reference "
                                 f"'{found.group(0)}' has no definition", f"add a line '{found.group(0)}: …'")


@dataclass
class _Cursor:
    tokens: list[Token]
    line_offset: int
    source: str
    pos: int = 0

    def __post_init__(self) -> None:
        self.footnotes: list[m.Footnote] = []
        self.footnote_numbers: dict[str, int] = {}

    # ── blocks ─────────────────────────────────────────────────────────────
    def line_of(self, token: Token) -> int:
        return (token.map[0] + 1 + self.line_offset) if token.map else 0

    def next(self) -> Token:
        token = self.tokens[self.pos]
        self.pos += 1
        return token

    def blocks(self, until: str | None) -> list[m.Block]:
        found: list[m.Block] = []
        while self.pos < len(self.tokens):
            token = self.tokens[self.pos]
            if until is not None and token.type == until:
                self.pos += 1
                return found
            self.pos += 1
            builder = _BLOCK_BUILDERS.get(token.type)
            if builder is None:
                raise DraftError(f"{self.source}:{self.line_of(token)}: unsupported Markdown ({token.type})")
            block = builder(self, token)
            if block is not None:
                found.append(block)
        return found

    def inline_of(self, open_token: Token, close: str) -> tuple[m.Inline, ...]:
        inline = self.next()
        children = inlines(inline.children or [], self.source, self.line_of(open_token))
        closing = self.next()
        while closing.type == "footnote_anchor":  # the back-link markdown-it puts at a footnote's end
            closing = self.next()
        assert closing.type == close, closing.type
        return children


def _paragraph(cur: _Cursor, token: Token) -> m.Block | None:
    children = cur.inline_of(token, "paragraph_close")
    line = cur.line_of(token)
    images = [c.image for c in children if isinstance(c, m.InlineImage)]
    rest = [c for c in children if not isinstance(c, m.InlineImage) and not _is_blank(c)]
    if images and not rest:
        return m.Figures(images=tuple(images), line=line)
    if not children:
        return None
    return m.Paragraph(children=children, line=line)


def _is_blank(node: m.Inline) -> bool:
    return isinstance(node, m.Text) and not node.text.strip()


def _heading(cur: _Cursor, token: Token) -> m.Block:
    return m.Heading(level=int(token.tag[1]), children=cur.inline_of(token, "heading_close"),
                     line=cur.line_of(token))


def _bullet_list(cur: _Cursor, token: Token) -> m.Block:
    return m.BulletList(items=_items(cur, "bullet_list_close"), line=cur.line_of(token))


def _ordered_list(cur: _Cursor, token: Token) -> m.Block:
    given = token.attrGet("start")  # set only when the list does not start at 1 (it may start at 0)
    start = int(given) if given is not None else 1
    return m.OrderedList(items=_items(cur, "ordered_list_close"), start=start, line=cur.line_of(token))


def _items(cur: _Cursor, close: str) -> tuple[m.ListItem, ...]:
    items: list[m.ListItem] = []
    while (token := cur.next()).type != close:
        assert token.type == "list_item_open", token.type
        items.append(m.ListItem(blocks=tuple(cur.blocks(until="list_item_close")), line=cur.line_of(token)))
    return tuple(items)


def _blockquote(cur: _Cursor, token: Token) -> m.Block:
    return m.Blockquote(blocks=tuple(cur.blocks(until="blockquote_close")), line=cur.line_of(token))


def _fence(cur: _Cursor, token: Token) -> m.Block:
    language = token.info.strip().split(maxsplit=1)[0] if token.info.strip() else ""
    return m.CodeBlock(code=token.content, language=language, line=cur.line_of(token))


def _code_block(cur: _Cursor, token: Token) -> m.Block:
    return m.CodeBlock(code=token.content, line=cur.line_of(token))


def _hr(cur: _Cursor, token: Token) -> m.Block:
    return m.ThematicBreak(line=cur.line_of(token))


def _html_block(cur: _Cursor, token: Token) -> m.Block:
    return m.RawBlock(html=token.content, line=cur.line_of(token))


def _table(cur: _Cursor, token: Token) -> m.Block:
    header: list[m.TableCell] = []
    rows: list[tuple[m.TableCell, ...]] = []
    aligns: list[str] = []
    row: list[m.TableCell] = []
    while (tok := cur.next()).type != "table_close":
        if tok.type in ("th_open", "td_open"):
            style = str(tok.attrGet("style") or "")
            if tok.type == "th_open":
                aligns.append(style.removeprefix("text-align:"))
            row.append(m.TableCell(cur.inline_of(tok, tok.type.replace("open", "close"))))
        elif tok.type == "tr_close":
            if header:
                rows.append(tuple(row))
            else:
                header = row
            row = []
    return m.Table(header=tuple(header), rows=tuple(rows), aligns=tuple(aligns), line=cur.line_of(token))


def _footnote_block(cur: _Cursor, token: Token) -> None:
    while (tok := cur.next()).type != "footnote_block_close":
        if tok.type == "footnote_open":
            label = str(tok.meta.get("label", tok.meta.get("id")))
            blocks = tuple(b for b in cur.blocks(until="footnote_close") if b is not None)
            number = cur.footnote_numbers.setdefault(label, len(cur.footnote_numbers) + 1)
            cur.footnotes.append(m.Footnote(label=label, number=number, blocks=blocks, line=cur.line_of(tok)))


def _footnote_anchor(cur: _Cursor, token: Token) -> None:
    return None


_BLOCK_BUILDERS: dict[str, Callable[[_Cursor, Token], m.Block | None]] = {
    "paragraph_open": _paragraph,
    "heading_open": _heading,
    "bullet_list_open": _bullet_list,
    "ordered_list_open": _ordered_list,
    "blockquote_open": _blockquote,
    "fence": _fence,
    "code_block": _code_block,
    "hr": _hr,
    "html_block": _html_block,
    "table_open": _table,
    "footnote_block_open": _footnote_block,
    "footnote_anchor": _footnote_anchor,
}


# ── inlines ────────────────────────────────────────────────────────────────────────────────────────
_CONTAINERS: dict[str, tuple[str, Callable[..., m.Inline]]] = {
    "strong_open": ("strong_close", lambda kids, tok: m.Strong(kids)),
    "em_open": ("em_close", lambda kids, tok: m.Emphasis(kids)),
    "s_open": ("s_close", lambda kids, tok: m.Strikethrough(kids)),
    "link_open": ("link_close", lambda kids, tok: m.Link(
        href=str(tok.attrGet("href") or ""), children=kids, title=str(tok.attrGet("title") or ""))),
}


def inlines(tokens: list[Token], source: str = "index.md", line: int = 0) -> tuple[m.Inline, ...]:
    """Fold inline tokens into model nodes, resolving soft breaks the CJK-friendly way."""
    nodes, _ = _inline_run(tokens, 0, None, source, line)
    return _merge_text(_resolve_softbreaks(nodes))


class _SoftBreak:
    """A placeholder for a soft break until both neighbours are known."""


_SOFT = _SoftBreak()
_Piece = m.Inline | _SoftBreak  # an inline node, or a soft break not yet resolved


def _inline_run(tokens: list[Token], pos: int, close: str | None, source: str, line: int,
                ) -> tuple[list[_Piece], int]:
    nodes: list[_Piece] = []
    while pos < len(tokens):
        tok = tokens[pos]
        pos += 1
        if tok.type == close:
            return nodes, pos
        if tok.type in _CONTAINERS:
            closing, make = _CONTAINERS[tok.type]
            kids, pos = _inline_run(tokens, pos, closing, source, line)
            nodes.append(make(_merge_text(_resolve_softbreaks(kids)), tok))
        else:
            nodes.append(_leaf(tok, source, line))
    return nodes, pos


def _leaf(tok: Token, source: str, line: int) -> _Piece:
    match tok.type:
        case "text":
            return m.Text(tok.content)
        case "code_inline":
            return m.Code(tok.content)
        case "softbreak":
            return _SOFT
        case "hardbreak":
            return m.HardBreak()
        case "html_inline":
            return m.RawInline(tok.content)
        case "image":
            alt = "".join(c.content for c in tok.children or [])
            return m.InlineImage(m.Image(src=str(tok.attrGet("src") or ""), alt=alt,
                                         caption=str(tok.attrGet("title") or ""), line=line))
        case "footnote_ref":
            return m.FootnoteRef(label=str(tok.meta["label"]), number=int(tok.meta["id"]) + 1)
    raise DraftError(f"{source}:{line}: unsupported inline Markdown ({tok.type})")


def _resolve_softbreaks(nodes: list[_Piece]) -> tuple[m.Inline, ...]:
    """A soft break joins two lines: nothing between Chinese characters, a space otherwise."""
    out: list[m.Inline] = []
    for i, node in enumerate(nodes):
        if not isinstance(node, _SoftBreak):
            out.append(node)
            continue
        before = _edge_char(nodes[:i], last=True)
        after = _edge_char(nodes[i + 1:], last=False)
        out.append(m.Text("" if _joins_tight(before, after) else " "))
    return tuple(out)


_FULLWIDTH_PUNCTUATION = re.compile("[\u3000-\u303f\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65]")


def _joins_tight(before: str, after: str) -> bool:
    """No space between two Chinese characters, nor next to full-width punctuation (，\nword → ，word)."""
    if is_cjk(before) and is_cjk(after):
        return True
    return any(ch and _FULLWIDTH_PUNCTUATION.match(ch) for ch in (before, after))


def _edge_char(nodes: list[_Piece], *, last: bool) -> str:
    seq = reversed(nodes) if last else iter(nodes)
    for node in seq:
        if isinstance(node, _SoftBreak):
            return " "
        text = m.plain_text((node,))
        if text:
            return text[-1] if last else text[0]
    return ""


def _merge_text(nodes: tuple[m.Inline, ...]) -> tuple[m.Inline, ...]:
    merged: list[m.Inline] = []
    for node in nodes:
        if isinstance(node, m.Text) and merged and isinstance(merged[-1], m.Text):
            merged[-1] = m.Text(merged[-1].text + node.text)
        elif not (isinstance(node, m.Text) and node.text == ""):
            merged.append(node)
    return tuple(merged)


