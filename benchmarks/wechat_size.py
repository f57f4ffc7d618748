"""WeChat article size: a seed-sized issue against the 20,000-character limit, full and compact theme.

The issue is written from code by tests/wechat/seed_sized.py (30 images, about 8,300 visible characters,
42 links, shaped like the real issue 1: six top-level sections of news items, each a heading, paragraphs
with links, a list, images and now and then an Opinion), every image address counted as a 120-character
mmbiz address. Reported: the totals per rung of the fit ladder beside the limit, and what one element of
each kind costs (markup and text), so a theme change can be judged by its price. Also measured: the next,
longer issue (two more items) and the real issue 1 when ../shared is beside the repository.

Run from the project root: python3 benchmarks/wechat_size.py
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from bs4 import BeautifulSoup
from common import ROOT

from leotalk_publish import model as m
from leotalk_publish.adapters.wechat.adapter import ADAPTER
from leotalk_publish.adapters.wechat.render import FULL, Look, Renderer, theme_css
from leotalk_publish.adapters.wechat.settings import load_settings
from leotalk_publish.adapters.wechat.size import MAX_CHARS, estimated
from leotalk_publish.adapters.wechat.theme import apply_theme
from leotalk_publish.load import load_issue
from tests.wechat.seed_sized import SEED_ITEMS, write_seed_sized_issue

SEED = ROOT.parent / "shared" / "seeds" / "leotalk-ai-weekly-1.md"


def themed(issue: m.Issue, html_of, look: Look, settings) -> str:
    renderer = Renderer(issue, settings, look)
    return estimated(apply_theme(html_of(renderer), theme_css(settings, look)), settings.image_url_estimate)


def text_of(html: str) -> int:
    return len(BeautifulSoup(html, "html.parser").get_text())


def element_costs(issue: m.Issue, settings, look: Look) -> dict[str, tuple[int, int]]:
    """Kind → (characters of one element, of which markup), measured on the issue's own blocks."""
    blocks = issue.document.blocks
    first = {kind: next(b for b in blocks if isinstance(b, kind)) for kind in (m.Paragraph, m.Heading, m.Figures)}
    frame = len(themed(issue, lambda r: '<section class="article"></section>', look, settings))
    costs = {}
    for name, kind in (("paragraph", m.Paragraph), ("heading (h2)", m.Heading), ("image", m.Figures)):
        block = next((b for b in blocks if isinstance(b, kind) and getattr(b, "level", 2) == 2), first[kind])
        html = themed(issue, lambda r, b=block: f'<section class="article">{r.block(b)}</section>', look, settings)
        costs[name] = (len(html) - frame, len(html) - frame - text_of(html) + text_of(""))
    costs["list item"] = per_unit(issue, settings, look, frame, next(b for b in blocks if isinstance(b, m.BulletList)))
    costs["code line"] = per_unit(issue, settings, look, frame, m.CodeBlock("x = 1\n" * 10, "python"), 10)
    costs["reference"] = reference_cost(issue, settings, look, frame)
    return costs


def per_unit(issue, settings, look, frame, block, units: int | None = None) -> tuple[int, int]:
    html = themed(issue, lambda r: f'<section class="article">{r.block(block)}</section>', look, settings)
    units = units or len(block.items)
    size = len(html) - frame
    return size // units, (size - text_of(html)) // units


def reference_cost(issue, settings, look, frame) -> tuple[int, int]:
    def refs(r: Renderer) -> str:
        r.blocks(issue.document.blocks)
        return f'<section class="article">{r.refs.render()}</section>'
    renderer = Renderer(issue, settings, look)
    renderer.blocks(issue.document.blocks)
    count = len(renderer.refs.numbers)
    html = themed(issue, refs, look, settings)
    return (len(html) - frame) // count, (len(html) - frame - text_of(html)) // count


def report(name: str, drafts: Path, with_costs: bool) -> None:
    settings = load_settings(ROOT, {})
    issue = load_issue(drafts, "issue-1")
    payload = ADAPTER.render(issue, settings).payload
    text = text_of(payload.fits[0].articles[0].content)
    links = len(m.all_links(issue.document))
    print(f"== {name}: {len(issue.assets)} images, {links} links, {text:,} visible characters (full theme)")
    for n, fit in enumerate(payload.fits):
        sizes = " + ".join(f"{size:,}" for size in fit.sizes)
        mark = "  ← chosen" if n == payload.chosen else ""
        print(f"  {fit.step:<24} {sizes:>17} characters of {MAX_CHARS - 1:,}{mark}")
    if with_costs:
        for look, label in ((FULL, "full"), (Look(compact=True), "compact")):
            costs = element_costs(issue, settings, look)
            print(f"  per element, {label} theme (characters, of which markup): "
                  + ", ".join(f"{kind} {size} ({markup})" for kind, (size, markup) in costs.items()))


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        write_seed_sized_issue(Path(tmp))
        report("seed-sized issue (written by this script)", Path(tmp) / "drafts", True)
    with tempfile.TemporaryDirectory() as tmp:
        write_seed_sized_issue(Path(tmp), SEED_ITEMS + 2)
        report(f"the next, longer issue ({SEED_ITEMS + 2} items instead of {SEED_ITEMS})", Path(tmp) / "drafts", False)
    if SEED.exists():
        from tests.wechat.seed_draft import seed_as_draft
        with tempfile.TemporaryDirectory() as tmp:
            seed_as_draft(SEED.read_text(encoding="utf-8"), Path(tmp) / "issue-1")
            report("real issue 1 (../shared/seeds/leotalk-ai-weekly-1.md)", Path(tmp), True)


if __name__ == "__main__":
    main()
