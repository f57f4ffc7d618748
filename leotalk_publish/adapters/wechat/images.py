"""Make every image acceptable to WeChat before upload (Pillow).

``media/uploadimg`` takes JPEG or PNG under 1 MB; ``material/add_material`` (the cover) up to 10 MB.
WebP, GIF and other formats are transcoded (PNG where there is transparency, else JPEG); anything too large
is re-encoded, then downscaled step by step until it fits. Nothing is ever upscaled.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Any

from PIL import Image as PILImage

from leotalk_publish.model import Asset

BODY_LIMIT = 1_000_000  # uploadimg: "< 1 MB"
COVER_LIMIT = 10_000_000  # add_material: "≤ 10 MB"
ACCEPTED = {"image/png": "png", "image/jpeg": "jpg"}
JPEG_QUALITIES = (88, 78, 68)
MIN_SIDE = 64


@dataclass(frozen=True)
class Upload:
    """Bytes ready to send, with the name and type the multipart part carries."""

    data: bytes
    mime: str
    filename: str
    width: int
    height: int


def acceptable(asset: Asset, limit: int = BODY_LIMIT) -> Upload:
    """The asset itself when WeChat takes it as it is, else a transcoded or smaller copy."""
    data = asset.read_bytes()
    if asset.mime in ACCEPTED and len(data) < limit:
        return Upload(data, asset.mime, _name(asset, ACCEPTED[asset.mime]), asset.width, asset.height)
    with PILImage.open(io.BytesIO(data)) as img:
        img.seek(0)
        frame = img.convert("RGBA" if _has_alpha(img) else "RGB")
    return shrink(frame, asset, limit)


def shrink(frame: PILImage.Image, asset: Asset, limit: int) -> Upload:
    """Encode ``frame``; while it is too large, lower the JPEG quality, then scale it down."""
    while True:
        for data, mime in _encodings(frame):
            if len(data) < limit:
                return Upload(data, mime, _name(asset, ACCEPTED[mime]), *frame.size)
        if min(frame.size) <= MIN_SIDE:
            raise ValueError(f"{asset.src} cannot be made smaller than {limit:,} bytes")
        width, height = frame.size
        frame = frame.resize((max(1, int(width * 0.8)), max(1, int(height * 0.8))), PILImage.Resampling.LANCZOS)


def _encodings(frame: PILImage.Image) -> Iterator[tuple[bytes, str]]:
    """The encodings to try, best first: PNG for transparency, else JPEG at falling qualities."""
    if frame.mode == "RGBA":
        yield _encode(frame, "PNG", optimize=True), "image/png"
        return
    for quality in JPEG_QUALITIES:
        yield _encode(frame, "JPEG", quality=quality, optimize=True), "image/jpeg"


def _encode(frame: PILImage.Image, fmt: str, **options: Any) -> bytes:
    buffer = io.BytesIO()
    frame.save(buffer, fmt, **options)
    return buffer.getvalue()


def _has_alpha(img: PILImage.Image) -> bool:
    return img.mode in ("RGBA", "LA", "PA") or (img.mode == "P" and "transparency" in img.info)


def _name(asset: Asset, ext: str) -> str:
    return f"{PurePosixPath(asset.src).stem or 'image'}.{ext}"
