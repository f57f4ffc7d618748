"""Margins that collapsing hides are dropped from top-level paragraphs, and only those (margins.py)."""

from __future__ import annotations

from itertools import pairwise

from hypothesis import given, settings
from hypothesis import strategies as st

from leotalk_publish.adapters.wechat.margins import without_redundant_margins
from tests.examples import examples

ROOT = '<section style="font-size:15px">{}</section>'
P = '<p style="margin:1em 0">{}</p>'


def test_a_paragraph_between_two_paragraphs_loses_its_margin_and_a_run_loses_every_other_one():
    html = ROOT.format("".join(P.format(n) for n in range(5)))
    assert without_redundant_margins(html) == ROOT.format(
        P.format(0) + "<p>1</p>" + P.format(2) + "<p>3</p>" + P.format(4))


def test_a_paragraph_keeps_its_margin_beside_an_image_a_smaller_margin_or_an_unknown_one():
    for neighbour in ('<img src="a.png">', '<h2 style="font-size:17px;margin:20px 0 8px">h</h2>',
                      '<section style="margin-bottom:2em">s</section>', '<p style="margin:1em 0;float:left">f</p>'):
        html = ROOT.format(neighbour + P.format("x") + P.format("y"))
        assert without_redundant_margins(html) == html, neighbour


def test_em_margins_count_in_the_elements_own_font_size():
    heading = '<h2 style="font-size:17px;margin:1.2em 0 .9em">h</h2>'  # .9em of 17px = 15.3px ≥ 15px
    html = ROOT.format(heading + '<p style="margin:1em 0;color:red">x</p>' + P.format("y"))
    assert without_redundant_margins(html) == ROOT.format(heading + '<p style="color:red">x</p>' + P.format("y"))


def test_html_that_is_not_one_root_element_is_left_alone():
    html = P.format("a") + P.format("b") + P.format("c")
    assert without_redundant_margins(html) == html


KINDS = st.lists(st.sampled_from(["p", "img", "h2", "quote"]), min_size=1, max_size=12)
BLOCKS = {"p": P.format("p"), "img": '<img src="a.png">', "h2": '<h2 style="margin:20px 0 15px">h</h2>',
          "quote": '<blockquote style="margin:10px 0">q</blockquote>'}
MARGINS = {"p": (15.0, 15.0), "h2": (20.0, 15.0), "quote": (10.0, 10.0)}


def gaps(kinds: list[str], kept: list[bool]) -> list[float | None]:
    """The gap between each pair of neighbours (None beside an image), margins collapsing; a paragraph
    that lost its margin (``kept`` False, one flag per paragraph in order) has none."""
    flags = iter(kept)
    margins = [None if k == "img" else MARGINS[k] if k != "p" or next(flags) else (0.0, 0.0) for k in kinds]
    return [None if a is None or b is None else max(a[1], b[0]) for a, b in pairwise(margins)]


@settings(max_examples=examples(200), deadline=None)
@given(KINDS)
def test_every_gap_between_blocks_stays_the_same(kinds):
    html = without_redundant_margins(ROOT.format("".join(BLOCKS[k] for k in kinds)))
    kept = [part.startswith(' style="margin:1em 0"') for part in html.split("<p")[1:]]
    assert len(kept) == kinds.count("p")
    assert gaps(kinds, kept) == gaps(kinds, [True] * len(kept))


def test_a_root_without_a_font_size_in_px_is_left_alone():
    html = '<section style="font-size:1.1em">' + P.format("a") + P.format("b") + P.format("c") + "</section>"
    assert without_redundant_margins(html) == html
