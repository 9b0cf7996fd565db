"""What values a setting accepts: small rules that ``monitor.settings`` declares,
one per setting, and checks whenever a Settings object is made.

A rule says in words what it accepts ("a finite number >= 0"), so that a refused
value is reported in one line that names the setting, the value and the range.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f]")


@dataclass(frozen=True)
class Rule:
    """A check on one setting's value, with the words used when it fails."""

    describe: str
    """What is allowed, completing "must be ...": "a finite number >= 0"."""
    accepts: Callable[[Any], bool]
    verdict: str = "not allowed"
    """What a refused value is: "out of range" for numbers, "not allowed" otherwise."""

    def problem(self, name: str, value: Any) -> str | None:
        """The one-line error for ``value``, or None when it is allowed."""
        if self.accepts(value):
            return None
        return f"setting {name!r}: {value!r} is {self.verdict} (must be {self.describe})"


def _is_number(value: Any) -> bool:
    # bool is an int in Python, but `max_retries: yes` is a mistake, not 1.
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _bounds(minimum: float, maximum: float | None, above: bool) -> str:
    if maximum is not None:
        return f"from {minimum:g} to {maximum:g}"
    return f"{'>' if above else '>='} {minimum:g}"


def number(minimum: float = 0.0, maximum: float | None = None, *, above: bool = False) -> Rule:
    """A finite float from ``minimum`` (excluded when ``above``) up to ``maximum``."""

    def accepts(value: Any) -> bool:
        if not _is_number(value) or not math.isfinite(value):
            return False  # NaN passes every comparison below, so it is refused here
        if value < minimum or (above and value == minimum):
            return False
        return maximum is None or value <= maximum

    return Rule(f"a finite number {_bounds(minimum, maximum, above)}", accepts, "out of range")


def whole(minimum: int = 0, maximum: int | None = None) -> Rule:
    """An int from ``minimum`` up to ``maximum``."""

    def accepts(value: Any) -> bool:
        if not _is_number(value) or not isinstance(value, int):
            return False
        return value >= minimum and (maximum is None or value <= maximum)

    return Rule(f"a whole number {_bounds(minimum, maximum, False)}", accepts, "out of range")


def flag() -> Rule:
    return Rule("true or false", lambda value: isinstance(value, bool))


def one_of(*choices: str) -> Rule:
    return Rule(f"one of: {', '.join(choices)}", lambda value: value in choices)


def text(empty: bool = False) -> Rule:
    """One line of text (no control characters: some of these end up in HTTP or
    mail headers); empty only when ``empty``."""

    def accepts(value: Any) -> bool:
        if not isinstance(value, str) or CONTROL_CHARACTERS.search(value):
            return False
        return empty or bool(value.strip())

    return Rule("one line of text" + ("" if empty else ", not empty"), accepts)


def texts() -> Rule:
    """A tuple of non-empty one-line texts (possibly none)."""
    one = text()
    return Rule(
        "a list of non-empty one-line texts",
        lambda value: isinstance(value, tuple) and all(one.accepts(part) for part in value),
    )


def web_url() -> Rule:
    return Rule(
        "an http:// or https:// URL",
        lambda value: text().accepts(value) and value.startswith(("http://", "https://")),
    )


@lru_cache(maxsize=64)
def _known_zone(name: str) -> bool:
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return False
    return True


def time_zone() -> Rule:
    return Rule(
        "an IANA time zone such as UTC or Europe/Brussels",
        lambda value: isinstance(value, str) and bool(value) and _known_zone(value),
    )
