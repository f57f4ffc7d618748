"""The fit ladder: full theme, compact theme, references → 阅读原文, N articles — in the order the settings
allow, the first that fits chosen, named by check; refused with the breakdown when none fits."""

from __future__ import annotations

import re
from pathlib import Path

from leotalk_publish.adapters.wechat.adapter import ADAPTER
from leotalk_publish.adapters.wechat.links import SOURCE_NOTE
from leotalk_publish.adapters.wechat.settings import load_settings
from leotalk_publish.load import load_issue

CODE = "```python\n" + "\n".join(f"def f{i}(x: int) -> str:\n    return str(x * {i})  # 注释 {i}"
                                   for i in range(12)) + "\n```\n\n"


def rendered(project: Path, toml: str = ""):
    (project / "channels" / "wechat.toml").write_text(toml, encoding="utf-8")
    issue = load_issue(project / "drafts", "issue-1")
    settings = load_settings(project, {})
    return ADAPTER.render(issue, settings), ADAPTER.check(issue, settings)


def sections(count: int, body: str) -> str:
    return "".join(f"# 第 {n} 部分\n\n{body}" for n in range(count))


def test_code_heavy_issue_steps_down_to_the_compact_theme_and_check_says_so(project, make_draft):
    make_draft(sections(1, CODE * 5))
    rendition, problems = rendered(project)
    payload = rendition.payload
    assert [f.step for f in payload.fits][:2] == ["full theme", "compact theme"]
    assert payload.fits[0].sizes[0] >= 20_000 > payload.fits[1].sizes[0]
    assert payload.fit.step == "compact theme"
    (warning,) = problems
    assert warning.severity == "warning" and "'compact theme'" in warning.what and "full theme would be" in warning.what


def many_links(count: int) -> str:
    return "".join(f"见[第 {n} 篇](https://example.com/{'very-long-path-segment/' * 6}{n})。\n\n" for n in range(count))


def test_references_give_way_to_the_source_link_only_when_it_is_known(project, make_draft):
    make_draft(many_links(120))
    without, _ = rendered(project)
    assert "references → 阅读原文" not in [f.step for f in without.payload.fits]
    with_source, problems = rendered(project, 'content_source_url = "https://blog.example.com/{slug}/"\n')
    fit = with_source.payload.fit
    assert fit.step == "references → 阅读原文" and "阅读原文" in fit.note
    assert SOURCE_NOTE in fit.articles[0].content and "[1]" not in fit.articles[0].content
    assert "'references → 阅读原文'" in problems[0].what


def test_the_settings_choose_which_steps_and_in_what_order(project, make_draft):
    make_draft(sections(4, CODE * 2))
    rendition, _ = rendered(project, 'fit_steps = ["split"]\npart_title = "{title}（{n}）{heading}"\n')
    payload = rendition.payload
    assert [f.step for f in payload.fits] == ["full theme", f"{len(payload.fit.articles)} articles"]
    assert payload.fit is payload.fits[1]
    titles = [article.fields["title"] for article in payload.fit.articles]
    assert all(re.fullmatch(rf"测试周刊 1（{n}）第 \d 部分", title) for n, title in enumerate(titles, 1)), titles
    assert list(rendition.documents) == [name for n in range(1, len(payload.fit.articles) + 1)
                                         for name in (f"content-{n}.html", f"article-{n}.json")]


def test_when_no_step_fits_check_refuses_with_the_breakdown(project, make_draft):
    make_draft("很长的一段文字。" * 3000 + "\n")
    _, problems = rendered(project)
    (error,) = problems
    assert error.severity == "error" and "no step of the fit ladder" in error.what
    assert "what takes the room: paragraphs" in error.what and "index.md:1" in error.where


def test_an_issue_that_fits_keeps_the_full_theme_and_still_carries_the_lower_rungs(project, make_draft):
    make_draft(sections(3, "一段正文。\n\n"))
    rendition, problems = rendered(project)
    payload = rendition.payload
    assert payload.chosen == 0 and problems == []
    assert [f.step for f in payload.fits] == ["full theme", "compact theme", "2 articles"]
    assert list(rendition.documents) == ["content.html", "article.json"]


def test_part_titles_over_wechats_limits_are_named(project, make_draft):
    make_draft(sections(4, CODE * 2))
    _, problems = rendered(project, 'fit_steps = ["split"]\npart_title = "{title}：{heading}' + "很长" * 12 + '"\n')
    titles = [p for p in problems if "the title of a part" in p.what]
    assert titles and all(p.severity == "warning" and p.where == "channels/wechat.toml" for p in titles)
    _, problems = rendered(project, 'fit_steps = ["split"]\npart_title = "{title}' + "很长" * 40 + '"\n')
    assert any(p.severity == "error" and "refuses over 64" in p.what for p in problems)
