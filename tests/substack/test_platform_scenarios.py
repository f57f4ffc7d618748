"""Issue 10's Substack scenarios, against the fake as the corrected contract describes Substack: each test
reproduced the failure on the code before the observe step (identity by title, no look before acting, the
create trusted with the section, 429 waited for a Retry-After that never comes, no Referer)."""

from __future__ import annotations

import json
import shutil
import threading
from pathlib import Path

from leotalk_publish import pipeline
from leotalk_publish.progress import PlainProgress
from leotalk_publish.project import Project
from tests.conftest import write_png
from tests.substack.conftest import SAMPLE, add_images, write_settings
from tests.substack.fake_substack import Fault
from tests.substack.test_push_api import edit_paragraph, sole_draft


class VirtualTime:
    """A monotonic clock that only a sleep moves: the client's pace and the fake's limiter share it."""

    def __init__(self) -> None:
        self.t = 1000.0
        self.slept: list[float] = []
        self.lock = threading.Lock()

    def now(self) -> float:
        return self.t

    def sleep(self, seconds: float) -> None:
        with self.lock:
            self.t += seconds
            self.slept.append(seconds)


def lose_the_ledger(project: Path, issue: str = "issue-1") -> None:
    (project / "ledger" / f"{issue}.json").unlink()


# ── published posts and lost ledgers ────────────────────────────────────────────────────────────────
def test_a_lost_ledger_never_emails_again_nor_makes_a_second_post(sample_draft, project, fake, publish):
    write_settings(project, publish=True, send_email=True)
    assert publish().outcome.status == "pushed"
    lose_the_ledger(project)
    edit_paragraph(project, "欢迎回信交流", "欢迎留言交流")
    run = publish()
    assert run.outcome.status == "pushed", run.lines
    assert fake.posts() == 1 and len(fake.published_posts()) == 1
    assert fake.emails_sent() == 1 and [p["send"] for p in fake.published] == [True, False]
    assert any("published 2025-09-22" in line and "found by its slug" in line for line in run.lines)
    assert "欢迎留言交流" in json.dumps(sole_draft(fake)[1], ensure_ascii=False)  # updated in place


def test_a_post_published_by_hand_is_updated_in_place_without_email(sample_draft, project, fake, publish):
    write_settings(project, send_email=False)
    publish()
    draft, _ = sole_draft(fake)
    fake.publish_by_hand(draft["id"], send=True)  # the writer pressed Publish in Substack
    edit_paragraph(project, "欢迎回信交流", "欢迎留言交流")
    run = publish()
    assert run.outcome.status == "pushed" and run.outcome.result.published, run.lines
    assert [p["send"] for p in fake.published] == [True, False] and fake.posts() == 1
    assert any("updated in place" in note for note in run.outcome.result.notes)


def test_two_issues_with_the_same_title_never_share_a_draft(sample_draft, project, fake, publish):
    write_settings(project)
    publish()
    second = project / "drafts" / "issue-2"
    shutil.copytree(SAMPLE, second)
    add_images(second, (second / "index.md").read_text(encoding="utf-8"))
    index = second / "index.md"
    index.write_text(index.read_text(encoding="utf-8").replace("slug: sample-weekly-1", "slug: sample-weekly-2")
                     .replace("欢迎回信交流", "第二期"), encoding="utf-8")
    proj = Project(project)
    env = {"SUBSTACK_COOKIE": fake.cookie, "LEOTALK_SUBSTACK_API_BASE": fake.base}
    (outcome,) = pipeline.publish(proj, pipeline.prepare(proj, "issue-2", ["substack"], env),
                                  progress=PlainProgress(lambda line: None), options={"sleep": lambda s: None})
    assert outcome.status == "pushed", outcome.error
    assert fake.posts() == 2 and len({d["draft_title"] for d in fake.drafts.values()}) == 1
    assert {d["slug"] for d in fake.drafts.values()} == {"sample-weekly-1", "sample-weekly-2"}
    assert len(fake.images) == 3  # the same pictures: already on the account, not uploaded again


