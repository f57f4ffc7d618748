"""A corpus of broken drafts: each gets a clear message at index.md:LINE, exit code 2, and nothing written.

Every case is checked three ways: the library (``read_issue``), ``leotalk check`` and ``leotalk publish``
(plain and ``--dry-run``), the CLI runs with the test channel 'probe' so they depend on no real channel.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from PIL import Image

from leotalk_publish.load import read_issue

FRONT = '---\ntitle: "测试周刊"\ndate: 2025-09-22T08:00:00+08:00\nslug: test-weekly\n---\n'  # body starts at line 6
IMAGE_BODY = "第一段文字。\n\n![示意图](images/x.png)\n"  # the image sits on line 8


def front(*lines: str, drop: str = "") -> str:
    """FRONT with ``drop`` removed and ``lines`` added before the closing '---' (from line 4 on when one is
    dropped, else from line 5)."""
    keep = [line for line in FRONT.splitlines()[1:-1] if not (drop and line.startswith(f"{drop}:"))]
    return "\n".join(["---", *keep, *lines, "---"]) + "\n"


def symlink_outside(folder: Path) -> None:
    outside = folder.parent.parent / "outside.png"
    Image.new("RGB", (8, 8), "red").save(outside)
    (folder / "images").mkdir(exist_ok=True)
    (folder / "images" / "x.png").symlink_to(outside)


def text_named_png(folder: Path) -> None:
    (folder / "images").mkdir(exist_ok=True)
    (folder / "images" / "x.png").write_text("这不是一张图片", encoding="utf-8")


def tiff_named_png(folder: Path) -> None:
    (folder / "images").mkdir(exist_ok=True)
    Image.new("RGB", (8, 8), "blue").save(folder / "images" / "x.png", format="TIFF")


def gbk_body(folder: Path) -> None:
    text = '---\ntitle: "weekly"\ndate: 2025-09-22T08:00:00+08:00\n---\n\n第一段\n'
    (folder / "index.md").write_bytes(text.encode("gbk"))


def unreadable_image(folder: Path) -> None:
    (folder / "images").mkdir(exist_ok=True)
    Image.new("RGB", (8, 8), "green").save(folder / "images" / "x.png")
    (folder / "images" / "x.png").chmod(0)


@dataclass(frozen=True)
class Broken:
    name: str
    expect: str  # words the message must contain
    line: int | None  # the index.md line it must point at (None: the file as a whole)
    front: str = FRONT
    body: str = "第一段文字。\n"
    setup: Callable[[Path], None] | None = None
    ask: str = "issue-1"  # the issue id given on the command line


CORPUS = [
    Broken("no front matter", "no front matter", 1, front="", body="# 标题\n\n正文\n"),
    Broken("yaml error", "not valid YAML", 4, front=front("title: 测试: 周刊", drop="title")),
    Broken("missing title", "lacks 'title'", 1, front=front(drop="title")),
    Broken("empty title", "front matter 'title'", 4, front=front('title: ""', drop="title")),
    Broken("date without offset", "UTC offset", 4, front=front("date: 2025-09-22T08:00:00", drop="date")),
    Broken("bad date", "front matter 'date'", 4, front=front("date: next monday", drop="date")),
    Broken("unknown key", "did you mean 'title'", 5, front=front("titel: 另一个标题")),
    Broken("unknown key in an override", "unknown front matter key 'wechat.titel'", 6,
           front=front("wechat:", "  titel: 短标题")),
    Broken("bad slug", "lower-case letters", 4, front=front("slug: Weekly_1!", drop="slug")),
    Broken("image missing", "does not exist", 8, body=IMAGE_BODY),
    Broken("image escapes the folder", "outside the draft folder", 8,
           body="第一段文字。\n\n![密码](../../etc/passwd)\n"),
    Broken("absolute image path", "is absolute", 8, body="第一段文字。\n\n![主机](/etc/hosts)\n"),
    Broken("symlink pointing outside", "outside the draft folder", 8, body=IMAGE_BODY, setup=symlink_outside),
    Broken("text file named .png", "not an image", 8, body=IMAGE_BODY, setup=text_named_png),
    Broken("image format no channel takes", "which no channel accepts", 8, body=IMAGE_BODY, setup=tiff_named_png),
    Broken("image URL", "not a local file", 8, body="第一段文字。\n\n![远程](http://example.com/a.png)\n"),
    Broken("cover missing", "does not exist", 5, front=front("cover: images/cover.png")),
    Broken("footnote without definition", "'[^src]' has no definition", 6,
           body="第一段文字。\n第二行引用了脚注[^src]。\n"),
    Broken("index.md not UTF-8", "not UTF-8", 6, setup=gbk_body),
    Broken("unknown issue id", "draft not found", None, ask="issue-9"),
    Broken("image unreadable", "cannot read image", 8, body=IMAGE_BODY, setup=unreadable_image),
]


@pytest.fixture(params=CORPUS, ids=[case.name for case in CORPUS])
def broken(request, make_draft) -> Broken:
    case: Broken = request.param
    if case.setup is unreadable_image and os.geteuid() == 0:
        pytest.skip("root reads a chmod-000 file anyway; an unreadable image cannot be made here")
    folder = make_draft(case.body, front=case.front)
    if case.setup:
        case.setup(folder)
    return case


def where_suffix(case: Broken) -> str:
    return "index.md" if case.line is None else f"index.md:{case.line}"


def test_there_are_at_least_15_broken_drafts():
    assert len(CORPUS) >= 15


def test_the_library_names_the_problem_and_its_line(broken: Broken, project: Path):
    _, problems = read_issue(project / "drafts", broken.ask)
    errors = [p for p in problems if p.severity == "error"]
    assert errors, "a broken draft must give at least one error"
    hits = [p for p in errors if broken.expect in f"{p.what} — {p.fix}"]
    assert hits, [str(p) for p in errors]
    assert hits[0].where.endswith(where_suffix(broken)), str(hits[0])
    assert hits[0].fix or "e.g." in hits[0].what, f"no way to fix it in: {hits[0]}"


@pytest.mark.parametrize("command", [("check",), ("publish",), ("publish", "--dry-run")], ids=" ".join)
def test_the_cli_exits_2_and_writes_nothing(broken: Broken, command, probe, leotalk, project, tree):
    before = tree(project)
    result = leotalk(*command, broken.ask, "--channels", probe)
    assert result.exit_code == 2, result.output
    assert broken.expect in result.stderr
    assert f"{where_suffix(broken)}" in result.stderr
    assert "Traceback" not in result.output
    assert tree(project) == before


def test_a_non_utf8_draft_without_channels_is_reported_not_raised(make_draft, leotalk, project, tree):
    """Without --channels the CLI reads the issue's own 'channels:' list first; that read must not crash."""
    gbk_body(make_draft(""))
    before = tree(project)
    result = leotalk("check", "issue-1")
    assert result.exit_code == 2, result.output
    assert tree(project) == before
