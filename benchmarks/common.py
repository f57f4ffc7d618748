"""What the benchmarks share: a seed-sized issue written from code, and a median timer."""

from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tests.conftest import write_png  # noqa: E402

IMAGES = 30


def write_seed_sized_issue(root: Path, front: tuple[str, ...] = ()) -> Path:
    """drafts/issue-1: 15 sections, each a heading, a paragraph, a nested list, two images and an opinion."""
    folder = root / "drafts" / "issue-1"
    parts = ["---", 'title: "Benchmark issue"', "date: 2025-09-22T08:00:00+08:00", *front, "---", ""]
    for i in range(IMAGES // 2):
        parts += [f"## 第 {i + 1} 条消息", "", f"某团队发布了[新版本](https://example.com/n{i})，" + "要点。" * 20,
                  "", "- 第一点\n- 第二点\n  - 细节", "", f"![图 {2 * i}](images/{2 * i}.png \"图注 {2 * i}\")",
                  "", f"![图 {2 * i + 1}](images/{2 * i + 1}.png)", "", "*观点：" + "值得关注。" * 10 + "*", ""]
        for n in (2 * i, 2 * i + 1):
            write_png(folder / "images" / f"{n}.png", size=(1200 + n, 800), color=f"#{(n * 7919) % 0xFFFFFF:06x}")
    (folder / "index.md").write_text("\n".join(parts), encoding="utf-8")
    return folder


def median_ms(call: Callable[[], object], runs: int) -> float:
    """Median wall time of ``call`` in milliseconds."""
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        call()
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples)