def test_a_lost_ledger_adopts_the_scheduled_post_instead_of_scheduling_another(sample_draft, project, fake,
                                                                               publish):
    write_settings(project, schedule=True)
    publish()
    lose_the_ledger(project)
    edit_paragraph(project, "欢迎回信交流", "欢迎留言交流")
    run = publish()
    assert run.outcome.status == "pushed", run.lines
    assert fake.posts() == 1 and fake.count("POST", r"/api/v1/drafts/\d+/scheduled_release") == 1
    assert any("scheduled for 2025-09-22" in line for line in run.lines)


# ── edits made in Substack's editor ─────────────────────────────────────────────────────────────────
def test_an_edit_in_the_editor_stops_the_push_with_a_diff_and_the_ways_on(sample_draft, project, fake, publish):
    write_settings(project)
    publish()
    draft, _ = sole_draft(fake)
    fake.edit_in_editor(draft["id"], "欢迎回信交流", "欢迎回信交流（编辑器里改的）")
    edit_paragraph(project, "吞吐量提升", "吞吐量大幅提升")
    run = publish()
    assert run.outcome.status == "failed"
    assert "edited in Substack" in run.outcome.error and "--overwrite" in run.outcome.error
    assert "+" in run.outcome.error and "编辑器里改的" in run.outcome.error  # the short diff
    assert "编辑器里改的" in json.loads(fake.drafts[draft["id"]]["draft_body"]).__repr__()  # nothing overwritten
    assert fake.count("PUT", r"/api/v1/drafts/\d+") == 1  # only the first push's
    forced = publish(options={"overwrite": True})
    assert forced.outcome.status == "pushed", forced.lines
    assert "编辑器里改的" not in json.dumps(sole_draft(fake)[1], ensure_ascii=False)


def test_substacks_own_serialisation_is_not_taken_for_an_edit(sample_draft, project, fake, publish):
    write_settings(project)
    publish()
    stored = sole_draft(fake)[0]["draft_body"]
    assert stored != fake.sent[sole_draft(fake)[0]["id"]] and "\\u" in stored  # never the bytes sent
    edit_paragraph(project, "欢迎回信交流", "欢迎留言交流")
    assert publish().outcome.status == "pushed"


def test_a_put_whose_answer_was_lost_is_not_taken_for_an_edit(sample_draft, project, fake, publish):
    write_settings(project, publish=True)
    publish()
    edit_paragraph(project, "欢迎回信交流", "欢迎留言交流")
    fake.faults.append(Fault("PUT", r"/api/v1/drafts/\d+", status=400, after=True))  # applied, then refused
    assert publish().outcome.status == "failed"
    edit_paragraph(project, "欢迎留言交流", "欢迎来信")
    run = publish()
    assert run.outcome.status == "pushed", run.lines


def test_dry_run_says_what_it_saw(sample_draft, project, fake, publish):
    write_settings(project, publish=True)
    publish()
    draft, _ = sole_draft(fake)
    fake.edit_in_editor(draft["id"], "欢迎回信交流", "欢迎回信")
    edit_paragraph(project, "吞吐量提升", "吞吐量大幅提升")
    written = fake.writes()
    actions = dry_run_actions(project, fake)
    assert "seen: published 2025-09-22" in actions and "seen: the draft was edited in Substack" in actions
    assert "stop: draft" in actions and fake.writes() == written  # nothing written
    assert len(fake.published) == 1


def dry_run_actions(project: Path, fake) -> str:
    proj = Project(project)
    env = {"SUBSTACK_COOKIE": fake.cookie, "LEOTALK_SUBSTACK_API_BASE": fake.base}
    (item,) = pipeline.plan(proj, pipeline.prepare(proj, "issue-1", ["substack"], env))
    return "\n".join(item.plan.actions)


def test_a_dry_run_names_a_section_the_publication_does_not_have(sample_draft, project, fake):
    fake.sections = [{"id": 7, "name": "Weekly", "slug": "weekly"}]
    write_settings(project, section="Daily")
    actions = dry_run_actions(project, fake)
    assert "stop: section in channels/substack.toml is 'Daily', but the publication has no such section" in actions
    assert "its sections: 'Weekly'" in actions and fake.writes() == []


def test_a_dry_run_says_that_publishing_needs_a_section_where_the_publication_has_them(sample_draft, project, fake):
    fake.sections = [{"id": 7, "name": "Weekly", "slug": "weekly"}, {"id": 8, "name": "Notes", "slug": "notes"}]
    write_settings(project, publish=True)
    assert "stop: this publication has sections" in dry_run_actions(project, fake)
    write_settings(project)  # a draft needs no section
    assert "stop:" not in dry_run_actions(project, fake)
    write_settings(project, publish=True, section="notes")
    assert "stop:" not in dry_run_actions(project, fake) and fake.writes() == []


