"""Dates as the monitor stores them: ISO 8601 in UTC, ``YYYY-MM-DDTHH:MM:SSZ``."""

from __future__ import annotations

from datetime import datetime, timezone

from dateutil import parser as date_parser

# Zone abbreviations seen in news pages; dateutil ignores them without this table.
TZ_ABBREVIATIONS = {
    name: hours * 3600
    for name, hours in {
        "UTC": 0,
        "GMT": 0,
        "Z": 0,
        "BST": 1,
        "IST": 1,
        "CET": 1,
        "CEST": 2,
        "EET": 2,
        "EEST": 3,
        "MSK": 3,
        "EST": -5,
        "EDT": -4,
        "CST": -6,
        "CDT": -5,
        "MST": -7,
        "MDT": -6,
        "PST": -8,
        "PDT": -7,
    }.items()
}


def to_utc_iso(value: str | None) -> str | None:
    """Normalise any parseable date string to ``YYYY-MM-DDTHH:MM:SSZ`` (naive means UTC)."""
    if not value:
        return None
    try:
        moment = date_parser.parse(value, tzinfos=TZ_ABBREVIATIONS)
    except (ValueError, OverflowError, TypeError):
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def utc_now_iso() -> str:
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
