"""A node type added to the model without its rules fails loudly in every walker and every adapter.

Before, ``model.walk_blocks`` silently skipped a container it did not know, so the images inside it were
never loaded, uploaded or checked. Here a fake container (holding an image) and a fake inline are put into
a real issue: each walker and each adapter's render must raise, naming the node type.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import pytest

from leotalk_publish import model as m
from leotalk_publish.adapters import ORDER, get_adapter
from leotalk_publish.load import load_issue


@dataclass(frozen=True)
class Aside:
    """A container the walkers have never heard of."""

    blocks: tuple[m.Block, ...]
    line: int = 0


@dataclass(frozen=True)
class Kbd:
    """An inline the walkers have never heard of."""

    text: str


FIGURE = m.Figures((m.Image("images/a.png", "图"),), line=3)


@pytest.fixture
def issue(project, make_draft) -> m.Issue:
    make_draft("# 标题\n\n段落。\n\n![图](images/a.png)\n", images=("images/a.png",))
    return load_issue(project / "drafts", "issue-1")


def with_blocks(issue: m.Issue, *blocks: object) -> m.Issue:
    return replace(issue, document=m.Document(blocks))  # type: ignore[arg-type]


NEW_BLOCK = (m.Paragraph((m.Text("前"),)), Aside((FIGURE,)))
NEW_INLINE = (m.Paragraph((m.Text("按 "), m.Strong((Kbd("Ctrl"),))), line=1),)


@pytest.mark.parametrize("walk", [
    lambda d: list(m.document_blocks(d)),
    lambda d: m.all_images(d),
    lambda d: m.all_links(d),
], ids=["document_blocks", "all_images", "all_links"])
def test_every_walker_refuses_an_unknown_block(walk):
    with pytest.raises(m.UnknownNode, match=r"model\.\w+ has no rule for the node type Aside"):
        walk(m.Document(NEW_BLOCK))  # type: ignore[arg-type]


def test_block_inlines_refuses_an_unknown_block():
    with pytest.raises(m.UnknownNode, match=r"model\.block_inlines has no rule for the node type Aside"):
        list(m.block_inlines(Aside(())))  # type: ignore[arg-type]


@pytest.mark.parametrize("walk", [
    lambda d: m.all_links(d),
    lambda d: m.all_images(d),
    lambda d: [m.plain_text(b.children) for b in d.blocks],
], ids=["all_links", "all_images", "plain_text"])
def test_every_walker_refuses_an_unknown_inline(walk):
    with pytest.raises(m.UnknownNode, match="has no rule for the node type Kbd"):
        walk(m.Document(NEW_INLINE))  # type: ignore[arg-type]


def test_the_known_nodes_still_walk(issue):
    assert [i.src for i in m.all_images(issue.document)] == ["images/a.png"]


@pytest.mark.parametrize("step", ["check", "render"])
@pytest.mark.parametrize("channel", ORDER)
@pytest.mark.parametrize("blocks", [NEW_BLOCK, NEW_INLINE], ids=["block", "inline"])
def test_every_adapter_refuses_an_unknown_node(step, channel, blocks, issue, project):
    adapter = get_adapter(channel)
    settings = adapter.load_settings(project, {})
    odd = with_blocks(issue, *blocks)
    name = "Aside" if blocks is NEW_BLOCK else "Kbd"
    with pytest.raises(TypeError, match=f"no rule for .*{name}"):
        getattr(adapter, step)(odd, settings)
