"""Transcoding many images: as many at once as the cores and a memory budget allow, and each result kept by
the image's content hash, so an export after a text edit transcodes nothing again."""

from __future__ import annotations

import hashlib
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image

from leotalk_publish.adapters.wechat.images import (
    BODY_LIMIT,
    TRANSCODE_MEMORY,
    Transcoder,
    acceptable,
    transcode_estimate,
    transcode_workers,
)
from leotalk_publish.model import Asset
from tests.wechat.conftest import Runner


def fake_asset(mime: str = "image/webp", size: int = 50_000, width: int = 1200, height: int = 800) -> Asset:
    return Asset("a.webp", Path("/nonexistent/a.webp"), "0" * 64, size, mime, width, height)


def test_the_workers_follow_the_cores_the_memory_budget_and_the_images():
    from leotalk_publish.adapters.wechat.images import available_cores
    many = [fake_asset() for _ in range(50)]
    assert transcode_workers(many) == min(available_cores(), TRANSCODE_MEMORY // transcode_estimate(many[0]))
    assert transcode_workers(many[:1]) == 1, "never more than the images that need a transcode"
    huge = fake_asset(width=8000, height=6000)  # 384 MB decoded, scaled: over any budget alone
    assert transcode_workers([*many, huge]) == 1, "the largest image bounds the memory"
    assert transcode_workers([fake_asset("image/jpeg")] * 20) == 1, "JPEGs under the limit go as they are"
    assert transcode_workers(many, budget=3 * transcode_estimate(many[0])) == min(3, available_cores())


def test_the_cores_are_those_the_process_may_run_on():
    code = ("import os; os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})\n"
            "from leotalk_publish.adapters.wechat.images import transcode_workers\n"
            "from leotalk_publish.model import Asset\nfrom pathlib import Path\n"
            "print(transcode_workers([Asset('a', Path('a'), '0' * 64, 10, 'image/webp', 100, 100)] * 8))")
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert run.stdout.strip() == "1", run.stderr


def webp(path: Path, color: str) -> Asset:
    Image.new("RGB", (120, 80), color).save(path, "WEBP")
    data = path.read_bytes()
    return Asset(path.name, path, hashlib.sha256(data).hexdigest(), len(data), "image/webp", 120, 80)


def test_a_transcode_is_kept_by_content_and_reused_exactly(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("LEOTALK_CACHE_DIR", str(tmp_path / "cache"))
    asset = webp(tmp_path / "a.webp", "red")
    first = Transcoder([asset])
    made = first.acceptable(asset)
    assert (first.transcoded, first.reused) == (1, 0)
    again = Transcoder([asset])
    assert again.acceptable(asset) == made == acceptable(asset)
    assert (again.transcoded, again.reused) == (0, 1)
    (tmp_path / "other").mkdir()
    other = webp(tmp_path / "other" / "a.webp", "blue")  # same name, other bytes: a new hash
    assert again.acceptable(other).data != made.data and again.transcoded == 1
    assert again.acceptable(asset, limit=BODY_LIMIT * 10).data == made.data and again.transcoded == 2


def test_a_cache_entry_cut_short_is_transcoded_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("LEOTALK_CACHE_DIR", str(tmp_path / "cache"))
    asset = webp(tmp_path / "a.webp", "red")
    made = Transcoder([asset]).acceptable(asset)
    (entry,) = [p for p in (tmp_path / "cache").rglob("*") if p.is_file()]
    entry.write_bytes(entry.read_bytes()[:-10])
    redo = Transcoder([asset])
    assert redo.acceptable(asset) == made and redo.transcoded == 1


def test_an_export_after_a_text_edit_transcodes_no_image_again(project, make_draft, tmp_path_factory, monkeypatch):
    monkeypatch.setenv("LEOTALK_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
    folder = make_draft("第一段。\n\n![](b.webp)\n\n![](c.webp)\n\n![](images/a.png)\n", images=("images/a.png",))
    webp(folder / "b.webp", "red")
    webp(folder / "c.webp", "green")
    runner = Runner(project, {})
    assert runner.publish().status == "pushed"
    assert "wechat: images: 2 image(s) transcoded, 0 from the cache" in runner.lines
    index = folder / "index.md"
    index.write_text(index.read_text(encoding="utf-8").replace("第一段", "改过的第一段"), encoding="utf-8")
    assert runner.publish().status == "pushed"
    assert runner.lines[-1] == "wechat: images: 0 image(s) transcoded, 2 from the cache", runner.lines
    assert sorted(p.name for p in (project / "export/wechat/issue-1/images").iterdir()) == [
        "01-b.jpg", "02-c.jpg", "03-a.png"]
