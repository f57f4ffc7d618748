"""The layering the architecture promises: nothing outside ``adapters/`` (the CLI and the pipeline included)
imports an adapter, adapters never import each other, and no module outside ``adapters/`` names a channel."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "leotalk_publish"
ADAPTERS = sorted(p.name for p in (PACKAGE / "adapters").iterdir() if (p / "adapter.py").is_file())
# The commands' own modules sit at the edge with the CLI: they may use the registry, never an adapter's module.
COMMANDS = sorted([PACKAGE / "channels_report.py", *(PACKAGE / "preview").glob("*.py")])
# Every module outside adapters/: the registry table (adapters/__init__.py) is the one place that names them.
CORE = sorted(p for p in PACKAGE.rglob("*.py") if "adapters" not in p.relative_to(PACKAGE).parts)
CHANNEL_NAME = re.compile(r"\b(blog|substack|wechat)\b")


def imported_modules(path: Path) -> set[str]:
    """Every module a file imports, relative imports resolved against its package."""
    package = ".".join(path.relative_to(PACKAGE.parent).with_suffix("").parts[:-1])
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = package.rsplit(".", node.level - 1)[0] if node.level else ""
            module = ".".join(part for part in (base, node.module or "") if part)
            found.add(module)
            found.update(f"{module}.{alias.name}" for alias in node.names)
    return found


def test_there_are_three_adapters_and_a_core():
    assert ADAPTERS == ["blog", "substack", "wechat"]
    assert {p.stem for p in CORE} >= {"load", "model", "parse", "plan", "ledger", "channel", "cli", "pipeline"}


def _name(path: Path) -> str:
    return str(path.relative_to(PACKAGE))


@pytest.mark.parametrize("module", CORE, ids=_name)
def test_the_core_imports_no_adapter(module: Path):
    """The registry (``leotalk_publish.adapters`` itself) is allowed; no adapter's own module is."""
    adapters = tuple(f"leotalk_publish.adapters.{name}" for name in ADAPTERS)
    bad = {m for m in imported_modules(module) if m.startswith(adapters)}
    assert not bad, f"{module.name} imports {bad}"


def _prose(tree: ast.AST) -> set[int]:
    """The ids of the string constants that are prose for people: docstrings, ``help=`` texts and ``*HELP``
    constants (a channel named there is documentation, not a channel the code picks)."""
    prose: list[ast.AST] = []
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if isinstance(body, list) and body and isinstance(body[0], ast.Expr):
            prose.append(body[0].value)
        if isinstance(node, ast.keyword) and node.arg == "help":
            prose.append(node.value)
        if isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id.endswith("HELP")
                                                for t in node.targets):
            prose.append(node.value)
    return {id(sub) for node in prose for sub in ast.walk(node)}


def channel_names_in(path: Path) -> list[str]:
    """Each string constant in code (not prose) that names a channel, as 'line: text'."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    prose = _prose(tree)
    return [f"{node.lineno}: {node.value!r}" for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in prose
            and CHANNEL_NAME.search(node.value)]


@pytest.mark.parametrize("module", CORE, ids=_name)
def test_the_core_names_no_channel(module: Path):
    found = channel_names_in(module)
    assert not found, f"{_name(module)} names a channel: {found}"


def test_the_channel_name_check_can_fail(tmp_path: Path):
    source = tmp_path / "core.py"
    source.write_text('"""About the blog."""\nX = opts(help="e.g. blog")\nif name == "wechat":\n    pass\n')
    assert channel_names_in(source) == ["3: 'wechat'"]


@pytest.mark.parametrize("adapter", ADAPTERS)
def test_an_adapter_imports_no_other_adapter(adapter: str):
    others = tuple(f"leotalk_publish.adapters.{name}" for name in ADAPTERS if name != adapter)
    for path in (PACKAGE / "adapters" / adapter).rglob("*.py"):
        bad = {m for m in imported_modules(path) if m.startswith(others)}
        assert not bad, f"{path.relative_to(PACKAGE)} imports {bad}"


@pytest.mark.parametrize("module", COMMANDS, ids=lambda p: p.stem)
def test_the_commands_reach_adapters_only_through_the_registry(module: Path):
    adapters = tuple(f"leotalk_publish.adapters.{name}" for name in ADAPTERS)
    bad = {m for m in imported_modules(module) if m.startswith(adapters)}
    assert not bad, f"{module.name} imports {bad}"
