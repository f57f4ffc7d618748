"""The exported pages show every image in a real browser (Debian's Chromium), whatever the images are named.

Before, an image named in Chinese (``图片.png``) was written to export/substack and export/wechat under its
percent-encoded name (``%E5%9B%BE%E7%89%87.png``) while the page's ``src`` was that encoded name, which a
browser decodes, so it asked for ``图片.png``: every such picture was broken in ``post.html`` and
``preview.html``, the pages a writer opens to copy the issue into the editors.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from leotalk_publish.cli import app
from tests.conftest import FRONT, write_png
from tests.loop.test_preview import WIDTH_NOW

pytestmark = pytest.mark.long(seconds=4)

NAMES = ("图片.png", "two words.png", "100%.png", "封面 (1).png", "plain.png")


def test_every_exported_page_shows_every_image(project: Path, make_draft, open_page) -> None:
    body = "开场白。\n\n" + "\n\n".join(f"![图 {i}](<images/{name}>)" for i, name in enumerate(NAMES)) + "\n"
    folder = make_draft(body, front=FRONT)
    for i, name in enumerate(NAMES):
        write_png(folder / "images" / name, size=(40 + i, 30))
    result = CliRunner().invoke(app, ["publish", "issue-1", "--export", "--channels", "substack,wechat",
                                      "--project", str(project)])
    assert result.exit_code == 0, result.output
    pages = [project / "export/substack/issue-1/post.html", project / "export/wechat/issue-1/preview.html",
             project / "export/wechat/issue-1/content.html"]
    for page_file in pages:
        page = open_page()
        page.goto(page_file.as_uri(), wait_until="load")  # every image loaded or failed
        widths = [image.evaluate(WIDTH_NOW) for image in page.query_selector_all("img")]
        assert sorted(widths) == [40 + i for i in range(len(NAMES))], (page_file.name, widths)
