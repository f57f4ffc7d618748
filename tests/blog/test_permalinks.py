"""The post address recorded for a permalink pattern is the one the real Jekyll builds, placeholder by placeholder.

Before, only :year, :month, :day, :title and :slug were filled in: any other placeholder (``:i_month``,
``:output_ext``…) stayed in the recorded address as written, and a pattern without its leading '/' or with a
placeholder Jekyll has but this tool cannot fill in (``:categories``) was accepted, giving a wrong address
in the ledger and the run's output. Now every placeholder the setting accepts is checked against Debian's
Jekyll, on a date that is another day (and year) in the site's time zone than in the issue's own offset.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from leotalk_publish import pipeline
from leotalk_publish.project import Project
from tests.blog.jekyll_site import build, make_site, require_jekyll

pytestmark = pytest.mark.long(seconds=4)

FRONT = """---
title: "年末一期"
date: 2025-12-31T23:30:05+00:00
slug: year-end
---

正文。
"""

PATTERNS = ["/:year/:i_month/:i_day/:short_year-:short_month-:long_month/:y_day/:title/",
            "/posts/:year-:month-:day-:hour:minute:second/:slug:output_ext"]


def _page(dest: Path, url: str) -> Path:
    return dest / url.lstrip("/") / "index.html" if url.endswith("/") else dest / url.lstrip("/")


@pytest.mark.parametrize("pattern", PATTERNS)
def test_the_recorded_address_is_where_jekyll_puts_the_post(project: Path, pattern: str) -> None:
    require_jekyll()
    site = make_site(project / "site")  # timezone Asia/Shanghai: 2026-01-01 07:30:05 there
    config = site / "_config.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("/blog/:year/:title/", pattern), encoding="utf-8")
    (project / "channels" / "blog.toml").write_text(f'permalink = "{pattern}"\n', encoding="utf-8")
    (project / "drafts" / "issue-1").mkdir(parents=True)
    (project / "drafts" / "issue-1" / "index.md").write_text(FRONT, encoding="utf-8")
    preparation = pipeline.prepare(Project(project), "issue-1", ["blog"], env={})
    (outcome,) = pipeline.publish(Project(project), preparation)
    assert outcome.status == "pushed", outcome.error
    url = outcome.result.remote["url"]
    assert ":" not in url and "2026" in url, url
    dest = build(site)
    built = sorted(str(p.relative_to(dest)) for p in dest.rglob("*.html"))
    assert _page(dest, url).is_file(), (url, built)


@pytest.mark.parametrize("pattern, words", [
    ("blog/:year/:title/", "starting with '/'"),
    ("pretty", "starting with '/'"),
    ("/:categories/:title/", "cannot fill in, :categories"),
])
def test_a_pattern_that_cannot_give_the_address_is_refused_at_its_line(project: Path, pattern: str, words: str):
    (project / "channels" / "blog.toml").write_text(f'# the blog\npermalink = "{pattern}"\n', encoding="utf-8")
    (project / "drafts" / "issue-1").mkdir(parents=True)
    (project / "drafts" / "issue-1" / "index.md").write_text(FRONT, encoding="utf-8")
    _, problems = pipeline.check(Project(project), "issue-1", ["blog"], env={})
    (problem,) = problems
    assert problem.where == "channels/blog.toml:2" and problem.channel == "blog"
    assert problem.what.startswith("'permalink': ") and words in problem.what
