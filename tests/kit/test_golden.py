"""The golden helper fails on a difference and on a missing file, and rewrites only under UPDATE_GOLDEN=1."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.kit.golden import assert_golden


def test_an_equal_output_passes_and_a_different_one_names_the_file(tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("UPDATE_GOLDEN", raising=False)
    golden = tmp_path / "case.html"
    golden.write_text("<p>一</p>\n", encoding="utf-8")
    assert_golden(golden, "<p>一</p>\n")
    with pytest.raises(AssertionError, match=r"case\.html"):
        assert_golden(golden, "<p>二</p>\n")
    with pytest.raises(AssertionError, match="UPDATE_GOLDEN=1"):
        assert_golden(tmp_path / "missing.html", "x")


def test_update_golden_writes_the_output_and_its_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("UPDATE_GOLDEN", "1")
    golden = tmp_path / "new" / "case.json"
    assert_golden(golden, '{"a": 1}\n')
    assert golden.read_text(encoding="utf-8") == '{"a": 1}\n'
