"""Draw the images of the sample issue ``drafts/issue-1/`` with Pillow (charts, diagrams, gradient cards).

Run it from the project root: ``python scripts/make_sample_images.py``. The output is deterministic (fixed
random seed, Pillow's built-in font), so running it again rewrites the same files. Two images exist to exercise
the WeChat upload path: a WebP (WeChat refuses it, so the adapter transcodes) and a PNG over 1 MB (too big for
WeChat's body-image upload).
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

OUT = Path(__file__).resolve().parents[1] / "drafts" / "issue-1" / "images"
INK = (33, 37, 41)
PALETTE = [(52, 101, 164), (204, 102, 51), (51, 153, 102), (153, 76, 178), (214, 168, 40)]


def font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    return ImageFont.load_default(size=size)


def gradient(size: tuple[int, int], top: tuple[int, int, int], bottom: tuple[int, int, int]) -> Image.Image:
    """A vertical two-colour gradient."""
    width, height = size
    img = Image.new("RGB", size)
    draw = ImageDraw.Draw(img)
    for y in range(height):
        t = y / max(height - 1, 1)
        draw.line([(0, y), (width, y)], fill=tuple(round(a + (b - a) * t) for a, b in zip(top, bottom, strict=True)))
    return img


def cover() -> Image.Image:
    img = gradient((1200, 500), (24, 40, 82), (88, 46, 120))
    draw = ImageDraw.Draw(img)
    for i in range(7):
        r = 40 + i * 22
        draw.ellipse([900 - r, 250 - r, 900 + r, 250 + r], outline=(255, 255, 255), width=2)
    draw.text((80, 170), "LeoTalk AI Weekly", font=font(72), fill=(255, 255, 255))
    draw.text((84, 270), "Issue 1 · models, chips, agents", font=font(34), fill=(210, 215, 240))
    return img


def bar_chart() -> Image.Image:
    img = Image.new("RGB", (900, 520), "white")
    draw = ImageDraw.Draw(img)
    scores = [("Model A", 62), ("Model B", 71), ("Model C", 78), ("Model D", 85)]
    draw.line([(80, 440), (860, 440)], fill=INK, width=2)
    for i, (name, score) in enumerate(scores):
        x = 130 + i * 180
        draw.rectangle([x, 440 - score * 4, x + 100, 440], fill=PALETTE[i])
        draw.text((x + 20, 450), name, font=font(22), fill=INK)
        draw.text((x + 30, 440 - score * 4 - 32), str(score), font=font(24), fill=INK)
    draw.text((80, 30), "Reasoning benchmark (made-up scores)", font=font(28), fill=INK)
    return img


def line_chart() -> Image.Image:
    img = Image.new("RGB", (900, 480), (250, 250, 252))
    draw = ImageDraw.Draw(img)
    draw.line([(70, 420), (860, 420)], fill=INK, width=2)
    draw.line([(70, 420), (70, 40)], fill=INK, width=2)
    for k, color in enumerate(PALETTE[:3]):
        points = [(70 + i * 60, 400 - (i * (12 + k * 9)) - 25 * math.sin(i / 2 + k)) for i in range(14)]
        draw.line(points, fill=color, width=4)
    draw.text((90, 50), "tokens / second per batch size", font=font(24), fill=INK)
    return img


def box(draw: ImageDraw.ImageDraw, xy: tuple[int, int, int, int], label: str, color: tuple[int, int, int]) -> None:
    draw.rounded_rectangle(xy, radius=16, fill=color)
    draw.text((xy[0] + 18, (xy[1] + xy[3]) // 2 - 14), label, font=font(26), fill="white")


def arrow(draw: ImageDraw.ImageDraw, start: tuple[int, int], end: tuple[int, int]) -> None:
    draw.line([start, end], fill=INK, width=4)
    angle = math.atan2(end[1] - start[1], end[0] - start[0])
    wing = [(end[0] - 18 * math.cos(angle + s), end[1] - 18 * math.sin(angle + s)) for s in (0.45, -0.45)]
    draw.polygon([end, *wing], fill=INK)


def router_diagram() -> Image.Image:
    img = Image.new("RGB", (1000, 520), "white")
    draw = ImageDraw.Draw(img)
    box(draw, (40, 210, 240, 310), "request", PALETTE[0])
    box(draw, (380, 210, 600, 310), "router", PALETTE[3])
    for i, name in enumerate(("small model", "large model", "code model")):
        y = 60 + i * 160
        box(draw, (740, y, 960, y + 90), name, PALETTE[i + 1 if i < 2 else 4])
        arrow(draw, (600, 260), (740, y + 45))
    arrow(draw, (240, 260), (380, 260))
    return img


def chip_card() -> Image.Image:
    img = gradient((800, 450), (20, 60, 60), (10, 20, 30))
    draw = ImageDraw.Draw(img)
    draw.rectangle([300, 125, 500, 325], outline=(120, 220, 200), width=6)
    for i in range(8):
        for side in (0, 1):
            x = 320 + i * 23
            draw.line([(x, 125 if side == 0 else 325), (x, 95 if side == 0 else 355)], fill=(120, 220, 200), width=4)
    draw.text((340, 205), "NPU", font=font(48), fill=(220, 250, 240))
    return img


def agent_flow() -> Image.Image:
    img = Image.new("RGB", (1000, 360), (246, 248, 250))
    draw = ImageDraw.Draw(img)
    steps = ["plan", "search", "read", "write", "check"]
    for i, step in enumerate(steps):
        x = 30 + i * 195
        box(draw, (x, 130, x + 150, 230), step, PALETTE[i % len(PALETTE)])
        if i:
            arrow(draw, (x - 45, 180), (x, 180))
    arrow(draw, (885, 240), (885, 300))
    draw.line([(885, 300), (105, 300), (105, 240)], fill=INK, width=4)
    return img


def pie_chart() -> Image.Image:
    img = Image.new("RGB", (700, 500), "white")
    draw = ImageDraw.Draw(img)
    shares = [("writing", 38), ("coding", 24), ("search", 20), ("other", 18)]
    start = -90.0
    for i, (name, share) in enumerate(shares):
        end = start + share * 3.6
        draw.pieslice([40, 50, 440, 450], start, end, fill=PALETTE[i])
        draw.rectangle([480, 120 + i * 60, 510, 150 + i * 60], fill=PALETTE[i])
        draw.text((525, 122 + i * 60), f"{name} {share}%", font=font(24), fill=INK)
        start = end
    return img


def glasses_card() -> Image.Image:
    img = gradient((800, 400), (250, 230, 210), (230, 170, 140))
    draw = ImageDraw.Draw(img)
    for cx in (280, 520):
        draw.ellipse([cx - 100, 130, cx + 100, 270], outline=INK, width=10)
    draw.arc([360, 160, 440, 220], 200, 340, fill=INK, width=10)
    draw.line([(180, 190), (90, 150)], fill=INK, width=10)
    draw.line([(620, 190), (710, 150)], fill=INK, width=10)
    return img


def noise_poster() -> Image.Image:
    """Large on purpose: seeded noise does not compress, so the PNG is well over 1 MB."""
    rng = random.Random(20250922)
    img = Image.frombytes("RGB", (900, 700), rng.randbytes(900 * 700 * 3))
    draw = ImageDraw.Draw(img)
    draw.rectangle([150, 250, 750, 450], fill=(20, 20, 20))
    draw.text((190, 320), "a poster that is too large", font=font(40), fill="white")
    return img


def side_panel(color: tuple[int, int, int], label: str) -> Callable[[], Image.Image]:
    def draw_panel() -> Image.Image:
        img = gradient((480, 320), color, (255, 255, 255))
        ImageDraw.Draw(img).text((40, 130), label, font=font(40), fill=INK)
        return img

    return draw_panel


IMAGES: dict[str, tuple[Callable[[], Image.Image], dict]] = {
    "cover.png": (cover, {}),
    "benchmark-bars.png": (bar_chart, {"optimize": True}),
    "throughput-lines.png": (line_chart, {"optimize": True}),
    "router-diagram.png": (router_diagram, {"optimize": True}),
    "npu-chip.jpg": (chip_card, {"quality": 85}),
    "agent-loop.png": (agent_flow, {"optimize": True}),
    "usage-pie.png": (pie_chart, {"optimize": True}),
    "glasses.webp": (glasses_card, {"quality": 80}),
    "poster-large.png": (noise_poster, {}),
    "before.png": (side_panel(PALETTE[1], "before"), {"optimize": True}),
    "after.png": (side_panel(PALETTE[2], "after"), {"optimize": True}),
}


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for name, (draw, options) in IMAGES.items():
        path = OUT / name
        draw().save(path, **options)
        print(f"{path.relative_to(OUT.parents[2])}: {path.stat().st_size // 1024} KB")


if __name__ == "__main__":
    main()
