"""Plan: a first publish shows the whole text, an unchanged issue has nothing to do, a change shows its diff."""

from __future__ import annotations

from pathlib import Path

from leotalk_publish.channel import Rendition
from leotalk_publish.model import Asset
from leotalk_publish.plan import plan_channel, unified_diffs

TEXT = "# 周知 1\n\n第一段。\n第二段。\n"


def rendition(text: str = TEXT) -> Rendition:
    return Rendition("probe", "issue-1", {"post.md": text})


def test_first_publish_diffs_the_whole_text():
    plan = plan_channel(rendition(), None, {}, ["write post.md"])
    assert not plan.unchanged
    assert plan.actions == ("write post.md",)
    diff = plan.diffs["post.md"]
    assert diff.startswith("--- /dev/null\n+++ probe/post.md (now)\n")
    added = [line[1:] for line in diff.splitlines(keepends=True) if line.startswith("+") and not line.startswith("+++")]
    assert "".join(added) == TEXT


def test_unchanged_means_nothing_to_do_and_no_diff():
    before = rendition()
    plan = plan_channel(rendition(), before.content_hash, {"post.md": TEXT}, ["write post.md"])
    assert plan.unchanged
    assert plan.actions == ("nothing to do: unchanged since the last push",)
    assert plan.diffs == {}


def test_a_change_shows_only_its_lines():
    new = TEXT.replace("第二段。", "第二段，改过了。")
    plan = plan_channel(rendition(new), rendition().content_hash, {"post.md": TEXT}, ["update post.md"])
    diff = plan.diffs["post.md"]
    assert "-第二段。\n" in diff and "+第二段，改过了。\n" in diff
    assert "+第一段。" not in diff
    assert diff.startswith("--- probe/post.md (last pushed)\n")


def test_a_document_gone_and_one_unchanged():
    diffs = unified_diffs("probe", {"a.md": "x\n", "b.md": "same\n"}, {"b.md": "same\n"})
    assert list(diffs) == ["a.md"]
    assert "-x\n" in diffs["a.md"]


def test_a_text_without_final_newline_still_diffs_line_by_line():
    diff = unified_diffs("probe", {}, {"a.md": "one\ntwo"})["a.md"]
    assert diff.endswith("+two\n")


def test_the_content_hash_follows_text_and_images():
    base = rendition()
    assert base.content_hash == rendition().content_hash
    assert base.content_hash != rendition(TEXT + "\n").content_hash
    image = Asset("a.png", Path("/draft/a.png"), "sha-1", 10, "image/png", 4, 3)
    with_image = Rendition("probe", "issue-1", {"post.md": TEXT}, assets=(image,))
    redrawn = Rendition("probe", "issue-1", {"post.md": TEXT}, assets=(Asset("a.png", image.path, "sha-2", 10,
                                                                              "image/png", 4, 3),))
    assert len({base.content_hash, with_image.content_hash, redrawn.content_hash}) == 3
