"""How the article looks, as behaviour: references a reader can use, captions under each image, lists in
quotes, code in monospace, themes and the user's CSS, 盘古之白, and diffs one block per line."""

from __future__ import annotations

import difflib
from pathlib import Path

from bs4 import BeautifulSoup

from leotalk_publish.adapters.wechat.adapter import ADAPTER
from leotalk_publish.adapters.wechat.links import shown_address
from leotalk_publish.adapters.wechat.pangu import THIN_SPACE, spaced
from leotalk_publish.adapters.wechat.readable import joined
from leotalk_publish.adapters.wechat.settings import load_settings
from leotalk_publish.load import load_issue


def content(project: Path, toml: str = "") -> str:
    (project / "channels" / "wechat.toml").write_text(toml, encoding="utf-8")
    rendition = ADAPTER.render(load_issue(project / "drafts", "issue-1"), load_settings(project, {}))
    return rendition.documents["content.html"]


def test_references_list_the_link_text_then_the_decoded_address(project, make_draft):
    make_draft("读[设计文档](https://docs.example.com/a#%E8%AE%BE%E8%AE%A1)和[坏编码](https://x.example/%FF%FE)。\n")
    text = BeautifulSoup(content(project), "html.parser").get_text()
    assert "[1] 设计文档：docs.example.com/a#设计" in text and "[2] 坏编码：x.example/%FF%FE" in text
    assert "<u>设计文档</u>[1]" in content(project)


def test_the_address_shown_is_decoded_only_where_it_is_utf8():
    assert shown_address("https://a.example/%E4%B8%AD%20x?q=%2F") == "a.example/中%20x?q=%2F"


def test_side_by_side_images_each_keep_their_caption(project, make_draft):
    make_draft('![](a.png "左图") ![](b.png "右图")\n', images=("a.png", "b.png"))
    soup = BeautifulSoup(content(project), "html.parser")
    cells = [img.parent for img in soup.find_all("img")]
    assert [cell.get_text() for cell in cells] == ["左图", "右图"]
    assert all("inline-block" in cell["style"] and "width:50%" in cell["style"] for cell in cells)


def test_a_list_inside_a_quote_starts_at_the_first_level_marker(project, make_draft):
    make_draft("> 引文：\n>\n> - 第一项\n>   - 第二层\n")
    text = BeautifulSoup(content(project), "html.parser").get_text()
    assert "• 第一项" in text and "◦ 第二层" in text


def test_code_is_set_in_a_monospace_stack_that_scrolls_sideways(project, make_draft):
    make_draft("```\nx = 1\n\n    y = 2\n```\n")
    code = BeautifulSoup(content(project), "html.parser").find("section").find("section")
    style = code["style"]
    assert "font-family:Menlo,Consolas,monospace" in style and "white-space:nowrap" in style
    assert "overflow-x:auto" in style and str(code).count("<br/>") == 2  # three lines, the empty one kept


def test_the_second_theme_and_the_users_css_on_top(project, make_draft):
    make_draft("# 标题\n\n正文。\n")
    assert "color:#176" in content(project)
    assert "border-bottom:1px solid #222" in content(project, 'theme = "ink"\n')
    (project / "channels" / "wechat.css").write_text("h1{color:#b91c1c}", encoding="utf-8")
    assert "color:#b91c1c" in content(project, 'theme = "ink"\n')


def test_pangu_puts_a_thin_space_between_chinese_and_latin_outside_code_and_addresses(project, make_draft):
    t = THIN_SPACE
    assert spaced("用GPT写3篇文章 https://x.com/中文a") == f"用{t}GPT{t}写{t}3{t}篇文章 https://x.com/中文a"
    make_draft("用GPT写代码 `a中b` 。\n")
    assert THIN_SPACE not in content(project)
    on = content(project, "pangu = true\n")
    assert f"用{THIN_SPACE}GPT{THIN_SPACE}写" in on and "<code" in on and "a中b</code>" in on


