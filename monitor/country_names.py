"""Country names as readers expect them, from ISO 3166 codes (pycountry)."""

from __future__ import annotations

import functools
import re
from pathlib import Path

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


@functools.lru_cache(maxsize=1)
def _codes_by_name() -> dict[str, str]:
    """Every English name of every country (ISO's, official, common and the reading-order
    name above), case-folded, with its alpha-3 code."""
    codes = {name.casefold(): iso3 for iso3, name in EXTRA_NAMES.items()}
    for country in pycountry.countries:
        for attribute in ("name", "official_name", "common_name"):
            name = getattr(country, attribute, None)
            if name:
                codes[name.casefold()] = country.alpha_3
        codes[country_name(country.alpha_3).casefold()] = country.alpha_3
    return {**_alias_codes(), **codes}


@functools.lru_cache(maxsize=1)
def _alias_entries() -> dict[str, dict]:
    """models/country_aliases.yaml: iso3 -> names, demonyms, capitals, ambiguous forms."""
    import yaml

    from monitor.settings import Settings

    path = Path(Settings().models_dir) / "country_aliases.yaml"
    entries = yaml.safe_load(path.read_text(encoding="utf-8")) if path.exists() else {}
    return {iso3: entry or {} for iso3, entry in (entries or {}).items()}


def _unshared(kind: str) -> dict[str, str]:
    """Case-folded forms of one kind ("names", "demonyms") with their country; a form
    two countries share is left out."""
    owners: dict[str, set[str]] = {}
    for iso3, entry in _alias_entries().items():
        for form in entry.get(kind) or []:
            owners.setdefault(form.casefold(), set()).add(iso3)
    return {form: codes.pop() for form, codes in owners.items() if len(codes) == 1}


def _alias_codes() -> dict[str, str]:
    """The short names news uses ("Turkey", "Russia", "DRC") from the gazetteer's
    models/country_aliases.yaml; a name two countries share is left out."""
    return _unshared("names")


@functools.lru_cache(maxsize=1)
def demonym_codes() -> dict[str, str]:
    """Case-folded nationality words ("afghan", "syrians") with their country's code;
    a demonym two countries share ("Congolese") is left out."""
    return _unshared("demonyms")


@functools.lru_cache(maxsize=1)
def ambiguous_forms() -> frozenset[str]:
    """Case-folded names and demonyms that are also a common word, a first name or
    another place ("Turkey", "Chad", "Jordan"), per models/country_aliases.yaml."""
    return frozenset(
        form.casefold()
        for entry in _alias_entries().values()
        for form in entry.get("ambiguous") or []
    )


def country_code(text: str) -> str | None:
    """The ISO 3166-1 alpha-3 code for an alpha-3 code in any case ("afg") or an English
    name ("Afghanistan", "Democratic Republic of the Congo"); None when it is neither."""
    cleaned = " ".join(text.split())
    upper = cleaned.upper()
    if upper in EXTRA_NAMES or pycountry.countries.get(alpha_3=upper) is not None:
        return upper
    return _codes_by_name().get(cleaned.casefold())
