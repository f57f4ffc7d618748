"""Loading an image seen before reads its format and size from the decode cache: the same figures Pillow
gives, without Pillow's imaging module; a cache entry that is not one is read again by Pillow."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from PIL import Image

from leotalk_publish.load import load_issue

PROBE = """import sys
from pathlib import Path
from leotalk_publish.load import load_issue
asset = load_issue(Path(sys.argv[1]), "issue-1").assets["images/x.webp"]
print(asset.mime, asset.width, asset.height, "PIL.Image" in sys.modules)
"""


def probe(project: Path, cache: Path) -> str:
    run = subprocess.run([sys.executable, "-c", PROBE, str(project / "drafts")], capture_output=True, text=True,
                         env={"PATH": "/usr/bin:/bin", "LEOTALK_CACHE_DIR": str(cache)})
    assert run.returncode == 0, run.stderr
    return run.stdout.strip()


def test_an_image_seen_before_is_measured_from_the_cache_without_pillow(make_draft, project, tmp_path_factory):
    cache = tmp_path_factory.mktemp("user-cache")
    folder = make_draft("第一段。\n\n![图](images/x.webp)\n")
    (folder / "images").mkdir()
    Image.new("RGB", (321, 123), "red").save(folder / "images" / "x.webp", "WEBP")
    assert probe(project, cache) == "image/webp 321 123 True", "first sight: Pillow reads and decodes it"
    assert probe(project, cache) == "image/webp 321 123 False", "seen before: the cache says what Pillow said"
    (entry,) = [p for p in cache.rglob("*") if p.is_file()]
    entry.write_bytes(b"")  # an entry from before entries held the header: Pillow reads the header again
    assert probe(project, cache) == "image/webp 321 123 True"
    assert entry.read_bytes() == b"WEBP 321 123"


def test_the_cached_figures_are_pillows(make_draft, project, tmp_path_factory, monkeypatch):
    monkeypatch.setenv("LEOTALK_CACHE_DIR", str(tmp_path_factory.mktemp("user-cache")))
    folder = make_draft("![a](a.png)\n\n![b](b.gif)\n\n![c](c.jpg)\n")
    Image.new("RGBA", (40, 30)).save(folder / "a.png")
    Image.new("P", (17, 9)).save(folder / "b.gif")
    Image.new("RGB", (64, 48)).save(folder / "c.jpg")
    first = load_issue(project / "drafts", "issue-1").assets
    again = load_issue(project / "drafts", "issue-1").assets
    assert first == again
    assert [(a.mime, a.width, a.height) for a in again.values()] == [
        ("image/png", 40, 30), ("image/gif", 17, 9), ("image/jpeg", 64, 48)]
