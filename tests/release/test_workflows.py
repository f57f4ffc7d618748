"""The GitHub workflows pass actionlint (the real binary, installed with the test extra)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

WORKFLOWS = Path(__file__).resolve().parents[2] / ".github" / "workflows"


def workflow_files() -> list[Path]:
    return sorted(WORKFLOWS.glob("*.yml"))


def test_actionlint_is_clean():
    # Beside this Python first: `.venv/bin/python -m pytest` runs without the venv's bin/ on PATH.
    actionlint = shutil.which("actionlint", path=os.pathsep.join([str(Path(sys.executable).parent),
                                                                  os.environ.get("PATH", "")]))
    assert actionlint, "actionlint is missing: install the test extra (pip install -e '.[test]')"
    run = subprocess.run([actionlint, "-no-color", *map(str, workflow_files())], capture_output=True, text=True)
    assert run.returncode == 0, run.stdout + run.stderr


@pytest.fixture
def release() -> dict:
    return yaml.safe_load((WORKFLOWS / "release.yml").read_text(encoding="utf-8"))


def test_release_is_scheduled_and_dispatchable_without_overlap(release):
    triggers = release[True]  # YAML reads the bare key `on` as True
    assert triggers["schedule"][0]["cron"].split()[0] != "0", "minute 0 is when scheduled runs are delayed"
    assert "workflow_dispatch" in triggers
    assert release["concurrency"] == {"group": "release", "cancel-in-progress": False}


def test_release_reads_every_channel_secret_and_commits_the_ledger_even_after_a_failure(release):
    steps = release["jobs"]["release"]["steps"]
    text = yaml.safe_dump(steps)
    for secret in ("WECHAT_APPID", "WECHAT_APPSECRET", "SUBSTACK_COOKIE", "BLOG_DEPLOY_KEY"):
        assert f"secrets.{secret}" in text
    commit = next(s for s in steps if s.get("name", "").startswith("Commit the ledger"))
    assert "always()" in commit["if"]
    assert "git add ledger" in commit["run"]
