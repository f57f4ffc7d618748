"""A publish killed with SIGKILL at every write, then run again: one draft, one publication (with ``publish =
true``), nothing uploaded twice once recorded, 0 second articles. The killed run is a process of its own; the
run after it is in-process."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from leotalk_publish.ledger import AssetRegistry, Ledger
from tests.faults import FaultPlan
from tests.kit.cli import leotalk
from tests.loopback import serve
from tests.wechat.fake_wechat import FakeWechat, with_faults

pytestmark = pytest.mark.long(seconds=12)  # seconds of subprocesses or soaks: started first

BODY = """\
# 本周

第一段，**“要点”**之后是图。

![图一](images/a.png "第一张")
![图二](images/b.png)

- 一
- 二

![图三](images/c.png)

_Opinion：结尾的看法。_
"""
IMAGES = ("images/a.png", "images/b.png", "images/c.png")
CLEAN_RUN_WRITES = 5  # 3 body images + the cover material + draft/add
PUBLISH_RUN_WRITES = CLEAN_RUN_WRITES + 1  # … + freepublish/submit
CASES = [(False, n) for n in range(1, CLEAN_RUN_WRITES + 1)] + [(True, n) for n in range(1, PUBLISH_RUN_WRITES + 1)]


def run_publish(project: Path, env: dict[str, str], extra_args: tuple[str, ...] = ()) -> subprocess.Popen:
    command = [sys.executable, "-m", "leotalk_publish", "publish", "issue-1", "--channels", "wechat",
               "--project", str(project), *extra_args]
    return subprocess.Popen(command, env={**os.environ, **env, "CI": "true"},
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def recorded_uploads(project: Path, appid: str) -> set[str]:
    """Stems of the images whose upload the account's asset registry recorded."""
    uploads = AssetRegistry(project / "ledger", "wechat", appid).entries("uploads")
    return {Path(entry["src"]).stem for entry in uploads.values()}


def publish_setting(project: Path, publish: bool) -> None:
    if publish:
        (project / "channels" / "wechat.toml").write_text("publish = true\npoll_interval_s = 0\n")


def uploaded_stems(fake: FakeWechat, since: int = 0) -> list[str]:
    return [Path(image["filename"]).stem for image in fake.images[since:]]


@pytest.mark.parametrize(("publish", "kill_at"), CASES)
def test_killed_after_any_write_the_next_run_finishes_without_duplicates(publish, kill_at, project, make_draft):
    make_draft(BODY, images=IMAGES)
    publish_setting(project, publish)
    fake = FakeWechat()
    plan = FaultPlan()
    with serve(with_faults(fake, plan)) as base:
        env = {"WECHAT_APPID": fake.appid, "WECHAT_APPSECRET": fake.secret, "LEOTALK_WECHAT_API_BASE": base}
        first = run_publish(project, env)
        plan.kill_pid_at_write = (first.pid, kill_at)
        first.communicate(timeout=60)
        assert first.returncode == -9, f"the run was to be killed at write {kill_at}"
        recorded, uploads_before = recorded_uploads(project, fake.appid), len(fake.images)

        second = leotalk("publish", "issue-1", "--channels", "wechat", "--project", str(project), env=env)

    assert second.returncode == 0, second.stdout + second.stderr
    assert len(fake.created) == 1, "a second draft was made"
    assert len(fake.published) == (1 if publish else 0), "a second article went out"
    assert len(fake.drafts) == (0 if publish else 1)  # a published draft leaves the box
    again = set(uploaded_stems(fake, since=uploads_before)) & recorded
    assert not again, f"uploaded again although recorded: {again}"
    state = Ledger(project / "ledger", "issue-1").data["channels"]["wechat"]
    assert state["draft"]["media_id"] == fake.created[0]
    assert state["mode"] == "api" and state["content_hash"]
    assert recorded_uploads(project, fake.appid) == {"a", "b", "c"}


@pytest.mark.parametrize(("publish", "writes"), [(False, CLEAN_RUN_WRITES), (True, PUBLISH_RUN_WRITES)])
def test_a_clean_run_makes_the_writes_the_crash_test_counts(publish, writes, project, make_draft):
    """Guards the write counts: the crash points above cover every write of a clean run."""
    make_draft(BODY, images=IMAGES)
    publish_setting(project, publish)
    fake = FakeWechat()
    plan = FaultPlan()
    with serve(with_faults(fake, plan)) as base:
        env = {"WECHAT_APPID": fake.appid, "WECHAT_APPSECRET": fake.secret, "LEOTALK_WECHAT_API_BASE": base}
        run = leotalk("publish", "issue-1", "--channels", "wechat", "--project", str(project), env=env)
    assert plan.writes == writes, run.stdout + run.stderr
