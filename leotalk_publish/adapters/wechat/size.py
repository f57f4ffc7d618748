"""WeChat's content limit (20,000 characters and 1 MB, markup included) and what takes the room.

Before upload the images' addresses are not known: each local ``src`` is counted as an mmbiz address of
``settings.image_url_estimate`` characters. At push the real addresses are counted again.
"""

from __future__ import annotations

import re
from collections import Counter
from html import unescape

from leotalk_publish import model as m
from leotalk_publish.adapters.wechat.render import FULL, Look, Renderer, render_notes, theme_css
from leotalk_publish.adapters.wechat.settings import WechatSettings
from leotalk_publish.adapters.wechat.theme import apply_theme

MAX_CHARS = 20_000
MAX_BYTES = 1_000_000
IMG_SRC = re.compile(r'<img src="([^"]*)"')
KIND_NAMES = {
    "Paragraph": "paragraphs", "Heading": "headings", "BulletList": "lists", "OrderedList": "lists",
    "Blockquote": "quotes", "CodeBlock": "code blocks", "ThematicBreak": "rules", "Table": "tables",
    "Figures": "images", "RawBlock": "raw HTML",
}


def with_image_urls(html: str, urls: dict[str, str]) -> str:
    """Swap each local image ``src`` for its address (those without one stay as they are)."""
    return IMG_SRC.sub(lambda match: f'<img src="{urls.get(unescape(match.group(1)), match.group(1))}"', html)


def estimated(html: str, url_chars: int) -> str:
    """The content as it will be sent, with every local image address replaced by a stand-in of that length."""
    return IMG_SRC.sub(lambda match: f'<img src="{"x" * url_chars}"', html)


def over_limit(content: str) -> str:
    """How far over the limit the content is, in words; "" when it fits."""
    chars, size = len(content), len(content.encode("utf-8"))
    if chars >= MAX_CHARS:
        return f"{chars:,} characters, {chars - MAX_CHARS + 1:,} over WeChat's limit of {MAX_CHARS - 1:,}"
    if size >= MAX_BYTES:
        return f"{size:,} bytes, {size - MAX_BYTES + 1:,} over WeChat's limit of 1 MB"
    return ""


def breakdown(issue: m.Issue, settings: WechatSettings, look: Look = FULL) -> list[tuple[str, int]]:
    """Characters per kind of block (images at their estimated address length), largest first."""
    renderer, css = Renderer(issue, settings, look), theme_css(settings, look)
    sizes: Counter[str] = Counter()
    for block in issue.document.blocks:
        html = estimated(apply_theme(renderer.block(block), css), settings.image_url_estimate)
        sizes[KIND_NAMES.get(type(block).__name__, type(block).__name__)] += len(html)
    sizes["footnotes"] += len(apply_theme(render_notes(renderer, issue.document.footnotes), css))
    sizes["link references"] += len(apply_theme(renderer.refs.render(), css))
    return [(kind, chars) for kind, chars in sizes.most_common() if chars]


def describe_breakdown(parts: list[tuple[str, int]]) -> str:
    return ", ".join(f"{kind} {chars:,}" for kind, chars in parts)
