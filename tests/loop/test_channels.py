"""``leotalk channels``: the mode each channel would use now and why, its account, what is misconfigured — and
never a secret's value."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

SECRET = "s3cret-APPSECRET-value"
COOKIE = "substack.sid=s%3Acookie-VALUE-123"


def git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True)


def site_repo(project: Path, remote: str, url: str) -> Path:
    site = project / "site"
    site.mkdir()
    git(site, "init", "-q", "--template=", "-b", "main")
    git(site, "remote", "add", remote, url)
    return site


def test_with_no_credentials_every_channel_exports_and_says_why(project, run_in, monkeypatch):
    for name in ("WECHAT_APPID", "WECHAT_APPSECRET", "SUBSTACK_COOKIE", "LEOTALK_BLOG_SITE"):
        monkeypatch.delenv(name, raising=False)
    result = run_in(project / "drafts", "channels")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    heads = [line for line in lines if not line.startswith("  ")]
    assert heads == ["blog: export", "substack: export", "wechat: export"]
    assert "  why: SUBSTACK_COOKIE is not set (neither in the environment nor in .env)" in result.stdout
    assert "  why: no WECHAT_APPID/WECHAT_APPSECRET" in result.stdout


def test_a_site_whose_remote_is_not_the_configured_one_is_a_problem(project, run_in):
    site_repo(project, "upstream", "git@example.com:leo/site.git")
    (project / "channels" / "blog.toml").write_text('remote = "origin"\n', encoding="utf-8")
    result = run_in(project, "channels", "--channels", "blog")
    assert result.stdout.splitlines()[0] == "blog: export"
    assert "  why: site is a git repository, but it has no remote 'origin'" in result.stdout  # project-relative
    assert "  problem: the site's remotes are: upstream; publish would write the post and NOT push it" in result.stdout


def test_the_sites_only_remote_is_the_default_whatever_its_name(project, run_in):
    site_repo(project, "upstream", "git@example.com:leo/site.git")
    result = run_in(project, "channels", "--channels", "blog")
    assert result.stdout.splitlines()[0] == "blog: git"
    assert "  account: upstream → git@example.com:leo/site.git (branch main)" in result.stdout


def test_a_site_with_its_remote_is_git_and_the_url_credentials_are_masked(project, run_in):
    site_repo(project, "origin", "https://leo:ghp_TOKEN123@example.com/leo/site.git")
    result = run_in(project, "channels", "--channels", "blog")
    assert result.stdout.splitlines()[0] == "blog: git"
    assert "  account: origin → https://***@example.com/leo/site.git (branch main)" in result.stdout
    assert "ghp_TOKEN123" not in result.output


def test_credentials_in_dotenv_are_named_with_their_source_never_their_value(project, run_in, monkeypatch):
    for name in ("WECHAT_APPID", "WECHAT_APPSECRET", "SUBSTACK_COOKIE"):
        monkeypatch.delenv(name, raising=False)
    (project / ".env").write_text(f"WECHAT_APPID=wx1234567890abcdef\nWECHAT_APPSECRET={SECRET}\n", encoding="utf-8")
    (project / "channels" / "substack.toml").write_text("publication = \"leotalk\"\n", encoding="utf-8")
    monkeypatch.setenv("SUBSTACK_COOKIE", COOKIE)
    result = run_in(project, "channels", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)["channels"]
    assert data["wechat"]["mode"] == "api"
    assert data["wechat"]["why"].startswith("WECHAT_APPID and WECHAT_APPSECRET found in .env")
    assert data["wechat"]["account"] == "AppID wx12…cdef"
    assert data["substack"]["mode"] == "api"
    assert data["substack"]["why"].startswith("SUBSTACK_COOKIE found in the environment")
    assert SECRET not in result.output and COOKIE not in result.output and "1234567890ab" not in result.output


def test_only_half_of_the_wechat_credentials_is_a_problem(project, run_in, monkeypatch):
    monkeypatch.setenv("WECHAT_APPID", "wx1234567890abcdef")
    monkeypatch.delenv("WECHAT_APPSECRET", raising=False)
    result = run_in(project, "channels", "--channels", "wechat")
    assert "  problem: only one of the two is set; WECHAT_APPSECRET is missing" in result.stdout


def test_a_broken_settings_file_is_shown_as_that_channels_problem(project, run_in):
    (project / "channels" / "substack.toml").write_text("audience = 'martians'\n", encoding="utf-8")
    result = run_in(project, "channels", "--channels", "substack")
    assert result.stdout.splitlines()[0] == "substack: ?"
    assert "substack.toml" in result.stdout and "audience" in result.stdout
