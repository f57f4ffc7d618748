"""Issue 11 for Substack: what Substack would refuse mid-run is caught at check, a linked image keeps its
link, a table after a list stays apart, bad settings are clear errors before any call, and the cookie is
redacted from Substack's answers in every form it can take."""

from __future__ import annotations

import json
import os
from pathlib import Path
from urllib.parse import quote, unquote

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image
from typer.testing import CliRunner

from leotalk_publish.adapters.substack.adapter import ADAPTER
from leotalk_publish.adapters.substack.client import SubstackClient
from leotalk_publish.adapters.substack.settings import SubstackSettings
from leotalk_publish.cli import app
from leotalk_publish.errors import ChannelError
from leotalk_publish.load import read_issue
from tests.conftest import FRONT
from tests.examples import examples
from tests.loopback import serve
from tests.substack.conftest import write_settings
from tests.substack.fake_substack import FakeSubstack


def checked(make_draft, project: Path, body: str, images: tuple[str, ...] = (), front: str = FRONT, **settings):
    make_draft(body, images=images, front=front)
    issue, loading = read_issue(project / "drafts", "issue-1")
    assert issue is not None, loading
    write_settings(project, **settings)
    return ADAPTER.check(issue, ADAPTER.load_settings(project, {}))


def rendered(make_draft, project: Path, body: str, images: tuple[str, ...] = ()) -> dict:
    make_draft(body, images=images)
    issue, _ = read_issue(project / "drafts", "issue-1")
    return json.loads(ADAPTER.render(issue, ADAPTER.load_settings(project, {})).documents["draft_body.json"])


# ── check: what Substack would refuse mid-run ───────────────────────────────────────────────────────
def test_an_image_over_substacks_upload_limit_is_an_error_at_check(make_draft, project):
    folder = make_draft("![大图](images/big.png)\n")
    side = 2700  # random pixels do not compress: ~21 MB of PNG
    (folder / "images").mkdir()
    Image.frombytes("RGB", (side, side), os.urandom(side * side * 3)).save(folder / "images" / "big.png",
                                                                        compress_level=0)
    assert (folder / "images" / "big.png").stat().st_size > 20 * 1024 * 1024
    issue, _ = read_issue(project / "drafts", "issue-1")
    (problem,) = [p for p in ADAPTER.check(issue, ADAPTER.load_settings(project, {})) if p.severity == "error"]
    assert "images/big.png" in problem.what and "20 MB" in problem.what and problem.where.endswith(":7")


def test_a_schedule_more_than_three_months_ahead_is_refused_at_check(make_draft, project):
    front = FRONT.replace("2025-09-22T08:00:00+08:00", "2099-01-01T08:00:00+08:00")
    (problem,) = checked(make_draft, project, "一段。\n", front=front, schedule=True)
    assert problem.severity == "error" and "3 months ahead" in problem.what
    assert checked(make_draft, project, "一段。\n", front=front, publish=True) == []  # not scheduling: fine


def test_a_footnote_anchor_outside_a_top_level_paragraph_falls_back_visibly(make_draft, project):
    body = "正文[^1]。\n\n- 列表里[^2]\n\n再引一次[^1]。\n\n[^1]: 注一。\n[^2]: 注二。\n"
    warnings = checked(make_draft, project, body)
    assert [p.severity for p in warnings] == ["warning", "warning"]
    assert "outside a top-level paragraph" in warnings[0].what and "is used again" in warnings[1].what
    doc = rendered(make_draft, project, body)
    text = json.dumps(doc, ensure_ascii=False)
    assert text.count('"footnoteAnchor"') == 1 and "列表里[2]" in text and "再引一次[1]。" in text


# ── rendering: linked images, a table after a list ──────────────────────────────────────────────────
def test_a_linked_image_keeps_its_link(make_draft, project):
    doc = rendered(make_draft, project, "[![logo](images/logo.png)](https://example.com/home)\n",
                   images=("images/logo.png",))
    (figure,) = doc["content"]
    assert figure["type"] == "captionedImage" and figure["content"][0]["attrs"]["href"] == "https://example.com/home"
    assert checked(make_draft, project, "[![logo](images/logo.png)](https://example.com/home)\n",
                   images=("images/logo.png",)) == []  # a figure with a link, not an image inside text


def test_a_table_right_after_a_list_is_visibly_separate(make_draft, project):
    doc = rendered(make_draft, project, "- 一\n- 二\n\n| 列 | 值 |\n|---|---|\n| a | 1 |\n")
    assert [n["type"] for n in doc["content"]] == ["bullet_list", "paragraph", "bullet_list"]


def test_ordered_lists_carry_order_and_code_is_a_highlighted_block(make_draft, project):
    doc = rendered(make_draft, project, "3. 三\n4. 四\n\n```\ncode\n```\n")
    assert doc["content"][0]["attrs"] == {"start": 3, "order": 3}
    assert doc["content"][1] == {"type": "highlighted_code_block", "attrs": {"language": "plaintext"},
                                 "content": [{"type": "text", "text": "code"}]}


# ── settings ranges: a clear error before any call ──────────────────────────────────────────────────
def test_an_absurd_rate_is_a_settings_error_before_any_call(sample_draft, project, fake, cookie):
    write_settings(project, requests_per_second=1e-300)
    env = {"SUBSTACK_COOKIE": cookie, "LEOTALK_SUBSTACK_API_BASE": fake.base, "CI": "1"}
    result = CliRunner().invoke(app, ["publish", "issue-1", "--channels", "substack", "--project", str(project)],
                                env=env)
    assert result.exit_code == 2, result.output
    assert "substack.toml" in result.output and "requests_per_second" in result.output
    assert "Traceback" not in result.output and fake.log == []


# ── redaction: every form of the cookie ─────────────────────────────────────────────────────────────
VALUE = st.text(alphabet="abcdefghijklmnopqrstuvwxyzABCDEF0123456789%:+/=._-", min_size=8, max_size=40)


@settings(max_examples=examples(100))
@given(sid=VALUE, other=VALUE, whole=st.booleans(), encoded=st.booleans())
def test_an_error_echoing_the_session_is_redacted_in_every_form(sid, other, whole, encoded):
    sid = quote(sid, safe="") if encoded else sid
    cookie = f"substack.sid={sid}; substack.lli={other}; ajs_id=x1" if whole else sid
    fake = FakeSubstack(cookie=sid, echo_session=True)
    with serve(fake.handler()) as base:
        conf = SubstackSettings(publication="leotalk", cookie=cookie, api_base=base, requests_per_second=1000)
        with SubstackClient(conf, report=lambda line: None, sleep=lambda s: None) as client, \
                pytest.raises(ChannelError) as caught:
            client.create_draft({"draft_body": {}, "draft_bylines": []})  # 400, echoing the Cookie header
    message = str(caught.value)
    assert "draft_body must be a string" in message and "***" in message
    for form in {sid, other, unquote(sid), quote(sid, safe=""), quote(unquote(sid), safe=""), cookie}:
        if len(form) >= 4:
            assert form not in message, (form, message)
