"""Write the long sample issues the WeChat tests publish (run: python3 tests/wechat/samples/make_samples.py).

Three shapes of real daily content, in our own words, each larger than one WeChat article: a Chinese tech
weekly with 48 images, a long Chinese technical article with code and tables, and an English weekly with
many links. Only the Markdown is kept in the repository; the tests draw the images (plain PNGs).
"""

from __future__ import annotations

from pathlib import Path

HERE = Path(__file__).parent
FRONT = '---\ntitle: "{title}"\ndate: 2025-10-06T08:00:00+08:00\n---\n\n'
TOPICS = ("模型推理", "开源工具", "芯片与算力", "智能体", "数据与评测", "产品观察", "研究论文", "行业观点")
CLAUSES = ("团队公开了完整的训练细节", "在长文本任务上的表现明显更稳", "推理成本下降到上一代的一半左右",
           "社区很快给出了可复现的脚本", "文档里专门讨论了失败的尝试", "这类改进对中小团队更友好")


def sentence(n: int, k: int = 3) -> str:
    return "，".join(CLAUSES[(n + i) % len(CLAUSES)] for i in range(k)) + "。"


def weekly_zh() -> str:
    """A Chinese weekly: 8 sections × 3 items, 48 images, a link or two and a list per item."""
    out, image = [FRONT.format(title="AI 周刊样例：长图文"), "本期导读：" + sentence(0, 6), ""], 0
    for s, topic in enumerate(TOPICS):
        out += [f"# {topic}", ""]
        for i in range(3):
            n = s * 3 + i
            out += [f"## 条目 {n + 1}：Project-{n} 发布新版本", "",
                    f"Project-{n} 发布了[新版说明](https://example.com/zh/{topic}/{n}?ref=weekly&lang=zh)，"
                    f"另见[讨论串](https://forum.example.org/t/{n})。" + sentence(n, 4), "",
                    "关键点：", "", *(f"- {CLAUSES[(n + j) % 6]}（{j + 1}）" for j in range(4)), "",
                    f"![](images/{image:02d}.png \"图 {image + 1}：Project-{n} 的界面\")", "",
                    f"![](images/{image + 1:02d}.png)", ""]
            image += 2
            if n % 3 == 0:
                out += ["*Opinion：" + sentence(n + 1, 5) + "*", ""]
    return "\n".join(out)


CODE = '''def schedule(jobs, workers):
    """Assign each job to the least loaded worker."""
    load = {w: 0 for w in workers}
    plan = {}
    for job in sorted(jobs, key=lambda j: -j.cost):
        worker = min(load, key=load.get)
        plan[job.name] = worker
        load[worker] += job.cost
    return plan'''


def article_zh() -> str:
    """A long Chinese technical article: chapters with prose, code, tables, quotes and nested lists."""
    out = [FRONT.format(title="技术长文样例：调度器的设计"), "这篇文章讨论一个简单调度器从原型到生产的过程。", ""]
    for c in range(7):
        out += [f"# 第 {c + 1} 章：阶段 {c + 1}", "", sentence(c, 6) * 2, ""]
        for sub in range(2):
            out += [f"## {c + 1}.{sub + 1} 细节", "", sentence(c + sub, 5), "",
                    f"```python\n# 第 {c + 1} 章示例 {sub + 1}\n{CODE}\n```", "",
                    "| 方案 | 延迟 (ms) | 备注 |", "| --- | ---: | :---: |",
                    *(f"| 方案 {r} | {10 * (r + c)} | 适合 `batch={r * 8}` |" for r in range(1, 5)), "",
                    "> 经验：" + sentence(c + 2, 3), "",
                    "- 第一层要点", "  - 第二层细节，见[文档](https://docs.example.com/scheduler/"
                    f"{c}-{sub}#%E8%AE%BE%E8%AE%A1)", "  - 另一条细节", "- 另一个要点", "",
                    f"![](images/{2 * c + sub:02d}.png)", ""]
    return "\n".join(out)


WORDS = ("release", "notes", "describe", "a", "faster", "tokenizer", "and", "clearer", "errors", "for", "everyone")


def weekly_en() -> str:
    """An English weekly: many short items, each with two links, a list and an image."""
    out = [FRONT.format(title="Sample Weekly: links galore"), "Welcome to this week's notes. " * 4, ""]
    for s in range(6):
        out += [f"# Part {s + 1}: {('Models', 'Tools', 'Papers', 'Hardware', 'Policy', 'Essays')[s]}", ""]
        for i in range(5):
            n = s * 5 + i
            text = " ".join(WORDS[(n + j) % len(WORDS)] for j in range(40))
            out += [f"## Item {n + 1}: Tool-{n} 2.{n}", "",
                    f"The [announcement](https://news.example.com/{n}/tool-{n}-release) and the "
                    f"[changelog](https://github.com/example/tool-{n}/blob/main/CHANGELOG.md) {text}.", "",
                    "- supports streaming", "- drops Python 3.8", "",
                    f"![Screenshot of Tool-{n}](images/{n:02d}.png)", ""]
    return "\n".join(out)


SAMPLES = {"weekly-zh": weekly_zh, "article-zh": article_zh, "weekly-en": weekly_en}


def main() -> None:
    for name, write in SAMPLES.items():
        (HERE / f"{name}.md").write_text(write() + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
