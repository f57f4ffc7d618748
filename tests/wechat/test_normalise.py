"""Drift is told from WeChat's own re-serialisation: a read-back compares equal, a reader-visible edit does not."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from leotalk_publish.adapters.wechat.identity import carries, mark
from leotalk_publish.adapters.wechat.normalise import canonical, fingerprint, short_diff, visible_lines
from tests.examples import examples
from tests.wechat.fake_wechat import served

PROPS = st.sampled_from(["color", "font-size", "margin", "line-height", "padding", "text-align"])
VALUES = st.sampled_from(["#333", "15px", "0 0 1em", "1.75", "center", "8px 12px"])
TEXT = st.text(st.characters(codec="utf-8", exclude_characters="<>&\"'\r", exclude_categories=("Cs", "Cc")),
               min_size=1, max_size=30).filter(str.strip)


@st.composite
def articles(draw) -> str:
    blocks = []
    for _ in range(draw(st.integers(1, 6))):
        rules = draw(st.lists(st.tuples(PROPS, VALUES), min_size=0, max_size=3, unique_by=lambda r: r[0]))
        style = ";".join(f"{k}:{v}" for k, v in rules)
        attr = f' style="{style}"' if style else ""
        inner = draw(TEXT) + ("<br>" if draw(st.booleans()) else "") + draw(TEXT)
        image = '<img src="https://mmbiz.qpic.cn/x/0" style="width:100%">' if draw(st.booleans()) else ""
        blocks.append(f"<p{attr}>{inner}</p>{image}")
    return "<section>" + "".join(blocks) + "</section>"


@settings(max_examples=examples(200))
@given(articles())
def test_wechats_serialisation_is_not_an_edit(content):
    sent = {"title": "标题", "content": content}
    assert fingerprint(served(sent)) == fingerprint(sent)
    assert visible_lines(served(sent)["content"]) == visible_lines(content)


@settings(max_examples=examples(200))
@given(articles(), TEXT)
def test_an_edit_a_reader_sees_changes_the_fingerprint(content, extra):
    sent = {"title": "标题", "content": content}
    edited = {"title": "标题", "content": content.replace("</p>", extra + "</p>", 1)}
    assert fingerprint(served(edited)) != fingerprint(sent)
    assert any(line.startswith("+ ") for line in short_diff(visible_lines(content), visible_lines(edited["content"])))


def test_a_title_changed_in_the_editor_is_an_edit():
    assert fingerprint({"title": "旧", "content": "<p>x</p>"}) != fingerprint({"title": "新", "content": "<p>x</p>"})


def test_the_mark_is_on_the_first_element_and_found_again_after_serialisation():
    content = mark('<section style="color:#333"><p>正文<br></p></section>', "issue-7")
    assert content.startswith('<section data-leotalk="issue-7" style=')
    assert carries(served({"content": content})["content"], "issue-7")
    assert not carries(content, "issue-70") and not carries(content, "issue-")
    assert canonical(mark("纯文本", "issue-7")) == "<section data-leotalk='issue-7'>纯文本</section>"
