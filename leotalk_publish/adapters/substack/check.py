"""What would go wrong on Substack, found before anything is pushed: raw HTML with no Substack
equivalent, images Substack cannot show or would refuse (over its upload size), a schedule too far ahead,
links that lead nowhere, and what changes shape (tables, footnote anchors the editor cannot hold)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING
from urllib.parse import urlparse

from leotalk_publish import model as m
from leotalk_publish.adapters.substack.raw_html import classify, describe
from leotalk_publish.errors import Problem

if TYPE_CHECKING:
    from leotalk_publish.adapters.substack.settings import SubstackSettings

IMAGE_TYPES = frozenset({"image/png", "image/jpeg", "image/gif", "image/webp"})
# Substack's editor takes images up to 20 MB (its help pages' figure, as third-party guides repeat it; the
# private API gives no number). Larger ones get a 413 mid-run, so check refuses them before any push.
MAX_IMAGE_BYTES = 20 * 1024 * 1024
MAX_SCHEDULE_AHEAD = timedelta(days=90)  # Substack refuses trigger times more than ~3 months ahead


def check(issue: m.Issue, settings: SubstackSettings | None = None,
          now: datetime | None = None) -> list[Problem]:
    where = issue.at()  # absolute: the pipeline shows it relative to the project root
    problems: list[Problem] = []
    for block in m.document_blocks(issue.document):
        problems += _block_problems(block, f"{where}:{block.line}")
        inlines = [n for n in m.block_inlines(block) if not (_linked_figure(block) and isinstance(n, m.InlineImage))]
        problems += [p for node in inlines for p in _inline_problems(node, f"{where}:{block.line}")]
    problems += _image_problems(issue, where)
    problems += _anchor_problems(issue, where)
    if settings is not None and settings.schedule:
        problems += _schedule_problems(issue, where, now or datetime.now(UTC))
    return problems


def _schedule_problems(issue: m.Issue, where: str, now: datetime) -> Iterator[Problem]:
    if issue.date - now > MAX_SCHEDULE_AHEAD:
        yield Problem(f"{where}:1", f"the issue is dated {issue.date.date()}, more than 3 months ahead: Substack "
                      "refuses to schedule a post that far out",
                      "schedule it later (the scheduled release can publish it at its date: publish = true), or "
                      "set an earlier date")


def _anchor_problems(issue: m.Issue, where: str) -> Iterator[Problem]:
    """Anchors work in top-level paragraphs only, once per footnote: the others become ``[n]`` text."""
    seen: set[int] = set()
    for block in issue.document.blocks:
        top = isinstance(block, m.Paragraph)
        for inner in m.document_blocks(m.Document((block,))):
            for node in m.block_inlines(inner):
                if not isinstance(node, m.FootnoteRef):
                    continue
                if top and inner is block and node.number not in seen:
                    seen.add(node.number)
                    continue
                why = "is used again" if node.number in seen else "stands outside a top-level paragraph"
                yield Problem(f"{where}:{getattr(inner, 'line', block.line)}",
                              f"footnote [^{node.label}] {why}: Substack's editor only links footnotes from "
                              f"top-level paragraphs, once each, so it shows as the text [{node.number}]",
                              "move the reference into a paragraph of its own", severity="warning")


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


def _linked_figure(block: m.Block) -> bool:
    """A paragraph that is one linked image (``[![logo](img)](url)``): a figure with its link, not text."""
    if not isinstance(block, m.Paragraph) or len(block.children) != 1:
        return False
    link = block.children[0]
    return isinstance(link, m.Link) and all(isinstance(c, m.InlineImage) for c in link.children)


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
        if asset is not None and asset.size > MAX_IMAGE_BYTES:
            yield Problem(f"{where}:{image.line}", f"image '{image.src}' is {asset.size / 1048576:.1f} MB; Substack "
                          f"refuses uploads over {MAX_IMAGE_BYTES // 1048576} MB (413)",
                          "save it smaller (a JPEG, or fewer pixels)")
