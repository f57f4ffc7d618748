"""Screenshots of the WeChat article at 375 px in Debian's headless Chromium, as the export's preview page
shows it (WeChat's fonts and article defaults, images beside it).

    .venv/bin/python scripts/wechat_screenshot.py OUT_DIR [--doc]

Writes ``OUT_DIR/seed.png`` (the real issue 1 from ../shared/seeds/, when it is there) and
``OUT_DIR/<sample>.png`` for each of tests/wechat/samples/, each the whole page. ``--doc`` also writes
``docs/images/wechat-375.png``: four columns side by side (the tops of the seed and of two samples, the
seed's reference list), a picture small enough for the docs. Chinese text needs a CJK font (Debian: fonts-wqy-microhei).
"""

from __future__ import annotations

import re
import shutil
import sys
import tempfile
from pathlib import Path

from PIL import Image
from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # tests/ holds the seed's draft maker and the placeholder images

from leotalk_publish.adapters.wechat.adapter import ADAPTER  # noqa: E402
from leotalk_publish.adapters.wechat.export import preview_page  # noqa: E402
from leotalk_publish.adapters.wechat.settings import load_settings  # noqa: E402
from leotalk_publish.load import load_issue  # noqa: E402
from tests.conftest import write_png  # noqa: E402
from tests.wechat.seed_draft import seed_as_draft  # noqa: E402

SEED = ROOT.parent / "shared" / "seeds" / "leotalk-ai-weekly-1.md"
SAMPLES = ROOT / "tests" / "wechat" / "samples"
DOC_PICTURE = ROOT / "docs" / "images" / "wechat-375.png"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]
WIDTH = 375


def sample_draft(name: str, folder: Path) -> Path:
    """A sample of tests/wechat/samples/ as a draft, a placeholder PNG per image it names."""
    text = (SAMPLES / f"{name}.md").read_text(encoding="utf-8")
    folder.mkdir(parents=True)
    shutil.copy(SAMPLES / f"{name}.md", folder / "index.md")
    for n, src in enumerate(dict.fromkeys(re.findall(r"\]\((images/[^ )]+)", text))):
        write_png(folder / src, size=(1080, 720), color=f"#{n * 40 % 256:02x}8080")
    return folder


def preview_file(folder: Path) -> Path:
    """The chosen rung's preview page, written beside the draft so that its images resolve."""
    issue = load_issue(folder.parent, folder.name)
    payload = ADAPTER.render(issue, load_settings(ROOT, {})).payload
    contents = [article.content for article in payload.fit.articles]
    page = folder / "preview.html"
    page.write_text(preview_page(contents, payload.fit.articles), encoding="utf-8")
    print(f"{folder.name}: {payload.fit.step}, {', '.join(f'{size:,}' for size in payload.fit.sizes)} characters")
    return page


def shoot(browser, page_file: Path, out: Path) -> None:
    page = browser.new_page(viewport={"width": WIDTH, "height": 800})
    page.goto(page_file.as_uri())
    page.wait_for_load_state("load")
    page.screenshot(path=str(out), full_page=True)
    page.close()


DOC_CROPS = (("seed", 0), ("weekly-zh", 0), ("article-zh", 0), ("seed", -1))  # -1: the page's end
DOC_HEIGHT = 1400


def doc_picture(shots: Path, out: Path) -> None:
    """Four 375 px columns as a palette PNG: the seed's top (headings, links, lists), the weekly sample's
    (captions, Opinion), the article sample's (code, table, quote, nested list), the seed's reference list."""
    gap = 12
    sheet = Image.new("RGB", (len(DOC_CROPS) * (WIDTH + gap) - gap, DOC_HEIGHT), "#ededed")
    for n, (name, top) in enumerate(DOC_CROPS):
        with Image.open(shots / f"{name}.png") as whole:
            start = max(0, whole.height - DOC_HEIGHT) if top < 0 else top
            sheet.paste(whole.crop((0, start, WIDTH, min(whole.height, start + DOC_HEIGHT))), (n * (WIDTH + gap), 0))
    sheet.quantize(colors=64).save(out, optimize=True)


def main(out_dir: str, *flags: str) -> None:
    target = Path(out_dir)
    target.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        drafts = Path(tmp) / "drafts"
        if SEED.exists():
            folder = seed_as_draft(SEED.read_text(encoding="utf-8"), drafts / "seed")
            shoot(browser, preview_file(folder), target / "seed.png")
        for sample in sorted(p.stem for p in SAMPLES.glob("*.md")):
            shoot(browser, preview_file(sample_draft(sample, drafts / sample)), target / f"{sample}.png")
        browser.close()
    if "--doc" in flags and (target / "seed.png").exists():
        doc_picture(target, DOC_PICTURE)
        print(f"wrote {DOC_PICTURE} ({DOC_PICTURE.stat().st_size:,} bytes)")


if __name__ == "__main__":
    main(*sys.argv[1:])
