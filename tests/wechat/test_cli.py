"""The command a person types, against the loopback fake: publish, publish again, dry run."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from leotalk_publish.cli import app
from tests.wechat.test_publish import only_draft, sample_or_seed


@pytest.fixture
def cli(project, env):
    runner = CliRunner()

    def run(*args: str):
        return runner.invoke(app, ["publish", "issue-1", "--channels", "wechat", "--force",
                                   "--project", str(project), *args], env=env)
    return run


def test_publish_then_publish_again_then_dry_run(project, fake, cli, seed_text):
    sample_or_seed(project, seed_text)
    dry = cli("--dry-run")
    assert dry.exit_code == 0, dry.output
    assert "create a draft" in dry.output and fake.writes() == []

    first = cli()
    assert first.exit_code == 0, first.output
    assert "wechat: api → WeChat draft" in first.output and "publish it at https://mp.weixin.qq.com" in first.output
    assert only_draft(fake)["title"]

    writes = len(fake.writes())
    again = cli()
    assert again.exit_code == 0 and "unchanged" in again.output and len(fake.writes()) == writes
    assert fake.secret not in first.output + again.output + dry.output


def test_a_failed_push_exits_1_with_the_reason(project, fake, cli, seed_text):
    from tests.wechat.fake_wechat import Fault
    sample_or_seed(project, seed_text)
    fake.fail("stable_token", Fault("40164", errmsg="invalid ip 198.51.100.4, not in whitelist"))
    result = cli()
    assert result.exit_code == 1 and "198.51.100.4" in result.output
