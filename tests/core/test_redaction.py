"""``net.redact`` removes every form of a secret: the whole cookie string, each cookie's value, each of them
URL-encoded and URL-decoded, wherever it appears in a text."""

from __future__ import annotations

from urllib.parse import quote, quote_plus

from hypothesis import given, settings
from hypothesis import strategies as st

from leotalk_publish.net import environment_secrets, redact
from tests.examples import examples

SECRET_CHARS = st.characters(codec="utf-8", categories=("L", "N", "P", "S"), exclude_characters=";= \x00")
secret_values = st.text(SECRET_CHARS, min_size=8, max_size=40)
noise = st.text(st.characters(codec="utf-8", categories=("L", "N", "Zs")), max_size=30)


@settings(max_examples=examples(300))
@given(sid=secret_values, other=secret_values, before=noise, after=noise)
def test_every_form_of_a_cookie_value_is_redacted(sid, other, before, after):
    cookie = f"substack.sid={sid}; other={other}; flag=1"
    for form in (cookie, sid, other, quote(sid, safe=""), quote_plus(sid), quote(cookie, safe="")):
        text = redact(f"{before}{form}{after}", [cookie])
        assert sid not in text and other not in text, text
        assert quote(sid, safe="") not in text and quote_plus(sid) not in text
        assert "***" in text


@settings(max_examples=examples(300))
@given(secret=secret_values, before=noise)
def test_a_url_encoded_secret_is_redacted_in_its_decoded_form_too(secret, before):
    encoded = quote(secret, safe="")
    assert secret not in redact(before + secret, [encoded])
    assert encoded not in redact(before + encoded, [encoded])


def test_short_values_are_not_secrets_and_ordinary_text_stays():
    assert redact("1 of 1, and a", ["a=1; flag=1"]) == "1 of 1, and a"


def test_secret_variables_are_found_by_name():
    env = {"WECHAT_APPSECRET": "x" * 10, "SUBSTACK_COOKIE": "c" * 10, "HOME": "/root", "API_TOKEN": "t" * 9}
    assert sorted(environment_secrets(env)) == ["c" * 10, "t" * 9, "x" * 10]
