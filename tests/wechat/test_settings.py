"""WeChat settings: the file, then the environment; secrets stay hidden."""

from __future__ import annotations

import pytest

from leotalk_publish.adapters.wechat.settings import DEFAULT_API_BASE, load_settings
from leotalk_publish.errors import SettingsError


def test_defaults_without_file_or_environment(project):
    settings = load_settings(project, {})
    assert settings.api_base == DEFAULT_API_BASE and not settings.has_credentials
    assert settings.upload_concurrency == 8 and "font-size" in settings.theme_css


def test_environment_overrides_the_file(project):
    (project / "channels" / "wechat.toml").write_text('api_base = "https://file.example"\n')
    env = {"WECHAT_APPID": "wxfake1", "WECHAT_APPSECRET": "fake-secret-1", "LEOTALK_WECHAT_API_BASE": "http://127.0.0.1:9"}
    settings = load_settings(project, env)
    assert settings.api_base == "http://127.0.0.1:9" and settings.has_credentials
    assert "fake-secret-1" not in repr(settings) and "fake-secret-1" not in str(settings.model_dump())


def test_proxy_from_the_file_or_else_the_usual_variables(project):
    assert load_settings(project, {"HTTPS_PROXY": "http://proxy.example:3128"}).proxy == "http://proxy.example:3128"
    (project / "channels" / "wechat.toml").write_text('proxy = "http://fixed.example:8080"\n')
    assert load_settings(project, {"HTTPS_PROXY": "http://other:1"}).proxy == "http://fixed.example:8080"


def test_a_bad_value_names_the_file_and_key(project):
    (project / "channels" / "wechat.toml").write_text("upload_concurrency = 0\nnonsense = 1\n")
    with pytest.raises(SettingsError) as caught:
        load_settings(project, {})
    assert "wechat.toml" in str(caught.value) and "upload_concurrency" in str(caught.value)
    assert "nonsense" in str(caught.value)


def test_a_user_theme_is_applied_after_the_default(project):
    (project / "channels" / "wechat.css").write_text("h2{color:#c00}")
    assert load_settings(project, {}).theme_css.rstrip().endswith("h2{color:#c00}")


def test_leotalk_wechat_proxy_wins_over_the_file_and_the_usual_variables(project):
    (project / "channels" / "wechat.toml").write_text('proxy = "http://fixed.example:8080"\n')
    env = {"HTTPS_PROXY": "http://other:1", "LEOTALK_WECHAT_PROXY": "http://egress.example:3128"}
    assert load_settings(project, env).proxy == "http://egress.example:3128"
