"""When a found item counts as the gold item: names, figures, cues.

* persons: the same name after case and accent folding, or the same surname
  with a compatible first name (one side may give only the surname);
* organisations and groups: the same name after folding, the same entry of
  the curated institutions' aliases ("EU Agency for Asylum" = "EUAA"), one
  name containing the other, or the same words once aliases, country names and
  demonyms are replaced by one id ("UN officials" = "United Nations officials",
  "Swedish government" = "Government of Sweden");
* a gold speaker naming several actors ("IOM and UNHCR") is matched by any one
  of them;
* figures: the same value (sign ignored, within 0.5%) and the same kind, where
  a percentage change may be called ``percent`` or ``change``;
* cues: the same words after folding, or one containing the other ("warned"
  and "has warned"); no cue on both sides also agrees.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

from monitor.country_names import country_code, demonym_codes
from monitor.nlp.gazetteer import slugify

Gold = TypeVar("Gold")
Found = TypeVar("Found")


def fold(name: str | None) -> str:
    """Lowercase ASCII words, curly quotes and leading articles removed."""
    text = unicodedata.normalize("NFKD", name or "").encode("ascii", "ignore").decode()
    text = re.sub(r"[^a-z0-9 ]+", " ", text.lower().replace("'s ", " "))
    text = re.sub(r"^(the|a|an)\s+", "", re.sub(r"\s+", " ", text).strip())
    return text


def alias_table(models_dir: Path) -> dict[str, str]:
    """Folded names and aliases of the curated institutions, and country names and
    demonyms, each mapped to one id: "u n refugee agency" and "unhcr" to ``unhcr``,
    "swedish" and "sweden" to ``sweden``."""
    import yaml

    table: dict[str, str] = {}
    institutions = models_dir / "institutions.yaml"
    for entry in yaml.safe_load(institutions.read_text(encoding="utf-8")) or []:
        for alias in [
            entry["name"],
            *entry.get("aliases", []),
            *entry.get("ambiguous_aliases", []),
        ]:
            for form in (alias, alias.replace("UN ", "U.N. "), alias.replace("US ", "U.S. ")):
                table.setdefault(fold(form), slugify(entry["name"]))
    countries = models_dir / "country_aliases.yaml"
    if countries.exists():
        from monitor.country_names import country_name

        for iso3, entry in (yaml.safe_load(countries.read_text(encoding="utf-8")) or {}).items():
            if not isinstance(entry, dict):
                continue
            for form in [
                country_name(iso3),
                *(entry.get("names") or []),
                *(entry.get("demonyms") or []),
            ]:
                table.setdefault(fold(form), slugify(country_name(iso3)))
    return table


def canonical_words(name: str | None, aliases: dict[str, str]) -> tuple[str, ...]:
    """The words of a folded name with every known alias phrase replaced by its id,
    longest phrases first, and filler words dropped: "Government of Sweden" and
    "Swedish government" give the same words."""
    words = fold(name).split()
    out: list[str] = []
    i = 0
    while i < len(words):
        for length in range(min(6, len(words) - i), 0, -1):
            phrase = " ".join(words[i : i + length])
            if phrase in aliases:
                out.append(aliases[phrase])
                i += length
                break
        else:
            out.append(words[i])
            i += 1
    return tuple(word for word in out if word not in {"of", "the", "for", "s"})


def same_person(gold: str | None, found: str | None) -> bool:
    gold_words, found_words = fold(gold).split(), fold(found).split()
    if not gold_words or not found_words:
        return False
    if gold_words == found_words:
        return True
    if gold_words[-1] != found_words[-1]:
        return False
    return len(gold_words) == 1 or len(found_words) == 1 or gold_words[0] == found_words[0]


def same_organisation(gold: str | None, found: str | None, aliases: dict[str, str]) -> bool:
    gold_name, found_name = fold(gold), fold(found)
    if not gold_name or not found_name:
        return False
    if gold_name == found_name:
        return True
    gold_id, found_id = aliases.get(gold_name), aliases.get(found_name)
    if gold_id and gold_id == found_id:
        return True
    shorter, longer = sorted((gold_name, found_name), key=len)
    if len(shorter) >= 3 and f" {shorter} " in f" {longer} ":
        return True
    gold_state = state_acting(gold or "")
    if gold_state and gold_state == state_acting(found or ""):
        return True
    gold_words, found_words = canonical_words(gold, aliases), canonical_words(found, aliases)
    return bool(gold_words) and sorted(gold_words) == sorted(found_words)


GOVERNMENT_OF = re.compile(
    r"^(?:the\s+)?(?:government\s+of\s+(.+)|(.+?)(?:'s|’s)?\s+government)$", re.I
)


def state_acting(name: str) -> str | None:
    """The country code of a state named as acting: "Pakistan", "the Pakistani
    government", "Pakistan's government" and "the government of Pakistan" are one
    actor (the gold's convention, tests/gold/open-news/README.md)."""
    match = GOVERNMENT_OF.match(" ".join(name.split()))
    core = next(group for group in match.groups() if group) if match else name.strip()
    return country_code(core) or demonym_codes().get(core.casefold())


def same_speaker(gold: str | None, found: str | None, aliases: dict[str, str]) -> bool:
    names = [gold] if gold is None else [gold, *re.split(r"\s+and\s+|,\s*", gold)]
    return any(
        same_person(name, found) or same_organisation(name, found, aliases) for name in names
    )


def same_cue(gold: str | None, found: str | None) -> bool:
    gold_words, found_words = fold(gold), fold(found)
    if not gold_words or not found_words:
        return not gold_words and not found_words
    return f" {gold_words} " in f" {found_words} " or f" {found_words} " in f" {gold_words} "


def same_figure(gold: dict[str, Any], found: dict[str, Any]) -> bool:
    gold_value, found_value = abs(float(gold["value"])), abs(float(found["value"]))
    if abs(gold_value - found_value) > 0.005 * max(gold_value, 1.0):
        return False
    kinds = {gold["kind"], found["kind"]}
    return len(kinds) == 1 or kinds == {"percent", "change"}


def overlaps(gold: dict[str, Any], found: dict[str, Any]) -> bool:
    """Two spans share at least one character."""
    return found["start"] < gold["end"] and gold["start"] < found["end"]


def coverage(gold: dict[str, Any], found: dict[str, Any]) -> float:
    """The share of the gold span's characters that the found span covers (the
    asymmetric overlap quote-attribution studies score at 30% and 80%)."""
    length = gold["end"] - gold["start"]
    if length <= 0:
        return 0.0
    shared = min(gold["end"], found["end"]) - max(gold["start"], found["start"])
    return max(shared, 0) / length


def best_matches(
    gold_items: Sequence[dict[str, Any]], found_items: Sequence[dict[str, Any]], above: float
) -> list[tuple[dict[str, Any], dict[str, Any]]]:
    """One-to-one pairs, gold in order, each taking the unused found span that
    covers most of it, when that covers more than ``above`` of it."""
    unused = list(range(len(found_items)))
    pairs = []
    for item in gold_items:
        scored = [(coverage(item, found_items[i]), i) for i in unused]
        best = max(scored, default=(0.0, -1))
        if best[0] > above:
            unused.remove(best[1])
            pairs.append((item, found_items[best[1]]))
    return pairs


def match(
    gold_items: Sequence[Gold], found_items: Sequence[Found], equal: Callable[[Gold, Found], bool]
) -> list[tuple[Gold, Found]]:
    """Greedy one-to-one pairs, gold in order, each found item used once."""
    unused = list(range(len(found_items)))
    pairs = []
    for item in gold_items:
        for index in unused:
            if equal(item, found_items[index]):
                unused.remove(index)
                pairs.append((item, found_items[index]))
                break
    return pairs
