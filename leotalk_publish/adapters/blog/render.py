"""The post's Markdown, rendered from the document model (never copied from the source).

Two dispatch tables, one small function per node type: ``BLOCK_RENDERERS`` and ``INLINE_RENDERERS``. A
node without a rule is a loud ``TypeError``. Output is kramdown-GFM-safe Markdown that CommonMark reads
the same way: one line per paragraph (soft breaks are resolved in the model), hard breaks as two trailing
spaces, the issue's own text escaped (``escape``) and Liquid-protected (``liquid``), images as al-folio
figures (``figure``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cached_property

from leotalk_publish import model as m
from leotalk_publish.channel import Rendition

from . import figure
from .escape import code_span, escape_text, escape_title, escape_url
from .footnotes import ascii_name, written_labels
from .front_matter import front_matter
from .liquid import protect
from .paths import image_path, image_url, post_path, slug_of
from .settings import BlogSettings


@dataclass(frozen=True)
class Env:
    """What a rule may need besides its node: the issue (for image paths) and the settings."""

    issue: m.Issue
    settings: BlogSettings

    def image_src(self, image: m.Image) -> str:
        asset = self.issue.assets.get(image.src)
        return image_url(self.issue, self.settings, asset.name) if asset else image.src

    @cached_property
    def footnote_labels(self) -> dict[str, str]:
        """Each footnote label of the issue → the kramdown name the post writes for it (unique)."""
        return written_labels(self.issue.document)

    def footnote_label(self, label: str) -> str:
        """The label written for ``label``: the issue's own choice, else a kramdown name made from it."""
        return self.footnote_labels.get(label) or ascii_name(label)


@dataclass(frozen=True)
class Around:
    """The characters rendered next to an inline run, and whether it starts a line."""

    before: str = ""
    after: str = ""
    line_start: bool = False
    in_table: bool = False
    in_strike: bool = False

    def inside(self, marks: str, *, strike: bool = False) -> Around:
        """What the children of a container have around them: its opening and closing marks (``*``, ``[]``)."""
        return Around(marks[0], marks[-1], in_table=self.in_table, in_strike=self.in_strike or strike)


# ── the whole post ──────────────────────────────────────────────────────────────────────────────────
def render_post(issue: m.Issue, settings: BlogSettings) -> str:
    """Front matter, body and footnotes: the complete ``_posts/…md`` text."""
    env = Env(issue, settings)
    parts = [render_blocks(issue.document.blocks, env)]
    parts += [render_footnote(note, env) for note in issue.document.footnotes]
    body = "\n\n".join(p for p in parts if p)
    return front_matter(issue, settings) + "\n" + body + "\n"


@dataclass(frozen=True)
class BlogPayload:
    """What ``render`` hands to ``push``: site paths of the post and of each image (by source), date and slug."""

    post: str
    date: str
    slug: str
    title: str
    images: Mapping[str, str]


BlogRendition = Rendition[BlogPayload]


def render(issue: m.Issue, settings: BlogSettings) -> BlogRendition:
    """The blog's rendition: ``post.md`` plus the images it shows."""
    images = {img.src: issue.assets[img.src] for img in m.all_images(issue.document) if img.src in issue.assets}
    return Rendition(channel="blog", issue_id=issue.issue_id,
                     documents={"post.md": render_post(issue, settings)},
                     assets=tuple(images.values()),
                     payload=_payload(issue, settings, images))


def _payload(issue: m.Issue, settings: BlogSettings, images: dict[str, m.Asset]) -> BlogPayload:
    """Where push puts things: the post path, each image's site path, the date and slug for the URL."""
    return BlogPayload(post=str(post_path(issue, settings)), date=issue.date.isoformat(), slug=slug_of(issue),
                       title=issue.meta.title_for("blog"),
                       images={src: str(image_path(issue, settings, a.name)) for src, a in images.items()})


# ── blocks ──────────────────────────────────────────────────────────────────────────────────────────
def render_blocks(blocks: tuple[m.Block, ...], env: Env, tight: bool = False) -> str:
    """Blocks separated by blank lines (in a tight list item, a list follows its paragraph directly)."""
    out: list[str] = []
    previous: m.Block | None = None
    for block in blocks:
        text = render_block(block, env)
        if out:
            out.append(_separator(previous, block, tight))
        out.append(text)
        previous = block
    return "".join(out)