def test_a_one_sentence_edit_changes_one_line_of_the_document(project, make_draft):
    body = "".join(f"## 第 {n} 节\n\n第 {n} 段的文字。\n\n- 要点 {n}\n\n" for n in range(30))
    folder = make_draft(body)
    before = content(project)
    (folder / "index.md").write_text((folder / "index.md").read_text().replace("第 7 段的文字", "第 7 段改过"))
    after = content(project)
    changed = [line for line in difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0)
               if line[:1] in "+-" and not line.startswith(("+++", "---"))]
    assert len(changed) == 2 and "第 7 段改过" in changed[1]
    assert len(before.splitlines()) > 90
    assert "\n" not in joined(before)


def test_a_simple_list_is_one_paragraph_in_every_theme_and_a_nested_one_keeps_its_indent(project, make_draft):
    from leotalk_publish.adapters.wechat.render import Look, render_content
    make_draft("- 第一\n- 第二\n\n1. 甲\n   - 乙\n")
    issue, settings = load_issue(project / "drafts", "issue-1"), load_settings(project, {})
    for look in (Look(), Look(compact=True)):
        html = render_content(issue, settings, look)
        assert '<p style="margin:1em 0">• 第一<br>• 第二</p>' in html
        nested = BeautifulSoup(html, "html.parser").find(string="◦ 乙").parent.parent
        assert nested.name == "section" and "text-indent:-1em" in nested.parent["style"]


def test_every_image_carries_data_w_equal_to_its_loaded_width(project, make_draft):
    from PIL import Image

    from tests.conftest import write_png
    folder = make_draft('![宽](wide.png)\n\n![窄](narrow.png "说明")\n\n![](a.png "左") ![](b.png "右")\n',
                        images=("a.png", "b.png"))
    write_png(folder / "wide.png", (1080, 720))
    write_png(folder / "narrow.png", (300, 200))
    images = BeautifulSoup(content(project), "html.parser").find_all("img")
    assert len(images) == 4
    for img in images:
        with Image.open(folder / img["src"]) as loaded:
            assert img["data-w"] == str(loaded.width), img


def test_a_simple_lists_paragraph_carries_a_hanging_indent_as_wide_as_its_markers(project, make_draft):
    long_list = "".join(f"{n}. 第{n}项\n" for n in range(1, 13))
    make_draft(f"- 甲\n- 乙\n\n正文。\n\n1. 一\n2. 二\n\n正文。\n\n{long_list}")
    soup = BeautifulSoup(content(project, 'theme = "ink"\n'), "html.parser")
    lists = [soup.find(string=marker).parent for marker in ("• 甲", "1. 一", "1. 第1项")]
    indents = [p["style"].split("text-indent:")[1].split(";")[0] for p in lists]
    assert indents == ["1em hanging each-line", "1.4em hanging each-line", "2em hanging each-line"]
    assert "hanging" not in content(project)  # the default theme leaves it out (its size budget)
    (project / "channels" / "wechat.css").write_text(".ul{text-indent:1em hanging each-line}\n", encoding="utf-8")
    assert "text-indent:1em hanging each-line" in content(project)


def test_an_inline_image_keeps_its_caption_beside_it_in_the_paragraph(project, make_draft):
    make_draft('前文 ![小图](a.png "图注：行内小图") 后文。\n', images=("a.png",))
    html = content(project)
    (paragraph,) = BeautifulSoup(html, "html.parser").find_all("p")
    assert paragraph.get_text() == "前文 图注：行内小图 后文。", "the caption right after its image, in the text"
    img = paragraph.find("img")
    caption = img.find_next_sibling("span")
    assert caption is not None and caption.get_text() == "图注：行内小图"
    assert "font-size:12px" in caption["style"] and "margin:0 4px" in caption["style"], "small, set apart"
    for theme in ('theme = "ink"', 'theme = "default"\n'):
        assert "图注：行内小图" in content(project, theme)
