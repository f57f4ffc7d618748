"""Images are made acceptable to WeChat before upload: JPEG/PNG, under the size limit, never upscaled."""

from __future__ import annotations

import hashlib
import io
import os
import struct
from pathlib import Path

from PIL import ExifTags, Image, ImageOps

from leotalk_publish.adapters.wechat.images import BODY_LIMIT, acceptable
from leotalk_publish.model import Asset

MIME = {"PNG": "image/png", "JPEG": "image/jpeg", "WEBP": "image/webp", "GIF": "image/gif"}


def asset_of(path: Path, image: Image.Image, fmt: str, **options) -> Asset:
    image.save(path, fmt, **options)
    data = path.read_bytes()
    return Asset(path.name, path, hashlib.sha256(data).hexdigest(), len(data), MIME[fmt], *image.size)


def noise(size: tuple[int, int], mode: str = "RGB") -> Image.Image:
    return Image.frombytes(mode, size, os.urandom(size[0] * size[1] * len(mode)))


def kind(data: bytes) -> str:
    with Image.open(io.BytesIO(data)) as img:
        return img.format


def test_a_small_png_goes_as_it_is(tmp_path):
    asset = asset_of(tmp_path / "a.png", Image.new("RGB", (50, 40), "red"), "PNG")
    upload = acceptable(asset)
    assert upload.data == asset.read_bytes() and upload.filename == "a.png"


def test_webp_becomes_jpeg_and_transparent_webp_becomes_png(tmp_path):
    plain = acceptable(asset_of(tmp_path / "a.webp", Image.new("RGB", (50, 40), "red"), "WEBP"))
    clear = acceptable(asset_of(tmp_path / "b.webp", Image.new("RGBA", (50, 40), (0, 0, 0, 0)), "WEBP"))
    assert (kind(plain.data), plain.filename) == ("JPEG", "a.jpg")
    assert (kind(clear.data), clear.filename) == ("PNG", "b.png")


def test_gif_is_transcoded(tmp_path):
    upload = acceptable(asset_of(tmp_path / "a.gif", Image.new("P", (30, 30)), "GIF"))
    assert kind(upload.data) in ("PNG", "JPEG") and upload.mime in ("image/png", "image/jpeg")


def test_a_large_image_is_reencoded_or_downscaled_below_1_mb_never_upscaled(tmp_path):
    asset = asset_of(tmp_path / "big.png", noise((1400, 1000)), "PNG")
    assert asset.size >= BODY_LIMIT
    upload = acceptable(asset)
    assert len(upload.data) < BODY_LIMIT
    assert upload.width <= 1400 and upload.height <= 1000
    with Image.open(io.BytesIO(upload.data)) as img:
        assert img.size == (upload.width, upload.height)


def test_a_large_transparent_image_stays_png_and_shrinks(tmp_path):
    asset = asset_of(tmp_path / "big.png", noise((900, 700), "RGBA"), "PNG")
    upload = acceptable(asset)
    assert kind(upload.data) == "PNG" and len(upload.data) < BODY_LIMIT and upload.width < 900


def shown(data: bytes) -> Image.Image:
    """The image as a viewer shows it: its EXIF orientation applied, in RGB."""
    with Image.open(io.BytesIO(data)) as img:
        return ImageOps.exif_transpose(img).convert("RGB")


def test_a_phone_photo_over_the_limit_is_turned_as_its_exif_orientation_says(tmp_path):
    wide = noise((1600, 800))
    wide.paste((255, 0, 0), (0, 0, 200, 800))  # a red band on the stored left edge
    exif = Image.Exif()
    exif[ExifTags.Base.Orientation] = 6  # shown turned 90° clockwise: the left edge is the top
    asset = asset_of(tmp_path / "phone.jpg", wide, "JPEG", quality=95, exif=exif.tobytes())
    assert asset.size >= BODY_LIMIT
    upload = acceptable(asset)
    assert len(upload.data) < BODY_LIMIT
    out = shown(upload.data)
    assert out.size == (upload.width, upload.height) and out.width < out.height  # 800×1600 as on the blog
    top, bottom = out.getpixel((out.width // 2, 5)), out.getpixel((out.width // 2, out.height - 5))
    assert top[0] > 200 and top[1] < 60 and top[2] < 60, f"the red band is not on top: {top}"
    assert bottom != top


def gradient16(size: tuple[int, int]) -> Image.Image:
    """A 16-bit grey ramp from 0 at the left to 65535 at the right, with noise so that it is over 1 MB."""
    width, height = size
    ramp = [x * 65535 // (width - 1) for x in range(width)]
    rows = b"".join(struct.pack(f"<{width}H", *(v ^ n for v, n in zip(ramp, os.urandom(width), strict=True)))
                    for _ in range(height))
    return Image.frombytes("I;16", size, rows)


def test_a_16_bit_grey_png_keeps_its_tones_instead_of_being_clipped_to_white(tmp_path):
    asset = asset_of(tmp_path / "scan.png", gradient16((1024, 1024)), "PNG")
    assert asset.size >= BODY_LIMIT
    upload = acceptable(asset)
    out = shown(upload.data).convert("L")
    white = sum(out.histogram()[250:]) / (out.width * out.height)
    assert white < 0.05, f"{white:.1%} of the copy is white"
    left, right = out.getpixel((2, out.height // 2)), out.getpixel((out.width - 3, out.height // 2))
    assert left < 30 and right > 225, (left, right)
    middle = out.getpixel((out.width // 2, out.height // 2))
    assert 100 < middle < 156, middle  # the ramp's middle is mid-grey


def test_32_bit_and_float_grey_images_are_scaled_to_8_bits(tmp_path):
    from leotalk_publish.adapters.wechat.images import eight_bit
    for mode, top in (("I", 1_000_000), ("F", 1.0), ("I;16B", 65535)):
        ramp = Image.linear_gradient("L").resize((256, 64)).rotate(90, expand=True)  # 0 left … 255 right
        deep = ramp.convert("I").point(lambda v, top=top: v * top / 255) if mode != "F" else \
            ramp.convert("F").point(lambda v: v / 255)
        deep = deep.convert(mode) if mode == "I;16B" else deep
        out = eight_bit(deep)
        assert out.mode == "L", mode
        assert out.getpixel((1, 10)) < 10 and out.getpixel((out.width - 2, 10)) > 245, mode
