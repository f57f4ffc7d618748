"""The corpus's fixtures: a valid project, both API fakes running once for the module, the CLI in-process."""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from leotalk_publish.cli import app
from tests.bad_inputs.files import BODY, front, noisy_png, write
from tests.loopback import serve
from tests.substack.fake_substack import FakeSubstack
from tests.wechat.fake_wechat import FakeWechat, running


def running_wechat() -> Iterator[FakeWechat]:
    """A WeChat fake on loopback, its address in ``fake.base``."""
    fake = FakeWechat()
    with running(fake) as base:
        fake.base = base  # type: ignore[attr-defined]
        yield fake


def running_substack() -> Iterator[FakeSubstack]:
    """A Substack fake on loopback with its own session cookie, its address in ``fake.base``."""
    fake = FakeSubstack(cookie=f"fake-sid-{secrets.token_hex(12)}")
    with serve(fake.handler()) as base:
        fake.base = base  # type: ignore[attr-defined]
        yield fake


# The corpus shares one pair of fakes per module: a refused input makes no request at all.
wechat = pytest.fixture(scope="module", name="wechat")(running_wechat)
substack = pytest.fixture(scope="module", name="substack")(running_substack)


@pytest.fixture
def fakes(wechat: FakeWechat, substack: FakeSubstack, monkeypatch: pytest.MonkeyPatch):
    """Credentials pointing at the fakes, with their logs emptied: a case asserts that nothing was asked."""
    monkeypatch.setenv("WECHAT_APPID", wechat.appid)
    monkeypatch.setenv("WECHAT_APPSECRET", wechat.secret)
    monkeypatch.setenv("LEOTALK_WECHAT_API_BASE", wechat.base)  # type: ignore[attr-defined]
    monkeypatch.setenv("SUBSTACK_COOKIE", substack.cookie)
    monkeypatch.setenv("LEOTALK_SUBSTACK_API_BASE", substack.base)  # type: ignore[attr-defined]
    wechat.calls.clear()
    substack.log.clear()
    return wechat, substack


@pytest.fixture
def valid_project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """drafts/issue-1 (front matter, two paragraphs, one image) and an empty channels/; the working folder."""
    write(tmp_path / "drafts/issue-1/index.md", front() + BODY)
    write(tmp_path / "drafts/issue-1/images/x.png", noisy_png())
    (tmp_path / "channels").mkdir()
    write(tmp_path / "channels/substack.toml", 'publication = "leotalk"\nrequests_per_second = 1000.0\n')
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture
def publish():
    def run(*args: str):
        return CliRunner().invoke(app, ["publish", *args], catch_exceptions=False)
    return run
