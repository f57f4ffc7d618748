"""Images WeChat's copy cannot be made of: ``check`` says so before anything is sent, from the facts load
already has (size, width, height, type), and a transcode that still fails is a plain ChannelError naming the
image and what to do, never an unexpected error half-way through a push."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest
from PIL import Image

from leotalk_publish.adapters.wechat.adapter import ADAPTER
from leotalk_publish.adapters.wechat.images import acceptable
from leotalk_publish.adapters.wechat.limits import BODY_LIMIT, MAX_SIDE, transcode_problem
from leotalk_publish.adapters.wechat.settings import load_settings
from leotalk_publish.errors import ChannelError
from leotalk_publish.load import load_issue
from leotalk_publish.model import Asset
from tests.wechat.conftest import Runner
from tests.wechat.fresh_check import fresh_check

BODY = "正文。\n\n![图](images/x.png)\n"  # the image is on line 9 (6 lines of front matter, then a blank)


def noise(size: tuple[int, int], mode: str) -> Image.Image:
    return Image.frombytes(mode, size, os.urandom(size[0] * size[1] * len(mode)))


def draft_with(make_draft, image: Image.Image) -> Path:
    folder = make_draft(BODY)
    (folder / "images").mkdir()
    image.save(folder / "images" / "x.png", "PNG")
    return folder


def problems_of(project: Path):
    issue = load_issue(project / "drafts", "issue-1")
    return [p for p in ADAPTER.check(issue, load_settings(project, {})) if "images/x.png" in p.what]


def test_a_strip_longer_than_any_encodable_side_is_an_error_at_its_line(project, make_draft):
    draft_with(make_draft, noise((1, 400_000), "RGB"))  # 1.2 MB: over the limit, and no JPEG is that long
    (problem,) = problems_of(project)
    assert problem.severity == "error" and problem.where.endswith("index.md:9")
    assert "1×400,000" in problem.what and "65,500" in problem.what
    assert "crop" in problem.fix


def test_a_thin_noisy_image_the_scaler_cannot_shrink_is_named_by_check(project, make_draft):
    draft_with(make_draft, noise((64, 20_000), "RGBA"))  # 5 MB, already 64 pixels wide
    (problem,) = problems_of(project)
    assert problem.where.endswith("index.md:9") and "64×20,000" in problem.what
    assert "1 MB" in problem.what and ("crop" in problem.fix or "resize" in problem.fix)


def test_images_that_fit_or_scale_down_raise_no_problem(project, make_draft):
    draft_with(make_draft, noise((1400, 1000), "RGB"))  # 4 MB, but scaled down it fits
    assert problems_of(project) == []


def fact(width: int, height: int, size: int, mime: str = "image/png") -> Asset:
    return Asset("images/x.png", Path("/nowhere/x.png"), "0" * 64, size, mime, width, height)


def test_the_prediction_uses_only_the_loaded_facts():
    assert transcode_problem(fact(1, 400_000, 2_000_000))[0] == "error"
    assert transcode_problem(fact(1, 400_000, 900_000)) == ("", ""), "goes as it is: nothing to encode"
    assert transcode_problem(fact(70_000, 2_000, 2_000_000)) == ("", ""), "scaled down, it fits JPEG"
    assert transcode_problem(fact(64, 20_000, 5_000_000))[0] == "warning"
    assert transcode_problem(fact(4000, 3000, 9_000_000, "image/jpeg")) == ("", "")
    assert MAX_SIDE == 65_500


def asset_of(path: Path, image: Image.Image) -> Asset:
    image.save(path, "PNG")
    data = path.read_bytes()
    return Asset(f"images/{path.name}", path, hashlib.sha256(data).hexdigest(), len(data), "image/png",
                 *image.size)


@pytest.mark.parametrize("size, mode", [((1, 400_000), "RGB"), ((64, 20_000), "RGBA")])
def test_a_transcode_that_cannot_succeed_is_a_channel_error_naming_the_image_and_the_fix(tmp_path, size, mode):
    asset = asset_of(tmp_path / "x.png", noise(size, mode))
    assert asset.size >= BODY_LIMIT
    with pytest.raises(ChannelError) as caught:
        acceptable(asset)
    message = str(caught.value)
    assert "images/x.png" in message and f"{size[0]}×{size[1]:,}" in message
    assert "crop" in message or "resize" in message


def test_the_push_fails_with_that_message_not_an_unexpected_error(project, make_draft, runner: Runner):
    draft_with(make_draft, noise((64, 20_000), "RGBA"))
    outcome = runner.publish(export=True)
    assert outcome.status == "failed"
    assert "unexpected" not in outcome.error and "images/x.png" in outcome.error




def test_the_prediction_opens_no_image_and_imports_no_pillow(project, make_draft, tmp_path_factory):
    """On a warm load (the decode cache knows the image) check foresees the problem without Pillow."""
    draft_with(make_draft, noise((1, 400_000), "RGB"))
    cache = tmp_path_factory.mktemp("user-cache")

    def probe() -> str:
        return fresh_check(project, cache, "")

    assert probe() == "1 True", "first sight: load decodes the image"
    assert probe() == "1 False", "seen before: neither load nor check imports Pillow's imaging module"
