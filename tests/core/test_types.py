"""mypy, strict (as configured in pyproject.toml), finds nothing in the core: every module outside adapters/.

The adapters are typed separately; once they are clean they join ``CLEAN``. A module added to the core is checked
from its first commit (the list is every core file), and the configuration itself is shown to be strict by a
module it must refuse.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

api = pytest.importorskip("mypy.api")

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "leotalk_publish"
CONFIG = ROOT / "pyproject.toml"
# Every module outside adapters/: the top-level ones and the preview.
CLEAN = sorted([*PACKAGE.glob("*.py"), *(PACKAGE / "preview").glob("*.py")])


def _mypy(files: list[Path], cache: Path) -> tuple[str, int]:
    """mypy with the project's configuration; errors are reported for ``files`` only (imports are followed
    silently, so an adapter's own errors are not counted here)."""
    out, err, status = api.run(["--config-file", str(CONFIG), "--cache-dir", str(cache),
                                "--follow-imports=silent", "--no-error-summary", *map(str, files)])
    return out + err, status


def test_the_configuration_is_strict_for_python_3_11() -> None:
    config = tomllib.loads(CONFIG.read_text(encoding="utf-8"))["tool"]["mypy"]
    assert config["strict"] is True
    assert config["python_version"] == "3.11"
    assert "ignore_missing_imports" not in config  # only per-module overrides, for untyped packages


def test_the_core_has_no_type_errors(tmp_path_factory: pytest.TempPathFactory) -> None:
    assert len(CLEAN) >= 25 and PACKAGE / "cli.py" in CLEAN and PACKAGE / "preview" / "server.py" in CLEAN
    report, status = _mypy(CLEAN, tmp_path_factory.mktemp("mypy-cache"))
    assert status == 0, f"mypy --strict found errors in the core:\n{report}"


def test_the_configuration_refuses_an_untyped_function(tmp_path: Path) -> None:
    """The check above can fail: under the same configuration an unannotated function is an error."""
    module = tmp_path / "loose.py"
    module.write_text("def twice(x):\n    return x * 2\n", encoding="utf-8")
    report, status = _mypy([module], tmp_path / "cache")
    assert status == 1
    assert "loose.py:1: error: Function is missing a type annotation" in report
