"""Two publishes of the same issue at the same time: never both writing."""

from __future__ import annotations

import pytest

from tests.exactly_once.test_crash_wechat import BODY, IMAGES, run_publish
from tests.faults import FaultPlan
from tests.loopback import serve
from tests.wechat.fake_wechat import FakeWechat, with_faults

pytestmark = pytest.mark.long(seconds=5)  # seconds of subprocesses or soaks: started first


def race(project, extra_args: tuple[str, ...] = ()) -> tuple[FakeWechat, list[tuple[int, str]]]:
    fake = FakeWechat()
    plan = FaultPlan(latency_s=0.15)  # long enough that the two runs overlap
    with serve(with_faults(fake, plan)) as base:
        env = {"WECHAT_APPID": fake.appid, "WECHAT_APPSECRET": fake.secret, "LEOTALK_WECHAT_API_BASE": base}
        runs = [run_publish(project, env, extra_args) for _ in range(2)]
        outputs = [run.communicate(timeout=120) for run in runs]
        results = [(run.returncode, out + err) for run, (out, err) in zip(runs, outputs, strict=True)]
    return fake, results


@pytest.fixture
def draft(project, make_draft):
    make_draft(BODY, images=IMAGES)
    return project


def test_the_second_run_stops_with_a_clear_message(draft):
    fake, results = race(draft)
    codes = sorted(code for code, _ in results)
    assert codes == [0, 4], results
    loser = next(text for code, text in results if code == 4)
    assert "another publish of issue-1 is running" in loser
    assert len(fake.drafts) == 1


def test_with_wait_the_second_run_waits_then_finds_nothing_to_do(draft):
    fake, results = race(draft, ("--wait", "60"))
    assert [code for code, _ in results] == [0, 0], results
    assert sum("unchanged since the last push" in text for _, text in results) == 1
    assert len(fake.drafts) == 1
