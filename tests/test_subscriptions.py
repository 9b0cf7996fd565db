"""Reading and validating the subscriptions file."""

from __future__ import annotations

import pytest
import yaml
from click.testing import CliRunner

from monitor.cli import cli
from monitor.publish.subscriptions import SubscriptionError, load_subscriptions, parse_subscriptions
from tests.conftest import REPO

VALID = {
    "id": "returns",
    "recipients": ["a@example.org"],
    "schedule": "daily",
    "filters": {"labels": ["return_policy"], "countries": ["bel"], "min_score": 0.5},
}


def test_the_committed_example_is_valid():
    subscriptions = load_subscriptions(REPO / "subscriptions.example.yaml")
    assert {s.schedule for s in subscriptions} == {"daily", "alert"}
    assert all(s.recipients for s in subscriptions)
    quiet = [s for s in subscriptions if s.all_quiet]
    assert quiet and quiet[0].filters.labels == ()


def test_a_valid_subscription():
    (subscription,) = parse_subscriptions({"subscriptions": [VALID]})
    assert subscription.filters.countries == ("BEL",)  # upper-cased
    assert subscription.filters.labels == ("return_policy",)
    assert subscription.display_name == "returns"
    assert subscription.all_quiet is False


def test_countries_by_code_or_by_name():
    countries = ["Afghanistan", "AFG", "democratic republic of the congo", "Turkey", "syr"]
    (subscription,) = parse_subscriptions(with_filter(countries=countries))
    assert subscription.filters.countries == ("AFG", "AFG", "COD", "TUR", "SYR")


def with_change(**changes):
    entry = {**VALID, **changes}
    return {"subscriptions": [{k: v for k, v in entry.items() if v is not None}]}


def with_filter(**changes):
    return with_change(filters={**VALID["filters"], **changes})


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"subscription": []}, "expected a top-level 'subscriptions:' list"),
        (with_change(id="Returns Desk"), "subscription #1: field 'id': 'Returns Desk'"),
        (with_change(recipients=[]), "'returns': field 'recipients': at least one"),
        (with_change(recipients=None), "'returns': field 'recipients': at least one"),
        (
            with_change(recipients=["a@example.org\r\nBcc: evil@example.org"]),
            "'returns': field 'recipients': 'a@example.org\\r\\nBcc: evil@example.org' is not",
        ),
        (with_change(recipients=["Jane <j@example.org>"]), "is not a plain e-mail address"),
        (with_change(schedule="weekly"), "field 'schedule': 'weekly' is not one of daily, alert"),
        (with_change(all_quiet="yes"), "field 'all_quiet': expected true or false"),
        (with_change(colour="red"), "field 'colour': unknown field"),
        (with_filter(labels=["returns"]), "field 'filters.labels': unknown label 'returns'"),
        (with_filter(countries=["BE"]), "field 'filters.countries': 'BE' is neither an ISO"),
        (with_filter(countries=["Narnia"]), "'Narnia' is neither an ISO 3166-1 alpha-3 code nor"),
        (with_filter(speaker_types=["minister"]), "filters.speaker_types': unknown speaker type"),
        (with_filter(min_score=1.5), "field 'filters.min_score': 1.5 is outside 0 to 1"),
        (with_filter(min_score="high"), "field 'filters.min_score': expected a number"),
        (with_filter(keywords=[""]), "field 'filters.keywords': '' is not a non-empty text"),
        (with_filter(keyword=["x"]), "field 'filters.keyword': unknown filter"),
        (with_change(filters=["labels"]), "field 'filters': expected a mapping"),
    ],
)
def test_mistakes_are_one_clear_line(data, message):
    with pytest.raises(SubscriptionError) as raised:
        parse_subscriptions(data, "subs.yaml")
    text = str(raised.value)
    assert message in text
    assert text.startswith("subs.yaml: ")
    assert "\n" not in text


def test_duplicate_ids_are_refused():
    with pytest.raises(SubscriptionError, match="subscription 'returns': duplicate id"):
        parse_subscriptions({"subscriptions": [VALID, VALID]})


def test_unreadable_files(tmp_path):
    broken = tmp_path / "broken.yaml"
    broken.write_text("subscriptions:\n  - id: [unclosed\n", encoding="utf-8")
    with pytest.raises(SubscriptionError, match=r"broken.yaml: line \d+ not valid YAML"):
        load_subscriptions(broken)
    with pytest.raises(SubscriptionError, match="missing.yaml: cannot read"):
        load_subscriptions(tmp_path / "missing.yaml")


def test_the_cli_reports_the_mistake_and_sends_nothing(tmp_path, settings):
    path = tmp_path / "subs.yaml"
    path.write_text(yaml.safe_dump(with_filter(labels=["deportations"])), encoding="utf-8")
    result = CliRunner().invoke(
        cli, ["--db", settings.db, "digest", "--subscriptions", str(path), "--dry-run"]
    )
    assert result.exit_code == 1
    assert result.output.strip() == (
        f"Error: {path}: subscription 'returns': field 'filters.labels': unknown label "
        "'deportations' (known: return_policy, rights_concerns, conditionality, border_control, "
        "externalisation, smuggling_trafficking, information_campaigns, asylum_figures, "
        "protection_access, integration, eu_coordination)"
    )
