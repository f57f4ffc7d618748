"""Odd but legitimate inputs: each one publishes on every channel (the blog's files, a WeChat draft and a
Substack draft on the fakes), with nothing of it lost or changed."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.bad_inputs.conftest import running_substack, running_wechat
from tests.bad_inputs.files import front, nested_list, nested_quote, write

# A new account on each platform per case (the corpus's module-wide fakes would find the previous case's draft).
wechat = pytest.fixture(name="wechat")(running_wechat)
substack = pytest.fixture(name="substack")(running_substack)

IMAGE = "\n\n![示意图](images/x.png)\n\n最后一段 MARK-END。\n"


@dataclass(frozen=True)
class Odd:
    name: str
    text: str | bytes  # the whole index.md
    markers: tuple[str, ...] = ("MARK-END",)  # text every channel must show
    tags: tuple[str, ...] = ()  # tags the blog post must carry
    warning: str = ""


def crlf(text: str) -> bytes:
    return text.replace("\n", "\r\n").encode()


PLAIN = front() + "第一段 MARK-BODY。" + IMAGE
ODD = [
    Odd("a UTF-8 byte order mark", ("\ufeff" + PLAIN).encode()),
    Odd("CRLF line ends", crlf(PLAIN)),
    Odd("CR-only line ends", PLAIN.replace("\n", "\r").encode()),
    Odd("a BOM and CRLF", b"\xef\xbb\xbf" + crlf(PLAIN)),
    Odd("delimiters with trailing spaces", PLAIN.replace("---\n", "---  \n")),
    Odd("a date with a space before its offset", front("date: 2025-09-22 08:00:00 +08:00", drop=("date",))
        + "正文 MARK-BODY。" + IMAGE),
    Odd("a list nested 10 levels", front() + nested_list(10) + IMAGE, ("MARK-DEEP", "MARK-AFTER", "MARK-END")),
    Odd("a list nested 16 levels", front() + nested_list(16) + IMAGE, ("MARK-DEEP", "MARK-AFTER", "MARK-END")),
    Odd("a quote nested 20 levels", front() + nested_quote(20) + IMAGE, ("MARK-DEEP", "MARK-AFTER", "MARK-END")),
    Odd("a quote nested 32 levels", front() + nested_quote(32) + IMAGE, ("MARK-DEEP", "MARK-AFTER", "MARK-END")),
    Odd("a closed comment", front() + "前 MARK-BODY。\n\n<!-- 备注\n\n多行 -->\n\n后 MARK-AFTER。" + IMAGE,
        ("MARK-BODY", "MARK-AFTER", "MARK-END")),
    Odd("5000 brackets as text", front() + "[" * 5000 + " MARK-BODY" + IMAGE, ("MARK-BODY", "MARK-END")),
    Odd("tags as a space-separated string", front("tags: AI 周刊", drop=("tags",)) + "正文。" + IMAGE,
        tags=("AI", "周刊")),
    Odd("tags as a string with a comma", front("tags: AI, 周刊", drop=("tags",)) + "正文。" + IMAGE,
        tags=("AI", "周刊"), warning="read as space-separated words (AI, 周刊)"),
]


def blog_text(root: Path) -> str:
    (post,) = (root / "site" / "_posts").glob("*.md")
    return post.read_text(encoding="utf-8")


@pytest.mark.parametrize("odd", ODD, ids=[odd.name for odd in ODD])
def test_an_odd_input_publishes_whole_on_every_channel(odd: Odd, valid_project: Path, fakes, publish):
    wechat, substack = fakes
    write(valid_project / "drafts/issue-1/index.md", odd.text)
    result = publish("issue-1")
    assert result.exit_code == 0, result.output
    assert odd.warning in result.stderr
    (wechat_draft,), (draft,) = wechat.drafts.values(), substack.drafts.values()
    article = wechat_draft["article"]
    outputs = {"blog": blog_text(valid_project), "wechat": article["content"],
               "substack": json.dumps(json.loads(draft["draft_body"]), ensure_ascii=False)}
    for channel, text in outputs.items():
        assert "\ufeff" not in text and "\r" not in text, channel
        for marker in odd.markers:
            assert marker in text, f"{marker} is missing on {channel}"
    assert article["title"] == draft["draft_title"] == "测试周刊"
    assert 'title: "测试周刊"' in outputs["blog"] or "title: 测试周刊" in outputs["blog"]
    for tag in odd.tags:
        assert tag in outputs["blog"].split("\n---", 1)[0]

