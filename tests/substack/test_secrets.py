"""The session cookie never appears in output, logs, exception text, the ledger, snapshots or exports."""

from __future__ import annotations

import logging
from pathlib import Path

from typer.testing import CliRunner

from leotalk_publish.adapters.substack.client import cookie_header
from leotalk_publish.cli import app
from tests.substack.conftest import write_settings
from tests.substack.fake_substack import Fault


def every_file_text(root: Path) -> str:
    return "\n".join(p.read_bytes().decode("utf-8", "replace") for p in root.rglob("*") if p.is_file())


def test_the_cookie_is_nowhere_after_runs_that_succeed_and_fail(sample_draft, project, fake, publish, cookie,
                                                               caplog):
    caplog.set_level(logging.DEBUG)
    write_settings(project, publish=True)
    fake.sections = [{"id": 1, "name": "Weekly"}]
    said = publish().lines  # refused: no section
    write_settings(project, publish=True, section="Weekly")
    fake.faults += [Fault("POST", r"/api/v1/image", status=429), Fault("PUT", r"/api/v1/drafts/\d+", status=0)]
    said += publish().lines
    fake.expired = True
    (sample_draft / "index.md").write_text((sample_draft / "index.md").read_text() + "\n再加一段。\n")
    said += publish().lines
    assert any(cookie in h.get("Cookie", "") for h in fake.seen_headers)  # it was sent, so it could leak
    assert cookie not in "\n".join(said)
    assert cookie not in caplog.text
    assert cookie not in every_file_text(project)


def test_the_command_line_publishes_and_never_prints_the_cookie(sample_draft, project, fake, cookie):
    write_settings(project)
    env = {"SUBSTACK_COOKIE": cookie, "LEOTALK_SUBSTACK_API_BASE": fake.base, "CI": "1"}
    result = CliRunner().invoke(app, ["publish", "issue-1", "--channels", "substack", "--project", str(project)],
                                env=env)
    assert result.exit_code == 0, result.output
    assert "substack" in result.output and len(fake.drafts) == 1
    fake.expired = True
    (sample_draft / "index.md").write_text((sample_draft / "index.md").read_text() + "\n再加一段。\n")
    failed = CliRunner().invoke(app, ["publish", "issue-1", "--channels", "substack", "--project", str(project)],
                                env=env)
    assert failed.exit_code == 1 and "SUBSTACK_COOKIE" in failed.output
    assert cookie not in result.output + failed.output
    assert cookie not in every_file_text(project)


def test_a_bare_session_id_goes_under_both_names_and_a_cookie_string_as_it_is():
    assert cookie_header("abc") == "substack.sid=abc; connect.sid=abc"
    assert cookie_header("Cookie: connect.sid=s%3Aabc; other=1") == "connect.sid=s%3Aabc; other=1"


def test_settings_print_the_cookie_masked(project, cookie):
    from leotalk_publish.adapters.substack.settings import load_settings
    write_settings(project)
    settings = load_settings(project, {"SUBSTACK_COOKIE": cookie})
    assert cookie not in repr(settings) and cookie not in str(settings.model_dump())


def test_a_cookie_written_into_the_settings_file_is_refused(project, cookie):
    import pytest

    from leotalk_publish.adapters.substack.settings import load_settings
    from leotalk_publish.errors import SettingsError
    (project / "channels" / "substack.toml").write_text(f'cookie = "{cookie}"\n')
    with pytest.raises(SettingsError) as caught:
        load_settings(project, {})
    assert "SUBSTACK_COOKIE" in str(caught.value) and cookie not in str(caught.value)
