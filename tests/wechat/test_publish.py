"""Publishing to the loopback fake over real HTTP: the "done when" of the channel, and its faults."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from leotalk_publish import model as m
from leotalk_publish.ledger import Ledger
from leotalk_publish.load import load_issue
from tests.conftest import REPO
from tests.faults import FaultPlan
from tests.loopback import serve
from tests.wechat.fake_wechat import Fault, with_faults
from tests.wechat.seed_draft import seed_as_draft
from tests.wechat.test_properties import model_texts, visible_text

SAMPLE = REPO / "drafts" / "issue-1"
BODY = "# 标题\n\n第一段，见[文章](https://example.com/a)。\n\n- 条目一\n- 条目二\n\n![](a.png)\n\n第二段。\n"


def sample_or_seed(project: Path, seed_text: str) -> Path:
    folder = project / "drafts" / "issue-1"
    if (SAMPLE / "index.md").exists():
        shutil.copytree(SAMPLE, folder)
    else:
        seed_as_draft(seed_text, folder)
    return folder


def only_draft(fake) -> dict:
    assert len(fake.drafts) == 1, f"{len(fake.drafts)} drafts"
    return next(iter(fake.drafts.values()))["articles"][0]


def ledger_of(project: Path) -> dict:
    return Ledger(project / "ledger", "issue-1").data["channels"]["wechat"]


def edit_paragraph(folder: Path, old: str, new: str) -> None:
    index = folder / "index.md"
    text = index.read_text(encoding="utf-8")
    assert old in text
    index.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_done_when_one_draft_carries_everything_then_nothing_then_one_update(project, runner, fake, seed_text):
    folder = sample_or_seed(project, seed_text)
    issue = load_issue(project / "drafts", "issue-1")
    assert runner.publish().status == "pushed"

    content = only_draft(fake)["content"]
    shown = visible_text(content)
    for text in model_texts(issue.document):
        assert text in shown
    images = m.all_images(issue.document)
    srcs = [img["src"] for img in BeautifulSoup(content, "html.parser").find_all("img")]
    assert len(srcs) == len(images) and all(s.startswith("https://mmbiz.qpic.cn/") for s in srcs)
    for link in m.all_links(issue.document):
        if link.href.startswith("http") and "mp.weixin.qq.com" not in link.href:
            assert link.href.split("://", 1)[1] in content
    assert len(fake.images) == len({a.sha256 for a in issue.assets.values() if a.src in {i.src for i in images}})
    assert len(fake.materials) == 1

    writes = len(fake.writes())
    assert runner.publish().status == "unchanged"
    assert len(fake.writes()) == writes

    paragraph = next(b for b in issue.document.blocks if isinstance(b, m.Paragraph))
    first_words = m.plain_text(paragraph.children)[:8]
    edit_paragraph(folder, first_words, first_words + "（改）")
    assert runner.publish().status == "pushed"
    assert fake.writes()[writes:] == ["draft/update"]
    assert "（改）" in only_draft(fake)["content"]


def test_transient_failures_are_retried_and_reported(project, make_draft, runner, fake):
    make_draft(BODY, images=("a.png",))
    fake.fail("media/uploadimg", Fault("502"), Fault("busy"))
    fake.fail("draft/add", Fault("502"))
    outcome = runner.publish()
    assert outcome.status == "pushed", outcome.error
    assert len(fake.drafts) == 1 and len(fake.images) == 1
    assert sum("retrying" in line for line in runner.lines) == 3  # two for the upload, one for draft/add


def test_an_expired_token_mid_run_is_renewed_once(project, make_draft, runner, fake):
    make_draft(BODY, images=("a.png",))
    fake.fail("draft/add", Fault("expire"))
    assert runner.publish().status == "pushed"
    # observe's token, push's, and the one renewal: stable_token in normal mode; never a plain "token" call
    assert fake.token_calls == [False, False, False]
    assert "token" not in fake.calls
    assert any("fetching a new one" in line for line in runner.lines)


def test_a_draft_deleted_by_hand_is_created_again_and_recorded(project, make_draft, runner, fake):
    folder = make_draft(BODY, images=("a.png",))
    runner.publish()
    first = ledger_of(project)["draft"]["media_id"]
    fake.delete_draft(first)
    edit_paragraph(folder, "第二段", "第二段改过")
    assert runner.publish().status == "pushed"
    second = ledger_of(project)["draft"]["media_id"]
    assert second != first and list(fake.drafts) == [second]
    assert fake.calls.count("media/uploadimg") == 1
    assert any("deleted in the editor" in line for line in runner.lines)


def test_a_lost_answer_to_draft_add_does_not_make_a_second_draft(project, make_draft, runner, fake):
    make_draft(BODY, images=("a.png",))
    fake.fail("draft/add", Fault("drop", after=True))
    assert runner.publish().status == "pushed"
    assert len(fake.drafts) == 1 and fake.calls.count("draft/add") == 1
    assert ledger_of(project)["draft"]["media_id"] == next(iter(fake.drafts))


def test_the_next_run_finds_a_draft_whose_answer_was_lost(project, make_draft, runner, fake):
    make_draft(BODY, images=("a.png",))
    fake.fail("draft/add", Fault("drop", after=True))
    fake.fail("draft/batchget", Fault("ok"), Fault("45009"))  # observe's search passes; the one after the loss fails
    assert runner.publish().status == "failed"
    assert len(fake.drafts) == 1 and "draft_pending" in ledger_of(project)
    assert runner.publish().status == "pushed"
    assert len(fake.drafts) == 1 and fake.calls.count("draft/add") == 1
    assert ledger_of(project)["draft"]["media_id"] == next(iter(fake.drafts))
    assert fake.calls.count("media/uploadimg") == 1


def publish_setting(project: Path) -> None:
    (project / "channels" / "wechat.toml").write_text("publish = true\npoll_interval_s = 0\n")


def test_publication_when_configured_polls_to_the_end(project, make_draft, runner, fake):
    make_draft(BODY, images=("a.png",))
    publish_setting(project)
    outcome = runner.publish()
    assert outcome.result.published and "https://mp.weixin.qq.com/s/" in outcome.result.notes[0]
    assert fake.calls.count("freepublish/get") == 2
    assert ledger_of(project)["publication"]["status"] == "published"


def test_48001_stops_at_the_draft_and_says_where_to_publish(project, make_draft, runner, fake):
    make_draft(BODY, images=("a.png",))
    publish_setting(project)
    fake.verified = False
    outcome = runner.publish()
    assert outcome.status == "pushed" and not outcome.result.published
    assert "48001" in outcome.result.notes[0] and "mp.weixin.qq.com" in outcome.result.notes[0]
    assert len(fake.drafts) == 1


def test_40164_fails_at_once_naming_the_ip_to_whitelist(project, make_draft, runner, fake):
    make_draft(BODY, images=("a.png",))
    fake.fail("stable_token", Fault("40164", errmsg="invalid ip 203.0.113.7 ipv6 ::ffff:203.0.113.7, not in whitelist"))
    outcome = runner.publish()
    assert outcome.status == "failed"
    assert "203.0.113.7" in outcome.error and "IP白名单" in outcome.error and "proxy" in outcome.error
    assert fake.calls == ["stable_token"]


def test_45009_fails_at_once_with_a_plain_message(project, make_draft, runner, fake):
    make_draft(BODY, images=("a.png",))
    fake.fail("draft/add", Fault("45009"))
    outcome = runner.publish()
    assert outcome.status == "failed" and "quota" in outcome.error and "45009" in outcome.error
    assert fake.calls.count("draft/add") == 1 and fake.drafts == {}


@pytest.mark.parametrize("seed", range(10))
def test_random_write_faults_still_end_with_exactly_one_draft(project, make_draft, runner, fake, seed):
    make_draft(BODY.replace("![](a.png)", "![](a.png)\n\n![](b.png)\n\n![](c.png)"), images=("a.png", "b.png", "c.png"))
    plan = FaultPlan(rate=0.3, seed=seed, kinds=("502", "busy", "drop"))
    with serve(with_faults(fake, plan)) as base:
        runner.env = {**runner.env, "LEOTALK_WECHAT_API_BASE": base}  # the same fake, behind the fault plan
        for _ in range(4):
            if runner.publish().status != "failed":
                break
    assert len(fake.drafts) == 1
    assert ledger_of(project)["draft"]["media_id"] == next(iter(fake.drafts))
    assert len(fake.images) <= 3 + plan.hidden("media/uploadimg")  # a second upload only where a fault hid one


def test_secrets_never_reach_output_ledger_snapshots_or_errors(project, make_draft, runner, fake):
    folder = make_draft(BODY, images=("a.png",))
    runner.publish()
    fake.fail("draft/update", *[Fault("drop")] * 6)
    edit_paragraph(folder, "第二段", "第二段再改")
    failed = runner.publish()
    assert failed.status == "failed"
    secrets = [fake.secret, fake.token, *fake.old_tokens]
    written = [p.read_text(encoding="utf-8") for p in project.rglob("*") if p.is_file() and p.suffix != ".png"]
    for text in [*written, "\n".join(runner.lines), failed.error]:
        for secret in filter(None, secrets):
            assert secret not in text
