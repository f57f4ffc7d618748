"""Every bad input of the corpus: the exit code, a message naming the file (and line) and how to fix it, no
traceback, the project tree unchanged, and not one request to either platform's fake."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.bad_inputs.cases import CORPUS, Case

FIX_WORDS = re.compile(r"\b(add|write|save|remove|use|copy|correct|scale|export|close|give|name|flatten|keep|make|"
                       r"restore|set|put|check|create|fix|did you mean|known|pass|download|choose|start|shorten|"
                       r"move|rename|quote|replace|lower|raise)\b", re.IGNORECASE)


TRACE_LINE = re.compile(r'^\s*File "[^"]+", line \d+', re.MULTILINE)


def picture(root: Path) -> dict[str, bytes | None]:
    """Every path under ``root`` with its bytes (None for a folder, a link or a FIFO)."""
    return {str(p.relative_to(root)): (p.read_bytes() if p.is_file() and not p.is_symlink() else None)
            for p in sorted(root.rglob("*"))}


def test_the_corpus_has_at_least_120_cases():
    assert len(CORPUS) >= 120
    assert len({case.name for case in CORPUS}) == len(CORPUS)


@pytest.mark.parametrize("case", CORPUS, ids=[case.name for case in CORPUS])
def test_a_bad_input_is_refused_clearly_with_nothing_written(case: Case, valid_project: Path, fakes, publish,
                                                             monkeypatch: pytest.MonkeyPatch):
    for name, value in case.env:
        monkeypatch.setenv(name, value)
    case.setup(valid_project)
    before = picture(valid_project)
    result = publish(*case.args)
    wechat, substack = fakes
    assert result.exit_code == case.code, result.output
    assert "Traceback" not in result.output and not TRACE_LINE.search(result.output), result.output
    assert case.expect in result.stderr, result.stderr
    assert case.where in result.stderr, result.stderr
    assert FIX_WORDS.search(result.stderr), f"no way to fix it in: {result.stderr}"
    assert picture(valid_project) == before
    assert wechat.calls == [] and substack.log == [], (wechat.calls, substack.log)
