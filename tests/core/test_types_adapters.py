"""mypy --strict finds nothing to say about the adapter packages made clean (issue 13, point 3).

Only the package's own files count: errors mypy reports in core modules it follows into are the core's to fix.
"""

from __future__ import annotations

from pathlib import Path

import pytest

mypy_api = pytest.importorskip("mypy.api")

ROOT = Path(__file__).resolve().parents[2]
CLEAN = ("blog", "substack", "wechat")


@pytest.fixture(scope="module")
def strict_report(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    """mypy --strict over every adapter package, once: its error lines, paths relative to the project."""
    cache = tmp_path_factory.mktemp("mypy-cache")
    out, err, _status = mypy_api.run(["--strict", "--ignore-missing-imports", f"--cache-dir={cache}",
                                      "--no-error-summary", str(ROOT / "leotalk_publish" / "adapters")])
    assert not err.strip(), err
    return [line.replace(str(ROOT) + "/", "") for line in out.splitlines() if ": error:" in line]


@pytest.mark.parametrize("package", CLEAN)
def test_adapter_package_is_strictly_typed(package: str, strict_report: list[str]) -> None:
    where = f"leotalk_publish/adapters/{package}/"
    assert [line for line in strict_report if line.startswith(where)] == []


def test_the_check_sees_an_error_when_there_is_one(tmp_path: Path) -> None:
    """The filter above is not blind: a mistyped function in a file is reported with its path."""
    bad = tmp_path / "bad.py"
    bad.write_text("def f(x: int) -> str:\n    return x\n", encoding="utf-8")
    out, _err, status = mypy_api.run(["--strict", "--no-incremental", "--cache-dir=/dev/null", str(bad)])
    assert status == 1 and "bad.py:2: error:" in out
