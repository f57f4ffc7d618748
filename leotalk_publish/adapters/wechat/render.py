"""The WeChat renderer: Issue → inline-styled HTML, pure (no network, clock or randomness).

One small function per node type, looked up in ``BLOCKS`` and ``INLINES`` (an unknown node is a loud
error). The HTML is built with classes for the theme's selectors; ``theme.apply_theme`` then inlines the
theme and removes every class. Lists, code, tables, figures and links have their own modules. A ``Look``
says how rich the rendering is (the fit ladder's rungs): the full theme or the compact one, and whether the
references are listed or replaced by one line pointing to 阅读原文.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from html import escape
from typing import Any

from leotalk_publish import model as m
from leotalk_publish.adapters.wechat.figures import inline_image, render_figures
from leotalk_publish.adapters.wechat.links import References, render_link
from leotalk_publish.adapters.wechat.lists import render_list
from leotalk_publish.adapters.wechat.opinion import is_opinion
from leotalk_publish.adapters.wechat.pangu import spaced
from leotalk_publish.adapters.wechat.payload import WechatRendition
from leotalk_publish.adapters.wechat.rawhtml import carried_html, is_only_comment, raw_html_problem
from leotalk_publish.adapters.wechat.settings import WechatSettings
from leotalk_publish.adapters.wechat.tables import render_table
from leotalk_publish.adapters.wechat.theme import COMPACT, apply_theme, builtin_css

NOTES_TITLE = "注释"
MAX_QUOTE_DEPTH = 3


@dataclass(frozen=True)
class Look:
    """How rich one rendering is: ``compact`` theme; references ``listed`` or sent to 阅读原文."""

    compact: bool = False
    listed: bool = True


FULL = Look()


@dataclass
class Renderer:
    """The state of one rendering: the issue, its settings, its look and the link references met so far."""

    issue: m.Issue
    settings: WechatSettings
    look: Look = FULL
    refs: References = field(default_factory=References)

    def __post_init__(self) -> None:
        self.refs.listed = self.look.listed

    def block(self, block: m.Block, depth: int = 0, lists: int = 0) -> str:
        """``depth``: quotes around the block; ``lists``: lists around it."""
        try:
            render = BLOCKS[type(block)]
        except KeyError:
            raise TypeError(f"the WeChat renderer has no rule for {type(block).__name__}") from None
        return render(self, block, depth, lists)

    def blocks(self, blocks: tuple[m.Block, ...], depth: int = 0, lists: int = 0) -> str:
        return "".join(self.block(b, depth, lists) for b in blocks)

    def inlines(self, nodes: tuple[m.Inline, ...]) -> str:
        return "".join(self.inline(node) for node in nodes)

    def inline(self, node: m.Inline) -> str:
        try:
            render = INLINES[type(node)]
        except KeyError:
            raise TypeError(f"the WeChat renderer has no rule for {type(node).__name__}") from None
        return render(self, node)


def theme_css(settings: WechatSettings, look: Look = FULL) -> str:
    """The chosen built-in theme (or the compact one), then the user's ``channels/wechat.css``."""
    user = settings.theme_css.removeprefix(builtin_css("default"))
    return builtin_css(COMPACT if look.compact else settings.theme) + "\n" + user


def render_content(issue: m.Issue, settings: WechatSettings, look: Look = FULL) -> str:
    """The whole issue as one article (with local image sources, swapped at push)."""
    return render_article(issue, settings, issue.document.blocks, issue.document.footnotes, look)


def render_article(issue: m.Issue, settings: WechatSettings, blocks: tuple[m.Block, ...],
                   footnotes: tuple[m.Footnote, ...], look: Look = FULL) -> str:
    """One article of these blocks: body, notes, references, in one ``.article`` section, themed."""
    return apply_theme(article_markup(Renderer(issue, settings, look), blocks, footnotes), theme_css(settings, look))


def article_markup(renderer: Renderer, blocks: tuple[m.Block, ...], footnotes: tuple[m.Footnote, ...]) -> str:
    body = renderer.blocks(blocks)
    notes = render_notes(renderer, footnotes)
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
def _paragraph(r: Renderer, block: m.Paragraph, depth: int, lists: int) -> str:
    opinion = ' class="opinion"' if is_opinion(block) else ""
    return f"<p{opinion}>{r.inlines(block.children)}</p>"


def _heading(r: Renderer, block: m.Heading, depth: int, lists: int) -> str:
    return f"<h{block.level}>{r.inlines(block.children)}</h{block.level}>"


