"""Faults and crashes: whatever fails, and wherever the publisher dies, one draft, one email, and an image
uploaded twice only where a fault hid its first upload (Substack offers no way to find it)."""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys

import pytest

from tests.substack.conftest import write_settings


def publish_until_done(publish, tries: int = 8):
    for _ in range(tries):
        run = publish()
        if run.outcome.status != "failed":
            return run
    pytest.fail(f"still failing after {tries} runs: {run.lines}")


SEEDS = int(os.environ.get("FAULT_SEEDS", "12"))  # FAULT_SEEDS=200 for a longer soak


@pytest.mark.parametrize("seed", range(SEEDS))
def test_random_faults_leave_one_draft_one_email_and_no_needless_upload(seed, sample_draft, project, fake,
                                                                        publish):
    fake.fault_rate, fake.rng = 0.2, random.Random(seed)
    write_settings(project, publish=True, send_email=True)
    publish_until_done(publish)
    assert len(fake.drafts) == 1
    assert fake.emails_sent() == 1
    hidden_uploads = fake.hidden.count("/api/v1/image")
    assert len(fake.images) <= 3 + hidden_uploads
    assert fake.next_id - 1000 == 1  # one draft ever created, not one created and another deleted


def _publisher(project, fake, cookie) -> subprocess.Popen:
    env = {**os.environ, "SUBSTACK_COOKIE": cookie, "LEOTALK_SUBSTACK_API_BASE": fake.base, "CI": "1"}
    command = [sys.executable, "-c", "from leotalk_publish.cli import main; main()",
               "publish", "issue-1", "--channels", "substack", "--project", str(project)]
    return subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


@pytest.mark.parametrize("kill_at", range(1, 6))
def test_a_publisher_killed_at_any_write_is_finished_by_the_next_run(kill_at, sample_draft, project, fake, publish,
                                                                     cookie):
    write_settings(project, publish=True, send_email=True)
    fake.kill_at_write = (-1, kill_at)
    child = _publisher(project, fake, cookie)
    fake.kill_at_write = (child.pid, kill_at)
    child.wait(timeout=60)
    assert child.returncode == -9
    uploads_before = len(fake.images)
    registry = project / "ledger" / "assets" / "substack" / "leotalk.json"
    recorded = len(json.loads(registry.read_text())["uploads"]) if registry.exists() else 0
    run = publish()
    assert run.outcome.status == "pushed", run.lines
    assert len(fake.drafts) == 1 and fake.next_id - 1000 == 1 and fake.emails_sent() == 1
    assert len(fake.images) - uploads_before == 3 - recorded  # recorded uploads are never sent again