def _separator(previous: m.Block | None, block: m.Block, tight: bool) -> str:
    lists = (m.BulletList, m.OrderedList)
    if isinstance(block, lists) and type(previous) is type(block):
        return "\n\n<!-- -->\n\n"  # two lists of one kind in a row would otherwise merge into one
    if tight and isinstance(previous, m.Paragraph) and isinstance(block, lists):
        return "\n"
    return "\n\n"


def render_block(block: m.Block, env: Env) -> str:
    rule = BLOCK_RENDERERS.get(type(block))
    if rule is None:
        raise m.UnknownNode(block, "the blog renderer")
    return rule(block, env)


def _paragraph(block: m.Paragraph, env: Env) -> str:
    return protect(render_inlines(block.children, env, Around(line_start=True)))


def _heading(block: m.Heading, env: Env) -> str:
    text = render_inlines(block.children, env, Around(line_start=False))
    if text.endswith("#") and not text.endswith("\\#"):
        text = text[:-1] + "\\#"  # a closing '#' run would be dropped
    return protect(("#" * block.level + " " + text).rstrip())


def _bullet_list(block: m.BulletList, env: Env) -> str:
    return "\n".join(_item("- ", item, env) for item in block.items)


def _ordered_list(block: m.OrderedList, env: Env) -> str:
    items = "\n".join(_item(f"{block.start + i}. ", item, env) for i, item in enumerate(block.items))
    # kramdown numbers every list from 1; its attribute line carries the start over to the HTML
    return items if block.start == 1 else f'{items}\n{{: start="{block.start}"}}'


def _item(marker: str, item: m.ListItem, env: Env) -> str:
    body = render_blocks(item.blocks, env, tight=True)
    if not body:
        return marker.rstrip()
    return marker + indent(body, " " * len(marker)).lstrip(" ")


def _blockquote(block: m.Blockquote, env: Env) -> str:
    body = render_blocks(block.blocks, env)
    return "\n".join(f"> {line}" if line else ">" for line in body.split("\n"))


def _code_block(block: m.CodeBlock, env: Env) -> str:
    code = block.code if block.code.endswith("\n") or not block.code else block.code + "\n"
    fence = code_fence(block.language, code)
    gap = " " if block.language.startswith(("`", "~")) else ""  # kramdown's fence takes any run of ` and ~
    return protect(f"{fence}{gap}{block.language}\n{code}{fence}")


def code_fence(language: str, code: str) -> str:
    """Backticks, or tildes when the info string holds a backtick (CommonMark ends a backtick fence's info
    string there); longer than any run of the same character that starts a line of the code."""
    char = "~" if "`" in language else "`"
    runs = re.findall(rf"^ {{0,3}}({re.escape(char)}{{3,}})", code, flags=re.M)
    return char * max(3, max((len(run) for run in runs), default=0) + 1)


def _thematic_break(block: m.ThematicBreak, env: Env) -> str:
    return "---"


def _table(block: m.Table, env: Env) -> str:
    cell = Around(in_table=True)
    rows = [block.header, *block.rows]
    lines = ["| " + " | ".join(render_inlines(c.children, env, cell) for c in row) + " |" for row in rows]
    rule = "| " + " | ".join(_align_rule(a) for a in block.aligns) + " |"
    return protect("\n".join([lines[0], rule, *lines[1:]]))


def _align_rule(align: str) -> str:
    return {"left": ":---", "center": ":---:", "right": "---:"}.get(align, "---")


def _figures(block: m.Figures, env: Env) -> str:
    s = env.settings
    tags = [figure.include(env.image_src(img), css_class=s.figure_class, zoomable=s.zoomable, loading=s.loading,
                           alt=img.alt, caption=img.caption) for img in block.images]
    return figure.figure_row(tags)


def _raw_block(block: m.RawBlock, env: Env) -> str:
    return protect(block.html.rstrip("\n"))


