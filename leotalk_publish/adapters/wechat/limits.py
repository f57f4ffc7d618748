"""WeChat's image limits, and what the transcoder can make of an image, from the facts load has (its size,
pixel width and height, type): nothing here opens or decodes an image, nor imports Pillow, so ``check``
can foresee an image no copy can be made of at the cost of a little arithmetic.

The scaler (``images.shrink``) tries the image's own size, then 80% of the last size while the short side is
over ``MIN_SIDE``; no encoder is asked for a side over ``MAX_SIDE`` (JPEG's limit, kept for PNG as well).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from leotalk_publish.model import Asset

BODY_LIMIT = 1_000_000  # uploadimg: "< 1 MB"
COVER_LIMIT = 10_000_000  # add_material: "≤ 10 MB"
ACCEPTED = {"image/png": "png", "image/jpeg": "jpg"}  # uploadimg: "jpg/png only"
COVER_ACCEPTED = {**ACCEPTED, "image/gif": "gif", "image/bmp": "bmp"}  # add_material: "bmp/png/jpeg/jpg/gif"
MIN_SIDE = 64  # the scaler stops once the short side is this or less
SCALE_STEP = 0.8
MAX_SIDE = 65_500  # JPEG's largest side (libjpeg); no copy, PNG included, is made longer
Formats = Mapping[str, str]  # the types a WeChat call takes as they are, each with its file extension


def needs_transcoding(asset: Asset, limit: int = BODY_LIMIT, formats: Formats = ACCEPTED) -> bool:
    """Whether WeChat takes the file as it is (one of ``formats`` under the limit: JPEG or PNG for the body,
    GIF and BMP too for a cover) or it must be re-encoded."""
    return not (asset.mime in formats and asset.size < limit)


def scale_steps(width: int, height: int) -> Iterator[tuple[int, int]]:
    """The sizes the scaler tries, largest first: the image's own, then 80% of the last while the short side
    is over ``MIN_SIDE``."""
    yield width, height
    while min(width, height) > MIN_SIDE:
        width, height = max(1, int(width * SCALE_STEP)), max(1, int(height * SCALE_STEP))
        yield width, height


def encodable_sizes(width: int, height: int) -> list[tuple[int, int]]:
    """The scaler's sizes whose every side an encoder takes (at most ``MAX_SIDE``)."""
    return [size for size in scale_steps(width, height) if max(size) <= MAX_SIDE]


def transcode_problem(asset: Asset, limit: int = BODY_LIMIT, formats: Formats = ACCEPTED) -> tuple[str, str]:
    """(severity, what) of an image WeChat's copy cannot be made of, from the loaded facts alone (no
    decoding); ("", "") when none is foreseen. No encodable size at all is certain ("error"); a smallest size
    still over ``limit`` at the source's own bytes per pixel is likely ("warning": content decides)."""
    if not needs_transcoding(asset, limit, formats):
        return "", ""
    facts = f"image '{asset.src}' ({asset.width:,}×{asset.height:,} pixels, {_mb(asset.size)})"
    sizes = encodable_sizes(asset.width, asset.height)
    if not sizes:
        return "error", (f"{facts} cannot go to WeChat: its copy must be re-encoded ({_why(asset, limit)}) and "
                         f"no encoder takes a side over {MAX_SIDE:,} pixels, which scaling cannot reach before "
                         f"the short side is {MIN_SIDE} pixels")
    width, height = sizes[-1]
    estimate = asset.size * width * height // max(1, asset.width * asset.height)
    if estimate < limit:
        return "", ""
    if (width, height) == (asset.width, asset.height):
        how = f"its short side is {min(width, height)} pixels already, so it can be re-encoded but not scaled down"
    else:
        how = f"scaled down as far as the transcoder goes, to {width:,}×{height:,} pixels"
    return "warning", (f"{facts} will likely stay over WeChat's {_mb(limit)}: {how}, it would still be about "
                       f"{_mb(estimate)} at the bytes per pixel it has now")


def refusal(asset: Asset, limit: int) -> str:
    """Why no copy of ``asset`` fits, and what to do, for ``ImageRefused``."""
    facts = f"{asset.src} ({asset.width:,}×{asset.height:,} pixels, {_mb(asset.size)})"
    if not encodable_sizes(asset.width, asset.height):
        why = (f"no encoder takes a side over {MAX_SIDE:,} pixels and scaling cannot reach it before the "
               f"short side is {MIN_SIDE} pixels")
    else:
        why = f"no copy of it is under {limit:,} bytes, even scaled down until its short side is {MIN_SIDE} pixels"
    return (f"WeChat cannot take the image {facts}: {why}; crop it or resize it (or cut it into several "
            "images), then run the same command again")


def _why(asset: Asset, limit: int) -> str:
    return f"it is {_mb(asset.size)}, WeChat takes under {_mb(limit)}" if asset.mime in ACCEPTED else \
        f"WeChat takes no {asset.mime.removeprefix('image/').upper()}"


def _mb(size: int) -> str:
    return f"{size / 1e6:.1f}".removesuffix(".0") + " MB" if size >= 100_000 else f"{size:,} bytes"