def _list(r: Renderer, block: m.BulletList | m.OrderedList, depth: int, lists: int) -> str:
    return render_list(block, lists, lambda b, inner: r.block(b, depth, inner), r.inlines)


def _blockquote(r: Renderer, block: m.Blockquote, depth: int, lists: int) -> str:
    """A quote of one paragraph holds its text directly (the shortest markup); others hold their blocks."""
    if depth >= MAX_QUOTE_DEPTH:
        return r.blocks(block.blocks, depth + 1, lists)
    only = block.blocks[0] if len(block.blocks) == 1 else None
    if isinstance(only, m.Paragraph) and not is_opinion(only):
        return f"<blockquote>{r.inlines(only.children)}</blockquote>"
    return f"<blockquote>{r.blocks(block.blocks, depth + 1, lists)}</blockquote>"


def _code(r: Renderer, block: m.CodeBlock, depth: int, lists: int) -> str:
    from leotalk_publish.adapters.wechat.code import render_code  # Pygments, only for an issue with code
    return render_code(block.code, block.language, r.settings.code_style, few_colours=r.look.compact)


def _hr(r: Renderer, block: m.ThematicBreak, depth: int, lists: int) -> str:
    return "<hr>"


def _table(r: Renderer, block: m.Table, depth: int, lists: int) -> str:
    return render_table(block, r.inlines)


def _figures(r: Renderer, block: m.Figures, depth: int, lists: int) -> str:
    return render_figures(r.issue, block)


def _raw_block(r: Renderer, block: m.RawBlock, depth: int, lists: int) -> str:
    if is_only_comment(block.html) or raw_html_problem(block.html):
        return ""  # a problem is reported by check before anything is pushed
    return carried_html(block.html)


# A rule takes the node of its key's type; a dict keyed by type cannot say so, hence ``Any`` for the node.
BlockRule = Callable[[Renderer, Any, int, int], str]
BLOCKS: dict[type, BlockRule] = {
    m.Paragraph: _paragraph, m.Heading: _heading, m.BulletList: _list, m.OrderedList: _list,
    m.Blockquote: _blockquote, m.CodeBlock: _code, m.ThematicBreak: _hr, m.Table: _table,
    m.Figures: _figures, m.RawBlock: _raw_block,
}


# ── inlines ─────────────────────────────────────────────────────────────────────────────────────────
def _text(r: Renderer, node: m.Text) -> str:
    text = spaced(node.text) if r.settings.pangu else node.text
    return escape(text, quote=False)


def _wrap(tag: str) -> InlineRule:
    def render(r: Renderer, node: m.Strong | m.Emphasis | m.Strikethrough) -> str:
        return f"<{tag}>{r.inlines(node.children)}</{tag}>"
    return render


def _code_inline(r: Renderer, node: m.Code) -> str:
    return f"<code>{escape(node.text, quote=False)}</code>"


def _link(r: Renderer, node: m.Link) -> str:
    return render_link(node.href, r.inlines(node.children), m.plain_text(node.children), r.refs)


def _inline_image(r: Renderer, node: m.InlineImage) -> str:
    return inline_image(r.issue, node.image)


def _hard_break(r: Renderer, node: m.HardBreak) -> str:
    return "<br>"


def _raw_inline(r: Renderer, node: m.RawInline) -> str:
    if is_only_comment(node.html) or raw_html_problem(node.html):
        return ""  # reported by check
    return node.html


def _footnote_ref(r: Renderer, node: m.FootnoteRef) -> str:
    return f"<sup>注{node.number}</sup>"


InlineRule = Callable[[Renderer, Any], str]  # the node is the key's type (as BlockRule)
INLINES: dict[type, InlineRule] = {
    m.Text: _text, m.Strong: _wrap("strong"), m.Emphasis: _wrap("em"), m.Strikethrough: _wrap("s"),
    m.Code: _code_inline, m.Link: _link, m.InlineImage: _inline_image, m.HardBreak: _hard_break,
    m.RawInline: _raw_inline, m.FootnoteRef: _footnote_ref,
}


# ── the adapter's render role ───────────────────────────────────────────────────────────────────────
def render(issue: m.Issue, settings: WechatSettings) -> WechatRendition:
    """Pure: the issue as WeChat shows it, a rendition carrying the fit ladder (assembled in ``rendition.py``,
    which builds on this module through ``fit.py``; imported here when called, so the two do not cycle)."""
    from leotalk_publish.adapters.wechat.rendition import render_rendition
    return render_rendition(issue, settings)
