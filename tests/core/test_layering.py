"""The layering the architecture promises: the core never imports an adapter, adapters never import each other."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "leotalk_publish"
ADAPTERS = sorted(p.name for p in (PACKAGE / "adapters").iterdir() if (p / "adapter.py").is_file())
# The commands' own modules sit at the edge with the CLI: they may use the registry, never an adapter's module.
COMMANDS = sorted([PACKAGE / "channels_report.py", *(PACKAGE / "preview").glob("*.py")])
CORE = sorted(p for p in PACKAGE.glob("*.py") if p.stem not in ("cli", "pipeline", "__main__") and p not in COMMANDS)


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
    assert {p.stem for p in CORE} >= {"load", "model", "parse", "plan", "ledger", "channel"}


@pytest.mark.parametrize("module", CORE, ids=lambda p: p.stem)
def test_the_core_imports_no_adapter(module: Path):
    bad = {m for m in imported_modules(module) if m.startswith("leotalk_publish.adapters")}
    assert not bad, f"{module.name} imports {bad}"


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
