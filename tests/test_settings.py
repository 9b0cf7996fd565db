from dataclasses import fields

import pytest

from monitor.settings import RULES, Settings, SettingsError, build_settings, describe_settings


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


# --- every setting is range-checked (tracker #18, item 9) -----------------------------


def test_every_setting_declares_what_values_it_accepts():
    """A new setting without an entry in RULES (monitor/settings.py) fails here."""
    names = {field.name for field in fields(Settings)}
    assert names - set(RULES) == set(), "add these settings' rules to RULES in monitor/settings.py"
    assert set(RULES) - names == set(), "RULES names settings that do not exist"


def test_the_defaults_are_within_their_own_rules():
    defaults = Settings()
    for name, rule in RULES.items():
        assert rule.problem(name, getattr(defaults, name)) is None, name


# The probe's values, as they come from feeds.yaml or MONITOR_* variables.
REFUSED = [
    ("connect_timeout", "-1", "-1.0 is out of range (must be a finite number > 0)"),
    ("read_timeout", "0", "0.0 is out of range (must be a finite number > 0)"),
    ("request_deadline", "-1", "-1.0 is out of range (must be a finite number > 0)"),
    ("max_retries", "-1", "-1 is out of range (must be a whole number >= 0)"),
    ("host_delay", "-5", "-5.0 is out of range (must be a finite number >= 0)"),
    ("host_delay", "nan", "nan is out of range (must be a finite number >= 0)"),
    ("host_delay", "inf", "inf is out of range (must be a finite number >= 0)"),
    ("max_feed_bytes", "0", "0 is out of range (must be a whole number >= 1)"),
    ("max_entries_per_feed", "0", "0 is out of range (must be a whole number >= 1)"),
    ("robots_on_error", "maybe", "'maybe' is not allowed (must be one of: allow, disallow)"),
    ("digest_timezone", "Mars/Olympus", "'Mars/Olympus' is not allowed (must be an IANA"),
    ("digest_hour", "24", "24 is out of range (must be a whole number from 0 to 23)"),
    ("relevance_threshold", "1.5", "1.5 is out of range (must be a finite number from 0 to 1)"),
    ("serve_port", "70000", "70000 is out of range (must be a whole number from 1 to 65535)"),
    ("workers", "-1", "-1 is out of range (must be a whole number >= 0)"),
    ("datasette_url", "ftp://x", "'ftp://x' is not allowed (must be an http:// or https:// URL)"),
    ("user_agent", "bot\r\nX-Evil: 1", "is not allowed (must be one line of text, not empty)"),
]


@pytest.mark.parametrize(("name", "value", "message"), REFUSED)
def test_a_value_out_of_range_is_refused_in_one_line_naming_it(name, value, message):
    for source in ({"file_settings": {name: value}, "environ": {}}, {"environ": {}, name: value}):
        with pytest.raises(SettingsError) as raised:
            build_settings(**source)
        assert str(raised.value).startswith(f"setting {name!r}: "), str(raised.value)
        assert message in str(raised.value)
        assert "\n" not in str(raised.value)
    with pytest.raises(SettingsError, match=name):
        build_settings(environ={f"MONITOR_{name.upper()}": value})


def test_settings_made_in_code_are_checked_too():
    with pytest.raises(SettingsError, match="'host_delay': -5"):
        Settings(host_delay=-5)
    with pytest.raises(SettingsError, match="'max_retries'"):
        Settings().replace(max_retries=-1)
    with pytest.raises(SettingsError, match="'max_retries': True"):
        Settings(max_retries=True)  # type: ignore[arg-type]


def test_fractions_and_yes_no_are_not_read_as_whole_numbers():
    with pytest.raises(SettingsError, match="max_retries"):
        build_settings({"max_retries": 2.5}, environ={})
    with pytest.raises(SettingsError, match="max_retries"):
        build_settings({"max_retries": True}, environ={})
    assert build_settings({"max_retries": 3.0}, environ={}).max_retries == 3


def test_values_at_the_edge_of_their_range_are_accepted():
    settings = build_settings(
        {"host_delay": 0, "max_retries": 0, "workers": 0, "digest_hour": 23, "mail_from": ""},
        environ={"MONITOR_ROBOTS_ON_ERROR": "allow", "MONITOR_DIGEST_TIMEZONE": "Europe/Brussels"},
    )
    assert settings.host_delay == 0.0 and settings.robots_on_error == "allow"
