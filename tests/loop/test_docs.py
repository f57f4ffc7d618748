"""The README's tour follows the writer's loop, with the preview's screenshot beside it."""

from __future__ import annotations

import re

from PIL import Image

from tests.loop.readme import REPO


def test_the_readme_tour_goes_new_preview_check_publish_status():
    text = (REPO / "README.md").read_text(encoding="utf-8")
    tour = text.split("## The writer's loop", 1)[1].split("\n## ", 1)[0]
    block = tour.split("```sh", 1)[1].split("```", 1)[0]
    steps = [re.match(r"(leotalk \w+|publish)", line).group(1) for line in block.strip().splitlines()]
    assert steps == ["leotalk new", "leotalk preview", "leotalk check", "publish", "publish", "leotalk status"]
    assert "![leotalk preview" in tour and "docs/images/preview.png" in tour


def test_the_screenshot_is_there_and_shows_three_panes_wide():
    with Image.open(REPO / "docs" / "images" / "preview.png") as shot:
        assert shot.format == "PNG" and shot.width >= 1200 and shot.height >= 600
