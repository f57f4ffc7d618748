"""What the WeChat rendition carries to push besides its documents."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class WechatPayload:
    content: str  # content.html, local image sources
    fields: dict[str, Any]  # article fields without content and thumb_media_id; "cover" is a local src
    images: tuple[str, ...]  # body image sources, in reading order, each once
    cover: str  # local src of the cover, "" when the issue has no image
