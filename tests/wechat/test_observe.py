"""Issue 10 for WeChat, over real HTTP against the corrected fake: what the platform holds decides.

A published draft leaves the draft box, the writer may press 发表 by hand, answers get lost, ledgers get
lost, and people edit drafts in the editor. Every scenario ends with 0 second articles, 0 drafts of another
issue adopted and 0 editor edits overwritten without ``--overwrite``.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.wechat.fake_wechat import Fault
from tests.wechat.test_publish import BODY, edit_paragraph, ledger_of

FRONT_2 = FRONT_SAME_TITLE = """---
title: "测试周刊 1"
date: 2025-09-29T08:00:00+08:00
slug: test-weekly-2
---
"""


def publish_setting(project: Path) -> None:
    (project / "channels" / "wechat.toml").write_text("publish = true\npoll_interval_s = 0\n")


def test_an_edit_after_publishing_makes_no_second_article(project, make_draft, runner, fake):
    folder = make_draft(BODY, images=("a.png",))
    publish_setting(project)
    assert runner.publish().result.published
    edit_paragraph(folder, "第二段", "第二段（错字已改）")
    outcome = runner.publish()
    assert outcome.status == "skipped", outcome.error
    assert "WeChat cannot change a published article" in outcome.error and "--republish" in outcome.error
    assert "https://mp.weixin.qq.com/s/" in outcome.error and "2025-09-22" in outcome.error
    assert len(fake.created) == 1 and len(fake.published) == 1 and fake.drafts == {}


def test_republish_sends_the_edited_issue_as_one_new_article(project, make_draft, runner, fake):
    folder = make_draft(BODY, images=("a.png",))
    publish_setting(project)
    runner.publish()
    edit_paragraph(folder, "第二段", "第二段（改）")
    outcome = runner.publish(republish=True)
    assert outcome.status == "pushed" and outcome.result.published, outcome.error
    assert len(fake.created) == 2 and len(fake.published) == 2
    assert runner.publish().status == "unchanged" and len(fake.published) == 2


def test_published_by_hand_where_freepublish_is_closed_is_said_and_not_recreated(project, make_draft, runner,
                                                                                 fake):
    folder = make_draft(BODY, images=("a.png",))
    fake.verified = False
    runner.publish()
    fake.publish_by_hand(ledger_of(project)["draft"]["media_id"])
    edit_paragraph(folder, "第二段", "第二段（改）")
    outcome = runner.publish()
    assert outcome.status == "skipped", outcome.error
    assert "published or deleted in the editor" in outcome.error and "--republish" in outcome.error
    assert len(fake.created) == 1
    assert runner.publish(republish=True).status == "pushed"
    assert len(fake.created) == 2


def test_published_by_hand_on_a_verified_account_is_found_in_freepublish(project, make_draft, runner, fake):
    folder = make_draft(BODY, images=("a.png",))
    runner.publish()
    fake.publish_by_hand(ledger_of(project)["draft"]["media_id"])
    edit_paragraph(folder, "第二段", "第二段（改）")
    outcome = runner.publish()
    assert outcome.status == "skipped" and "WeChat cannot change a published article" in outcome.error
    assert len(fake.created) == 1


def test_a_lost_answer_to_submit_is_asked_about_not_submitted_again(project, make_draft, runner, fake):
    make_draft(BODY, images=("a.png",))
    publish_setting(project)
    fake.fail("freepublish/submit", Fault("drop", after=True))
    first = runner.publish()
    assert first.status == "failed" and "run the same command again" in first.error
    assert ledger_of(project)["publication"]["status"] == "intent"
    second = runner.publish()
    assert second.status == "pushed" and second.result.published, second.error
    assert fake.calls.count("freepublish/submit") == 1 and len(fake.published) == 1


def test_a_lost_ledger_adopts_the_issues_draft_and_makes_no_second(project, make_draft, runner, fake):
    folder = make_draft(BODY, images=("a.png",))
    runner.publish()
    shutil.rmtree(project / "ledger")
    edit_paragraph(folder, "第二段", "第二段（改）")
    outcome = runner.publish(overwrite=True)
    assert outcome.status == "pushed", outcome.error
    assert len(fake.created) == 1 and len(fake.drafts) == 1
    assert "第二段（改）" in next(iter(fake.drafts.values()))["articles"][0]["content"]


def test_a_lost_ledger_with_nothing_changed_adopts_without_asking(project, make_draft, runner, fake):
    make_draft(BODY, images=("a.png",))
    runner.publish()
    shutil.rmtree(project / "ledger")
    assert runner.publish().status == "pushed"
    assert len(fake.created) == 1


def test_a_lost_ledger_after_publication_finds_the_article(project, make_draft, runner, fake):
    folder = make_draft(BODY, images=("a.png",))
    publish_setting(project)
    runner.publish()
    shutil.rmtree(project / "ledger")
    edit_paragraph(folder, "第二段", "第二段（改）")
    outcome = runner.publish()
    assert outcome.status == "skipped" and "published" in outcome.error, outcome.error
    assert len(fake.created) == 1 and len(fake.published) == 1


def test_another_issue_with_the_same_title_is_never_adopted(project, make_draft, runner, fake):
    make_draft(BODY, images=("a.png",))
    runner.publish()
    make_draft(BODY.replace("第一段", "另一期的第一段"), front=FRONT_SAME_TITLE, issue="issue-2", images=("a.png",))
    assert runner.publish("issue-2").status == "pushed"
    assert len(fake.created) == 2 and len(fake.drafts) == 2


def test_an_edit_in_the_editor_stops_with_a_diff_and_the_ways_on(project, make_draft, runner, fake):
    folder = make_draft(BODY, images=("a.png",))
    runner.publish()
    media_id = ledger_of(project)["draft"]["media_id"]
    fake.edit_in_editor(media_id, "第二段", "第二段，编辑器里加的话")
    edit_paragraph(folder, "第一段", "第一段（改）")
    outcome = runner.publish()
    assert outcome.status == "failed"
    assert "edited in the WeChat editor" in outcome.error and "编辑器里加的话" in outcome.error
    assert "--overwrite" in outcome.error and "copy the edits into the issue" in outcome.error
    assert "编辑器里加的话" in fake.drafts[media_id]["articles"][0]["content"]
    assert fake.calls.count("draft/update") == 0
    assert runner.publish(overwrite=True).status == "pushed"
    assert "编辑器里加的话" not in fake.drafts[media_id]["articles"][0]["content"]


def test_the_platforms_own_serialisation_is_not_taken_for_an_edit(project, make_draft, runner, fake):
    folder = make_draft(BODY, images=("a.png",))
    runner.publish()
    (media_id,) = fake.drafts
    stored = fake.drafts[media_id]["articles"][0]["content"]
    fake.edit_in_editor(media_id, "第二段", "第二段")  # stored now as the editor serialises it
    assert fake.drafts[media_id]["articles"][0]["content"] != stored
    edit_paragraph(folder, "第一段", "第一段（改）")
    assert runner.publish().status == "pushed"
    assert fake.calls.count("draft/update") == 1


def test_the_dry_run_says_what_it_saw(project, make_draft, runner, fake):
    folder = make_draft(BODY, images=("a.png",))
    publish_setting(project)
    runner.publish()
    edit_paragraph(folder, "第二段", "第二段（改）")
    writes = len(fake.writes())
    actions = runner.dry_run()
    assert any(a.startswith("seen: published 2025-09-22 at https://mp.weixin.qq.com/s/") for a in actions), actions
    assert any("WeChat cannot change a published article" in a for a in actions)
    assert len(fake.writes()) == writes


def test_a_deleted_draft_on_a_verified_account_is_created_again(project, make_draft, runner, fake):
    folder = make_draft(BODY, images=("a.png",))
    runner.publish()
    fake.delete_draft(ledger_of(project)["draft"]["media_id"])
    edit_paragraph(folder, "第二段", "第二段（改）")
    assert runner.publish().status == "pushed"
    assert len(fake.created) == 2 and len(fake.drafts) == 1


def test_a_dry_run_asks_about_an_open_intent_but_records_nothing(project, make_draft, runner, fake):
    make_draft(BODY, images=("a.png",))
    publish_setting(project)
    fake.fail("freepublish/submit", Fault("drop", after=True))
    runner.publish()
    ledger = (project / "ledger" / "issue-1.json").read_text(encoding="utf-8")
    writes = len(fake.writes())
    actions = runner.dry_run()
    assert any(a.startswith("seen: published ") for a in actions), actions
    assert (project / "ledger" / "issue-1.json").read_text(encoding="utf-8") == ledger
    assert len(fake.writes()) == writes


def test_a_submit_that_never_took_effect_is_submitted_once_more(project, make_draft, runner, fake):
    make_draft(BODY, images=("a.png",))
    publish_setting(project)
    fake.fail("freepublish/submit", Fault("502"))  # refused before the effect: nothing was published
    assert runner.publish().status == "failed"
    outcome = runner.publish()
    assert outcome.status == "pushed" and outcome.result.published, outcome.error
    assert len(fake.published) == 1 and fake.calls.count("freepublish/submit") == 2


def test_a_lost_ledger_after_publication_of_this_very_text_records_it_and_sends_nothing(project, make_draft,
                                                                                          runner, fake):
    make_draft(BODY, images=("a.png",))
    publish_setting(project)
    runner.publish()
    shutil.rmtree(project / "ledger")
    writes = len(fake.writes())
    outcome = runner.publish()
    assert outcome.status == "pushed" and outcome.result.published, outcome.error
    assert len(fake.writes()) == writes and ledger_of(project)["publication"]["status"] == "published"
    assert runner.publish().status == "unchanged"


def test_no_secret_reaches_the_ledger_the_registry_or_the_output_in_any_of_this(project, make_draft, runner, fake):
    folder = make_draft(BODY, images=("a.png",))
    publish_setting(project)
    fake.fail("freepublish/submit", Fault("drop", after=True))
    outcomes = [runner.publish(), runner.publish()]
    edit_paragraph(folder, "第二段", "第二段（改）")
    outcomes += [runner.publish(), runner.publish(republish=True)]
    secrets = [s for s in (fake.secret, fake.token, *fake.old_tokens) if s]
    written = [p.read_text(encoding="utf-8") for p in project.rglob("*") if p.is_file() and p.suffix != ".png"]
    assert any("assets" in str(p) for p in project.rglob("*.json"))
    for text in [*written, "\n".join(runner.lines), *(o.error for o in outcomes)]:
        assert not any(secret in text for secret in secrets)
