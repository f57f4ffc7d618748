"""A seed-sized WeChat issue written from code, shared by the tests and benchmarks/wechat_size.py.

Shaped like the real issue 1: a lead paragraph, then news items in six top-level sections, each item a
heading, a paragraph with two links, a list of four, one or two images and now and then an Opinion. With
20 items (the default) it has 30 images, 42 links and about 8,300 visible characters, as the seed; more
items make "the next, longer issue".
"""

from __future__ import annotations

from pathlib import Path

from tests.conftest import write_png

SECTIONS = ("技术研究", "产品发布", "开源项目", "行业动态", "论文速递", "观点与思考")
SENTENCE = "这一版在推理速度和成本上都有明显改进，适合在生产环境中尝试。"
ITEM = "支持更长的上下文，并改进了工具调用的稳定性"
SEED_ITEMS = 20


def first_image(n: int) -> int:
    """Items 0-9 have two images, the others one: 30 in the first 20 items."""
    return 2 * n if n < 10 else n + 10


def item_markdown(n: int) -> list[str]:
    """One news item: heading, a paragraph with two links, a list, one or two images, an Opinion at times."""
    lines = [f"## 第 {n + 1} 条：某团队发布 Model-{n}", "",
             f"某团队发布了[Model-{n} 技术报告](https://example.com/reports/model-{n}-technical-report)，"
             f"代码见[仓库](https://github.com/example/model-{n})。" + SENTENCE * 3, ""]
    lines += [f"- {ITEM}，实测有效（第 {i + 1} 点）" for i in range(4)] + [""]
    first = first_image(n)
    lines += [f"![](images/{first}.png)", ""] + ([f"![](images/{first + 1}.png)", ""] if n < 10 else [])
    if n % 4 == 0:
        lines += ["*Opinion：" + "这件事值得持续关注，" * 6 + "*", ""]
    if n % 7 == 0:
        lines += [f"补充阅读：https://example.org/notes/{n}", ""]
    return lines


def write_seed_sized_issue(root: Path, items: int = SEED_ITEMS) -> Path:
    """``root/drafts/issue-1`` with ``items`` news items and their 1080×720 images; returns the folder."""
    folder = root / "drafts" / "issue-1"
    parts = ["---", 'title: "Benchmark issue"', "date: 2025-09-22T08:00:00+08:00", "---", "",
             "本期导读：" + SENTENCE * 8, "", "本期还有两篇[长文推荐](https://example.net/long-read)与"
             "[播客](https://podcast.example.net/ep/1)。", ""]
    for n in range(items):
        if n % 4 == 0 and n // 4 < len(SECTIONS):
            parts += [f"# {SECTIONS[n // 4]}", ""]
        parts += item_markdown(n)
    images = first_image(items - 1) + (2 if items <= 10 else 1)
    for n in range(images):
        write_png(folder / "images" / f"{n}.png", size=(1080, 720), color=f"#{(n * 7919) % 0xFFFFFF:06x}")
    (folder / "index.md").write_text("\n".join(parts), encoding="utf-8")
    return folder
