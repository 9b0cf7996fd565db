"""Build the spaCy pattern files for countries and institutions.

The patterns are data (``models/patterns/*.jsonl``) loaded by ``span_ruler``
components. They are generated from maintained sources, not typed by hand:

* countries: every ISO 3166-1 entry in pycountry (official, common and short
  names) plus ``models/country_aliases.yaml`` (aliases, demonyms, capitals);
* institutions: ``models/institutions.yaml`` (curated migration actors).

Run ``python -m monitor.nlp.gazetteer`` after editing either YAML file; a
test fails when the committed patterns are out of date.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pycountry
import yaml

from monitor.nlp.lexicon import BODY_WORDS, ORGANISATION_WORDS

COUNTRY_LABEL = "COUNTRY"
AMBIGUOUS_COUNTRY_LABEL = "COUNTRY_AMBIGUOUS"
CAPITAL_LABEL = "COUNTRY_CAPITAL"

# Capitals that news uses for supranational institutions rather than the host
# country ("Brussels wants ..." means the EU), so as capitals they never count
# (the country name "Luxembourg" still does).
INSTITUTIONAL_SEATS = frozenset({"Brussels", "Strasbourg", "Geneva", "The Hague", "Luxembourg"})
# pycountry names that are formal or carry a comma ("Korea, Republic of") are
# not how news writes them; aliases cover the usual forms.
FORMAL_NAME = re.compile(r",|\(")


def slugify(name: str) -> str:
    """A stable id from a name: lowercase ASCII letters and digits joined by hyphens."""
    import unicodedata

    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")


def _apostrophe_variants(form: str) -> set[str]:
    return {form, form.replace("'", "\u2019"), form.replace("\u2019", "'")}


def _abbreviation_variants(form: str) -> set[str]:
    """American copy writes "U.N." and "U.S." where others write "UN" and "US"; wire
    copy spells the UN out ("the United Nations food agency")."""
    variants = {form}
    spellings = (("UN", "U.N."), ("US", "U.S."), ("EU", "E.U."), ("UN", "United Nations"))
    for plain, written in spellings:
        if re.search(rf"\b{plain}\b", form):
            variants.add(re.sub(rf"\b{plain}\b", written, form))
    return variants


# Words a title-cased name leaves in lower case ("Office for the Coordination of ...").
TITLE_SMALL_WORDS = frozenset({"of", "for", "the", "and", "on", "in", "to", "at", "de"})


def _title_case_variants(form: str) -> set[str]:
    """ "the United Nations Refugee Agency" for "United Nations refugee agency": a body's
    own pages and many reports capitalise its descriptive name. Only English
    descriptions that open with a name ("UN", "Dutch") and end in a body's noun
    ("agency", "office"); names in other languages keep their own capitals."""
    words = form.split()
    if (
        len(words) < 2
        or not words[0][:1].isupper()
        or not words[-1].islower()
        or not (ORGANISATION_WORDS.fullmatch(words[-1]) or BODY_WORDS.fullmatch(words[-1]))
    ):
        return {form}
    titled = " ".join(
        word if word in TITLE_SMALL_WORDS or not word[:1].islower() else word[:1].upper() + word[1:]
        for word in words
    )
    return {form, titled}


def _hyphen_variants(form: str) -> set[str]:
    """ "Papua-New Guinea" for "Papua New Guinea": older and wire copy join the first
    two words of a country's name with a hyphen. Only names of capitalised words,
    never "Bosnia and Herzegovina"; not abbreviations ("St. Lucia") nor "Saint",
    which French place names join with a hyphen ("Saint-Vincent-de-Paul")."""
    words = form.split()
    if (
        len(words) < 2
        or not all(word[:1].isupper() for word in words)
        or "." in words[0]
        or words[0] in {"Saint", "St", "San", "São", "Sao"}
    ):
        return {form}
    return {form, f"{words[0]}-{' '.join(words[1:])}"}


def _with_article(form: str) -> set[str]:
    """Country names such as 'the Netherlands' are written with and without 'the'."""
    if form.lower().startswith("the "):
        return {form, form[4:], "The " + form[4:]}
    return {form}


def country_patterns(aliases: dict[str, dict[str, Any]]) -> list[dict[str, str]]:
    """Phrase patterns (ORTH) for every country, labelled ambiguous where the
    form is shared with a person, place or common word."""
    forms: dict[tuple[str, str], str] = {}  # (form, iso3) -> label

    def add(form: str, iso3: str, ambiguous: bool, capital: bool = False) -> None:
        form = form.strip()
        if not form:
            return
        label = (
            AMBIGUOUS_COUNTRY_LABEL if ambiguous else CAPITAL_LABEL if capital else COUNTRY_LABEL
        )
        for variant in _apostrophe_variants(form):
            for written in _with_article(variant):
                key = (written, iso3)
                if forms.get(key) in (None, COUNTRY_LABEL):
                    forms[key] = label

    for country in pycountry.countries:
        entry = aliases.get(country.alpha_3, {})
        ambiguous_forms = set(entry.get("ambiguous", []))
        names = {country.name, getattr(country, "common_name", None)}
        names.add(getattr(country, "official_name", None))
        for name in filter(None, names):
            if not FORMAL_NAME.search(name):
                for written in _hyphen_variants(name):
                    add(written, country.alpha_3, name in ambiguous_forms)
    for iso3, entry in aliases.items():
        ambiguous_forms = set(entry.get("ambiguous", []))
        for form in entry.get("names", []) + entry.get("demonyms", []):
            for written in _hyphen_variants(form):
                add(written, iso3, form in ambiguous_forms)
        for capital in entry.get("capitals", []):
            if capital in INSTITUTIONAL_SEATS:
                continue
            add(capital, iso3, capital in ambiguous_forms, capital=True)
            if len(capital) > 3:  # datelines: "ATHENS (Meridian Wire) -"
                add(capital.upper(), iso3, capital in ambiguous_forms, capital=True)

    # A form claimed by two countries is ambiguous for both.
    owners: dict[str, set[str]] = {}
    for form, iso3 in forms:
        owners.setdefault(form, set()).add(iso3)
    patterns = []
    for (form, iso3), label in sorted(forms.items()):
        if len(owners[form]) > 1:
            label = AMBIGUOUS_COUNTRY_LABEL
        patterns.append({"label": label, "pattern": form, "id": iso3})
    return patterns


def institution_patterns(institutions: list[dict[str, Any]]) -> list[dict[str, str]]:
    """Phrase patterns for every institution name and alias; id is the slug of
    the canonical name and label its actor type (government, ngo, ...)."""
    patterns = []
    seen: set[str] = set()
    for entry in institutions:
        identifier = slugify(entry["name"])
        forms = [entry["name"], *entry.get("aliases", [])]
        for form in forms:
            spellings = {
                v
                for titled in _title_case_variants(form)
                for f in _abbreviation_variants(titled)
                for v in _apostrophe_variants(f)
            }
            for variant in sorted(spellings):
                if variant in seen:
                    continue
                seen.add(variant)
                patterns.append(
                    {"label": entry.get("type", "other"), "pattern": variant, "id": identifier}
                )
    return patterns


# libyaml's safe loader where PyYAML was built with it: the same result, about ten
# times faster on the country file, which analysis reads on its first document.
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_yaml(path: Path) -> Any:
    with path.open(encoding="utf-8") as handle:
        return yaml.load(handle, Loader=SAFE_LOADER)


def write_jsonl(path: Path, rows: list[dict[str, str]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as handle:
        for row in rows:
            handle.write(json.dumps(row, ensure_ascii=False, sort_keys=True) + "\n")


def build_all(models_dir: Path) -> dict[str, int]:
    """Regenerate every pattern file under ``models_dir/patterns``; returns counts."""
    aliases = load_yaml(models_dir / "country_aliases.yaml") or {}
    institutions = load_yaml(models_dir / "institutions.yaml") or []
    countries = country_patterns(aliases)
    organisations = institution_patterns(institutions)
    write_jsonl(models_dir / "patterns" / "countries.jsonl", countries)
    write_jsonl(models_dir / "patterns" / "institutions.jsonl", organisations)
    return {"countries.jsonl": len(countries), "institutions.jsonl": len(organisations)}


if __name__ == "__main__":  # pragma: no cover - a maintenance command
    from monitor.settings import Settings

    for name, count in build_all(Path(Settings().models_dir)).items():
        print(f"{name}: {count} patterns")
