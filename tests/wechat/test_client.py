"""The API client against the loopback fake: tokens, uploads, JSON encoding, retries, redaction."""

from __future__ import annotations

import io
import logging

import pytest
from PIL import Image

from leotalk_publish.adapters.wechat.client import WechatClient
from leotalk_publish.adapters.wechat.errors import WechatError
from leotalk_publish.adapters.wechat.images import Upload
from leotalk_publish.adapters.wechat.settings import WechatSettings
from leotalk_publish.errors import TransientError
from tests.wechat.fake_wechat import Fault


def png(size=(40, 30)) -> Upload:
    buffer = io.BytesIO()
    Image.new("RGB", size, "#123456").save(buffer, "PNG")
    return Upload(buffer.getvalue(), "image/png", "x.png", *size)


@pytest.fixture
def lines() -> list[str]:
    return []


@pytest.fixture
def client(fake, lines):
    settings = WechatSettings(appid=fake.appid, appsecret=fake.secret, api_base=fake.base)
    made = WechatClient(settings, lines.append, sleep=lambda seconds: None)
    yield made
    made.close()


def test_one_stable_token_serves_many_calls(client, fake):
    for _ in range(3):
        client.upload_image(png())
    assert fake.calls.count("stable_token") == 1 and fake.token_calls == [False]
    assert "token" not in fake.calls


def test_a_token_is_renewed_shortly_before_it_expires(fake, lines):
    now = [0.0]
    settings = WechatSettings(appid=fake.appid, appsecret=fake.secret, api_base=fake.base)
    client = WechatClient(settings, lines.append, monotonic=lambda: now[0])
    client.token()
    now[0] = 7200 - 301
    client.token()
    assert fake.calls.count("stable_token") == 1
    now[0] = 7200 - 299
    client.token()
    assert fake.calls.count("stable_token") == 2


def test_uploadimg_answers_in_text_plain_and_http_becomes_https(client, fake):
    url = client.upload_image(png())
    assert url.startswith("https://mmbiz.qpic.cn/") and fake.images[0]["url"] == "http" + url[5:]


def test_the_media_part_is_multipart_with_its_file_name(client, fake):
    client.upload_image(png())
    assert fake.images[0]["filename"] == "x.png"


def test_json_goes_as_utf8_without_ascii_escapes(client, fake):
    media_id, _ = client.add_material(png())
    draft = client.draft_add([{"title": "中文标题", "content": "<p>正文</p>", "thumb_media_id": media_id}])
    assert fake.drafts[draft]["articles"][0]["title"] == "中文标题"


def test_busy_and_5xx_are_retried_and_each_retry_is_reported(client, fake, lines):
    fake.fail("media/uploadimg", Fault("busy"), Fault("502"), Fault("drop"))
    client.upload_image(png())
    assert fake.calls.count("media/uploadimg") == 4 and len(fake.images) == 1
    assert len([line for line in lines if line.startswith("retrying uploading x.png")]) == 3


def test_a_refused_token_is_renewed_once_and_the_call_tried_once_more(client, fake, lines):
    client.token()
    fake.expire_token()
    client.upload_image(png())
    assert fake.calls.count("stable_token") == 2
    fake.fail("media/uploadimg", Fault("40001"), Fault("40001"))
    with pytest.raises(WechatError, match="40001"):
        client.upload_image(png())


def test_other_errors_fail_at_once(client, fake):
    fake.fail("media/uploadimg", Fault("40005"))
    with pytest.raises(WechatError, match="40005"):
        client.upload_image(png())
    assert fake.calls.count("media/uploadimg") == 1


def test_wrong_credentials_say_what_to_check(fake, lines):
    settings = WechatSettings(appid=fake.appid, appsecret="not-the-secret", api_base=fake.base)
    with pytest.raises(WechatError, match="WECHAT_APPSECRET"):
        WechatClient(settings, lines.append).token()


def test_no_token_or_secret_in_errors_reports_or_httpx_logs(client, fake, lines, caplog):
    caplog.set_level(logging.DEBUG, logger="httpx")
    client.upload_image(png())
    fake.fail("draft/update", *[Fault("drop")] * 5)
    with pytest.raises(TransientError) as caught:
        client.draft_update("DRAFT1", {"title": "t"})
    everything = "\n".join([str(caught.value), *lines, *(r.getMessage() for r in caplog.records)])
    assert caplog.records and "access_token=***" in everything
    assert fake.token not in everything and fake.secret not in everything
