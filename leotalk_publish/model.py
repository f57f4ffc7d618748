"""The one document model every adapter consumes.

Markdown is parsed once (``leotalk_publish.parse``) into these frozen dataclasses. Soft line breaks are
already resolved here (a space between Latin words, nothing between Chinese characters), so no renderer
ever sees one. Every block carries ``line``: its 1-based line in ``index.md`` for error messages.

Inline nodes: Text, Strong, Emphasis, Strikethrough, Code, Link, InlineImage, HardBreak, RawInline,
FootnoteRef. Block nodes: Paragraph, Heading, BulletList, OrderedList (of ListItem), Blockquote,
CodeBlock, ThematicBreak, Table, Figures (a paragraph holding only images), RawBlock.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Union

if TYPE_CHECKING:
    from leotalk_publish.frontmatter import IssueMeta


# ── inline ──────────────────────────────────────────────────────────────────────────────────────────
@dataclass(frozen=True, slots=True)
class Text:
    text: str


@dataclass(frozen=True, slots=True)
class Strong:
    children: tuple[Inline, ...]


@dataclass(frozen=True, slots=True)
class Emphasis:
    children: tuple[Inline, ...]


@dataclass(frozen=True, slots=True)
class Strikethrough:
    children: tuple[Inline, ...]


@dataclass(frozen=True, slots=True)
class Code:
    text: str


@dataclass(frozen=True, slots=True)
class Link:
    href: str
    children: tuple[Inline, ...]
    title: str = ""


@dataclass(frozen=True, slots=True)
class Image:
    """An image reference; ``src`` is the path as written, ``caption`` comes from the Markdown title."""

    src: str
    alt: str = ""
    caption: str = ""
    line: int = 0


@dataclass(frozen=True, slots=True)
class InlineImage:
    """An image that stands inside running text (rare; most images are ``Figures``)."""

    image: Image


@dataclass(frozen=True, slots=True)
class HardBreak:
    pass


@dataclass(frozen=True, slots=True)
class RawInline:
    html: str


@dataclass(frozen=True, slots=True)
class FootnoteRef:
    label: str
    number: int


Inline = Union[  # noqa: UP007 - a runtime alias used in isinstance-free pattern matching
    Text, Strong, Emphasis, Strikethrough, Code, Link, InlineImage, HardBreak, RawInline, FootnoteRef
]


# ── blocks ──────────────────────────────────────────────────────────────────────────────────────────
@dataclass(frozen=True, slots=True)
class Paragraph:
    children: tuple[Inline, ...]
    line: int = 0


@dataclass(frozen=True, slots=True)
class Heading:
    level: int
    children: tuple[Inline, ...]
    line: int = 0


@dataclass(frozen=True, slots=True)
class ListItem:
    blocks: tuple[Block, ...]
    line: int = 0


@dataclass(frozen=True, slots=True)
class BulletList:
    items: tuple[ListItem, ...]
    line: int = 0


@dataclass(frozen=True, slots=True)
class OrderedList:
    items: tuple[ListItem, ...]
    start: int = 1
    line: int = 0


@dataclass(frozen=True, slots=True)
class Blockquote:
    blocks: tuple[Block, ...]
    line: int = 0


@dataclass(frozen=True, slots=True)
class CodeBlock:
    code: str
    language: str = ""
    line: int = 0


@dataclass(frozen=True, slots=True)
class ThematicBreak:
    line: int = 0


@dataclass(frozen=True, slots=True)
class TableCell:
    children: tuple[Inline, ...]


@dataclass(frozen=True, slots=True)
class Table:
    header: tuple[TableCell, ...]
    rows: tuple[tuple[TableCell, ...], ...]
    aligns: tuple[str, ...]  # "", "left", "center" or "right" per column
    line: int = 0


@dataclass(frozen=True, slots=True)
class Figures:
    """One or more images side by side: a paragraph that held nothing but images."""

    images: tuple[Image, ...]
    line: int = 0


@dataclass(frozen=True, slots=True)
class RawBlock:
    html: str
    line: int = 0


Block = Union[  # noqa: UP007
    Paragraph, Heading, BulletList, OrderedList, Blockquote, CodeBlock, ThematicBreak, Table, Figures, RawBlock
]

BLOCK_TYPES: tuple[type, ...] = (
    Paragraph, Heading, BulletList, OrderedList, Blockquote, CodeBlock, ThematicBreak, Table, Figures, RawBlock,
)
INLINE_TYPES: tuple[type, ...] = (
    Text, Strong, Emphasis, Strikethrough, Code, Link, InlineImage, HardBreak, RawInline, FootnoteRef,
)


@dataclass(frozen=True, slots=True)
class Footnote:
    label: str
    number: int
    blocks: tuple[Block, ...]
    line: int = 0


@dataclass(frozen=True, slots=True)
class Document:
    blocks: tuple[Block, ...]
    footnotes: tuple[Footnote, ...] = ()


@dataclass(frozen=True, slots=True)
class Asset:
    """A local file an issue references, read once at load time."""

    src: str  # as written in index.md
    path: Path  # absolute, resolved inside the draft folder
    sha256: str
    size: int
    mime: str
    width: int
    height: int

    @property
    def name(self) -> str:
        return self.path.name

    def read_bytes(self) -> bytes:
        return self.path.read_bytes()


@dataclass(frozen=True, slots=True)
class Issue:
    """A loaded draft: who it is, its metadata, its document and the files it needs."""

    issue_id: str
    folder: Path
    meta: IssueMeta
    document: Document
    assets: dict[str, Asset] = field(default_factory=dict)

    @property
    def index_path(self) -> Path:
        return self.folder / "index.md"

    def at(self, line: int = 0) -> str:
        """Where a problem is, for a ``Problem``: index.md and the line (none for 0). The path is absolute; the
        pipeline shows it relative to the project root, whatever the working directory."""
        return f"{self.index_path}:{line}" if line else str(self.index_path)

    @property
    def date(self) -> datetime:
        return self.meta.date

    def asset(self, image: Image) -> Asset:
        return self.assets[image.src]


# ── helpers every adapter uses ──────────────────────────────────────────────────────────────────────
class UnknownNode(TypeError):
    """A node type a walker or a renderer has no rule for: a bug (a node type added to the model without its
    rules), never bad input. It is raised, never skipped, so a new container cannot hide its images."""

    def __init__(self, node: object, where: str):
        super().__init__(f"{where} has no rule for the node type {type(node).__name__}: a node type was added "
                         "to the model without a rule here (model.BLOCK_TYPES / INLINE_TYPES list the known ones)")


def plain_text(nodes: tuple[Inline, ...]) -> str:
    """The text a reader sees, without marks."""
    return "".join(_plain(node) for node in nodes)


def _plain(node: Inline) -> str:
    match node:
        case Text(text) | Code(text):
            return text
        case Strong(children) | Emphasis(children) | Strikethrough(children) | Link(_, children, _):
            return plain_text(children)
        case HardBreak():
            return "\n"
        case InlineImage(image):
            return image.alt
        case FootnoteRef(_, number):
            return f"[{number}]"
        case RawInline():
            return ""
        case _:
            raise UnknownNode(node, "model.plain_text")


def walk_blocks(blocks: tuple[Block, ...]) -> Iterator[Block]:
    """Every block, depth first, nested ones included; ``UnknownNode`` on a block type it does not know."""
    for block in blocks:
        yield block
        yield from walk_blocks(child_blocks(block))


def child_blocks(block: Block) -> tuple[Block, ...]:
    """The blocks a block holds directly (list items' blocks, a quote's blocks); none for a leaf block."""
    match block:
        case BulletList(items) | OrderedList(items):
            return tuple(inner for item in items for inner in item.blocks)
        case Blockquote(children):
            return children
        case Paragraph() | Heading() | CodeBlock() | ThematicBreak() | Table() | Figures() | RawBlock():
            return ()
        case _:
            raise UnknownNode(block, "model.walk_blocks")


def walk_inlines(nodes: tuple[Inline, ...]) -> Iterator[Inline]:
    """Every inline node, depth first; ``UnknownNode`` on an inline type it does not know."""
    for node in nodes:
        yield node
        match node:
            case Strong(children) | Emphasis(children) | Strikethrough(children) | Link(_, children, _):
                yield from walk_inlines(children)
            case Text() | Code() | InlineImage() | HardBreak() | RawInline() | FootnoteRef():
                pass
            case _:
                raise UnknownNode(node, "model.walk_inlines")


def block_inlines(block: Block) -> Iterator[Inline]:
    """Every inline node directly held by a block (not by its nested blocks)."""
    match block:
        case Paragraph(children) | Heading(_, children):
            yield from walk_inlines(children)
        case Table(header, rows):
            for cell in (*header, *(c for row in rows for c in row)):
                yield from walk_inlines(cell.children)
        case BulletList() | OrderedList() | Blockquote() | CodeBlock() | ThematicBreak() | Figures() | RawBlock():
            pass
        case _:
            raise UnknownNode(block, "model.block_inlines")


def document_blocks(document: Document) -> Iterator[Block]:
    yield from walk_blocks(document.blocks)
    for footnote in document.footnotes:
        yield from walk_blocks(footnote.blocks)


def all_images(document: Document) -> list[Image]:
    """Every image of the document in reading order."""
    found: list[Image] = []
    for block in document_blocks(document):
        if isinstance(block, Figures):
            found.extend(block.images)
        found.extend(n.image for n in block_inlines(block) if isinstance(n, InlineImage))
    return found


def all_links(document: Document) -> list[Link]:
    return [n for b in document_blocks(document) for n in block_inlines(b) if isinstance(n, Link)]
