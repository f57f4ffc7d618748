"""Whether a GIF or WebP of the issue is animated: WeChat's article body takes only JPEG and PNG, so the
transcoder sends its first frame, and ``check`` says so.

Pillow reads the container (the GIF's blocks, the WebP's chunks) without decoding a pixel. The answer is
kept by the image's content hash in the user's cache, as load keeps what it decoded, so a check that saw the
image before does not import Pillow's imaging module.
"""

from __future__ import annotations

from leotalk_publish.cache import ContentCache
from leotalk_publish.model import Asset

MAY_ANIMATE = frozenset({"image/gif", "image/webp"})
CACHE = "wechat-animation"


def is_animated(asset: Asset) -> bool:
    """True when ``asset`` is a GIF or WebP of more than one frame."""
    if asset.mime not in MAY_ANIMATE:
        return False
    cache = ContentCache(CACHE)
    known = cache.get(asset.sha256)
    if known in (b"0", b"1"):
        return known == b"1"
    animated = _read_frames(asset)
    cache.put(asset.sha256, b"1" if animated else b"0")
    return animated


def _read_frames(asset: Asset) -> bool:
    from PIL import Image as PILImage
    try:
        with PILImage.open(asset.path) as img:
            return bool(getattr(img, "is_animated", False))
    except (OSError, ValueError, SyntaxError):  # load decoded it: only a file changed since could fail here
        return False
