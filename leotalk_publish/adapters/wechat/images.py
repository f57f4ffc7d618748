"""Make every image acceptable to WeChat before upload (Pillow).

``media/uploadimg`` takes JPEG or PNG under 1 MB; ``material/add_material`` (the cover) up to 10 MB.
WebP, GIF and other formats are transcoded (PNG where there is transparency, else JPEG); anything too large
is re-encoded, then downscaled step by step until it fits. Nothing is ever upscaled. What is re-encoded looks
like its source: the EXIF orientation is applied first (a re-encoded copy carries no EXIF, and a phone photo
would lie on its side), and a 16-bit, 32-bit or float grey image has its value range scaled to 8 bits
(converting it as it is clips every value over 255 to white).

The limits and the sizes the scaler tries are in ``limits.py`` (no Pillow), where ``check`` foresees the
images no copy can be made of; a transcode that fails all the same raises ``ImageRefused`` (a ChannelError)
naming the image and the fix.

A run transcodes through one ``Transcoder``: as many at once as the cores allow and a memory budget bounds
(``transcode_workers``: a transcode holds the decoded frame, so eight at once on two cores were slower than
one at a time and took 3.5× the memory), and each result is kept by the image's content hash in the user's
cache, so an export after an edit transcodes nothing it already did (see docs/performance.md).
"""

from __future__ import annotations

import io
import json
import os
import threading
from collections.abc import Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Any

from PIL import Image as PILImage
from PIL import ImageOps

from leotalk_publish.adapters.wechat.errors import ImageRefused
from leotalk_publish.adapters.wechat.limits import (
    ACCEPTED,
    BODY_LIMIT,
    COVER_ACCEPTED,
    COVER_LIMIT,
    MAX_SIDE,
    MIN_SIDE,
    Formats,
    encodable_sizes,
    needs_transcoding,
    refusal,
)
from leotalk_publish.cache import ContentCache
from leotalk_publish.model import Asset

JPEG_QUALITIES = (88, 78, 68)
SIXTEEN_BIT = ("I;16", "I;16B", "I;16L", "I;16N")  # 0…65535 whatever the image holds
DEEP = (*SIXTEEN_BIT, "I", "F")  # more than 8 bits a pixel: scaled to 8, never clipped


@dataclass(frozen=True)
class Upload:
    """Bytes ready to send, with the name and type the multipart part carries."""

    data: bytes
    mime: str
    filename: str
    width: int
    height: int


def acceptable(asset: Asset, limit: int = BODY_LIMIT, formats: Formats = ACCEPTED) -> Upload:
    """The asset itself when WeChat takes it as it is (one of ``formats``, under ``limit``), else a
    transcoded or smaller copy."""
    data = asset.read_bytes()
    if asset.mime in formats and len(data) < limit:
        return Upload(data, asset.mime, _name(asset, formats[asset.mime]), asset.width, asset.height)
    with PILImage.open(io.BytesIO(data)) as img:
        img.seek(0)
        frame = first_frame(img)
    return shrink(frame, asset, limit)


def first_frame(img: PILImage.Image) -> PILImage.Image:
    """The (first) frame as a viewer shows it, in RGB or RGBA: turned as its EXIF orientation says, and a
    high-bit-depth grey scaled to 8 bits."""
    alpha = _has_alpha(img)
    frame = ImageOps.exif_transpose(img)
    if frame.mode in DEEP:
        frame = eight_bit(frame)
    return frame.convert("RGBA" if alpha else "RGB")


def eight_bit(img: PILImage.Image) -> PILImage.Image:
    """A 16-bit, 32-bit or float grey image as 8-bit grey (``L``), its value range scaled to 0…255: 16-bit
    modes by their full range (a dark scan stays dark), ``I`` and ``F`` by the values they hold."""
    low, high = (0.0, 65535.0) if img.mode in SIXTEEN_BIT else _range(img)
    scale = 255 / (high - low) if high > low else 0.0
    wide = img.convert("F" if img.mode == "F" else "I")
    return wide.point(lambda value: value * scale - low * scale).convert("L")


def _range(img: PILImage.Image) -> tuple[float, float]:
    """The lowest and highest value of a one-band image."""
    low, high = img.getextrema()
    assert isinstance(low, int | float) and isinstance(high, int | float)
    return float(low), float(high)


def shrink(frame: PILImage.Image, asset: Asset, limit: int) -> Upload:
    """Encode ``frame``; while it is too large, lower the JPEG quality, then scale it down (each step 80% of
    the last, from the frame itself, until the short side is ``MIN_SIDE``). ``ImageRefused`` when no step fits."""
    for size in encodable_sizes(*frame.size):
        scaled = frame if size == frame.size else frame.resize(size, PILImage.Resampling.LANCZOS)
        for data, mime in _encodings(scaled):
            if len(data) < limit:
                return Upload(data, mime, _name(asset, ACCEPTED[mime]), *scaled.size)
    raise ImageRefused(refusal(asset, limit))


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

