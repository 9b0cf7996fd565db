"""How each feed is doing, from the state the crawler keeps in ``sources``."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime, timezone
from typing import Any

from monitor.settings import Settings


def _age_days(timestamp: str | None, now: datetime) -> float | None:
    if not timestamp:
        return None
    try:
        moment = datetime.strptime(timestamp, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=timezone.utc)
    except ValueError:
        return None
    return (now - moment).total_seconds() / 86400


def feed_health(state: Mapping[str, Any], settings: Settings, now: datetime | None = None) -> str:
    """One word and a reason: ok, never polled, failing, dead or stale.

    A feed is dead when it answered 410 Gone, or failed with 404 on
    ``dead_after_failures`` polls in a row; stale when it has brought nothing new
    for ``stale_after_days`` (or nothing ever, after that long).
    """
    now = now or datetime.now(timezone.utc)
    if not state or not state.get("last_polled_at"):
        return "never polled"
    status = state.get("last_status")
    failures = state.get("consecutive_failures") or 0
    if status == 410:
        return "dead: 410 Gone"
    if status == 404 and failures >= settings.dead_after_failures:
        return f"dead: 404 on {failures} polls in a row"
    if failures:
        return f"failing: {failures} poll(s) in a row ({state.get('last_error') or status})"
    since_new = _age_days(state.get("last_new_at"), now)
    first_seen = _age_days(state.get("first_polled_at"), now)
    if since_new is not None and since_new > settings.stale_after_days:
        return f"stale: nothing new for {since_new:.0f} days"
    if since_new is None and first_seen is not None and first_seen > settings.stale_after_days:
        return f"stale: nothing new in {first_seen:.0f} days of polling"
    return "ok"


def health_table(
    sources: Iterable[Any], states: Mapping[str, Mapping[str, Any]], settings: Settings
) -> tuple[list[str], int]:
    """(lines of a table of every feed's last poll and health, number of dead feeds)."""
    lines = [f"{'id':28} {'status':>6} {'items':>6}  {'last polled':21} health"]
    dead = 0
    for source in sources:
        state = states.get(source.id, {})
        health = feed_health(state, settings) if source.enabled else "disabled"
        dead += health.startswith("dead")
        lines.append(
            f"{source.id:28} {state.get('last_status') or '-':>6} "
            f"{state.get('items_seen') or 0:>6}  {(state.get('last_polled_at') or 'never'):21} "
            f"{health[:90]}"
        )
    return lines, dead
