"""What the WeChat rendition carries to push besides its documents: the fit ladder, rung by rung.

Render (pure) builds every rung WeChat's size limit may need — the full theme, then cheaper forms (a compact
theme, the reference list replaced by 阅读原文, a multi-article draft) — and says which one it expects to fit.
Push sends ``fits[chosen]``; when WeChat still answers 45002 ("content size out of limit") it steps down to
the next rung and tries again. Every article refers to images by their local ``src``: push swaps in the
uploaded mmbiz addresses.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from leotalk_publish.channel import Rendition


@dataclass(frozen=True)
class WechatArticle:
    """One article of a draft (a WeChat draft holds 1 to 8, published together)."""

    content: str  # the article's HTML, images by local src
    fields: dict[str, Any]  # draft/add fields except content and thumb_media_id; "cover" is a local src
    images: tuple[str, ...]  # body image sources, in reading order, each once
    cover: str  # local src of this article's cover, "" when the issue has no image


@dataclass(frozen=True)
class Fit:
    """One rung of the ladder: a name a person reads ("full theme", "compact theme", …) and its articles."""

    step: str
    articles: tuple[WechatArticle, ...]
    sizes: tuple[int, ...] = ()  # each article's estimated characters, image addresses at the estimate
    note: str = ""  # what this rung gave up, for check, the dry-run plan and the push output


@dataclass(frozen=True)
class WechatPayload:
    fits: Sequence[Fit]  # every rung, richest first (render's are rendered when first asked for)
    chosen: int = 0  # the rung expected to fit; push starts here and steps down on a 45002
    images: tuple[str, ...] = field(default=())  # every body image of the issue, in reading order, each once

    @property
    def fit(self) -> Fit:
        return self.fits[self.chosen]

    # The single-article view of the chosen rung, for code that handles one article.
    @property
    def content(self) -> str:
        return self.fit.articles[0].content

    @property
    def fields(self) -> dict[str, Any]:
        return self.fit.articles[0].fields

    @property
    def cover(self) -> str:
        return self.fit.articles[0].cover


WechatRendition = Rendition[WechatPayload]