__all__ = ["BODY_LIMIT", "COVER_ACCEPTED", "COVER_LIMIT", "Transcoder", "Upload", "acceptable", "needs_transcoding"]


# ── many images: parallel within the cores and a memory bound, each transcode cached by content ──────
TRANSCODE_MEMORY = 128 * 2**20  # what the images being transcoded at once may hold (decoded, scaled, encoded)
CACHE = "wechat-transcodes"


def transcode_estimate(asset: Asset) -> int:
    """Bytes one transcode holds at its peak: the decoded frame (4 bytes a pixel), a scaled copy of it, the
    file and its new encoding."""
    return asset.width * asset.height * 4 * 2 + asset.size * 2


def available_cores() -> int:
    """The processors this process may run on (its affinity, which a container or ``taskset`` narrows)."""
    try:
        return len(os.sched_getaffinity(0)) or 1
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def transcode_workers(assets: Sequence[Asset], limit: int = BODY_LIMIT, budget: int = TRANSCODE_MEMORY) -> int:
    """How many transcodes run at once: no more than the cores, the memory budget over the largest image's
    estimate, and the images that need one (at least 1)."""
    heavy = [a for a in assets if needs_transcoding(a, limit)]
    if not heavy:
        return 1
    return max(1, min(available_cores(), budget // max(map(transcode_estimate, heavy)), len(heavy)))


class Transcoder:
    """``acceptable`` for the images of one run, called from any number of threads (the upload pool): the
    transcodes themselves run in a pool of their own of ``workers`` threads (cores and memory budget), and
    each result is kept by the image's content hash in the user's cache (``cache``), so an export after an
    edit, or a push after an export, transcodes only images it has not seen. Use it as a context manager.

    Why a pool of its own rather than a limit on the callers: each thread that decodes an image gets a heap
    arena of its own from the C library, which keeps what it freed; transcoding in 8 upload threads held
    ~210 MiB for 30 photos even one at a time, in ``workers`` threads it holds what ``workers`` images need.
    """

    def __init__(self, assets: Sequence[Asset], limit: int = BODY_LIMIT, workers: int | None = None):
        self.workers = workers or transcode_workers(assets, limit)
        self._pool: ThreadPoolExecutor | None = None
        self._mutex = threading.Lock()
        self.cache = ContentCache(CACHE)
        self.transcoded = self.reused = 0

    def __enter__(self) -> Transcoder:
        return self

    def __exit__(self, *exc: object) -> None:
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)

    def acceptable(self, asset: Asset, limit: int = BODY_LIMIT, formats: Formats = ACCEPTED) -> Upload:
        if not needs_transcoding(asset, limit, formats):
            return acceptable(asset, limit, formats)  # the file as it is: nothing to compute
        key = f"{asset.sha256}-{limit}-{_encoder()}"
        cached = self.cache.get(key)
        if cached is not None and (upload := _unpack(cached, asset)) is not None:
            with self._mutex:
                self.reused += 1
            return upload
        upload = self._executor().submit(acceptable, asset, limit).result()
        with self._mutex:
            self.transcoded += 1
        self.cache.put(key, _pack(upload))
        return upload

    def _executor(self) -> ThreadPoolExecutor:
        with self._mutex:
            if self._pool is None:
                self._pool = ThreadPoolExecutor(max_workers=self.workers, thread_name_prefix="transcode")
            return self._pool

    def summary(self) -> str:
        """"" when nothing needed transcoding, else e.g. "3 image(s) transcoded, 27 from the cache"."""
        if not self.transcoded + self.reused:
            return ""
        return f"{self.transcoded} image(s) transcoded, {self.reused} from the cache"


def _encoder() -> str:
    """What a cached transcode depends on besides the bytes: this encoder's settings and Pillow's version."""
    from PIL import __version__ as pillow
    return f"v4-q{'-'.join(map(str, JPEG_QUALITIES))}-min{MIN_SIDE}-max{MAX_SIDE}-pillow{pillow}"


def _pack(upload: Upload) -> bytes:
    head = {"mime": upload.mime, "width": upload.width, "height": upload.height, "bytes": len(upload.data)}
    return json.dumps(head, sort_keys=True).encode() + b"\n" + upload.data


def _unpack(raw: bytes, asset: Asset) -> Upload | None:
    """A cached transcode, or None when the entry is not one (cut short, or written by something else)."""
    head, _, data = raw.partition(b"\n")
    try:
        meta = json.loads(head)
        mime, width, height = meta["mime"], int(meta["width"]), int(meta["height"])
    except (ValueError, KeyError, TypeError):
        return None
    if mime not in ACCEPTED or not data or meta.get("bytes") != len(data):
        return None
    return Upload(data, mime, _name(asset, ACCEPTED[mime]), width, height)
