"""Digest and alert subscriptions: who gets what, read from a YAML file.

A subscription names its recipients, a schedule (``daily`` digest or
``alert``) and filters. Filters of different kinds must all hold (label AND
country ...); the values inside one filter are alternatives (BEL OR NLD).
Every mistake in the file is reported as one line naming the file, the
subscription and the field, so a typo never silently widens or empties a
subscription.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from monitor.codebook import LABELS, SPEAKER_TYPES
from monitor.country_names import country_code

SCHEDULES = ("daily", "alert")
SUBSCRIPTION_ID = re.compile(r"^[a-z0-9][a-z0-9_-]{0,63}$")
# Deliberately strict: an address goes into the SMTP envelope and the To header,
# so nothing that could carry a line break, a comma or a display name is accepted.
EMAIL_ADDRESS = re.compile(r"^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$")
FILTER_FIELDS = ("labels", "countries", "actors", "speaker_types", "keywords", "min_score")
SUBSCRIPTION_FIELDS = ("id", "title", "recipients", "schedule", "all_quiet", "filters")


class SubscriptionError(ValueError):
    """The subscriptions file cannot be read or a subscription in it is invalid."""


@dataclass(frozen=True)
class Filters:
    """What a statement must be about to be sent. Empty tuples mean "any"."""

    labels: tuple[str, ...] = ()
    """Label ids of the codebook (monitor/codebook.py); the statement must carry one of them."""
    countries: tuple[str, ...] = ()
    """ISO 3166-1 alpha-3 codes (the file may give codes or English names: "AFG" or
    "Afghanistan"); the article mentions one, or the speaker belongs to one."""
    actors: tuple[str, ...] = ()
    """Actor ids (the slug in the actors table) or names; the speaker must be one of them."""
    speaker_types: tuple[str, ...] = ()
    """Actor types the speaker must have (government, ngo, court ...)."""
    keywords: tuple[str, ...] = ()
    """Words or phrases; one must occur (case-insensitively) in the statement or the title."""
    min_score: float = 0.0
    """Lowest score at which a label counts for the label filter."""


@dataclass(frozen=True)
class Subscription:
    id: str
    """Stable name; digests sent are recorded under it."""
    recipients: tuple[str, ...]
    schedule: str
    """``daily`` (one digest per day) or ``alert`` (soon after a matching statement)."""
    title: str = ""
    """Human name shown in the subject and heading (default: the id)."""
    all_quiet: bool = False
    """Send a short "all quiet" note when a period has nothing to report."""
    filters: Filters = field(default_factory=Filters)

    @property
    def display_name(self) -> str:
        return self.title or self.id


def load_subscriptions(path: str | Path) -> list[Subscription]:
    """Read and validate a subscriptions file; raise SubscriptionError with one clear line."""
    path = Path(path)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise SubscriptionError(f"{path}: cannot read ({error.strerror or error})") from error
    except yaml.YAMLError as error:
        where = getattr(error, "problem_mark", None)
        line = f" line {where.line + 1}" if where is not None else ""
        raise SubscriptionError(f"{path}:{line} not valid YAML") from error
    return parse_subscriptions(data, str(path))


def parse_subscriptions(data: Any, source: str = "subscriptions") -> list[Subscription]:
    """Validate the parsed YAML (``{"subscriptions": [...]}``) into subscriptions."""
    if not isinstance(data, dict) or not isinstance(data.get("subscriptions"), list):
        raise SubscriptionError(f"{source}: expected a top-level 'subscriptions:' list")
    unknown = set(data) - {"subscriptions"}
    if unknown:
        raise SubscriptionError(f"{source}: unknown top-level key {sorted(unknown)[0]!r}")
    subscriptions: list[Subscription] = []
    seen: set[str] = set()
    for position, entry in enumerate(data["subscriptions"], start=1):
        subscription = _parse_one(entry, source, position)
        if subscription.id in seen:
            raise SubscriptionError(f"{source}: subscription {subscription.id!r}: duplicate id")
        seen.add(subscription.id)
        subscriptions.append(subscription)
    return subscriptions


def _parse_one(entry: Any, source: str, position: int) -> Subscription:
    where = f"{source}: subscription #{position}"
    if not isinstance(entry, dict):
        raise SubscriptionError(f"{where}: expected a mapping with id, recipients and schedule")
    sub_id = entry.get("id")
    if not isinstance(sub_id, str) or not SUBSCRIPTION_ID.match(sub_id):
        raise SubscriptionError(
            f"{where}: field 'id': {sub_id!r} is not a lowercase name "
            "(letters, digits, '-' or '_', at most 64)"
        )
    where = f"{source}: subscription {sub_id!r}"

    def fail(name: str, message: str) -> SubscriptionError:
        return SubscriptionError(f"{where}: field {name!r}: {message}")

    unknown = set(entry) - set(SUBSCRIPTION_FIELDS)
    if unknown:
        name = sorted(unknown)[0]
        raise fail(name, f"unknown field (known: {', '.join(SUBSCRIPTION_FIELDS)})")
    recipients = _string_list(entry.get("recipients"), "recipients", fail)
    if not recipients:
        raise fail("recipients", "at least one address is needed")
    for address in recipients:
        if not EMAIL_ADDRESS.match(address):
            raise fail("recipients", f"{address!r} is not a plain e-mail address")
    schedule = entry.get("schedule")
    if schedule not in SCHEDULES:
        raise fail("schedule", f"{schedule!r} is not one of {', '.join(SCHEDULES)}")
    title = entry.get("title", "")
    if not isinstance(title, str):
        raise fail("title", "expected text")
    all_quiet = entry.get("all_quiet", False)
    if not isinstance(all_quiet, bool):
        raise fail("all_quiet", f"expected true or false, not {all_quiet!r}")
    return Subscription(
        id=sub_id,
        recipients=tuple(recipients),
        schedule=schedule,
        title=title.strip(),
        all_quiet=all_quiet,
        filters=_parse_filters(entry.get("filters") or {}, fail),
    )


def _parse_filters(raw: Any, fail) -> Filters:
    if not isinstance(raw, dict):
        raise fail("filters", "expected a mapping")
    unknown = set(raw) - set(FILTER_FIELDS)
    if unknown:
        name = sorted(unknown)[0]
        raise fail(f"filters.{name}", f"unknown filter (known: {', '.join(FILTER_FIELDS)})")
    labels = _string_list(raw.get("labels"), "filters.labels", fail)
    for label in labels:
        if label not in LABELS:
            raise fail("filters.labels", f"unknown label {label!r} (known: {', '.join(LABELS)})")
    countries = []
    for entry in _string_list(raw.get("countries"), "filters.countries", fail):
        code = country_code(entry)
        if code is None:
            raise fail(
                "filters.countries",
                f"{entry!r} is neither an ISO 3166-1 alpha-3 code nor an English country name",
            )
        countries.append(code)
    speaker_types = _string_list(raw.get("speaker_types"), "filters.speaker_types", fail)
    for kind in speaker_types:
        if kind not in SPEAKER_TYPES:
            raise fail(
                "filters.speaker_types",
                f"unknown speaker type {kind!r} (known: {', '.join(SPEAKER_TYPES)})",
            )
    min_score = raw.get("min_score", 0.0)
    if isinstance(min_score, bool) or not isinstance(min_score, int | float):
        raise fail("filters.min_score", f"expected a number, not {min_score!r}")
    if not 0.0 <= float(min_score) <= 1.0:
        raise fail("filters.min_score", f"{min_score} is outside 0 to 1")
    return Filters(
        labels=tuple(labels),
        countries=tuple(countries),
        actors=tuple(_string_list(raw.get("actors"), "filters.actors", fail)),
        speaker_types=tuple(speaker_types),
        keywords=tuple(_string_list(raw.get("keywords"), "filters.keywords", fail)),
        min_score=float(min_score),
    )


def _string_list(value: Any, name: str, fail) -> list[str]:
    """A list of non-empty strings; a single string is a list of one."""
    if value is None:
        return []
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list):
        raise fail(name, f"expected a list, not {type(value).__name__}")
    items = []
    for item in value:
        if not isinstance(item, str) or not item.strip():
            raise fail(name, f"{item!r} is not a non-empty text")
        items.append(item.strip())
    return items


def only_subscription(subscriptions: list[Subscription], only: str | None, path: str) -> list:
    """All subscriptions, or just the one with id ``only``."""
    if only is None:
        return subscriptions
    chosen = [s for s in subscriptions if s.id == only]
    if not chosen:
        raise SubscriptionError(f"{path}: no subscription with id {only!r}")
    return chosen
