"""A failure after the remote effects (the ledger's snapshot cannot be written once the drafts exist): one
outcome line per channel, exit 1, a ledger that claims nothing it did not finish, and a re-run that finishes
the job without a second draft on either platform."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.bad_inputs.conftest import running_substack, running_wechat

# A new account on each platform per case (the corpus's module-wide fakes would find the previous case's draft).
wechat = pytest.fixture(name="wechat")(running_wechat)
substack = pytest.fixture(name="substack")(running_substack)


def finished(root: Path) -> set[str]:
    path = root / "ledger" / "issue-1.json"
    if not path.exists():
        return set()
    return {c for c, s in json.loads(path.read_text(encoding="utf-8"))["channels"].items() if s.get("content_hash")}


def test_an_unwritable_snapshot_after_the_drafts_exist_is_finished_by_a_rerun(valid_project, fakes, publish):
    wechat, substack = fakes
    (valid_project / "ledger" / "snapshots").mkdir(parents=True)  # (a file there is refused before any push)
    (valid_project / "ledger" / "snapshots" / "issue-1").write_text("a file where the folder goes", encoding="utf-8")
    first = publish("issue-1")
    assert first.exit_code == 1, first.output
    assert "Traceback" not in first.output
    for channel in ("blog", "substack", "wechat"):
        outcome = [line for line in first.stderr.splitlines() if line.startswith(f"{channel}: FAILED: ")]
        assert len(outcome) == 1 and "NotADirectoryError" in outcome[0], first.output
    assert len(wechat.drafts) == 1 and len(substack.drafts) == 1  # the effects happened …
    assert finished(valid_project) == set()  # … and the ledger does not claim them as finished
    (valid_project / "ledger" / "snapshots" / "issue-1").unlink()
    again = publish("issue-1")
    assert again.exit_code == 0, again.output
    assert finished(valid_project) == {"blog", "substack", "wechat"}
    assert len(wechat.drafts) == 1 and len(substack.drafts) == 1  # updated, not created twice
