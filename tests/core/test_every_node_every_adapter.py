"""Every node type of the model through every adapter: a new node without a renderer fails here."""

from __future__ import annotations

import pytest

from leotalk_publish import model as m
from leotalk_publish.adapters import ADAPTERS, get_adapter
from leotalk_publish.load import load_issue

EVERY_NODE = """\
# 标题甲

段落有**粗体**、*斜体*、~~删除~~、`代码`、[链接](https://example.com/a "题")和<kbd>键</kbd>，
软换行与硬换行\\
之后，脚注[^1]，行内图 ![小图](images/b.png) 在此。

![独立图](images/a.png "图注")

- 无序一
  1. 有序嵌套
- 无序二

3. 从三开始

> 引用段落

```python
print("代码块")
```

---

| 列一 | 列二 |
|:---|---:|
| 格一 | 格二 |

<div>原始块</div>

[^1]: 脚注内容。
"""
MARKERS = ("标题甲", "粗体", "斜体", "删除", "代码", "链接", "硬换行", "无序一", "有序嵌套", "从三开始",
           "引用段落", "print", "列一", "格二", "脚注内容")


@pytest.fixture
def issue(project, make_draft):
    make_draft(EVERY_NODE, images=("images/a.png", "images/b.png"))
    return load_issue(project / "drafts", "issue-1")


def test_the_input_holds_every_node_type(issue):
    blocks = list(m.document_blocks(issue.document))
    inlines = [n for b in blocks for n in m.block_inlines(b)]
    assert {type(b) for b in blocks} == set(m.BLOCK_TYPES)
    assert {type(n) for n in inlines} == set(m.INLINE_TYPES)


@pytest.mark.parametrize("channel", sorted(ADAPTERS))
def test_every_adapter_renders_every_node(channel, issue, project):
    adapter = get_adapter(channel)
    settings = adapter.load_settings(project, {})
    rendition = adapter.render(issue, settings)
    text = "\n".join(rendition.documents.values())
    missing = [marker for marker in MARKERS if marker not in text]
    assert not missing, f"{channel} lost {missing}"
    assert {a.src for a in rendition.assets} == {"images/a.png", "images/b.png"}


ZERO_MARKS = {"blog": '{: start="0"}', "substack": '"start": 0', "wechat": "0. "}


@pytest.mark.parametrize("channel", sorted(ADAPTERS))
def test_a_list_starting_at_zero_is_numbered_from_zero(channel, project, make_draft):
    make_draft("开场。\n\n0. 零号\n1. 一号\n")
    issue = load_issue(project / "drafts", "issue-1")
    adapter = get_adapter(channel)
    rendition = adapter.render(issue, adapter.load_settings(project, {}))
    text = "\n".join(rendition.documents.values())
    assert ZERO_MARKS.get(channel, "0") in text and "零号" in text, text[:2000]
