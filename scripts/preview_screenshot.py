"""Take docs/images/preview.png: ``leotalk preview`` of the sample issue in Debian's headless Chromium.

    .venv/bin/python scripts/preview_screenshot.py [ISSUE] [OUT]

Chinese text needs a CJK font on the machine (Debian: apt-get install fonts-wqy-microhei); the screenshot
is only as good as the fonts installed.
"""

from __future__ import annotations

import sys
import threading
from pathlib import Path

from playwright.sync_api import sync_playwright

from leotalk_publish.preview.server import serve, url
from leotalk_publish.project import find_project

ROOT = Path(__file__).resolve().parents[1]
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]


def main(issue: str = "issue-1", out: str = str(ROOT / "docs" / "images" / "preview.png")) -> None:
    server, _ = serve(find_project(ROOT), issue, ["blog", "substack", "wechat"])
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
            page = browser.new_page(viewport={"width": 1500, "height": 960})
            page.goto(url(server))
            page.wait_for_load_state("load")
            page.wait_for_timeout(1500)  # the panes' images (the page polls /state, so it is never idle)
            Path(out).parent.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=out)
            browser.close()
    finally:
        server.shutdown()
    print(f"wrote {out}")


if __name__ == "__main__":
    main(*sys.argv[1:])
