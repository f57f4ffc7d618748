"""WeChat's check works from what load and render computed: it does not read index.md again, and check
plus render build the fit ladder once between them (before, check re-read the file for each key line).

Reads are counted with a real audit hook on ``open``; renders by counting calls of the pure
``render_article`` (wrapped, still called), not by timing anything.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from leotalk_publish.adapters.wechat import fit
from leotalk_publish.adapters.wechat.adapter import ADAPTER
from leotalk_publish.load import load_issue

FRONT = """---
title: "一个非常非常长的标题，长到超过微信文档所说的三十二个字符，所以检查会指出它的行"
date: 2025-09-22T08:00:00+08:00
author: "作者"
wechat:
  digest: "摘要"
---
"""
OPENED: list[str] = []


def _audit(event: str, args: tuple[object, ...]) -> None:
    if event == "open" and str(args[0]).endswith("index.md"):
        OPENED.append(str(args[0]))


sys.addaudithook(_audit)  # audit hooks cannot be removed: this one only appends to OPENED


@pytest.fixture
def opened() -> Iterator[list[str]]:
    OPENED.clear()
    yield OPENED
    OPENED.clear()


@pytest.fixture
def renders(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """How many times the article is rendered (``fit`` calls the pure renderer; the call goes through)."""
    count = [0]
    real = fit.render_article

    def counted(*args, **kwargs):
        count[0] += 1
        return real(*args, **kwargs)

    monkeypatch.setattr(fit, "render_article", counted)
    return count


def test_check_reads_nothing_and_shares_the_ladder_with_render(project: Path, make_draft, opened, renders):
    make_draft("# 一\n\n段落。\n\n## 二\n\n第二段。\n", front=FRONT)
    issue = load_issue(project / "drafts", "issue-1")
    settings = ADAPTER.load_settings(project, {})
    opened.clear()
    problems = ADAPTER.check(issue, settings)
    ADAPTER.render(issue, settings)
    assert opened == []  # the key lines came with the issue
    title = [p for p in problems if "the WeChat title is" in p.what]
    assert title and title[0].where.endswith("index.md:2")  # still the title's own line
    once = renders[0]
    fit.new_payload(issue, settings)
    assert renders[0] - once == once, "check and render together built the ladder more than once"


def test_a_key_under_the_wechat_block_is_found_at_its_line(project: Path, make_draft, opened):
    make_draft("段落。\n", front=FRONT.replace('"摘要"', '"' + "长" * 130 + '"'))
    issue = load_issue(project / "drafts", "issue-1")
    opened.clear()
    problems = ADAPTER.check(issue, ADAPTER.load_settings(project, {}))
    digest = [p for p in problems if "the WeChat digest is" in p.what]
    assert digest and digest[0].where.endswith("index.md:6"), problems
    assert opened == []
