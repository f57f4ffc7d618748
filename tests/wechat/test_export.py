"""The export path: without credentials (or with --export), files to paste and a preview; no network."""

from __future__ import annotations

import json

from bs4 import BeautifulSoup

from tests.wechat.conftest import Runner

BODY = "正文，见[文章](https://example.com/a)。\n\n![](images/a.png)\n\n![](b.webp)\n"


def test_without_credentials_the_channel_exports_paste_ready_files(project, make_draft):
    folder = make_draft(BODY, images=("images/a.png",))
    from PIL import Image
    Image.new("RGB", (30, 20), "red").save(folder / "b.webp", "WEBP")
    outcome = Runner(project, {}).publish()
    assert outcome.status == "pushed" and outcome.result.mode == "export"
    out = project / "export" / "wechat" / "issue-1"
    content = (out / "content.html").read_text(encoding="utf-8")
    srcs = [img["src"] for img in BeautifulSoup(content, "html.parser").find_all("img")]
    assert srcs == ["images/01-a.png", "images/02-b.jpg"]
    assert all((out / src).is_file() for src in srcs)
    preview = (out / "preview.html").read_text(encoding="utf-8")
    assert '<meta name="referrer" content="no-referrer">' in preview and content.strip() in preview
    assert "max-width:375px" in preview
    assert json.loads((out / "article.json").read_text(encoding="utf-8"))["title"] == "测试周刊 1"


def test_export_flag_wins_over_credentials(project, make_draft, env, fake):
    make_draft(BODY.replace("\n\n![](b.webp)", ""), images=("images/a.png",))
    outcome = Runner(project, env).publish(export=True)
    assert outcome.result.mode == "export" and fake.calls == []


def test_a_dry_run_with_export_plans_files_even_with_credentials(project, make_draft, env):
    from leotalk_publish import pipeline
    from leotalk_publish.project import Project
    make_draft("# 标题\n\n段落。\n\n![图](images/a.png)\n", images=("images/a.png",))
    preparation = pipeline.prepare(Project(project), "issue-1", ["wechat"], env)
    with_export = pipeline.plan(Project(project), preparation, export=True)[0].plan.actions
    without = pipeline.plan(Project(project), preparation, export=False)[0].plan.actions
    assert with_export[0].startswith("write export/wechat/issue-1/") and "--export" in with_export[0]
    assert not any(a.startswith("write export/") for a in without)
