"""Strict front matter: what pydantic or YAML would bend is refused at its line (properties over many values)."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from leotalk_publish.frontmatter import parse_front_matter, split_words
from tests.examples import examples

TITLE_AT_LINE_2 = "title: {title}\ndate: 2025-09-22T08:00:00+08:00\n"
# U+0085 is left out: YAML reads it as a line break inside a quoted string and folds it into a space.
controls = st.sampled_from([chr(c) for c in (*range(0, 9), *range(11, 32), 127, *range(0x80, 0xA0)) if c != 0x85])
words = st.lists(st.text(st.characters(categories=("L", "N")), min_size=1, max_size=8), min_size=1, max_size=6)


def errors(yaml_text: str) -> list[str]:
    meta, problems = parse_front_matter(yaml_text, "index.md")
    found = [f"{p.where}: {p.what}" for p in problems if p.severity == "error"]
    assert (meta is None) == bool(found)
    return found


@settings(max_examples=examples(300))
@given(before=st.text(st.characters(categories=("L",)), min_size=1, max_size=10), bad=controls)
def test_a_title_with_any_control_character_is_refused_at_its_line(before, bad):
    found = errors(TITLE_AT_LINE_2.format(title=json.dumps(before + bad, ensure_ascii=False)))
    assert found and found[0].startswith("index.md:2: front matter "), found  # 'title': … (or YAML's own refusal)
    assert any(why in found[0] for why in ("control character", "line break")), found


@settings(max_examples=examples(300))
@given(number=st.one_of(st.integers(min_value=-10**12, max_value=10**12), st.floats(allow_nan=False,
                                                                                    allow_infinity=False)))
def test_a_number_is_never_a_date(number):
    for written in (repr(number), f'"{number!r}"'):  # pydantic would read either as seconds since 1970
        found = errors(f'title: "t"\ndate: {written}\n')
        assert found and found[0].startswith("index.md:3: front matter 'date'") and "is a number" in found[0], found


@settings(max_examples=examples(300))
@given(year=st.integers(min_value=1, max_value=9999), offset=st.integers(min_value=-12, max_value=14))
def test_a_date_is_accepted_only_in_range_and_never_overflows_later(year, offset):
    sign = "+" if offset >= 0 else "-"
    meta, problems = parse_front_matter(f'title: "t"\ndate: {year:04d}-01-01T00:00:00{sign}{abs(offset):02d}:00\n',
                                        "index.md")
    if 1970 <= year <= 2999:
        assert meta is not None, problems
        meta.date.astimezone().isoformat()  # every conversion a channel makes still works
    else:
        assert meta is None and "outside 1970" in problems[0].what


@settings(max_examples=examples(300))
@given(tags=words, separator=st.sampled_from([" ", "  ", ", ", ",", "，"]))
def test_a_string_of_tags_is_its_words(tags, separator):
    assert split_words(separator.join(tags)) == tags
