"""Substack, exactly once under faults and kills, with publish and email on.

- The fault soak: 20% of every write fails (502 or a dropped connection, half of them after the effect was
  applied), 20 seeds, each run again until done. Every seed ends with one draft ever created, one published
  post and exactly one email; then an edit made in Substack's editor survives a push under the same faults.
- A publisher killed (SIGKILL) at each write of a full run in turn, then run again: the same end.
``SUBSTACK_SOAK_SEEDS=200`` for a longer soak.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator

import pytest

from tests.faults import FaultPlan
from tests.loopback import serve
from tests.substack import conftest as substack
from tests.substack.conftest import write_settings
from tests.substack.fake_substack import FakeSubstack, with_faults
from tests.substack.test_push_api import edit_paragraph

pytestmark = pytest.mark.long(seconds=11)  # seconds of subprocesses or soaks: started first

# the Substack channel's fixtures (the sample issue, the pipeline run); the fake is served behind a fault plan
cookie, publish, sample_draft = substack.cookie, substack.publish, substack.sample_draft


@pytest.fixture
def plan() -> FaultPlan:
    """The faults of this test's fake (none until the test sets a rate or a kill)."""
    return FaultPlan()


@pytest.fixture
def fake(cookie: str, plan: FaultPlan) -> Iterator[FakeSubstack]:
    state = FakeSubstack(cookie=cookie)
    with serve(with_faults(state, plan)) as base:
        state.base = base  # type: ignore[attr-defined]
        yield state
SEEDS = int(os.environ.get("SUBSTACK_SOAK_SEEDS", "20"))
WRITES_OF_A_FULL_RUN = 6  # 3 uploads, the create, the PUT after it, the publish


def until_done(publish, tries: int = 12):
    for _ in range(tries):
        run = publish()
        if run.outcome.status != "failed":
            return run
    pytest.fail(f"still failing after {tries} runs: {run.lines}")


def one_post_one_email(fake) -> None:
    assert fake.posts() == 1 and len(fake.drafts) == 1  # one draft ever created, none deleted
    assert len(fake.published_posts()) == 1
    assert fake.emails_sent() == 1


@pytest.mark.parametrize("seed", range(SEEDS))
def test_the_fault_soak_ends_with_one_post_one_email_and_no_edit_overwritten(seed, sample_draft, project, fake,
                                                                          publish, plan):
    plan.draw_from(rate=0.2, seed=seed, kinds=("502", "drop"))
    write_settings(project, publish=True, send_email=True)
    until_done(publish)
    one_post_one_email(fake)
    assert len(fake.images) <= 3 + plan.hidden("/api/v1/image")  # twice only where a fault hid one
    (draft,) = fake.drafts.values()
    fake.edit_in_editor(draft["id"], "欢迎回信交流", "欢迎回信交流（作者在编辑器里补充）")
    edit_paragraph(project, "吞吐量提升", "吞吐量大幅提升")
    for _ in range(2):  # faults hit writes only, and the look before acting writes nothing
        run = publish()
        assert run.outcome.status == "failed" and "edited in Substack" in run.outcome.error, run.lines
    assert "作者在编辑器里补充" in json.dumps(json.loads(draft["draft_body"]), ensure_ascii=False)
    one_post_one_email(fake)


def _publisher(project, fake, cookie) -> subprocess.Popen:
    env = {**os.environ, "SUBSTACK_COOKIE": cookie, "LEOTALK_SUBSTACK_API_BASE": fake.base, "CI": "1"}
    command = [sys.executable, "-c", "from leotalk_publish.cli import main; main()",
               "publish", "issue-1", "--channels", "substack", "--project", str(project)]
    return subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def test_a_full_run_makes_the_writes_the_kill_test_walks(sample_draft, project, fake, publish):
    write_settings(project, publish=True, send_email=True)
    publish()
    assert len(fake.writes()) == WRITES_OF_A_FULL_RUN, fake.writes()


@pytest.mark.parametrize("kill_at", range(1, WRITES_OF_A_FULL_RUN + 1))
def test_a_kill_at_every_write_then_a_rerun_ends_with_one_post_and_one_email(kill_at, sample_draft, project, fake,
                                                                            publish, cookie, plan):
    write_settings(project, publish=True, send_email=True)
    child = _publisher(project, fake, cookie)
    plan.kill_pid_at_write = (child.pid, kill_at)  # the child makes its first write long after it starts
    child.wait(timeout=60)
    assert child.returncode == -9
    assert plan.kill_pid_at_write is None  # the plan killed it
    run = until_done(publish)
    assert run.outcome.status == "pushed", run.lines
    one_post_one_email(fake)
    assert len(fake.images) <= 3 + 3  # only uploads in flight (side by side) when it died can go up twice
