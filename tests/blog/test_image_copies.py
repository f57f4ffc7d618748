"""Images go into the site by copy, compared by the hash loading took: a site copy of the same size with
other bytes is written again, an identical one is left alone, and a draft image changed during the run
stops the push instead of going out unchecked."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from leotalk_publish.adapters.blog import push as pushing
from leotalk_publish.cli import app
from leotalk_publish.errors import ChannelError
from leotalk_publish.load import load_issue
from tests.blog.conftest import copy_whole_issue

IMAGES = Path("assets/img/2025-10-06-weekly-7")


def dry_run(project: Path) -> str:
    result = CliRunner().invoke(app, ["publish", "issue-7", "-c", "blog", "--dry-run", "--project", str(project)],
                                env={"CI": ""})
    assert result.exit_code == 0, result.output
    return result.output


def test_a_site_image_of_the_same_size_with_other_bytes_is_written_again(project: Path, site: Path) -> None:
    import shutil
    folder = copy_whole_issue(project)
    shutil.copytree(folder / "images", site / IMAGES)  # the site holds these very images already
    assert f"write {IMAGES}/" not in dry_run(project)
    copy = site / IMAGES / "left.png"
    data = bytearray(copy.read_bytes())
    data[-20] ^= 0xFF  # same size, one byte differs
    copy.write_bytes(bytes(data))
    planned = dry_run(project)
    assert f"write {IMAGES / 'left.png'} in" in planned and f"write {IMAGES / 'right.png'}" not in planned


def test_an_image_changed_after_loading_stops_the_copy(project: Path, tmp_path: Path) -> None:
    folder = copy_whole_issue(project)
    asset = load_issue(project / "drafts", "issue-7").assets["images/left.png"]
    (folder / "images" / "left.png").write_bytes(b"not the bytes that were checked")
    with pytest.raises(ChannelError, match=r"images/left\.png changed while this run was going on"):
        pushing.write_if_changed(tmp_path / "out" / "left.png", asset)


def test_loading_hashes_the_file_it_measures(project: Path) -> None:
    import hashlib
    folder = copy_whole_issue(project)
    asset = load_issue(project / "drafts", "issue-7").assets["images/left.png"]
    data = (folder / "images" / "left.png").read_bytes()
    assert (asset.sha256, asset.size) == (hashlib.sha256(data).hexdigest(), len(data))
