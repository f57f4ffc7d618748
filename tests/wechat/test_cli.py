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


def first_words(project) -> str:
    from leotalk_publish import model as m
    from leotalk_publish.load import load_issue
    issue = load_issue(project / "drafts", "issue-1")
    paragraph = next(b for b in issue.document.blocks if isinstance(b, m.Paragraph))
    return m.plain_text(paragraph.children)[:8]


def test_published_then_edited_exits_0_with_the_reason_and_republish_sends_one_new(project, fake, cli, seed_text):
    from tests.wechat.test_publish import edit_paragraph
    folder = sample_or_seed(project, seed_text)
    (project / "channels" / "wechat.toml").write_text("publish = true\npoll_interval_s = 0\n")
    assert cli().exit_code == 0
    words = first_words(project)
    edit_paragraph(folder, words, words + "（改）")
    skipped = cli()
    assert skipped.exit_code == 0, skipped.output
    assert "WeChat cannot change a published article" in skipped.output and "--republish" in skipped.output
    dry = cli("--dry-run")
    assert "seen: published " in dry.output and "nothing to do: published" in dry.output
    again = cli("--republish")
    assert again.exit_code == 0, again.output
    assert len(fake.published) == 2 and len(fake.created) == 2


def test_an_edit_in_the_editor_exits_1_with_the_diff_and_overwrite_replaces_it(project, fake, cli, seed_text):
    from tests.wechat.test_publish import edit_paragraph
    folder = sample_or_seed(project, seed_text)
    assert cli().exit_code == 0
    (media_id,) = fake.drafts
    words = first_words(project)
    fake.edit_in_editor(media_id, words, words + "编辑器里改的")
    edit_paragraph(folder, words, words + "（改）")
    stopped = cli()
    assert stopped.exit_code == 1, stopped.output
    assert "edited in the WeChat editor" in stopped.output and "编辑器里改的" in stopped.output
    assert "--overwrite" in stopped.output and fake.calls.count("draft/update") == 0
    assert cli("--overwrite").exit_code == 0
    assert "编辑器里改的" not in fake.drafts[media_id]["articles"][0]["content"]
