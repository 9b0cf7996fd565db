from datetime import datetime, timezone

from click.testing import CliRunner

from monitor import store
from monitor.cli import cli
from monitor.crawl.health import feed_health
from monitor.crawl.sources import Source
from monitor.settings import Settings

NOW = datetime(2026, 11, 29, tzinfo=timezone.utc)
SETTINGS = Settings()


def state(**values):
    return {
        "last_polled_at": "2026-11-29T00:00:00Z",
        "first_polled_at": "2026-01-01T00:00:00Z",
        "last_new_at": "2026-11-28T00:00:00Z",
        "consecutive_failures": 0,
        "last_status": 200,
        **values,
    }


def test_health_verdicts():
    assert feed_health({}, SETTINGS, NOW) == "never polled"
    assert feed_health(state(), SETTINGS, NOW) == "ok"
    assert feed_health(state(last_status=410, consecutive_failures=1), SETTINGS, NOW).startswith(
        "dead: 410"
    )
    assert feed_health(state(last_status=404, consecutive_failures=3), SETTINGS, NOW).startswith(
        "dead: 404"
    )
    assert feed_health(state(last_status=404, consecutive_failures=1), SETTINGS, NOW).startswith(
        "failing"
    )
    assert feed_health(state(last_new_at="2026-09-01T00:00:00Z"), SETTINGS, NOW).startswith("stale")
    assert feed_health(state(last_new_at=None), SETTINGS, NOW).startswith("stale")


def test_feeds_check_flags_dead_feeds(tmp_path):
    feeds = tmp_path / "feeds.yaml"
    feeds.write_text(
        "feeds:\n  - id: gone\n    name: Gone\n    url: https://example.org/f\n    language: en\n"
    )
    db = store.open_db(str(tmp_path / "m.db"))
    store.save_sources(
        db, [Source(id="gone", name="Gone", url="https://example.org/f", language="en")]
    )
    store.record_poll(db, "gone", status=410, error="HTTP 410")
    result = CliRunner().invoke(
        cli, ["--db", str(tmp_path / "m.db"), "feeds", "check", "--feeds", str(feeds), "--strict"]
    )
    assert "dead: 410 Gone" in result.output
    assert result.exit_code != 0
