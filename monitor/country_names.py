"""Country names as readers expect them, from ISO 3166 codes (pycountry)."""

from __future__ import annotations

import functools
import re

import pycountry

EXTRA_NAMES = {"XKX": "Kosovo"}


@functools.lru_cache(maxsize=512)
def country_name(iso3: str) -> str:
    """The English name of a country in reading order.

    ISO writes inverted names ("Congo, The Democratic Republic of the",
    "Virgin Islands, British"); readers expect "Democratic Republic of the
    Congo" and "British Virgin Islands".
    """
    if iso3 in EXTRA_NAMES:
        return EXTRA_NAMES[iso3]
    country = pycountry.countries.get(alpha_3=iso3)
    if country is None:
        return iso3
    name = getattr(country, "common_name", None) or country.name
    name = re.sub(r"\s*\(.*?\)", "", name)
    if ", " in name:
        head, tail = name.split(", ", 1)
        name = re.sub(r"^The ", "", f"{tail} {head}")
    return name
