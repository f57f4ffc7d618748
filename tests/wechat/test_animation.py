"""Animated images: WeChat's article body takes only JPEG and PNG (``media/uploadimg``), so an animated GIF
or WebP there becomes its first frame, and ``check`` says so at the image's line; a cover
(``material/add_material``) may be a GIF, so a GIF cover goes as it is, animation and all."""

from __future__ import annotations

from pathlib import Path

from PIL import Image

from leotalk_publish.adapters.wechat.adapter import ADAPTER
from leotalk_publish.adapters.wechat.settings import load_settings
from leotalk_publish.load import load_issue
from tests.wechat.conftest import Runner
from tests.wechat.fresh_check import fresh_check

FRONT = '---\ntitle: "动图"\ndate: 2025-09-22T08:00:00+08:00\n{extra}---\n'  # 4 lines with no extra ones


def frames(count: int) -> list[Image.Image]:
    colours = ((220, 30, 30), (30, 200, 30), (30, 30, 220))
    return [Image.new("RGB", (48, 32), colours[i % 3]) for i in range(count)]


def save(path: Path, count: int, fmt: str) -> None:
    first, *rest = frames(count)
    first.save(path, fmt, save_all=bool(rest), append_images=rest, duration=150, loop=0)


def draft(make_draft, body: str, images: dict[str, tuple[int, str]], extra: str = "") -> Path:
    folder = make_draft(body, front=FRONT.format(extra=extra))
    (folder / "images").mkdir()
    for name, (count, fmt) in images.items():
        save(folder / "images" / name, count, fmt)
    return folder


def warnings_of(project: Path, env: dict[str, str] | None = None) -> list:
    issue = load_issue(project / "drafts", "issue-1")
    problems = ADAPTER.check(issue, load_settings(project, env or {}))
    return [p for p in problems if "frame" in p.what]


def test_an_animated_gif_in_the_body_is_a_warning_at_its_line(project, make_draft):
    draft(make_draft, "正文。\n\n![动](images/a.gif)\n", {"a.gif": (3, "GIF")})
    (problem,) = warnings_of(project)
    assert problem.severity == "warning" and problem.where.endswith("index.md:7")
    assert "images/a.gif" in problem.what and "first frame" in problem.what


def test_an_animated_webp_inline_is_a_warning_too(project, make_draft):
    draft(make_draft, "正文。\n\n一段 ![动](images/a.webp) 文字。\n", {"a.webp": (2, "WEBP")})
    (problem,) = warnings_of(project)
    assert problem.where.endswith("index.md:7") and "images/a.webp" in problem.what


def test_a_still_gif_and_webp_raise_nothing(project, make_draft):
    draft(make_draft, "正文。\n\n![静](images/s.gif)\n\n![静](images/s.webp)\n",
          {"s.gif": (1, "GIF"), "s.webp": (1, "WEBP")})
    assert warnings_of(project) == []


def test_an_animated_gif_cover_goes_to_wechat_as_it_is(project, make_draft, runner: Runner, fake, env):
    folder = draft(make_draft, "正文。\n", {"cover.gif": (3, "GIF")}, extra="cover: images/cover.gif\n")
    assert warnings_of(project, env) == [], "add_material takes GIF: nothing is lost"
    outcome = runner.publish()
    assert outcome.status != "failed", outcome.error
    (material,) = fake.materials.values()
    assert material["filename"] == "cover.gif"
    assert material["size"] == (folder / "images" / "cover.gif").stat().st_size


def test_an_animated_webp_cover_is_a_warning_at_its_front_matter_line(project, make_draft, env):
    draft(make_draft, "正文。\n", {"c.webp": (2, "WEBP")}, extra="cover: images/c.webp\n")
    (problem,) = warnings_of(project, env)
    assert problem.where.endswith("index.md:4") and "not a WebP" in problem.what




def test_a_check_that_saw_the_animation_before_does_not_import_pillow(project, make_draft, tmp_path_factory):
    draft(make_draft, "正文。\n\n![动](images/a.gif)\n", {"a.gif": (3, "GIF")})
    cache = tmp_path_factory.mktemp("user-cache")

    def probe() -> str:
        return fresh_check(project, cache, "first frame")

    assert probe() == "1 True"
    assert probe() == "1 False", "the decode cache and the animation cache answer"
