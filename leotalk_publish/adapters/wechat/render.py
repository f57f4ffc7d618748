"""The WeChat renderer: Issue → inline-styled HTML, pure (no network, clock or randomness).

One small function per node type, looked up in ``BLOCKS`` and ``INLINES`` (an unknown node is a loud
error). The HTML is built with classes for the theme's selectors; ``theme.apply_theme`` then inlines the
theme and removes every class. Lists, code, tables and links have their own modules.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from html import escape

from leotalk_publish import model as m
from leotalk_publish.adapters.wechat.links import References, render_link
from leotalk_publish.adapters.wechat.lists import render_list
from leotalk_publish.adapters.wechat.rawhtml import carried_html, is_only_comment, raw_html_problem
from leotalk_publish.adapters.wechat.settings import WechatSettings
from leotalk_publish.adapters.wechat.tables import render_table
from leotalk_publish.adapters.wechat.theme import apply_theme

NOTES_TITLE = "注释"
MAX_QUOTE_DEPTH = 3
FULL_WIDTH_FROM = 600  # images at least this wide fill the column; narrower ones keep their own width


@dataclass
class Renderer:
    """The state of one rendering: the issue, its settings and the link references met so far."""

    issue: m.Issue
    settings: WechatSettings
    refs: References = field(default_factory=References)

    def block(self, block: m.Block, depth: int = 0) -> str:
        try:
            render = BLOCKS[type(block)]
        except KeyError:
            raise TypeError(f"the WeChat renderer has no rule for {type(block).__name__}") from None
        return render(self, block, depth)

    def blocks(self, blocks: tuple[m.Block, ...], depth: int = 0) -> str:
        return "".join(self.block(b, depth) for b in blocks)

    def inlines(self, nodes: tuple[m.Inline, ...]) -> str:
        return "".join(self.inline(node) for node in nodes)

    def inline(self, node: m.Inline) -> str:
        try:
            render = INLINES[type(node)]
        except KeyError:
            raise TypeError(f"the WeChat renderer has no rule for {type(node).__name__}") from None
        return render(self, node)


def render_content(issue: m.Issue, settings: WechatSettings) -> str:
    """The article body as WeChat gets it (with local image sources, swapped at push)."""
    return apply_theme(content_markup(issue, settings), settings.theme_css)


def content_markup(issue: m.Issue, settings: WechatSettings) -> str:
    """The body before the theme is inlined: body, notes, references, in one ``.article`` section."""
    renderer = Renderer(issue, settings)
    body = renderer.blocks(issue.document.blocks)
    notes = render_notes(renderer, issue.document.footnotes)
    return f'<section class="article">{body}{notes}{renderer.refs.render()}</section>'


def render_notes(renderer: Renderer, footnotes: tuple[m.Footnote, ...]) -> str:
    if not footnotes:
        return ""
    notes = "".join(_note(renderer, note) for note in footnotes)
    return f'<section class="notes"><h3>{NOTES_TITLE}</h3>{notes}</section>'


def _note(renderer: Renderer, note: m.Footnote) -> str:
    first, rest = note.blocks[:1], note.blocks[1:]
    if first and isinstance(first[0], m.Paragraph):
        return f"<p>注{note.number} {renderer.inlines(first[0].children)}</p>{renderer.blocks(rest)}"
    return f"<p>注{note.number}</p>{renderer.blocks(note.blocks)}"


# ── blocks ──────────────────────────────────────────────────────────────────────────────────────────
def _paragraph(r: Renderer, block: m.Paragraph, depth: int) -> str:
    opinion = ' class="opinion"' if m.is_opinion(block) else ""
    return f"<p{opinion}>{r.inlines(block.children)}</p>"


def _heading(r: Renderer, block: m.Heading, depth: int) -> str:
    return f"<h{block.level}>{r.inlines(block.children)}</h{block.level}>"


def _list(r: Renderer, block: m.BulletList | m.OrderedList, depth: int) -> str:
    return render_list(block, depth, r.block, r.inlines)


def _blockquote(r: Renderer, block: m.Blockquote, depth: int) -> str:
    inner = r.blocks(block.blocks, depth + 1)
    return inner if depth >= MAX_QUOTE_DEPTH else f"<blockquote>{inner}</blockquote>"


def _code(r: Renderer, block: m.CodeBlock, depth: int) -> str:
    from leotalk_publish.adapters.wechat.code import render_code  # Pygments, only for an issue with code
    return render_code(block.code, block.language, r.settings.code_style)


def _hr(r: Renderer, block: m.ThematicBreak, depth: int) -> str:
    return "<hr>"


def _table(r: Renderer, block: m.Table, depth: int) -> str:
    return render_table(block, r.inlines)


def _figures(r: Renderer, block: m.Figures, depth: int) -> str:
    """Images that fill the column stand alone (no wrapper to pay for); others are centred in a ``<p>``."""
    width = f"{100 // len(block.images)}%" if len(block.images) > 1 else ""
    images = "".join(image_tag(r.issue, image, width) for image in block.images)
    captions = " ".join(escape(i.caption, quote=False) for i in block.images if i.caption)
    if not captions and len(block.images) == 1 and _fills(r.issue, block.images[0]):
        return images
    caption = f'<br><span class="caption">{captions}</span>' if captions else ""
    return f'<p class="fig">{images}{caption}</p>'


def _raw_block(r: Renderer, block: m.RawBlock, depth: int) -> str:
    if is_only_comment(block.html) or raw_html_problem(block.html):
        return ""  # a problem is reported by check before anything is pushed
    return carried_html(block.html)


def image_tag(issue: m.Issue, image: m.Image, width: str = "") -> str:
    """``<img>`` with its width in ``style`` (height follows) and ``data-w``; ``src`` stays local until push."""
    asset = issue.assets.get(image.src)
    style = f"width:{width}" if width else _own_width(asset)
    alt = f' alt="{escape(image.alt)}"' if image.alt else ""
    data_w = f' data-w="{asset.width}"' if asset else ""
    return f'<img src="{escape(image.src)}"{alt}{data_w} style="{style}">'


def _fills(issue: m.Issue, image: m.Image) -> bool:
    """True when the image fills the column, so it needs no centring."""
    asset = issue.assets.get(image.src)
    return asset is None or asset.width >= FULL_WIDTH_FROM


def _own_width(asset: m.Asset | None) -> str:
    if asset is None or asset.width >= FULL_WIDTH_FROM:
        return "width:100%"
    return f"width:{asset.width}px;max-width:100%;height:auto"


BlockRule = Callable[[Renderer, m.Block, int], str]
BLOCKS: dict[type, BlockRule] = {
    m.Paragraph: _paragraph, m.Heading: _heading, m.BulletList: _list, m.OrderedList: _list,
    m.Blockquote: _blockquote, m.CodeBlock: _code, m.ThematicBreak: _hr, m.Table: _table,
    m.Figures: _figures, m.RawBlock: _raw_block,
}


# ── inlines ─────────────────────────────────────────────────────────────────────────────────────────
def _text(r: Renderer, node: m.Text) -> str:
    return escape(node.text, quote=False)


def _wrap(tag: str) -> Callable[[Renderer, m.Inline], str]:
    def render(r: Renderer, node: m.Strong | m.Emphasis | m.Strikethrough) -> str:
        return f"<{tag}>{r.inlines(node.children)}</{tag}>"
    return render


def _code_inline(r: Renderer, node: m.Code) -> str:
    return f"<code>{escape(node.text, quote=False)}</code>"


def _link(r: Renderer, node: m.Link) -> str:
    return render_link(node.href, r.inlines(node.children), m.plain_text(node.children), r.refs)


def _inline_image(r: Renderer, node: m.InlineImage) -> str:
    return image_tag(r.issue, node.image)


def _hard_break(r: Renderer, node: m.HardBreak) -> str:
    return "<br>"


def _raw_inline(r: Renderer, node: m.RawInline) -> str:
    if is_only_comment(node.html) or raw_html_problem(node.html):
        return ""  # reported by check
    return node.html


def _footnote_ref(r: Renderer, node: m.FootnoteRef) -> str:
    return f"<sup>注{node.number}</sup>"


InlineRule = Callable[[Renderer, m.Inline], str]
INLINES: dict[type, InlineRule] = {
    m.Text: _text, m.Strong: _wrap("strong"), m.Emphasis: _wrap("em"), m.Strikethrough: _wrap("s"),
    m.Code: _code_inline, m.Link: _link, m.InlineImage: _inline_image, m.HardBreak: _hard_break,
    m.RawInline: _raw_inline, m.FootnoteRef: _footnote_ref,
}
