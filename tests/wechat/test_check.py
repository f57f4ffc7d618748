"""check: what WeChat would refuse is found before any upload, with the line and a fix."""

from __future__ import annotations

from pathlib import Path

from leotalk_publish.adapters.wechat.adapter import ADAPTER
from leotalk_publish.adapters.wechat.settings import load_settings
from leotalk_publish.adapters.wechat.size import MAX_CHARS, estimated
from leotalk_publish.load import load_issue
from tests.conftest import REPO
from tests.wechat.seed_draft import seed_as_draft

LONG_TITLE = "这是一个非常非常长的标题" * 3  # 36 characters


def problems_of(project: Path, env: dict[str, str] | None = None):
    issue = load_issue(project / "drafts", "issue-1")
    return ADAPTER.check(issue, load_settings(project, env or {}))


def front(extra: str = "", title: str = "测试周刊 1") -> str:
    return f'---\ntitle: "{title}"\ndate: 2025-09-22T08:00:00+08:00\n{extra}---\n'


def test_a_clean_issue_has_no_problem(project, make_draft):
    make_draft("正文。\n\n![](a.png)\n", images=("a.png",))
    assert problems_of(project) == []


def test_a_title_over_32_characters_is_a_warning_at_its_line(project, make_draft):
    make_draft("正文。\n", front=front("tags: [AI]\n", title=LONG_TITLE))
    (problem,) = problems_of(project)
    assert problem.where.endswith("index.md:2") and problem.severity == "warning"
    assert "36 characters" in problem.what and "wechat:" in problem.fix


def test_the_wechat_block_overrides_title_and_digest(project, make_draft):
    extra = f'summary: "{"长" * 200}"\nwechat:\n  title: "短标题"\n  digest: "短摘要"\n'
    make_draft("正文。\n", front=front(extra, title=LONG_TITLE))
    assert problems_of(project) == []


def test_a_digest_over_128_characters_names_the_wechat_line(project, make_draft):
    extra = f'summary: "短"\nwechat:\n  title: "短标题"\n  digest: "{"长" * 130}"\n'
    make_draft("正文。\n", front=front(extra))
    (problem,) = problems_of(project)
    assert problem.where.endswith("index.md:7") and "130 characters; WeChat allows 128" in problem.what


def test_raw_html_wechat_cannot_carry_is_reported_not_dropped(project, make_draft):
    make_draft("正文。\n\n<div class=\"row\">\n{% include figure.liquid path=\"x.png\" %}\n</div>\n\n"
               "行内 <span style=\"color:red\">红</span> 与 <iframe src=\"x\"></iframe>\n\n<!-- 备注 -->\n")
    problems = problems_of(project)
    assert [p.where.rsplit(":", 1)[1] for p in problems] == ["9", "13"]  # the front matter takes lines 1-6
    assert "template tags" in problems[0].what and "<iframe>" in problems[1].what


def test_an_issue_too_large_says_by_how_much_and_what_takes_the_room(project, make_draft):
    body = "\n\n".join(f"第{i}段" + "很长的文字" * 40 for i in range(120))
    make_draft(body + "\n\n![](a.png)\n", images=("a.png",))
    (problem,) = problems_of(project)
    assert "over WeChat's limit of 19,999" in problem.what
    assert "what takes the room: paragraphs" in problem.what and "images" in problem.what


def test_no_cover_is_an_error_only_when_the_api_would_be_used(project, make_draft):
    make_draft("没有图片。\n")
    assert problems_of(project) == []
    (problem,) = problems_of(project, {"WECHAT_APPID": "wxfake", "WECHAT_APPSECRET": "fake-secret-value"})
    assert "cover" in problem.what


def test_a_theme_that_breaks_the_rules_is_reported(project, make_draft):
    make_draft("正文。\n")
    (project / "channels" / "wechat.css").write_text("p{width:800px;font-family:serif}")
    (problem,) = problems_of(project)
    assert problem.where == "channels/wechat.css" and "800px" in problem.what


def content_size(project: Path) -> int:
    issue = load_issue(project / "drafts", "issue-1")
    settings = load_settings(project, {})
    content = ADAPTER.render(issue, settings).payload.content
    return len(estimated(content, settings.image_url_estimate))


def test_the_seed_issue_fits_with_the_full_theme_and_its_references_in_the_body(project, seed_text):
    seed_as_draft(seed_text, project / "drafts" / "issue-1")
    issue = load_issue(project / "drafts", "issue-1")
    assert len(issue.assets) == 30
    assert problems_of(project) == []
    assert content_size(project) < MAX_CHARS
    payload = ADAPTER.render(issue, load_settings(project, {})).payload
    assert payload.chosen == 0 and payload.fit.step == "full theme"
    assert "参考链接" in payload.content and "[33] " in payload.content


def test_the_sample_issue_fits():
    if not (REPO / "drafts" / "issue-1" / "index.md").exists():
        return
    assert problems_of(REPO) == []
    assert content_size(REPO) < MAX_CHARS
