import pytest

from monitor.settings import Settings, SettingsError, build_settings, describe_settings


def test_precedence_defaults_file_env_flags():
    settings = build_settings(
        {"host_delay": 3, "max_redirects": 2},
        environ={"MONITOR_HOST_DELAY": "4.5", "MONITOR_ALLOW_HOSTS": "127.0.0.1, 10.0.0.0/8"},
        max_redirects=7,
    )
    assert settings.host_delay == 4.5  # env beats file
    assert settings.max_redirects == 7  # flag beats file
    assert settings.allow_hosts == ("127.0.0.1", "10.0.0.0/8")
    assert settings.max_page_bytes == Settings().max_page_bytes


def test_unknown_setting_in_file_is_refused():
    with pytest.raises(SettingsError, match="unknown setting 'hots_delay'"):
        build_settings({"hots_delay": 1}, environ={})


def test_bad_value_names_the_setting():
    with pytest.raises(SettingsError, match="respect_robots"):
        build_settings({"respect_robots": "perhaps"}, environ={})


def test_every_setting_is_documented():
    for name, _default, doc in describe_settings():
        assert doc, f"setting {name} has no documentation"
