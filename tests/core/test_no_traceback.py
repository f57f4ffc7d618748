"""No traceback reaches a user: a channel's unexpected error is that channel's failure, an unexpected error
before any push is an internal error (exit 5), --debug shows the traceback with secrets redacted, and a run
that failed after remote effects is finished by running it again."""

from __future__ import annotations

import json
import os
import resource
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from leotalk_publish import cli
from tests.bad_inputs.files import noisy_png
from tests.conftest import REPO

SECRET = "s3cr3t-Value/with+chars="  # an obviously fake AppSecret


@pytest.fixture
def draft(make_draft):
    return make_draft("第一段 MARK。\n\n![图](images/a.png)\n", images=("images/a.png",))


def crash_at(project: Path, step: str) -> None:
    (project / "channels" / "probe.toml").write_text(f'crash = "{step}"\ncrash_text = "{SECRET}"\n',
                                                     encoding="utf-8")


def ledger(project: Path) -> dict:
    return json.loads((project / "ledger" / "issue-1.json").read_text(encoding="utf-8"))


def test_a_bug_in_one_channel_push_fails_that_channel_only(draft, probe, leotalk, project, monkeypatch):
    monkeypatch.setenv("WECHAT_APPSECRET", SECRET)
    crash_at(project, "push")
    first = leotalk("publish", "issue-1", "--channels", f"{probe},blog")
    assert first.exit_code == 1, first.output
    assert "Traceback" not in first.output and SECRET not in first.output
    assert "probe: FAILED: unexpected error (RuntimeError: probe broke in push: ***)" in first.stderr
    assert "blog: site → " in first.stdout
    assert set(ledger(project)["channels"]) == {"probe", "blog"}
    assert "content_hash" in ledger(project)["channels"]["blog"]
    assert "content_hash" not in ledger(project)["channels"]["probe"]
    (project / "channels" / "probe.toml").unlink()
    again = leotalk("publish", "issue-1", "--channels", f"{probe},blog")
    assert again.exit_code == 0, again.output
    assert "blog: unchanged since the last push" in again.stdout
    assert "probe: export → export/probe/issue-1.txt" in again.stdout


def test_a_bug_before_any_push_is_an_internal_error(draft, probe, leotalk, project, tree, monkeypatch):
    monkeypatch.setenv("SUBSTACK_COOKIE", f"substack.sid={SECRET}; other=1")
    crash_at(project, "render")
    before = tree(project)
    result = leotalk("publish", "issue-1", "--channels", probe)
    assert result.exit_code == cli.INTERNAL_ERROR == 5
    assert "internal error: RuntimeError: probe broke in render: ***" in result.stderr
    assert "--debug" in result.stderr and "Traceback" not in result.output and SECRET not in result.output
    assert tree(project) == before


def test_debug_shows_the_traceback_with_secrets_redacted(draft, probe, leotalk, project, monkeypatch):
    monkeypatch.setenv("WECHAT_APPSECRET", SECRET)
    crash_at(project, "render")
    result = leotalk("publish", "issue-1", "--channels", probe, "--debug")
    assert result.exit_code == 5
    assert "Traceback (most recent call last)" in result.stderr and "probe_adapter.py" in result.stderr
    assert SECRET not in result.output and "***" in result.stderr


def test_tracebacks_never_show_local_variables():
    assert cli.app.pretty_exceptions_show_locals is False
    text = (REPO / "pyproject.toml").read_text(encoding="utf-8")
    assert '"typer>=0.23"' in text  # earlier releases showed locals (credentials among them) by default


def test_a_snapshot_that_cannot_be_written_fails_the_channel_and_a_rerun_finishes(draft, probe, leotalk, project):
    """The fault is injected at the file-writing seam with a real path: ledger/snapshots/issue-1 is a file, so
    the snapshot write after the push fails (even for root, unlike chmod)."""
    (project / "ledger" / "snapshots").mkdir(parents=True)  # (a file there is refused before any push)
    (project / "ledger" / "snapshots" / "issue-1").write_text("in the way", encoding="utf-8")
    first = leotalk("publish", "issue-1", "--channels", f"{probe},blog")
    assert first.exit_code == 1, first.output
    assert first.stderr.count("FAILED: a file could not be written or read (NotADirectoryError") == 2
    assert "Traceback" not in first.output
    assert (project / "export" / "probe" / "issue-1.txt").is_file()  # the effect happened …
    assert not (project / "ledger" / "issue-1.json").exists() or all(
        "content_hash" not in c for c in ledger(project)["channels"].values())  # … and is not claimed as done
    (project / "ledger" / "snapshots" / "issue-1").unlink()
    again = leotalk("publish", "issue-1", "--channels", f"{probe},blog")
    assert again.exit_code == 0, again.output
    assert {c for c, s in ledger(project)["channels"].items() if s.get("content_hash")} == {"probe", "blog"}


def _limit_file_size(limit: int):
    def apply() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails with EFBIG, as on a full disk
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
    return apply


def run_publish(project: Path, *args: str, limit: int | None = None) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("WECHAT_", "SUBSTACK_", "LEOTALK_"))}
    return subprocess.run([sys.executable, "-m", "leotalk_publish", "publish", *args], cwd=project, env=env,
                          capture_output=True, text=True, preexec_fn=_limit_file_size(limit) if limit else None,
                          timeout=120)


def test_a_full_disk_fails_each_channel_with_one_line_and_a_rerun_finishes(make_draft, project):
    """RLIMIT_FSIZE makes every write past 20 kB fail like a full disk: the ledger probe and the ledger fit,
    the 200 kB image does not."""
    folder = make_draft("第一段。\n\n![图](images/big.png)\n")
    (folder / "images").mkdir()
    (folder / "images" / "big.png").write_bytes(noisy_png((260, 260), seed=7))
    full = run_publish(project, "issue-1", "--channels", "blog,substack,wechat", limit=20_000)
    assert full.returncode == 1, full.stderr
    assert "Traceback" not in full.stdout + full.stderr
    for channel in ("blog", "substack", "wechat"):
        assert sum(line.startswith(f"{channel}: FAILED") for line in full.stderr.splitlines()) == 1, full.stderr
    state = json.loads((project / "ledger" / "issue-1.json").read_text(encoding="utf-8")) \
        if (project / "ledger" / "issue-1.json").exists() else {"channels": {}}
    assert all("content_hash" not in c for c in state["channels"].values())
    again = run_publish(project, "issue-1", "--channels", "blog,substack,wechat")
    assert again.returncode == 0, again.stderr
    done = json.loads((project / "ledger" / "issue-1.json").read_text(encoding="utf-8"))["channels"]
    assert {c for c, s in done.items() if s.get("content_hash")} == {"blog", "substack", "wechat"}

