"""One person written several ways in one text. News copy shortens, misspells and
cuts names; each helper finds the one person a variant belongs to, or nobody when
more than one could be meant. ``by_surname`` maps a surname (or a variant already
settled) to a person's actor id; ``people`` maps person ids to full names."""

from __future__ import annotations

from collections.abc import Callable

from monitor.nlp.actor_names import one_slip_apart

MIN_MISSPELT_LETTERS = 4  # "Zahn" for "Zhan"; shorter names differ by a letter anyway
MIN_CUT_LETTERS = 3  # "Edwa" for "Edwards"; two letters begin too many names
MAX_FIRST_NAME_SLIP = 2  # letters by which two spellings of a first name may differ


def spelling_variant(
    parts: list[str], by_surname: dict[str, str], name_of: Callable[[str], str]
) -> str | None:
    """The person already known under this surname when the first names differ only
    by a letter or two ("Katrin" and "Katrine"): one person spelt two ways.
    ``name_of`` gives the full name of a person id (looked up only for the one known
    under the surname, not for everyone)."""
    known = by_surname.get(parts[-1])
    if known is None:
        return None
    first, other = parts[0].lower(), name_of(known).split()[0].lower()
    if first != other and (first.startswith(other) or other.startswith(first)):
        return known if abs(len(first) - len(other)) <= MAX_FIRST_NAME_SLIP else None
    return None


def owner_of_first_word(word: str, people: dict[str, str]) -> str | None:
    """ "Ban" after "Ban Ki-moon", "Ahmed" after "Ahmed Hassan": a name the NER
    found alone that opens exactly one person's full name here is that person."""
    owners = {
        actor_id
        for actor_id, name in people.items()
        if len(parts := name.split()) > 1 and parts[0] == word
    }
    return owners.pop() if len(owners) == 1 else None


def misspelt_surname(word: str, by_surname: dict[str, str]) -> str | None:
    """ "Zahn" after "James Zhan": a lone name one slip of the keyboard away (two
    letters swapped, one dropped, added or mistyped) from exactly one person's
    surname is that person. Short names are too close to others to tell."""
    if len(word) < MIN_MISSPELT_LETTERS:
        return None
    owners = {
        actor_id
        for surname, actor_id in by_surname.items()
        if " " not in surname and one_slip_apart(word, surname)
    }
    return owners.pop() if len(owners) == 1 else None


def cut_off_name(start: str, by_surname: dict[str, str]) -> str | None:
    """The one person whose surname begins with ``start`` (a name an excerpt cut off)."""
    owners = {
        actor_id
        for surname, actor_id in by_surname.items()
        if len(start) >= MIN_CUT_LETTERS and surname != start and surname.startswith(start)
    }
    return owners.pop() if len(owners) == 1 else None
