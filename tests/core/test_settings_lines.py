"""A wrong setting is named at its line: ``channels/blog.toml:7: [blog] 'site': …``, one problem per value.

Before, a settings file with two wrong values gave one problem holding both, the second without its channel,
the hint on a line of its own, and no line number anywhere: "channels/blog.toml: [blog] 'x': unknown
setting". ``toml_lines.key_line`` finds the line that sets a key (tomllib keeps no positions); the property
test writes TOML documents line by line and checks that every key is found where it was written and that
what it read is what tomllib reads.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from leotalk_publish.cli import app
from leotalk_publish.toml_lines import key_line, key_parts

BARE = st.from_regex(r"[a-z][a-z0-9_-]{0,8}", fullmatch=True)
QUOTED = st.text(st.characters(codec="utf-8", exclude_characters='"\\\n\r', exclude_categories=("Cc", "Cs")),
                 min_size=1, max_size=8)
KEY = st.one_of(BARE.map(lambda k: (k, k)), QUOTED.map(lambda k: (f'"{k}"', k)))
VALUE = st.sampled_from(['1', '"text"', 'true', '[1, 2]', '{ inner = 1 }', '"""\nx = 1\n[looks.like.a.header]\n"""',
                         "'''\nlooks = \"like a key\"\n'''", '"a # not a comment"'])


@st.composite
def documents(draw: st.DrawFn) -> tuple[str, dict[tuple[str, ...], int]]:
    """A TOML document of top-level keys and tables, and the line each key path was written on."""
    tables = draw(st.lists(KEY, max_size=3, unique_by=lambda key: key[1]))
    taken = {name for _, name in tables}
    lines: list[str] = ["# settings"]
    where: dict[tuple[str, ...], int] = {}
    for table in [None, *tables]:
        if table is not None:
            lines += ["", f"[{table[0]}]  # a table"]
        path = () if table is None else (table[1],)
        keys = draw(st.lists(KEY, min_size=1, max_size=4, unique_by=lambda key: key[1]))
        for written, name in keys:
            if table is None and name in taken:  # a key and a table of one name: not TOML
                continue
            where[(*path, name)] = len(lines) + 1
            lines += f"{written} = {draw(VALUE)}".split("\n")
    return "\n".join(lines) + "\n", where


def _has(table: object, path: tuple[str, ...]) -> bool:
    for part in path:
        if not isinstance(table, dict) or part not in table:
            return False
        table = table[part]
    return True


@given(documents())
def test_every_key_is_found_on_the_line_it_was_written(document: tuple[str, dict[tuple[str, ...], int]]):
    text, where = document
    parsed = tomllib.loads(text)
    for path, line in where.items():
        assert _has(parsed, path), (path, text)
        assert key_line(text, path) == line, (path, text)


def test_a_key_inside_an_inline_table_points_at_its_line_and_a_missing_key_at_its_table():
    text = '[theme]\naccent = "red"\nfonts = { body = 1 }\n'
    assert key_line(text, ("theme", "fonts", "body")) == 3
    assert key_line(text, ("theme", "missing")) == 1
    assert key_line(text, ("nowhere",)) is None
    assert key_line(text, ()) is None


def test_dotted_and_quoted_keys_are_read_as_toml_reads_them():
    assert key_parts('a . "b.c" . \'d\'') == ("a", "b.c", "d")
    assert key_line('site.name = "x"\n"odd key" = 1\n', ("odd key",)) == 2
    assert key_line('site.name = "x"\n', ("site", "name")) == 1


def _project(root: Path) -> Path:
    (root / "drafts" / "issue-1").mkdir(parents=True)
    (root / "drafts" / "issue-1" / "index.md").write_text(
        "---\ntitle: 标题\ndate: 2026-01-01T08:00:00+08:00\nchannels: [blog, substack]\n---\n\n正文。\n",
        encoding="utf-8")
    (root / "channels").mkdir()
    (root / "channels" / "blog.toml").write_text(
        '# the blog\nsite = "site"\n\nlayuot = "post"\nmidnight_window_hours = 99\n', encoding="utf-8")
    (root / "channels" / "substack.toml").write_text(
        'publication = "leotalk"\n\n[extra]\nrequests_per_second = 0\n', encoding="utf-8")
    return root


def test_each_wrong_setting_is_one_problem_at_its_line_with_its_channel(tmp_path, monkeypatch):
    root = _project(tmp_path / "project")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["publish", "issue-1", "--dry-run", "--project", str(root)])
    assert result.exit_code == 2, result.output
    lines = result.stderr.splitlines()
    assert lines[0] == "error: 3 problem(s); nothing was written:"
    assert lines[1] == ("  channels/blog.toml:4: [blog] 'layuot': unknown setting — check its spelling "
                        "(docs/channels/blog.md lists each setting)")
    assert lines[2].startswith("  channels/blog.toml:5: [blog] 'midnight_window_hours': ") and "(got 99)" in lines[2]
    assert lines[3].startswith("  channels/substack.toml:3: [substack] 'extra': unknown setting")
    assert str(root) not in result.stderr
    assert not (root / "ledger").exists() and not (root / "export").exists()


def test_a_toml_syntax_error_and_a_byte_that_is_not_utf8_are_named_at_their_lines(tmp_path):
    root = _project(tmp_path)
    (root / "channels" / "blog.toml").write_bytes(b'site = "site"\n\nlayout = "caf\xe9"\n')
    (root / "channels" / "substack.toml").write_text('publication = "x"\n[unclosed\n', encoding="utf-8")
    result = CliRunner().invoke(app, ["check", "issue-1", "--project", str(root)])
    assert result.exit_code == 2, result.output
    assert "channels/blog.toml:3: [blog] not UTF-8 (byte 0xe9" in result.stderr
    assert "channels/substack.toml:2: [substack] not valid TOML (" in result.stderr
    assert "at column" in result.stderr and "(at line" not in result.stderr


def test_channels_lists_each_wrong_setting_once_at_its_line(tmp_path):
    root = _project(tmp_path)
    result = CliRunner().invoke(app, ["channels", "--project", str(root)])
    problems = [line.strip() for line in result.output.splitlines() if line.strip().startswith("problem:")]
    assert problems[:2] == [
        "problem: channels/blog.toml:4: 'layuot': unknown setting — check its spelling "
        "(docs/channels/blog.md lists each setting)",
        "problem: channels/blog.toml:5: 'midnight_window_hours': Input should be less than or equal to 12 (got 99) "
        "— fix the value (docs/channels/blog.md lists each setting)"]
    assert problems[2].startswith("problem: channels/substack.toml:3: 'extra': unknown setting")
    assert "toml: channels/" not in result.output


def test_a_key_set_twice_names_both_lines(tmp_path):
    root = _project(tmp_path)
    (root / "channels" / "blog.toml").write_text('site = "site"\nlayout = "post"\n\nlayout = "page"\n',
                                                 encoding="utf-8")
    (root / "channels" / "substack.toml").write_text('[extra]\nx = 1\n\n[extra]\ny = 2\n', encoding="utf-8")
    result = CliRunner().invoke(app, ["check", "issue-1", "--project", str(root)])
    assert result.exit_code == 2, result.output
    assert ("channels/blog.toml:4: [blog] 'layout' is set a second time (first on line 2) — keep one of the two"
            in result.stderr)
    assert "channels/substack.toml:4: [substack] 'extra' is set a second time (first on line 1)" in result.stderr
