"""Both API clients share one certificate store per process instead of loading the CA bundle for each client."""

from __future__ import annotations

from pathlib import Path

import certifi
import httpx
import pytest

from leotalk_publish.adapters.substack.client import SubstackClient
from leotalk_publish.adapters.substack.settings import SubstackSettings
from leotalk_publish.adapters.wechat.client import WechatClient
from leotalk_publish.adapters.wechat.settings import WechatSettings
from leotalk_publish.net import tls_context


def _context_of(client: httpx.Client) -> object:
    transport = client._transport  # the pool's SSL context is what each TLS connection would use
    return transport._pool._ssl_context  # type: ignore[attr-defined]


def test_every_client_of_a_run_uses_the_one_store() -> None:
    wechat = [WechatClient(WechatSettings(appid="wx1"), report=print) for _ in range(3)]
    substack = [SubstackClient(SubstackSettings(publication="leotalk", cookie="substack.sid=x"), report=print)
                for _ in range(3)]
    try:
        assert {id(_context_of(c.http)) for c in wechat} == {id(tls_context(trust_env=False))}
        assert {id(_context_of(c.http)) for c in substack} == {id(tls_context(trust_env=True))}
    finally:
        for client in (*wechat, *substack):
            client.http.close()


def test_the_store_still_verifies_certificates() -> None:
    context = tls_context(trust_env=False)
    assert context.verify_mode.name == "CERT_REQUIRED" and context.check_hostname
    assert context.get_ca_certs(), f"no CA loaded from {Path(certifi.where()).name}"


def test_ssl_cert_file_counts_only_where_the_environment_is_trusted(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SSL_CERT_FILE", "/nonexistent/ca.pem")
    tls_context.cache_clear()
    try:
        tls_context(trust_env=False)  # the environment is ignored: certifi's bundle loads
        with pytest.raises(OSError):
            tls_context(trust_env=True)
    finally:
        tls_context.cache_clear()
