"""The API path end to end, over real HTTP against the loopback fake (tests/substack/fake_substack.py)."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

from leotalk_publish import model as m
from leotalk_publish.adapters.substack.schema import problems
from leotalk_publish.ledger import AssetRegistry, Ledger
from leotalk_publish.load import load_issue
from tests.substack.conftest import write_settings
from tests.substack.fake_substack import CDN, Fault


def sole_draft(fake) -> tuple[dict, dict]:
    """The one draft on Substack, and the body last sent to it (what Substack stores is its own serialisation)."""
    assert len(fake.drafts) == 1, f"{len(fake.drafts)} drafts on Substack"
    (draft,) = fake.drafts.values()
    assert isinstance(draft["draft_body"], str)
    return draft, json.loads(fake.sent[draft["id"]])


def nodes(node: dict, kind: str):
    if node.get("type") == kind:
        yield node
    for child in node.get("content", []):
        yield from nodes(child, kind)


def text_of(node: dict) -> str:
    return node.get("text", "") + "".join(text_of(c) for c in node.get("content", []))


def ledger(project: Path) -> dict:
    return Ledger(project / "ledger", "issue-1").data["channels"]["substack"]


def edit_paragraph(project: Path, old: str, new: str) -> None:
    index = project / "drafts" / "issue-1" / "index.md"
    index.write_text(index.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")


def test_first_publish_makes_one_draft_carrying_everything(sample_draft, project, fake, publish):
    write_settings(project)
    run = publish()
    assert run.outcome.status == "pushed", run.lines
    draft, doc = sole_draft(fake)
    assert problems(doc) == []
    issue = load_issue(project / "drafts", "issue-1")
    headings = [m.plain_text(b.children) for b in m.document_blocks(issue.document) if isinstance(b, m.Heading)]
    assert [text_of(h) for h in nodes(doc, "heading")] == headings
    items = {text_of(i["content"][0]) for i in nodes(doc, "list_item")}
    model_items = [b.items for b in m.document_blocks(issue.document) if isinstance(b, m.BulletList | m.OrderedList)]
    for item in (i for group in model_items for i in group):
        assert m.plain_text(item.blocks[0].children) in items
    srcs = [img["attrs"]["src"] for img in nodes(doc, "image2")]
    assert len(srcs) == len(m.all_images(issue.document)) and all(s.startswith(CDN) for s in srcs)
    hrefs = {mk["attrs"]["href"] for t in nodes(doc, "text") for mk in t.get("marks", []) if mk["type"] == "link"}
    assert hrefs == {link.href for link in m.all_links(issue.document)}
    assert draft["draft_bylines"] == [{"id": fake.user_id, "is_guest": False}]
    assert draft["draft_title"] == "Sample Weekly 1: a test issue" and draft["type"] == "newsletter"
    assert fake.published == [] and not draft["is_published"]
    assert ledger(project)["draft_id"] == draft["id"]


def test_uploads_take_size_from_the_answer_and_go_as_data_uris(sample_draft, project, fake, publish):
    write_settings(project)
    publish()
    _, doc = sole_draft(fake)
    first = next(nodes(doc, "image2"))["attrs"]
    answer = next(i for i in fake.images if i["url"] == first["src"])
    assert (first["width"], first["height"], first["bytes"]) == (answer["imageWidth"], answer["imageHeight"],
                                                                 answer["bytes"])
    assert len(fake.images) == 3  # three distinct images, none twice
    uploads = [h for (verb, path), h in zip(fake.log, fake.seen_headers, strict=True) if path == "/api/v1/image"]
    assert all(h["Content-Type"] == "application/json" for h in uploads)


def test_unchanged_run_writes_nothing_and_a_changed_paragraph_is_one_put(sample_draft, project, fake, publish):
    write_settings(project)
    publish()
    before = len(fake.log)
    again = publish()
    assert again.outcome.status == "unchanged" and len(fake.log) == before
    edit_paragraph(project, "欢迎回信交流", "欢迎留言交流")
    changed = publish()
    assert changed.outcome.status == "pushed", changed.lines
    new_writes = fake.log[before:]
    assert [w for w in new_writes if w[0] != "GET"] == [("PUT", f"/api/v1/drafts/{sole_draft(fake)[0]['id']}")]
    assert "欢迎留言交流" in json.dumps(sole_draft(fake)[1], ensure_ascii=False)


def test_publishing_emails_nobody_unless_configured(sample_draft, project, fake, publish):
    write_settings(project, publish=True)
    assert publish().outcome.result.published
    assert fake.published and fake.emails_sent() == 0
    assert fake.count("GET", r"/api/v1/drafts/\d+/prepublish") == 1


def test_email_goes_out_once_and_never_again_on_update(sample_draft, project, fake, publish):
    write_settings(project, publish=True, send_email=True)
    publish()
    edit_paragraph(project, "欢迎回信交流", "欢迎留言交流")
    publish()
    assert [p["send"] for p in fake.published] == [True, False]
    assert fake.emails_sent() == 1


def test_schedule_releases_at_the_issue_date(sample_draft, project, fake, publish):
    write_settings(project, schedule=True)
    run = publish()
    draft, _ = sole_draft(fake)
    assert draft["scheduled_release"]["trigger_at"] == "2025-09-22T00:00:00.000Z", run.lines
    assert "email_audience" not in draft["scheduled_release"] and fake.published == []  # nobody to email


def test_schedule_in_the_past_stops_with_what_to_set(sample_draft, project, fake, publish):
    write_settings(project, schedule=True)
    run = publish(clock=lambda: datetime(2025, 10, 1, tzinfo=UTC))
    assert run.outcome.status == "failed" and "publish = true" in run.outcome.error
    assert fake.count("POST", r"/api/v1/drafts/\d+/scheduled_release") == 0


def test_a_draft_deleted_by_hand_is_created_again_and_recorded(sample_draft, project, fake, publish):
    write_settings(project)
    publish()
    fake.drafts.clear()
    edit_paragraph(project, "欢迎回信交流", "欢迎留言交流")
    run = publish()
    assert run.outcome.status == "pushed", run.lines
    draft, _ = sole_draft(fake)
    assert ledger(project)["draft_id"] == draft["id"]
    assert any("gone from Substack" in line for line in run.lines)
    assert len(fake.images) == 3  # the images are still on the CDN: not uploaded again


def test_a_lost_create_answer_never_leaves_two_drafts(sample_draft, project, fake, publish):
    write_settings(project)
    fake.faults.append(Fault("POST", r"/api/v1/drafts", status=0, after=True))
    run = publish()
    assert run.outcome.status == "pushed", run.lines
    draft, _ = sole_draft(fake)
    assert fake.count("POST", r"/api/v1/drafts") == 1
    assert ledger(project)["draft_id"] == draft["id"] and "create_pending" not in ledger(project)


def test_a_create_interrupted_in_an_earlier_run_is_found_next_run(sample_draft, project, fake, publish):
    write_settings(project)
    fake.faults.append(Fault("POST", r"/api/v1/drafts", status=400, after=True))  # applied, answer refused
    assert publish().outcome.status == "failed"
    assert ledger(project)["create_pending"]
    run = publish()
    assert run.outcome.status == "pushed", run.lines
    assert fake.count("POST", r"/api/v1/drafts") == 1
    sole_draft(fake)


def test_a_failed_upload_stops_the_publish_naming_the_image(sample_draft, project, fake, publish):
    write_settings(project)
    fake.faults.append(Fault("POST", r"/api/v1/image", status=400))
    run = publish()
    assert run.outcome.status == "failed"
    assert "could not be uploaded" in run.outcome.error and "images/" in run.outcome.error
    assert fake.drafts == {}
    uploads = AssetRegistry(project / "ledger", "substack", "leotalk").entries("uploads")
    assert len(uploads) == len(fake.images) == 2  # the others were recorded as they succeeded
    publish()
    assert len(fake.images) == 3  # only the missing one went up on the next run
    _, doc = sole_draft(fake)
    assert all(i["attrs"]["src"].startswith(CDN) for i in nodes(doc, "image2"))


def test_429_and_502_are_retried(sample_draft, project, fake, publish):
    write_settings(project)
    fake.faults += [Fault("GET", r"/api/v1/user/profile/self", status=429),
                    Fault("POST", r"/api/v1/image", status=502), Fault("POST", r"/api/v1/drafts", status=502)]
    run = publish()
    assert run.outcome.status == "pushed", run.lines
    assert sum("retrying" in line for line in run.lines) == 2
    assert sum("rate limiting (429); waiting 15 s" in line for line in run.lines) == 1
    sole_draft(fake)


def test_an_expired_cookie_says_how_to_get_a_new_one(sample_draft, project, fake, publish, cookie):
    write_settings(project)
    fake.expired = True
    run = publish()
    assert run.outcome.status == "failed"
    assert "SUBSTACK_COOKIE" in run.outcome.error and "developer tools" in run.outcome.error
    assert cookie not in "\n".join(run.lines)


def test_a_publication_with_sections_names_the_setting(sample_draft, project, fake, publish):
    fake.sections = [{"id": 7, "name": "Weekly", "slug": "weekly"}, {"id": 8, "name": "Notes", "slug": "notes"}]
    write_settings(project, publish=True)
    run = publish()
    assert run.outcome.status == "failed"
    assert "section in channels/substack.toml" in run.outcome.error and "'Weekly', 'Notes'" in run.outcome.error
    write_settings(project, publish=True, section="weekly")
    run = publish()
    assert run.outcome.status == "pushed", run.lines
    draft, _ = sole_draft(fake)
    assert draft["draft_section_id"] == 7 and draft["section_chosen"] is True and draft["is_published"]


def test_a_wrong_section_name_lists_the_real_ones(sample_draft, project, fake, publish):
    fake.sections = [{"id": 7, "name": "Weekly", "slug": "weekly"}]
    write_settings(project, section="Daily")
    run = publish()
    assert run.outcome.status == "failed" and "'Weekly'" in run.outcome.error
    assert fake.drafts == {}


def test_prepublish_errors_stop_before_publishing(sample_draft, project, fake, publish):
    fake.prepublish_errors = ["Your post is missing something"]
    write_settings(project, publish=True)
    run = publish()
    assert run.outcome.status == "failed" and "missing something" in run.outcome.error
    assert fake.published == [] and len(fake.drafts) == 1


def test_no_cookie_exports_paste_ready_files(sample_draft, project, fake, publish):
    write_settings(project)
    run = publish(env={})
    assert run.outcome.result.mode == "export" and fake.log == []
    folder = project / "export" / "substack" / "issue-1"
    html = (folder / "post.html").read_text(encoding="utf-8")
    assert '<img src="images/chart.png"' in html and (folder / "images" / "chart.png").is_file()
    assert problems(json.loads((folder / "draft_body.json").read_text(encoding="utf-8"))) == []


def test_the_export_flag_exports_even_with_a_cookie(sample_draft, project, fake, publish):
    write_settings(project)
    run = publish(export=True)
    assert run.outcome.result.mode == "export" and fake.log == []
    assert (project / "export" / "substack" / "issue-1" / "post.html").is_file()


def test_a_lost_ledger_finds_the_draft_by_its_slug(sample_draft, project, fake, publish):
    write_settings(project)
    publish()
    (project / "ledger" / "issue-1.json").unlink()
    run = publish()
    assert run.outcome.status == "pushed", run.lines
    assert fake.posts() == 1 and fake.count("PUT", r"/api/v1/drafts/\d+") == 2  # after the create, and now
    assert any("found by its slug 'sample-weekly-1'" in line for line in run.lines)
    assert len(fake.images) == 3  # the account's registry still knows them


def test_a_lost_ledger_and_registry_upload_the_images_again_but_keep_one_draft(sample_draft, project, fake,
                                                                               publish):
    write_settings(project)
    publish()
    for path in [*(project / "ledger").rglob("*.json"), *(project / "ledger").rglob("*.journal")]:
        path.unlink()
    assert publish().outcome.status == "pushed"
    assert fake.posts() == 1
    assert len(fake.images) == 6  # images cannot be found on Substack: without any ledger they go up again


def test_done_when_for_the_real_issue_one(project, fake, publish):
    """The issue's "done when", on drafts/issue-1 as written: one draft with everything, then no write,
    then one PUT for an edited paragraph, and nobody emailed."""
    source = Path(__file__).resolve().parents[2] / "drafts" / "issue-1"
    if not (source / "index.md").exists():
        import pytest
        pytest.skip("drafts/issue-1 is not written yet")
    import shutil
    shutil.copytree(source, project / "drafts" / "issue-1")
    write_settings(project)
    assert publish().outcome.status == "pushed"
    _, doc = sole_draft(fake)
    assert problems(doc) == []
    issue = load_issue(project / "drafts", "issue-1")
    body = json.dumps(doc, ensure_ascii=False)
    for block in m.document_blocks(issue.document):
        if isinstance(block, m.Heading):
            assert json.dumps(m.plain_text(block.children), ensure_ascii=False)[1:-1] in body
    for item in (i for b in m.document_blocks(issue.document) if isinstance(b, m.BulletList | m.OrderedList)
                 for i in b.items if i.blocks and isinstance(i.blocks[0], m.Paragraph)):
        assert m.plain_text(item.blocks[0].children) in {text_of(li["content"][0]) for li in nodes(doc, "list_item")}
    assert len(list(nodes(doc, "image2"))) == len(m.all_images(issue.document))
    hrefs = {mk["attrs"]["href"] for t in nodes(doc, "text") for mk in t.get("marks", []) if mk["type"] == "link"}
    assert {link.href for link in m.all_links(issue.document)} <= hrefs
    log = len(fake.log)
    assert publish().outcome.status == "unchanged" and len(fake.log) == log
    index = project / "drafts" / "issue-1" / "index.md"
    paragraph = next(b for b in issue.document.blocks if isinstance(b, m.Paragraph))
    lines = index.read_text(encoding="utf-8").split("\n")
    lines[paragraph.line - 1] += "（修订）"
    index.write_text("\n".join(lines), encoding="utf-8")
    images = len(fake.images)
    assert publish().outcome.status == "pushed"
    assert [w[0] for w in fake.writes()[-1:]] == ["PUT"] and len(fake.log) == log + 2  # a look, then the PUT
    assert len(fake.images) == images and fake.emails_sent() == 0 and fake.published == []
