"""Configured addresses are checked when settings load, and a proxy's password never reaches a message.

Before, a proxy the HTTP client could not use (``htp://…``, a port that is no number, ``::bad``) surfaced as
an internal error (exit 5) or a failed connection after five retries, once the other channels had already
published; an API base without a scheme was a connection failure. ``tests/bad_inputs`` holds the whole-run
cases; here are the rules, and the secrets.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from leotalk_publish.cli import app
from leotalk_publish.redaction import environment_secrets
from leotalk_publish.web_address import proxy_problem, proxy_url, url_password, web_address_problem

HOST = st.from_regex(r"[a-z][a-z0-9-]{0,20}(\.[a-z][a-z0-9-]{0,20}){0,3}", fullmatch=True)
PORT = st.integers(min_value=1, max_value=65535)


@given(st.sampled_from(["http", "https"]), HOST, st.none() | PORT, st.sampled_from(["", "/", "/api/v1"]))
def test_every_http_address_with_a_host_is_accepted(scheme: str, host: str, port: int | None, path: str):
    assert web_address_problem(f"{scheme}://{host}{f':{port}' if port else ''}{path}") is None


@given(HOST, PORT, st.sampled_from(["", "user:pass@", "u%40x:p%3Aw@"]))
def test_a_proxy_without_a_scheme_is_read_as_http_like_the_http_client_reads_it(host: str, port: int, user: str):
    value = f"{user}{host}:{port}"
    assert proxy_problem(value) is None
    assert proxy_url(value) == f"http://{value}"


@pytest.mark.parametrize("value", ["api.weixin.qq.com", "ftp://example.com", "https://", "http://host:port",
                                   "http://host:70000", "notaurl", ""])
def test_an_address_http_cannot_use_is_refused(value: str):
    assert web_address_problem(value)


@pytest.mark.parametrize("value", ["htp://proxy:3128", "::bad", "http://:3128", "proxy:99999", "http://h:x"])
def test_a_proxy_http_cannot_use_is_refused_without_repeating_it(value: str):
    problem = proxy_problem(value)
    assert problem and value not in problem


@pytest.mark.skipif(importlib.util.find_spec("socksio") is not None, reason="socksio is installed here")
def test_a_socks_proxy_without_socksio_says_what_to_install():
    assert "httpx[socks]" in (proxy_problem("socks5://127.0.0.1:1080") or "")


def test_a_proxy_password_is_a_secret_of_the_environment():
    env = {"LEOTALK_WECHAT_PROXY": "http://egress:hunter%402@proxy.example:3128", "HTTPS_PROXY": "proxy:3128",
           "PATH": "/usr/bin"}
    assert environment_secrets(env) == ["hunter%402"]
    assert url_password("user:pw12@host:1") == "pw12"


def test_a_refused_proxy_never_shows_its_password(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    (tmp_path / "drafts" / "issue-1").mkdir(parents=True)
    (tmp_path / "drafts" / "issue-1" / "index.md").write_text(
        "---\ntitle: 标题\ndate: 2026-01-01T08:00:00+08:00\nchannels: [wechat]\n---\n\n正文。\n", encoding="utf-8")
    (tmp_path / "channels").mkdir()
    monkeypatch.setenv("WECHAT_APPID", "wx0123456789abcdef")
    monkeypatch.setenv("WECHAT_APPSECRET", "app-secret-value-1234")
    monkeypatch.setenv("LEOTALK_WECHAT_PROXY", "htp://egress:hunter2-pass@proxy.example:3128")
    result = CliRunner().invoke(app, ["publish", "issue-1", "--project", str(tmp_path)])
    assert result.exit_code == 2, result.output
    assert "LEOTALK_WECHAT_PROXY (environment): [wechat] is not a proxy address" in result.stderr
    assert "hunter2-pass" not in result.output and "app-secret-value-1234" not in result.output
    assert not (tmp_path / "ledger").exists()