BLOCK_RENDERERS: dict[type, Callable[..., str]] = {
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


def render_footnote(note: m.Footnote, env: Env) -> str:
    """``[^label]: first block`` with the following blocks indented under it."""
    body = render_blocks(note.blocks, env)
    return f"[^{env.footnote_label(note.label)}]: " + indent(body, "    ").lstrip(" ")


def indent(text: str, prefix: str) -> str:
    return "\n".join(prefix + line if line else line for line in text.split("\n"))


# ── inlines ─────────────────────────────────────────────────────────────────────────────────────────
def render_inlines(nodes: tuple[m.Inline, ...], env: Env, around: Around) -> str:
    """A run of inline nodes, each told what is rendered on either side of it."""
    out: list[str] = []
    for i, node in enumerate(nodes):
        before = _trail_char(nodes[i - 1]) if i else around.before
        after = _lead_char(nodes[i + 1], env) if i + 1 < len(nodes) else around.after
        starts_line = around.line_start if i == 0 else isinstance(nodes[i - 1], m.HardBreak)
        out.append(render_inline(node, env, Around(before, after, starts_line, around.in_table, around.in_strike)))
    return "".join(out)


def render_inline(node: m.Inline, env: Env, around: Around) -> str:
    rule = INLINE_RENDERERS.get(type(node))
    if rule is None:
        raise m.UnknownNode(node, "the blog renderer")
    return rule(node, env, around)


def _trail_char(node: m.Inline) -> str:
    """The last character rendered for ``node``, where it matters to the text after it (a ``~`` after ``~~``)."""
    if isinstance(node, m.Strikethrough):
        return "~"
    return node.text[-1:] if isinstance(node, m.Text) else ""


def _lead_char(node: m.Inline, env: Env) -> str:
    return render_inline(node, env, Around())[:1]


def _text(node: m.Text, env: Env, around: Around) -> str:
    return escape_text(node.text, around.before, around.after, around.line_start)


def _strong(node: m.Strong, env: Env, around: Around) -> str:
    return "**" + render_inlines(node.children, env, around.inside("*")) + "**"


def _emphasis(node: m.Emphasis, env: Env, around: Around) -> str:
    mark = "*" if around.before[-1:].isalnum() or around.after[:1].isalnum() else "_"
    return mark + render_inlines(node.children, env, around.inside(mark)) + mark


def _strikethrough(node: m.Strikethrough, env: Env, around: Around) -> str:
    return "~~" + render_inlines(node.children, env, around.inside("~", strike=True)) + "~~"


def _code(node: m.Code, env: Env, around: Around) -> str:
    return code_span(node.text.replace("|", "\\|") if around.in_table else node.text)


def _link(node: m.Link, env: Env, around: Around) -> str:
    text = render_inlines(node.children, env, around.inside("[]"))
    title = " " + escape_title(node.title) if node.title else ""
    return f"[{text}]({escape_url(node.href)}{title})"


def _inline_image(node: m.InlineImage, env: Env, around: Around) -> str:
    image = node.image
    alt = escape_text(image.alt, "[", "]")
    title = " " + escape_title(image.caption) if image.caption else ""
    return f"![{alt}]({escape_url(env.image_src(image))}{title})"


def _hard_break(node: m.HardBreak, env: Env, around: Around) -> str:
    """Two trailing spaces, where they can stand; else a backslash, or ``<br>`` where no Markdown break works (a
    table cell; inside ``~~…~~``, whose inside kramdown reads no backslash break)."""
    if around.in_table or (around.in_strike and not _spaces_can_break(around)):
        return "<br>"
    return "  \n" if _spaces_can_break(around) else "\\\n"


def _spaces_can_break(around: Around) -> bool:
    """Two trailing spaces are a break unless the line is blank so far (they would make a blank line), a mark
    has just opened (``**`` before a space does not open) or the text ends in its own space (both parsers drop
    the spaces before such a break, the text's own with them)."""
    return not (around.line_start or around.before in ("*", "_", "~") or around.before.isspace())


def _raw_inline(node: m.RawInline, env: Env, around: Around) -> str:
    return node.html


def _footnote_ref(node: m.FootnoteRef, env: Env, around: Around) -> str:
    return f"[^{env.footnote_label(node.label)}]"


INLINE_RENDERERS: dict[type, Callable[..., str]] = {
    m.Text: _text,
    m.Strong: _strong,
    m.Emphasis: _emphasis,
    m.Strikethrough: _strikethrough,
    m.Code: _code,
    m.Link: _link,
    m.InlineImage: _inline_image,
    m.HardBreak: _hard_break,
    m.RawInline: _raw_inline,
    m.FootnoteRef: _footnote_ref,
}
