"""The WeChat fault soak of issue 10: 20% faults on every write, publication on, 20 seeds, each run again
until it is done — and each seed ends with exactly one draft made, one article published, 0 second articles.

Faults come from ``tests/faults.py`` (502, busy, dropped connection, timeout; half of them after the effect
was applied, so the answer is lost but the effect is not). ``WECHAT_SOAK_SEEDS=100`` for a longer soak.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from leotalk_publish import pipeline
from leotalk_publish.progress import PlainProgress
from leotalk_publish.project import Project
from tests.faults import FaultPlan
from tests.loopback import serve
from tests.wechat.fake_wechat import FakeWechat, Fault, handler_for, with_faults

pytestmark = pytest.mark.long(seconds=7)  # seconds of subprocesses or soaks: started first

SEEDS = int(os.environ.get("WECHAT_SOAK_SEEDS", "20"))
BODY = ("# 本周\n\n第一段。\n\n![图一](images/a.png)\n\n![图二](images/b.png)\n\n- 一\n- 二\n\n"
        "![图三](images/c.png)\n\n结尾。\n")
IMAGES = ("images/a.png", "images/b.png", "images/c.png")


def run_until_done(project: Path, env: dict[str, str], lines: list[str], tries: int = 15) -> int:
    for run in range(1, tries + 1):
        preparation = pipeline.prepare(Project(project), "issue-1", ["wechat"], env)
        (outcome,) = pipeline.publish(Project(project), preparation, progress=PlainProgress(lines.append),
                                      options={"sleep": lambda seconds: None})
        lines.append(f"run {run}: {outcome.status} {outcome.error}")
        if outcome.status != "failed":
            return run
    pytest.fail("still failing:\n" + "\n".join(lines[-20:]))


@pytest.mark.parametrize("seed", range(SEEDS))
def test_faults_on_every_write_end_with_one_draft_and_one_publication(seed, project, make_draft):
    make_draft(BODY, images=IMAGES)
    (project / "channels" / "wechat.toml").write_text("publish = true\npoll_interval_s = 0\ntimeout_s = 0.5\n")
    fake, plan, lines = FakeWechat(), FaultPlan(rate=0.2, seed=seed, hang_s=0.8), []
    with serve(with_faults(fake, plan)) as base:
        env = {"WECHAT_APPID": fake.appid, "WECHAT_APPSECRET": fake.secret, "LEOTALK_WECHAT_API_BASE": base}
        run_until_done(project, env, lines)
        run_until_done(project, env, lines)  # and once more: nothing left to do
    assert lines[-1].startswith("run 1: unchanged"), lines
    assert len(fake.created) == 1, (fake.created, plan.injected)
    assert len(fake.published) == 1, (fake.published, plan.injected)
    assert fake.drafts == {}  # the published draft left the box
    hidden = sum(1 for path, _, after in plan.injected if after and "uploadimg" in path)
    assert 3 <= len(fake.images) <= 3 + hidden


@pytest.mark.parametrize("after", [False, True], ids=["before", "after"])
@pytest.mark.parametrize("kind", ["502", "busy", "drop"])
@pytest.mark.parametrize("path", ["draft/add", "freepublish/submit"])
def test_each_fault_on_the_acts_that_cannot_be_repeated(path, kind, after, project, make_draft):
    """Few random faults land on draft/add and submit (one call each a run): each kind, before and after."""
    make_draft(BODY, images=IMAGES)
    (project / "channels" / "wechat.toml").write_text("publish = true\npoll_interval_s = 0\n")
    fake, lines = FakeWechat(), []
    fake.fail(path, Fault(kind, after=after), Fault(kind, after=after))
    with serve(handler_for(fake)) as base:
        env = {"WECHAT_APPID": fake.appid, "WECHAT_APPSECRET": fake.secret, "LEOTALK_WECHAT_API_BASE": base}
        run_until_done(project, env, lines)
    assert len(fake.created) == 1 and len(fake.published) == 1, lines
    assert fake.calls.count("freepublish/submit") <= (1 if after else 3), lines
