"""Issue 9 point 3, the push side: WeChat's 45002 steps down the fit ladder, and the account remembers.

Render gives one rung today; these tests hand the push a ladder of several rungs (as render will), with the
fake's limit set between them, so the reaction to a real 45002 over real HTTP is what is tested.
"""

from __future__ import annotations

import re
from dataclasses import replace

from leotalk_publish import pipeline
from leotalk_publish.adapters.wechat.payload import Fit, WechatArticle, WechatPayload
from leotalk_publish.progress import PlainProgress
from tests.wechat.fake_wechat import Fault
from tests.wechat.test_publish import BODY, edit_paragraph, ledger_of


def compact(content: str) -> str:
    """A stand-in for render's compact theme: the same article without its inline styles."""
    return re.sub(r' style="[^"]*"', "", content)


def ladder_of(payload: WechatPayload, parts: int = 1) -> tuple[Fit, ...]:
    """The full rung render made, then a compact one, then (``parts`` > 1) a multi-article one."""
    full = payload.fits[0]
    first = full.articles[0]
    lean = Fit("compact theme", (replace(first, content=compact(first.content)),), note="decorative styles dropped")
    split = tuple(WechatArticle(f'<section><p>第{i + 1}部分</p></section>', {**first.fields,
                                "title": f"{first.fields['title']}（{i + 1}）"}, (), first.cover)
                  for i in range(parts))
    return (full, lean, Fit("multi-article draft", split, note=f"{parts} articles")) if parts > 1 \
        else (full, lean)


def publish_ladder(runner, parts: int = 1, chosen: int = 0, issue: str = "issue-1", dry: bool = False):
    preparation = pipeline.prepare(runner.project, issue, ["wechat"], runner.env)
    (item,) = preparation.channels
    fits = ladder_of(item.rendition.payload, parts)
    item.rendition = replace(item.rendition, payload=replace(item.rendition.payload, fits=fits, chosen=chosen))
    options = {"sleep": lambda seconds: None}
    if dry:
        (planned,) = pipeline.plan(runner.project, preparation, options=options)
        return list(planned.plan.actions)
    (outcome,) = pipeline.publish(runner.project, preparation, progress=PlainProgress(runner.lines.append),
                                  options=options)
    return outcome


def learned_sizes(project, fake) -> dict:
    """The sizes the account's registry learned, as the tool reads them (JSON file and journal lines)."""
    from leotalk_publish.ledger import AssetRegistry
    return AssetRegistry(project / "ledger", "wechat", fake.appid).entries("sizes")


def test_a_45002_steps_down_one_rung_and_says_which(project, make_draft, runner, fake):
    make_draft(BODY, images=("a.png",))
    fake.content_limit = 400  # the full theme (~760 characters) is refused, the compact one fits
    outcome = publish_ladder(runner)
    assert outcome.status == "pushed", outcome.error
    content = next(iter(fake.drafts.values()))["articles"][0]["content"]
    assert "style=" not in content and len(fake.refused_sizes) == 1
    assert any("stepping down to: compact theme" in line for line in runner.lines)
    assert "compact theme" in outcome.result.notes[-1] and ledger_of(project)["draft"]["step"].startswith("compact")
    sizes = learned_sizes(project, fake)["content"]
    assert sizes["refused"] == fake.refused_sizes[0] and sizes["accepted"] == len(content)


def test_what_was_learned_starts_the_next_push_at_the_rung_that_fits(project, make_draft, runner, fake):
    folder = make_draft(BODY, images=("a.png",))
    fake.content_limit = 400
    publish_ladder(runner)
    edit_paragraph(folder, "第二段", "第二段（改）")
    assert any("compact theme" in a for a in publish_ladder(runner, dry=True))
    assert publish_ladder(runner).status == "pushed"
    assert len(fake.refused_sizes) == 1  # the full theme was not sent again
    assert fake.calls.count("draft/update") == 1 and len(fake.created) == 1


def test_the_full_theme_is_named_when_it_fits(project, make_draft, runner, fake):
    make_draft(BODY, images=("a.png",))
    actions = publish_ladder(runner, dry=True)
    assert any(a.startswith("step: full theme, 1 article of ") for a in actions), actions
    assert "full theme" in publish_ladder(runner).result.notes[-1]


def test_more_articles_make_a_new_draft_first_and_delete_the_old_after(project, make_draft, runner, fake):
    folder = make_draft(BODY, images=("a.png",))
    publish_ladder(runner, parts=3)
    (old,) = fake.drafts
    edit_paragraph(folder, "第二段", "第二段（改）")
    fake.content_limit = 100  # only the parts fit now
    outcome = publish_ladder(runner, parts=3)
    assert outcome.status == "pushed", outcome.error
    (new,) = fake.drafts
    assert new != old and len(fake.drafts[new]["articles"]) == 3 and fake.created == [old, new]
    assert fake.calls.index("draft/delete") > fake.calls.index("draft/add", fake.calls.index("draft/update"))
    assert any(f"then deleting the old draft {old}" in line for line in runner.lines)
    assert any(f"deleted the old draft {old}" in line for line in runner.lines)
    assert ledger_of(project)["draft"]["media_id"] == new


def test_when_no_rung_fits_the_push_fails_with_the_sizes(project, make_draft, runner, fake):
    make_draft(BODY, images=("a.png",))
    fake.content_limit = 50
    outcome = publish_ladder(runner)
    assert outcome.status == "failed" and "last step of the fit ladder" in outcome.error
    assert fake.created == []


def test_an_old_draft_whose_delete_failed_is_deleted_by_the_next_run(project, make_draft, runner, fake):
    folder = make_draft(BODY, images=("a.png",))
    publish_ladder(runner, parts=3)
    (old,) = fake.drafts
    edit_paragraph(folder, "第二段", "第二段（改）")
    fake.content_limit = 100
    fake.fail("draft/delete", *[Fault("45009")])
    assert publish_ladder(runner, parts=3).status == "failed"
    assert old in fake.drafts and ledger_of(project)["replaced_draft"] == old
    edit_paragraph(folder, "第一段", "第一段（改）")
    assert publish_ladder(runner, parts=3).status == "pushed"
    assert old not in fake.drafts and len(fake.drafts) == 1 and "replaced_draft" not in ledger_of(project)
