"""mypy, strict (as configured in pyproject.toml), finds nothing in the core: every module outside adapters/.

The adapters are typed separately; once they are clean they join ``CLEAN``. A module added to the core is checked
from its first commit (the list is every core file), and the configuration itself is shown to be strict by a
module it must refuse.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from tests.core.conftest import CONFIG, ROOT, MypyRun

# The session's one mypy run of the whole package starts here, first (~11 CPU-s with a cold cache): the other
# type tests then find its answer and a warm cache instead of waiting on its lock halfway through the suite.
pytestmark = pytest.mark.long(seconds=11)

PACKAGE = ROOT / "leotalk_publish"
# Every module outside adapters/: the top-level ones and the preview.
CLEAN = sorted([*PACKAGE.glob("*.py"), *(PACKAGE / "preview").glob("*.py")])


def test_the_configuration_is_strict_for_python_3_11() -> None:
    config = tomllib.loads(CONFIG.read_text(encoding="utf-8"))["tool"]["mypy"]
    assert config["strict"] is True
    assert config["python_version"] == "3.11"
    assert "ignore_missing_imports" not in config  # only per-module overrides, for untyped packages


def test_the_core_has_no_type_errors(package_type_errors: list[str]) -> None:
    """The session's one mypy run of the package (tests/core/conftest.py): no error in a module of the core (an
    adapter's own errors are tests/core/test_types_adapters.py's to report)."""
    assert len(CLEAN) >= 25 and PACKAGE / "cli.py" in CLEAN and PACKAGE / "preview" / "server.py" in CLEAN
    core = {str(path.relative_to(ROOT)) for path in CLEAN}
    found = [line for line in package_type_errors if line.split(":", 1)[0] in core]
    assert found == [], "mypy --strict found errors in the core:\n" + "\n".join(found)


def test_the_configuration_refuses_an_untyped_function(tmp_path: Path, mypy_run: MypyRun) -> None:
    """The check above can fail: under the same configuration an unannotated function is an error."""
    module = tmp_path / "loose.py"
    module.write_text("def twice(x):\n    return x * 2\n", encoding="utf-8")
    report, status = mypy_run(["--no-error-summary", str(module)])
    assert status == 1
    assert "loose.py:1: error: Function is missing a type annotation" in report
