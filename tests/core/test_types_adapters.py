"""mypy --strict finds nothing to say about the adapter packages made clean (issue 13, point 3).

Only the package's own files count: errors mypy reports in core modules it follows into are the core's to fix.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.core.conftest import MypyRun

CLEAN = ("blog", "substack", "wechat")


@pytest.mark.parametrize("package", CLEAN)
def test_adapter_package_is_strictly_typed(package: str, package_type_errors: list[str]) -> None:
    """The session's one mypy run of the package (tests/core/conftest.py): no error in this adapter's files."""
    where = f"leotalk_publish/adapters/{package}/"
    assert [line for line in package_type_errors if line.startswith(where)] == []


def test_the_check_sees_an_error_when_there_is_one(tmp_path: Path, mypy_run: MypyRun) -> None:
    """The filter above is not blind: a mistyped function in a file is reported with its path."""
    bad = tmp_path / "bad.py"
    bad.write_text("def f(x: int) -> str:\n    return x\n", encoding="utf-8")
    out, status = mypy_run(["--no-error-summary", str(bad)])
    assert status == 1 and "bad.py:2: error:" in out
