"""Writers of bad (and odd) files for the corpus: each one changes a valid project in one way."""

from __future__ import annotations

import functools
import io
import random
import struct
import zlib
from pathlib import Path

from PIL import Image

FRONT_LINES = ['title: "测试周刊"', "date: 2025-09-22T08:00:00+08:00", "slug: test-weekly", "tags: [AI]"]
BODY = "第一段文字，标记 MARK-BODY。\n\n![示意图](images/x.png)\n\n最后一段 MARK-END。\n"  # the image is on line 9


def front(*lines: str, drop: tuple[str, ...] = ()) -> str:
    """The valid front matter with keys dropped and lines added before the closing '---'."""
    keep = [line for line in FRONT_LINES if line.split(":")[0] not in drop]
    return "\n".join(["---", *keep, *lines, "---"]) + "\n"


@functools.cache
def noisy_png(size: tuple[int, int] = (120, 90), seed: int = 1) -> bytes:
    """A PNG that does not compress to nothing, so cutting it loses pixels, not only the trailer."""
    img = Image.frombytes("RGB", size, random.Random(seed).randbytes(size[0] * size[1] * 3))
    out = io.BytesIO()
    img.save(out, "PNG")
    return out.getvalue()


def noisy(fmt: str, size: tuple[int, int] = (120, 90)) -> bytes:
    out = io.BytesIO()
    Image.open(io.BytesIO(noisy_png(size))).convert("RGB").save(out, fmt)
    return out.getvalue()


def png_claiming(width: int, height: int) -> bytes:
    """A small valid PNG whose header claims ``width``×``height`` (the decompression-bomb shape)."""
    data = bytearray(noisy_png((4, 4)))
    ihdr = struct.pack(">II", width, height) + bytes(data[24:29])
    data[16:29] = ihdr
    data[29:33] = struct.pack(">I", zlib.crc32(b"IHDR" + ihdr))
    return bytes(data)


def corrupt_idat(data: bytes) -> bytes:
    """Flip bytes inside the first IDAT chunk's data (the header stays sound)."""
    at = data.index(b"IDAT") + 40
    return data[:at] + bytes(b ^ 0xFF for b in data[at:at + 16]) + data[at + 16:]


def write(path: Path, data: bytes | str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        path.write_text(data, encoding="utf-8")
    else:
        path.write_bytes(data)


def nested_list(depth: int) -> str:
    lines = ["  " * i + f"- 第{i + 1}层" for i in range(depth - 1)]
    return "\n".join([*lines, "  " * (depth - 1) + "- 最深 MARK-DEEP"]) + "\n\n之后 MARK-AFTER。\n"


def nested_quote(depth: int) -> str:
    return "> " * depth + "最深 MARK-DEEP\n\n之后 MARK-AFTER。\n"
