"""Screenshots of the WeChat article at 375 px in Debian's headless Chromium, as the export's preview page
shows it (WeChat's fonts and article defaults, images beside it).

    .venv/bin/python scripts/wechat_screenshot.py OUT_DIR [--doc]

Writes ``OUT_DIR/seed.png`` (the real issue 1 from ../shared/seeds/, when it is there) and
``OUT_DIR/<sample>.png`` for each of tests/wechat/samples/, each the whole page. ``--doc`` also writes
``docs/images/wechat-375.png``: the top of the seed and its reference list side by side, a picture small
enough for the docs. Chinese text needs a CJK font (Debian: fonts-wqy-microhei).
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
from leotalk_publish.adapters.wechat.preview import preview_page  # noqa: E402
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


def doc_picture(seed_png: Path, out: Path, top: int = 2600, tail: int = 1300) -> None:
    """The top of the seed beside the end of it (the reference list), as a palette PNG."""
    with Image.open(seed_png) as whole:
        head = whole.crop((0, 0, WIDTH, min(top, whole.height)))
        end = whole.crop((0, max(0, whole.height - tail), WIDTH, whole.height))
        sheet = Image.new("RGB", (2 * WIDTH + 16, max(head.height, end.height)), "#ededed")
        sheet.paste(head, (0, 0))
        sheet.paste(end, (WIDTH + 16, 0))
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
        doc_picture(target / "seed.png", DOC_PICTURE)
        print(f"wrote {DOC_PICTURE} ({DOC_PICTURE.stat().st_size:,} bytes)")


if __name__ == "__main__":
    main(*sys.argv[1:])
