"""Images are decoded whole once per content: the fact is kept by hash in the user's cache, never the project."""

from __future__ import annotations

import hashlib
from pathlib import Path

from leotalk_publish.load import read_issue
from tests.bad_inputs.files import noisy_png


def markers(cache: Path) -> set[str]:
    return {p.name for p in cache.rglob("*") if p.is_file()}


def test_good_bytes_are_remembered_and_bad_ones_never(make_draft, project, tmp_path_factory, monkeypatch):
    cache = tmp_path_factory.mktemp("user-cache")
    monkeypatch.setenv("LEOTALK_CACHE_DIR", str(cache))
    folder = make_draft("第一段。\n\n![图](images/x.png)\n")
    good = noisy_png()
    (folder / "images").mkdir()
    (folder / "images" / "x.png").write_bytes(good)
    issue, problems = read_issue(project / "drafts", "issue-1")
    assert issue is not None and not [p for p in problems if p.severity == "error"]
    assert markers(cache) == {hashlib.sha256(good).hexdigest()}
    (folder / "images" / "x.png").write_bytes(good[:-300])  # same name, truncated: a new hash, decoded again
    _, problems = read_issue(project / "drafts", "issue-1")
    assert any("truncated or corrupt" in p.what for p in problems)
    assert markers(cache) == {hashlib.sha256(good).hexdigest()}
    assert not list(project.rglob("decoded-images"))
