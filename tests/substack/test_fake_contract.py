"""The fake itself honours Substack's contract, so the tests that use it mean something."""

from __future__ import annotations

import base64
import json

import httpx
import pytest

from leotalk_publish.net import BROWSER_USER_AGENT
from tests.conftest import write_png


@pytest.fixture
def http(fake, cookie):
    with httpx.Client(base_url=fake.base, headers={"User-Agent": BROWSER_USER_AGENT,
                                                   "Cookie": f"connect.sid={cookie}"}) as client:
        yield client


def png_uri(tmp_path) -> str:
    data = write_png(tmp_path / "x.png").read_bytes()
    return "data:image/png;base64," + base64.b64encode(data).decode()


def test_a_default_user_agent_is_refused(fake, cookie):
    answer = httpx.get(f"{fake.base}/api/v1/user/profile/self", headers={"Cookie": f"substack.sid={cookie}"})
    assert answer.status_code == 403


def test_a_wrong_cookie_is_refused(fake):
    answer = httpx.get(f"{fake.base}/api/v1/user/profile/self",
                       headers={"User-Agent": BROWSER_USER_AGENT, "Cookie": "substack.sid=other"})
    assert answer.status_code == 401


def test_draft_body_must_be_a_string(http):
    doc = {"type": "doc", "content": []}
    bylines = [{"id": 1, "is_guest": False}]
    assert http.post("/api/v1/drafts", json={"draft_body": doc, "draft_bylines": bylines}).status_code == 400
    assert http.post("/api/v1/drafts", json={"draft_body": json.dumps(doc), "draft_bylines": None}).status_code == 400
    assert http.post("/api/v1/drafts", json={"draft_body": json.dumps(doc), "draft_bylines": bylines}).is_success


def test_images_only_as_json_data_uris(http, tmp_path):
    multipart = http.post("/api/v1/image", files={"image": ("x.png", b"\x89PNG", "image/png")})
    assert multipart.status_code == 400
    url = http.post("/api/v1/image", json={"image": "https://example.com/x.png"})
    assert url.status_code == 400 and url.json()["error"] == "Failed to fetch image"
    wrong_type = http.post("/api/v1/image", json={"image": png_uri(tmp_path).replace("image/png", "image/jpeg")})
    assert wrong_type.status_code == 400
    good = http.post("/api/v1/image", json={"image": png_uri(tmp_path)}).json()
    assert (good["imageWidth"], good["imageHeight"], good["contentType"]) == (64, 48, "image/png")


def test_publishing_without_a_section_is_refused_where_sections_exist(http, fake):
    fake.sections = [{"id": 3, "name": "Weekly"}]
    draft = http.post("/api/v1/drafts", json={"draft_body": '{"type": "doc"}', "draft_bylines": []}).json()
    answer = http.post(f"/api/v1/drafts/{draft['id']}/publish", json={"send": False})
    assert answer.status_code == 400 and answer.json()["error"] == "Please choose a section."
