"""What would go wrong on Substack, found before anything is pushed: raw HTML with no Substack
equivalent, images Substack cannot show, links that lead nowhere, and what changes shape (tables)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlparse

from leotalk_publish import model as m
from leotalk_publish.adapters.substack.raw_html import classify, describe
from leotalk_publish.errors import Problem

IMAGE_TYPES = frozenset({"image/png", "image/jpeg", "image/gif", "image/webp"})


def check(issue: m.Issue) -> list[Problem]:
    where = _where(issue)
    problems: list[Problem] = []
    for block in m.document_blocks(issue.document):
        problems += _block_problems(block, f"{where}:{block.line}")
        problems += [p for node in m.block_inlines(block) for p in _inline_problems(node, f"{where}:{block.line}")]
    problems += _image_problems(issue, where)
    return problems


def _where(issue: m.Issue) -> str:
    try:
        return str(issue.index_path.relative_to(Path.cwd()))
    except ValueError:
        return str(issue.index_path)


def _block_problems(block: m.Block, where: str) -> Iterator[Problem]:
    if isinstance(block, m.RawBlock):
        yield from _raw_problems(block.html, where)
    elif isinstance(block, m.Table):
        yield Problem(where, "Substack has no tables: this one becomes a bullet list, one row per item, "
                      "each cell on its own line as 'header: value'",
                      "fine for small tables; for a wide one, use an image of the table", severity="warning")


def _inline_problems(node: m.Inline, where: str) -> Iterator[Problem]:
    if isinstance(node, m.RawInline):
        yield from _raw_problems(node.html, where)
    elif isinstance(node, m.InlineImage):
        yield Problem(where, f"image '{node.image.src}' stands inside text; Substack shows it after the paragraph",
                      "put the image on a line of its own", severity="warning")
    elif isinstance(node, m.Link):
        yield from _link_problems(node, where)


def _link_problems(link: m.Link, where: str) -> Iterator[Problem]:
    text = m.plain_text(link.children)
    if not link.href.strip():
        yield Problem(where, f"link '{text}' has no address; Substack gets its words as plain text",
                      "add the URL: [words](https://…)", severity="warning")
    elif not urlparse(link.href).scheme and not link.href.startswith("#"):
        yield Problem(where, f"link '{text}' → '{link.href}' is relative; it leads nowhere on Substack",
                      "use a full URL (https://…)", severity="warning")


def _raw_problems(html: str, where: str) -> Iterator[Problem]:
    raw = classify(html)
    if raw.kind == "lost":
        yield Problem(where, f"{describe(raw)} has no Substack equivalent and would be lost",
                      "write it in Markdown (an image as ![alt](path)), or remove it")
    elif raw.kind in ("text", "markup"):
        yield Problem(where, f"{describe(raw)}: Substack has no equivalent; the markup is dropped"
                      + (", its text is kept" if raw.text else ""),
                      "write it in Markdown to keep its formatting", severity="warning")


def _image_problems(issue: m.Issue, where: str) -> Iterator[Problem]:
    for image in m.all_images(issue.document):
        asset = issue.assets.get(image.src)
        if asset is not None and asset.mime not in IMAGE_TYPES:
            yield Problem(f"{where}:{image.line}", f"image '{image.src}' is {asset.mime}, which Substack does not show",
                          "save it as PNG, JPEG, GIF or WebP")
