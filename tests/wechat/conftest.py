"""Fixtures of the WeChat tests: a running fake of the API and a way to publish to it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from leotalk_publish import pipeline
from leotalk_publish.progress import PlainProgress
from leotalk_publish.project import Project
from tests.wechat.fake_wechat import FakeWechat, running


@pytest.fixture
def fake() -> Iterator[FakeWechat]:
    wechat = FakeWechat()
    with running(wechat) as base:
        wechat.base = base  # type: ignore[attr-defined]
        yield wechat


@pytest.fixture
def env(fake: FakeWechat) -> dict[str, str]:
    """Credentials and API address pointing at the fake (obviously fake values, made per test)."""
    return {"WECHAT_APPID": fake.appid, "WECHAT_APPSECRET": fake.secret,
            "LEOTALK_WECHAT_API_BASE": fake.base}  # type: ignore[attr-defined]


class Runner:
    """Publish an issue to the WeChat channel the way the CLI does, collecting what it reports."""

    def __init__(self, root: Path, env: dict[str, str]):
        self.project, self.env, self.lines = Project(root), env, []

    def publish(self, issue: str = "issue-1", export: bool = False, **options: bool) -> pipeline.Outcome:
        """One ``publish ISSUE --channels wechat`` (``republish=True`` / ``overwrite=True`` as the CLI flags)."""
        preparation = pipeline.prepare(self.project, issue, ["wechat"], self.env)
        (outcome,) = pipeline.publish(self.project, preparation, export=export,
                                      progress=PlainProgress(self.lines.append),
                                      options={"sleep": lambda seconds: None, **options})
        return outcome

    def dry_run(self, issue: str = "issue-1", **options: bool) -> list[str]:
        """The actions ``--dry-run`` prints for WeChat (after what observe saw)."""
        preparation = pipeline.prepare(self.project, issue, ["wechat"], self.env)
        (item,) = pipeline.plan(self.project, preparation, options={"sleep": lambda seconds: None, **options})
        return list(item.plan.actions)


@pytest.fixture
def runner(project: Path, env: dict[str, str]) -> Runner:
    return Runner(project, env)
