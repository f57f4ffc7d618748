"""A 300-image issue (photos of realistic size: 1200×800 JPEGs of 300–480 KB, ~110 MB in all), and what a
whole ``publish --dry-run`` of it costs: peak memory (the child's own ``ru_maxrss``, as ``/usr/bin/time -v``
reports it) and wall time, with a cold and a warm decode cache. Target: peak RSS ≤ 100 MiB, i.e. the images
are streamed and hashed once, never all in memory.

Run from the project root: python3 benchmarks/many_images.py [images] [channels]
(defaults: 300 images, blog,substack,wechat; no credentials, so every channel plans an export, the blog's
site folder is left out so the blog plans its export as well). ``write_issue`` is the generator the other
benchmarks and scripts reuse.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PUBLISH = Path(sys.executable).with_name("publish")
FRONT = '---\ntitle: "三百张图"\ndate: 2025-09-22T08:00:00+08:00\n---\n'


def write_issue(root: Path, count: int = 300, size: tuple[int, int] = (1200, 800), fmt: str = "JPEG") -> Path:
    """drafts/issue-1 with ``count`` distinct photos (noise over a gradient; JPEG or WebP at quality 80–90),
    a section each."""
    from PIL import Image
    folder = root / "drafts" / "issue-1"
    (folder / "images").mkdir(parents=True, exist_ok=True)
    noise, gradient = Image.effect_noise(size, 40), Image.linear_gradient("L").resize(size)
    parts, ext = [FRONT], {"JPEG": "jpg", "WEBP": "webp"}[fmt]
    for n in range(count):
        shifted = noise.rotate(n % 4 * 90, expand=False) if n % 4 else noise
        image = Image.merge("RGB", (shifted, gradient, Image.effect_noise(size, 10 + n % 30)))
        image.save(folder / "images" / f"{n:03d}.{ext}", fmt, quality=80 + n % 11)
        parts += [f"## 第 {n + 1} 条", "", f"一段说明文字，第 {n + 1} 张图。", "",
                  f"![图 {n}](images/{n:03d}.{ext})", ""]
    (folder / "index.md").write_text("\n".join(parts), encoding="utf-8")
    return folder


def project(root: Path, count: int, fmt: str = "JPEG") -> Path:
    write_issue(root, count, fmt=fmt)
    shutil.copytree(ROOT / "channels", root / "channels")
    return root


def run(argv: list[str], env: dict[str, str]) -> tuple[float, float, int]:
    """Wall seconds, peak RSS in MiB and exit code of one child process (its own rusage, from wait4)."""
    start = time.perf_counter()
    child = subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)
    return time.perf_counter() - start, usage.ru_maxrss / 1024, child.returncode


def clean_env(cache: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("WECHAT_", "SUBSTACK_", "LEOTALK_"))}
    return {**env, "LEOTALK_CACHE_DIR": str(cache), "HTTPS_PROXY": "http://127.0.0.1:9", "NO_PROXY": ""}


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 300
    channels = sys.argv[2] if len(sys.argv) > 2 else "blog,substack,wechat"
    with tempfile.TemporaryDirectory() as tmp:
        root = project(Path(tmp), count)
        images = sorted((root / "drafts" / "issue-1" / "images").iterdir())
        total = sum(p.stat().st_size for p in images)
        print(f"{count} images, {min(p.stat().st_size for p in images) // 1024}–"
              f"{max(p.stat().st_size for p in images) // 1024} KB each, {total / 2**20:.0f} MiB in all")
        argv = [str(PUBLISH), "issue-1", "--dry-run", "-c", channels, "--project", str(root)]
        env = clean_env(root / "cache")
        for label in ("cold decode cache", "warm decode cache", "warm decode cache"):
            wall, peak, code = run(argv, env)
            print(f"publish --dry-run -c {channels}, {label}: {wall * 1000:.0f} ms, peak RSS {peak:.1f} MiB"
                  f" (exit {code})")


if __name__ == "__main__":
    main()
