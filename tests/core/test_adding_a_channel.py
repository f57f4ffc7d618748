"""docs/adding-a-channel.md is a working channel: its code blocks, written as one folder and registered with one
registry line, publish an issue through the real CLI and pipeline (one source: the page is what runs)."""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from leotalk_publish.adapters import ADAPTERS
from tests.core.conftest import MypyRun

DOC = Path(__file__).resolve().parents[2] / "docs" / "adding-a-channel.md"
BLOCK = re.compile(r'^```python title="plaintext/([\w.]+)"\n(.*?)^```$', re.MULTILINE | re.DOTALL)
FRONT = """---
title: "测试周刊 1"
date: 2025-09-22T08:00:00+08:00
plaintext:
  footer: "下周见"
---
"""
BODY = "# 本周\n\n第一段文字\nwith an English tail.\n"


def doc_files() -> dict[str, str]:
    """Each ```python title="plaintext/<file>"``` block of the page, by file name."""
    return {name: code for name, code in BLOCK.findall(DOC.read_text(encoding="utf-8"))}


@pytest.fixture
def plaintext(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """The page's adapter written as one folder, and the one registry line that makes it a channel."""
    root = tmp_path_factory.mktemp("channels")
    folder = root / "plaintext"
    folder.mkdir()
    (folder / "__init__.py").write_text('"""The plaintext channel, from docs/adding-a-channel.md."""\n')
    for name, code in doc_files().items():
        (folder / name).write_text(code, encoding="utf-8")
    monkeypatch.syspath_prepend(str(root))
    monkeypatch.setitem(ADAPTERS, "plaintext", "plaintext.adapter")
    yield "plaintext"
    for name in [n for n in sys.modules if n == "plaintext" or n.startswith("plaintext.")]:
        del sys.modules[name]


def test_the_page_holds_every_role_of_an_adapter():
    assert set(doc_files()) == {"settings.py", "check.py", "render.py", "plan.py", "push.py", "adapter.py"}


def test_the_documented_channel_keeps_the_typed_contract(tmp_path: Path, mypy_run: MypyRun):
    """mypy --strict (the project's configuration) finds nothing in the page's adapter, contract included."""
    folder = tmp_path / "plaintext"
    folder.mkdir()
    (folder / "__init__.py").write_text('"""The plaintext channel."""\n', encoding="utf-8")
    for name, code in doc_files().items():
        (folder / name).write_text(code, encoding="utf-8")
    out, status = mypy_run(["--no-error-summary", str(folder)])
    assert status == 0, out
    assert "_adapter: Adapter[PlaintextSettings, None] = ADAPTER" in doc_files()["adapter.py"]


def test_the_documented_channel_publishes_once_then_is_unchanged(plaintext, make_draft, leotalk, project, tree):
    make_draft(BODY, front=FRONT)
    dry = leotalk("publish", "issue-1", "--channels", plaintext, "--dry-run")
    assert dry.exit_code == 0, dry.output
    assert "  - write plaintext/issue-1.txt" in dry.stdout
    first = leotalk("publish", "issue-1", "--channels", plaintext)
    assert first.exit_code == 0, first.output
    written = (project / "plaintext" / "issue-1.txt").read_text(encoding="utf-8")
    assert written == "测试周刊 1\n\n本周\n\n第一段文字 with an English tail.\n\n下周见\n"
    ledger = json.loads((project / "ledger" / "issue-1.json").read_text(encoding="utf-8"))
    assert ledger["channels"]["plaintext"]["where"] == "plaintext/issue-1.txt"
    after_first = tree(project)
    second = leotalk("publish", "issue-1", "--channels", plaintext)
    assert second.exit_code == 0, second.output
    assert "plaintext: unchanged since the last push; nothing to do" in second.stdout
    assert tree(project) == after_first


def test_its_own_front_matter_block_is_validated_by_its_model(plaintext, make_draft, leotalk, project, tree):
    make_draft(BODY, front=FRONT.replace("footer:", "fotter:"))
    before = tree(project)
    result = leotalk("publish", "issue-1", "--channels", plaintext)
    assert result.exit_code == 2, result.output
    assert "index.md:5" in result.output
    assert "unknown front matter key 'plaintext.fotter'" in result.output
    assert "did you mean 'footer'?" in result.output
    assert "Traceback" not in result.output
    assert tree(project) == before


def test_its_settings_and_check_refuse_bad_input(plaintext, make_draft, leotalk, project):
    make_draft(BODY, front=FRONT)
    (project / "channels" / "plaintext.toml").write_text("max_title = 3\n", encoding="utf-8")
    result = leotalk("publish", "issue-1", "--channels", plaintext)
    assert result.exit_code == 2, result.output
    assert "more than max_title = 3" in result.output
    (project / "channels" / "plaintext.toml").write_text('folder = "../outside"\n', encoding="utf-8")
    refused = leotalk("publish", "issue-1", "--channels", plaintext)
    assert refused.exit_code == 2, refused.output
    assert "plaintext.toml: [plaintext] folder = '../outside' must be a folder inside the project" in refused.output
    assert not (project / "plaintext").exists()
