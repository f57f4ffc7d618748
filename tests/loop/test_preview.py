"""``leotalk preview`` in a real headless Chromium (Debian's, driven by Playwright): the page loads with three
panes, WeChat's in a 375 px phone frame with its fonts and the very HTML a push sends, and an edit to index.md
or an image shows up without reloading the page."""

from __future__ import annotations

import subprocess
import sys
import threading
import time

import httpx
import pytest

from leotalk_publish.project import Project
from tests.conftest import write_png

pytestmark = pytest.mark.long(seconds=8)  # seconds of subprocesses or soaks: started first

BODY = "开场白。\n\n# 本周\n\n第一段文字。\n\n![一张图](images/a.png)\n"


@pytest.fixture
def server(project, make_draft):
    from leotalk_publish.preview.server import serve, url
    make_draft(BODY, images=("images/a.png",))
    httpd, _ = serve(Project(project), "issue-1", ["blog", "substack", "wechat"])
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True)
    thread.start()
    yield url(httpd)
    httpd.shutdown()
    httpd.server_close()


WIDTH_NOW = "img => img.complete ? img.naturalWidth : 0"
LOADED_WIDTH = "img => img.complete ? img.naturalWidth : new Promise(done => img.onload = () => done(img.naturalWidth))"


def eventually(look, wanted=80, seconds: float = 15):
    """What ``look()`` returns once it is ``wanted`` (or the last answer after ``seconds``); a pane that is
    reloading right then answers with an error, which only means: look again."""
    from playwright.sync_api import Error
    deadline, seen = time.monotonic() + seconds, None
    while time.monotonic() < deadline:
        try:
            seen = look()
        except Error:
            seen = None
        if seen == wanted:
            return seen
        time.sleep(0.1)
    return seen


def pane(page, channel: str):
    return page.frame_locator(f'.pane[data-channel="{channel}"] iframe')


def test_the_page_shows_three_panes_with_their_figures(open_page, server):
    page = open_page(viewport={"width": 1600, "height": 1000})
    page.goto(server)
    assert page.locator(".pane").count() == 3
    assert page.locator(".pane h2").all_inner_texts() == ["Blog", "Substack", "WeChat"]
    for channel in ("blog", "substack", "wechat"):
        assert pane(page, channel).locator("body").inner_text().count("第一段文字") == 1
        image = pane(page, channel).locator("img")
        image.wait_for()
        assert image.evaluate(LOADED_WIDTH) == 64, f"{channel}: the image is served and loads"
    wechat = page.locator('.pane[data-channel="wechat"]')
    assert wechat.locator(".device").evaluate("el => el.clientWidth") == 375
    assert "PingFang SC" in pane(page, "wechat").locator("body").evaluate("b => getComputedStyle(b).fontFamily")
    facts = wechat.locator(".facts").inner_text()
    assert "of 20,000 characters" in facts and "fit: full theme" in facts and "1 image(s)" in facts


def test_the_wechat_pane_is_the_html_a_push_sends(server, project):
    from leotalk_publish import pipeline
    preparation = pipeline.prepare(Project(project), "issue-1", ["wechat"], env={})
    sent = preparation.channels[0].rendition.payload.content
    shown = httpx.get(server + "pane/wechat").text
    assert sent in shown


def test_an_edit_appears_without_a_reload(open_page, server, project):
    page = open_page()
    page.goto(server)
    pane(page, "blog").locator("body").wait_for()
    page.evaluate("window.marker = 'still the same page'")
    index = project / "drafts" / "issue-1" / "index.md"
    saved = time.monotonic()
    index.write_text(index.read_text(encoding="utf-8").replace("第一段文字", "刚刚改过的文字"), encoding="utf-8")
    for channel in ("blog", "substack", "wechat"):
        pane(page, channel).get_by_text("刚刚改过的文字").wait_for(timeout=15000)
    took = time.monotonic() - saved
    assert took < 5, f"shown after {took:.1f}s: within about a second alone, generous here (two shared cores)"
    assert page.evaluate("window.marker") == "still the same page", "the page itself was not reloaded"


def test_a_changed_image_and_a_new_problem_show_up(open_page, server, project):
    page = open_page()
    page.goto(server)
    folder = project / "drafts" / "issue-1"
    write_png(folder / "images" / "a.png", size=(80, 40))
    assert eventually(lambda: pane(page, "wechat").locator("img").evaluate(WIDTH_NOW)) == 80, \
        "the pane reloaded with the new image"
    index = folder / "index.md"
    index.write_text(index.read_text(encoding="utf-8") + "\n![缺图](images/missing.png)\n", encoding="utf-8")
    page.get_by_text("image 'images/missing.png' does not exist").first.wait_for(timeout=15000)


def test_the_command_prints_the_url_first_and_serves_on_loopback(project, make_draft):
    make_draft(BODY, images=("images/a.png",))
    command = [sys.executable, "-c", "from leotalk_publish.cli import main; main()", "preview", "issue-1"]
    process = subprocess.Popen(command, cwd=project / "drafts", stdout=subprocess.PIPE, text=True)
    try:
        first = process.stdout.readline().strip()
        assert first.startswith("http://127.0.0.1:") and first.endswith("/")
        assert "第一段文字" in httpx.get(first + "pane/blog", timeout=10).text
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_preview_of_an_unknown_issue_is_an_error_naming_the_folder(project, run_in):
    result = run_in(project, "preview", "issue-9")
    assert result.exit_code == 2
    assert "no draft drafts/issue-9/index.md; known issues" in result.stderr  # project-relative
    assert str(project.resolve()) not in result.stderr

