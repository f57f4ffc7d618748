"""``leotalk new``: a draft folder with valid front matter (the date with the project's offset, by default the
next usual day after the latest issue), images/, the latest issue's skeleton; ``leotalk check`` accepts it."""

from __future__ import annotations

from datetime import datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from leotalk_publish.frontmatter import parse_front_matter, split_front_matter
from leotalk_publish.project import Project
from leotalk_publish.scaffold import create, earlier_issues, next_date, skeleton
from tests.examples import examples

LATEST = """---
title: "周刊 7"
date: 2025-09-29T08:00:00+08:00
slug: leo-weekly-7
author: Leo
tags: [AI]
---

开场。

# 模型

## 某个故事

```md
# not a heading
```

# 工具

内容。
"""


def meta_of(path):
    yaml_text, _, _ = split_front_matter(path.read_text(encoding="utf-8"))
    meta, problems = parse_front_matter(yaml_text, str(path))
    assert not problems, problems
    return meta


@pytest.fixture
def latest(project):
    folder = project / "drafts" / "issue-7"
    folder.mkdir(parents=True)
    (folder / "index.md").write_text(LATEST, encoding="utf-8")
    return folder


def test_new_issue_follows_the_latest_and_check_accepts_it_as_it_is(latest, project, run_in):
    result = run_in(project / "drafts", "new", "issue-8")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("created drafts/issue-8/index.md dated 2025-10-06T08:00:00+08:00 (after issue-7")
    folder = project / "drafts" / "issue-8"
    assert (folder / "images").is_dir()
    meta = meta_of(folder / "index.md")
    assert meta.date.isoformat() == "2025-10-06T08:00:00+08:00"
    assert meta.slug == "leo-weekly-8" and meta.author == "Leo" and meta.tags == ["AI"]
    body = (folder / "index.md").read_text(encoding="utf-8")
    assert "# 模型\n" in body and "# 工具\n" in body
    assert "某个故事" not in body and "not a heading" not in body
    check = run_in(project, "check", "issue-8")
    assert check.exit_code == 0, check.output
    assert check.stdout == "issue-8: ready for blog, substack, wechat\n"


def test_title_and_date_options(latest, project, run_in):
    result = run_in(project, "new", "issue-8", "--title", "第八期", "--date", "2025-10-08")
    assert result.exit_code == 0, result.output
    meta = meta_of(project / "drafts" / "issue-8" / "index.md")
    assert meta.title == "第八期"
    assert meta.date.isoformat() == "2025-10-08T08:00:00+08:00", "the usual time, the project's offset"
    run_in(project, "new", "issue-9", "--date", "2025-10-13T21:30:00")
    assert meta_of(project / "drafts" / "issue-9" / "index.md").date.isoformat() == "2025-10-13T21:30:00+08:00"


@pytest.mark.parametrize("args, message", [
    (("issue-7",), "already exists"),
    (("issue 8",), "cannot be an issue id"),
    (("a..b",), "cannot be an issue id"),  # check refuses '..': new made it, check then refused it
    (("c" * 101,), "cannot be an issue id"),
    (("issue-8", "--date", "next monday"), "--date 'next monday' is not a date"),
    (("issue-8", "--date", "0001-01-01"), "--date: 0001-01-01T08:00:00+08:00 is outside 1970–2999"),
    (("issue-8", "--date", "2025-10-08T20:00:00+08:00:30"), "--date: "),
    (("issue-8", "--title", " "), "--title: the title is blank"),
    (("issue-8", "--title", "一行\n两行"), "--title: contains a line break"),
    (("issue-8", "--title", "bad\udcff"), "--title is not UTF-8 text"),
])
def test_bad_input_is_exit_2_and_writes_nothing(latest, project, run_in, tree, args, message):
    before = tree(project)
    result = run_in(project, "new", *args)
    assert result.exit_code == 2
    assert message in result.stderr
    assert tree(project) == before


def test_the_first_issue_of_a_project_is_dated_next_monday_morning(project, run_in):
    result = run_in(project, "new", "issue-1")
    assert result.exit_code == 0, result.output
    meta = meta_of(project / "drafts" / "issue-1" / "index.md")
    assert meta.date.weekday() == 0 and meta.date.hour == 8 and meta.date.utcoffset() is not None
    assert meta.date > datetime.now().astimezone()
    assert run_in(project, "check", "issue-1").exit_code == 0


def test_the_usual_weekday_and_time_is_the_most_common(project):
    for number, when in enumerate(["2025-09-01T07:30:00+08:00", "2025-09-08T07:30:00+08:00",
                                   "2025-09-17T20:00:00+08:00"], start=1):
        folder = project / "drafts" / f"issue-{number}"
        folder.mkdir(parents=True)
        (folder / "index.md").write_text(f"---\ntitle: t\ndate: {when}\n---\n\n正文。\n", encoding="utf-8")
    issues = earlier_issues(project / "drafts")
    assert next_date(issues, datetime.now().astimezone()).isoformat() == "2025-09-22T07:30:00+08:00"
    assert create(Project(project), "issue-4").date.isoformat() == "2025-09-22T07:30:00+08:00"


@settings(max_examples=examples(100))
@given(headings=st.lists(st.tuples(st.integers(1, 6), st.sampled_from(["模型", "工具", "Hardware", "读书 2"])),
                         max_size=8))
def test_the_skeleton_is_the_shallowest_headings_in_order(headings):
    body = "\n\n".join(f"{'#' * level} {text}\n\n段落。" for level, text in headings)
    body += "\n\n```\n# inside code\n```\n"
    top = min((level for level, _ in headings), default=0)
    assert skeleton(body) == [f"{'#' * top} {text}" for level, text in headings if level == top]


def test_a_dangling_link_or_a_folder_named_index_md_never_stops_new(latest, project, run_in, tree):
    """A link where the draft would go is an existing draft (was FileExistsError, exit 1, a traceback); a folder
    named index.md in another draft is not an issue to take after (was IsADirectoryError for every id)."""
    (project / "drafts" / "issue-8").symlink_to(project / "nowhere")
    (project / "drafts" / "odd" / "index.md").mkdir(parents=True)
    before = tree(project)
    result = run_in(project, "new", "issue-8")
    assert result.exit_code == 2 and "drafts/issue-8 already exists" in result.stderr, result.output
    assert tree(project) == before
    result = run_in(project, "new", "issue-9")
    assert result.exit_code == 0, result.output
    assert "after issue-7" in result.stdout


def test_a_date_given_is_said_to_be_given(latest, project, run_in):
    """With --date on another weekday the message still said "on its usual weekday and time"."""
    result = run_in(project, "new", "issue-8", "--date", "2025-10-08")
    assert result.exit_code == 0, result.output
    assert "as --date gave it" in result.stdout and "usual weekday" not in result.stdout
