"""How long `leotalk preview` takes to show a save: from writing index.md to the new text in every pane.

    .venv/bin/python benchmarks/preview_reload.py [RUNS]

A seed-sized issue (benchmarks/common.py), the preview server in this process, Debian's headless Chromium
through Playwright. Also: one /state poll when nothing changed (the signature of the draft's files), and one
render of the three panes (check + render + each adapter's pane).
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import threading
from pathlib import Path

from common import median_ms, write_seed_sized_issue
from playwright.sync_api import sync_playwright

from leotalk_publish.preview.panes import build
from leotalk_publish.preview.server import serve, url
from leotalk_publish.project import Project

ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]
CHANNELS = ["blog", "substack", "wechat"]


# Timed inside the page (performance.now()), not by Playwright's polling, which waits up to 500 ms between looks.
SHOWN = """marker => [...document.querySelectorAll('.pane iframe')].every(
    frame => frame.contentDocument && frame.contentDocument.body
             && frame.contentDocument.body.innerText.includes(marker))"""


def save_to_screen(page, index: Path, n: int) -> float:
    marker = f"改动标记{n}号"
    start = page.evaluate("performance.now()")
    index.write_text(index.read_text(encoding="utf-8") + f"\n{marker}\n", encoding="utf-8")
    page.wait_for_function(SHOWN, arg=marker, polling="raf", timeout=20000)
    return page.evaluate("performance.now()") - start


def main(runs: int = 10) -> None:
    root = Path(tempfile.mkdtemp())
    (root / "channels").mkdir()
    index = write_seed_sized_issue(root) / "index.md"
    project = Project(root)
    server, watched = serve(project, "issue-1", CHANNELS)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    print(f"/state when nothing changed: {median_ms(watched.current, 50):.2f} ms (median of 50)")
    print(f"render of the three panes: {median_ms(lambda: build(project, 'issue-1', CHANNELS), 5):.0f} ms "
          "(median of 5)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        page = browser.new_page()
        page.goto(url(server))
        samples = [save_to_screen(page, index, n) for n in range(runs)]
        browser.close()
    server.shutdown()
    print(f"save → all three panes show it: median {statistics.median(samples):.0f} ms, "
          f"max {max(samples):.0f} ms ({runs} saves)")


if __name__ == "__main__":
    main(*(int(a) for a in sys.argv[1:]))