# ── intents ─────────────────────────────────────────────────────────────────────────────────────────
def test_a_publish_whose_answer_was_lost_is_asked_about_not_repeated(sample_draft, project, fake, publish):
    write_settings(project, publish=True, send_email=True)
    fake.faults.append(Fault("POST", r"/api/v1/drafts/\d+/publish", status=400, after=True))
    assert publish().outcome.status == "failed"
    ledger = json.loads((project / "ledger" / "issue-1.json").read_text())["channels"]["substack"]
    assert ledger["intent"]["act"] == "publish" and ledger["intent"]["send"] is True
    run = publish()
    assert run.outcome.status == "pushed", run.lines
    assert fake.emails_sent() == 1 and len(fake.published) == 1
    assert any("the last run's publish went through" in line for line in run.lines)


# ── the corrected contract ──────────────────────────────────────────────────────────────────────────
def test_the_section_is_put_after_the_create_and_read_back(sample_draft, project, fake, publish):
    fake.sections = [{"id": 7, "name": "Weekly", "slug": "weekly"}]
    write_settings(project, publish=True, section="Weekly", audience="only_paid")
    run = publish()
    assert run.outcome.status == "pushed", run.lines
    draft, _ = sole_draft(fake)
    assert (draft["draft_section_id"], draft["section_chosen"], draft["audience"]) == (7, True, "only_paid")
    put = fake.log.index(("PUT", f"/api/v1/drafts/{draft['id']}"))
    assert fake.log[put + 1] == ("GET", f"/api/v1/drafts/{draft['id']}")  # read back before publishing


def test_a_schedule_needs_section_chosen_which_the_create_ignores(sample_draft, project, fake, publish):
    write_settings(project, schedule=True)
    run = publish()
    assert run.outcome.status == "pushed", run.lines
    assert sole_draft(fake)[0]["section_chosen"] is True


def test_prepublish_failing_is_a_warning_not_a_failure(sample_draft, project, fake, publish):
    write_settings(project, publish=True)
    fake.faults += [Fault("GET", r"/api/v1/drafts/\d+/prepublish", status=500) for _ in range(5)]
    run = publish()
    assert run.outcome.status == "pushed", run.lines
    assert any("warning: Substack's pre-publish check did not answer" in n for n in run.outcome.result.notes)
    assert len(fake.published) == 1


def test_random_prepublish_500s_never_stop_a_publish(sample_draft, project, fake, publish):
    write_settings(project, publish=True)
    fake.prepublish_fail_rate = 0.5
    assert publish().outcome.status == "pushed"


def test_a_custom_domain_publication_is_called_on_its_canonical_host_with_its_referer(sample_draft, project, fake,
                                                                                      publish):
    fake.custom_domain = "news.example.org"
    write_settings(project)
    run = publish()
    assert run.outcome.status == "pushed", run.lines
    assert all(h.get("Referer") == "https://leotalk.substack.com/publish/home" for h in fake.seen_headers)


def test_a_redirect_is_named_as_a_configuration_problem(sample_draft, project, fake, publish):
    fake.custom_domain, fake.subdomain = "news.example.org", "leotalk-news"  # the setting names another one
    write_settings(project)
    run = publish()
    assert run.outcome.status == "failed"
    error = run.outcome.error
    assert "configuration problem" in error and "news.example.org" in error and "'publication'" in error
    assert "API may have changed" not in error and "cookie" not in error.lower()


def test_cloudflares_1010_page_is_named_not_taken_for_an_expired_cookie(sample_draft, project, fake, publish):
    fake.cloudflare_block = True
    write_settings(project)
    run = publish()
    assert run.outcome.status == "failed"
    assert "1010" in run.outcome.error and "Cloudflare" in run.outcome.error
    assert "not an expired cookie" in run.outcome.error and "developer tools" not in run.outcome.error


# ── rate limits: plain-text 429s, no Retry-After, a cooldown ────────────────────────────────────────
def thirty_image_issue(make_draft) -> None:
    body = "一段文字。\n\n" + "\n\n".join(f"![图 {i}](images/p{i:02d}.png)" for i in range(30)) + "\n"
    folder = make_draft(body)
    for i in range(30):
        write_png(folder / "images" / f"p{i:02d}.png", size=(40 + i, 30), color="#336699")


