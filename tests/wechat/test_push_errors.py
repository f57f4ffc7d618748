"""WeChat's refusals named by field, titles by the corrected rule, an unreachable API failing in one go,
settings out of range, the account's asset registry across issues, and the upload progress."""

from __future__ import annotations

import socket
import time

import pytest

from leotalk_publish.adapters.wechat.settings import load_settings
from leotalk_publish.errors import SettingsError
from tests.wechat.conftest import Runner
from tests.wechat.fake_wechat import Fault
from tests.wechat.test_check import front, problems_of
from tests.wechat.test_publish import BODY

ISSUE_2 = """---
title: "测试周刊 2"
date: 2025-09-29T08:00:00+08:00
slug: test-weekly-2
---
"""


@pytest.mark.parametrize(("code", "field"), [(45003, "title"), (45004, "digest"), (45005, "content_source_url"),
                                             (45110, "author")])
def test_a_field_refused_as_too_long_is_named(project, make_draft, runner, fake, code, field):
    make_draft(BODY, images=("a.png",))
    fake.fail("draft/add", Fault(str(code)))
    outcome = runner.publish()
    assert outcome.status == "failed" and f"article's {field} as too long" in outcome.error and str(code) in \
        outcome.error


def test_88000_says_to_turn_need_open_comment_off(project, make_draft, runner, fake):
    make_draft(BODY, images=("a.png",))
    (project / "channels" / "wechat.toml").write_text("need_open_comment = true\n")
    fake.comments_allowed = False
    outcome = runner.publish()
    assert outcome.status == "failed" and "turn need_open_comment off" in outcome.error and "88000" in outcome.error


def test_titles_warn_past_32_and_are_refused_past_64(project, make_draft):
    make_draft("正文。\n", front=front(title="长" * 40))
    (warning,) = problems_of(project)
    assert warning.severity == "warning" and "40 characters" in warning.what
    make_draft("正文。\n", front=front(title="长" * 65))
    (error,) = problems_of(project)
    assert error.severity == "error" and "refuses more than 64" in error.what


def test_a_title_of_40_characters_goes_out(project, make_draft, runner, fake):
    make_draft(BODY, images=("a.png",), front=front(title="长" * 40))
    assert runner.publish().status == "pushed"


def closed_port() -> str:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return f"http://127.0.0.1:{sock.getsockname()[1]}"


def test_an_unreachable_api_fails_the_channel_once_not_per_image(project, make_draft, fake):
    names = tuple(f"{i}.png" for i in range(12))
    make_draft(BODY + "".join(f"\n![]({n})\n" for n in names), images=("a.png", *names))
    runner = Runner(project, {"WECHAT_APPID": fake.appid, "WECHAT_APPSECRET": fake.secret,
                              "LEOTALK_WECHAT_API_BASE": closed_port()})
    started = time.monotonic()
    outcome = runner.publish()
    assert outcome.status == "failed" and "could not be reached" in outcome.error
    assert len(outcome.error.splitlines()) == 1
    assert sum("retrying" in line for line in runner.lines) <= 4, runner.lines
    assert time.monotonic() - started < 10


@pytest.mark.parametrize(("key", "value"), [("upload_concurrency", 0), ("upload_concurrency", 64),
                                            ("poll_interval_s", 600), ("poll_attempts", 0), ("timeout_s", 0),
                                            ("timeout_s", 3600)])
def test_settings_out_of_range_name_the_key(project, key, value):
    (project / "channels" / "wechat.toml").write_text(f"{key} = {value}\n")
    with pytest.raises(SettingsError, match=key):
        load_settings(project, {})


def test_an_image_on_the_account_is_not_uploaded_again_by_another_issue(project, make_draft, runner, fake):
    make_draft(BODY, images=("a.png",))
    assert runner.publish().status == "pushed"
    assert len(fake.images) == 1 and len(fake.materials) == 1
    make_draft(BODY.replace("第一段", "第二期的第一段"), front=ISSUE_2, issue="issue-2", images=("a.png",))
    assert "upload 0 new image(s) (1 already on the account)" in runner.dry_run("issue-2")
    assert runner.publish("issue-2").status == "pushed"
    assert len(fake.images) == 1 and len(fake.materials) == 1  # same bytes: the body image and the cover


def test_a_ledger_from_before_the_registry_is_still_read(project, make_draft, runner, fake):
    from leotalk_publish.ledger import AssetRegistry, Ledger
    make_draft(BODY, images=("a.png",))
    runner.publish()
    (project / "old").mkdir()
    (project / "ledger" / "assets").rename(project / "old" / "assets")  # as if written by the per-issue cache
    registry = AssetRegistry(project / "old", "wechat", fake.appid)
    ledger = Ledger(project / "ledger", "issue-1")
    state = ledger.channel("wechat")
    for table in ("uploads", "covers"):
        for sha, value in registry.entries(table).items():
            state.record_in(table, f"{fake.appid}:{sha}", value)
    state.record(content_hash="0" * 64)  # not this version: the next publish pushes again
    assert runner.publish().status == "pushed"
    assert len(fake.images) == 1 and len(fake.materials) == 1


def test_each_upload_moves_the_progress(project, make_draft, runner, fake):
    make_draft(BODY + "\n![](b.png)\n\n![](c.png)\n", images=("a.png", "b.png", "c.png"))
    runner.publish()
    moves = [line for line in runner.lines if "uploaded " in line and "/4 images" in line]
    assert len(moves) == 4 and moves[-1].endswith("uploaded 4/4 images")