def limited(fake, clock: VirtualTime, cooldown_s: float = 90.0) -> None:
    """About one request a second for half a minute trips it: more than 20 in 30 s."""
    fake.rate_max, fake.rate_window_s, fake.cooldown_s, fake.now = 20, 30.0, cooldown_s, clock.now


def test_the_default_pace_never_trips_the_limiter(make_draft, project, fake, publish):
    thirty_image_issue(make_draft)
    clock = VirtualTime()
    limited(fake, clock)
    write_settings(project, publish=True, requests_per_second=None, upload_concurrency=1)  # the default pace
    run = publish(options={"sleep": clock.sleep, "monotonic": clock.now})
    assert run.outcome.status == "pushed", run.lines
    assert fake.refused_429 == 0 and len(fake.images) == 30
    assert len(fake.log) / (clock.now() - 1000.0) < 1.0  # sustained, under one request a second


def test_a_cooldown_is_waited_out_on_the_ladder_and_shown(make_draft, project, fake, publish):
    thirty_image_issue(make_draft)
    clock = VirtualTime()
    limited(fake, clock)
    write_settings(project, publish=True, requests_per_second=1.0, upload_concurrency=1)  # the old pace
    run = publish(options={"sleep": clock.sleep, "monotonic": clock.now})
    assert run.outcome.status == "pushed", run.lines
    assert fake.refused_429 > 0
    waits = [line for line in run.lines if "rate limiting (429)" in line]
    assert waits and "waiting 15 s" in waits[0] and any("waiting 30 s" in line for line in waits)
    assert len(fake.drafts) == 1 and len(fake.images) == 30


def test_a_cooldown_longer_than_the_ladder_stops_cleanly_and_a_later_run_finishes(make_draft, project, fake,
                                                                                  publish):
    thirty_image_issue(make_draft)
    clock = VirtualTime()
    limited(fake, clock, cooldown_s=3600.0)
    write_settings(project, publish=True, requests_per_second=1.0, upload_concurrency=1)
    run = publish(options={"sleep": clock.sleep, "monotonic": clock.now})
    assert run.outcome.status == "failed"
    assert "run the same command later" in run.outcome.error and "Traceback" not in run.outcome.error
    assert sum(s for s in clock.slept if s >= 15) <= 225 + 1  # bounded in total
    uploaded = len(fake.images)
    clock.sleep(3600)
    fake.cooldown_s = 90.0  # the usual cooldown from now on, which the ladder outlasts
    again = publish(options={"sleep": clock.sleep, "monotonic": clock.now})
    assert again.outcome.status == "pushed", again.lines
    assert len(fake.images) == 30 and uploaded < 30 and len(fake.drafts) == 1 and len(fake.published) == 1


def test_uploads_report_their_progress(sample_draft, project, fake, publish):
    write_settings(project)
    run = publish()
    assert [line.split(": ", 1)[1] for line in run.lines if "uploaded" in line and "/3 images" in line] == [
        "uploaded 1/3 images", "uploaded 2/3 images", "uploaded 3/3 images"]


def test_a_lost_ledger_finds_an_old_post_beyond_the_first_page(sample_draft, project, fake, publish):
    write_settings(project, publish=True, send_email=True)
    publish()
    for n in range(120):  # a busy publication: 120 later posts
        fake.next_id += 1
        fake.drafts[fake.next_id] = {"id": fake.next_id, "draft_title": f"另一期 {n}", "slug": f"other-{n}",
                                     "is_published": True, "post_date": "2025-10-01T00:00:00.000Z",
                                     "scheduled_release": None, "updated": 1e12 + n, "draft_body": None}
    lose_the_ledger(project)
    edit_paragraph(project, "欢迎回信交流", "欢迎留言交流")
    pages = fake.count("GET", r"/api/v1/post_management/published")
    run = publish()
    assert run.outcome.status == "pushed", run.lines
    assert fake.emails_sent() == 1 and fake.count("POST", r"/api/v1/drafts") == 1
    assert fake.count("GET", r"/api/v1/post_management/published") - pages == 3  # 50 + 50 + 21
