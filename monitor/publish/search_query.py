"""What a researcher means by the words typed into the home page's search box.

"returns Afghanistan" is two things at once: a country (Afghanistan, AFG) and
a topic word ("returns", which also names the label Return policy). This
module splits the typed text into countries (names, short names, demonyms and
ISO codes) and search terms (words and quoted phrases), and says which terms
stand for a label. It reads no database: ``home_search`` turns the result into
queries.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from monitor.codebook import LABEL_NAMES, LABEL_SEARCH_WORDS
from monitor.country_names import ambiguous_forms, country_code, country_name, demonym_codes

# A quoted phrase, or a run of anything else up to a space or a quote.
TOKEN = re.compile(r'"([^"]*)"|([^\s"]+)')
# Punctuation typed around a word ("Afghanistan," "(returns)") is not part of it.
EDGE_PUNCTUATION = ".,;:!?()[]{}'’"
# "South Georgia and the South Sandwich Islands" is the longest country name.
LONGEST_COUNTRY_NAME = 7
LONGEST_LABEL_PHRASE = 3
# Words that carry no topic: "returns to Afghanistan" means "returns Afghanistan".
STOPWORDS = frozenset(
    "a an and about at by for from in into of on or over the their to towards with".split()
)


@dataclass(frozen=True)
class Country:
    iso3: str
    name: str
    typed: str


@dataclass(frozen=True)
class Term:
    """A word or phrase to find in the text; ``label`` is the label it also stands for."""

    text: str
    label: str | None = None
    phrase: bool = False  # typed in double quotes


@dataclass(frozen=True)
class Understood:
    typed: str
    countries: tuple[Country, ...]
    terms: tuple[Term, ...]
    ignored: tuple[str, ...]

    @property
    def empty(self) -> bool:
        return not self.countries and not self.terms

    def plain_terms(self) -> tuple[Term, ...]:
        """The terms that must be found in the text itself (they name no label)."""
        return tuple(term for term in self.terms if term.label is None)

    def label_terms(self) -> tuple[Term, ...]:
        return tuple(term for term in self.terms if term.label is not None)

    def describe(self, things: str = "statements") -> str:
        """'statements about Afghanistan matching “returns”', as the page says it."""
        parts = [things]
        if self.countries:
            parts.append("about " + _and(country.name for country in self.countries))
        if self.terms:
            parts.append("matching " + _and(f"“{term.text}”" for term in self.terms))
        return " ".join(parts)

    def terms_text(self) -> str:
        """The terms alone, typed again (for a search without the countries)."""
        return " ".join(f'"{t.text}"' if t.phrase else t.text for t in self.terms)


def _and(items) -> str:
    items = list(items)
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def word_stem(word: str) -> str:
    """The word without a plural, -ed or -ing ending, case-folded: "returns",
    "returned" and "returning" all give "return". Only used to compare typed words
    with the label words; the full-text index has its own (porter) stemmer."""
    folded = word.casefold()
    for suffix in ("ing", "ed", "s"):
        if folded.endswith(suffix) and len(folded) - len(suffix) >= 4:
            return folded[: -len(suffix)]
    return folded


def phrase_stem(text: str) -> str:
    return " ".join(word_stem(word) for word in text.replace("_", " ").split())


@lru_cache(maxsize=1)
def _label_phrases() -> dict[str, str]:
    """Stemmed phrase -> label id: each label's id, its name and its search words."""
    phrases: dict[str, str] = {}
    for label, name in LABEL_NAMES.items():
        for text in (label, name, *LABEL_SEARCH_WORDS.get(label, ())):
            phrases[phrase_stem(text)] = label
    return phrases


def label_for(text: str) -> str | None:
    """The label a typed word or phrase stands for ("returns" -> return_policy), if any."""
    return _label_phrases().get(phrase_stem(text))


def search_country(text: str) -> str | None:
    """The country a typed name, demonym or code means, or None.

    Short forms count only in capitals ("US", "UK", "AFG"; never "us", "and" or
    "can", which ISO gives to Andorra and Canada). A name that is also a common
    word or a first name ("Turkey", "Chad", "Jordan") counts only with its capital
    letter; the page offers to search it as a word instead.
    """
    if len(text) <= 3:
        return country_code(text) if text.isupper() else None
    folded = text.casefold()
    if folded in ambiguous_forms() and not text[:1].isupper():
        return None
    without_article = re.sub(r"^the\s+", "", text, flags=re.IGNORECASE)
    return (
        country_code(text)
        or country_code(without_article)
        or demonym_codes().get(folded)
        or demonym_codes().get(without_article.casefold())
    )


def _longest_match(words: list[str], start: int, longest: int, find) -> tuple[int, str | None]:
    """The longest run of words from ``start`` that ``find`` recognises: (length, what)."""
    for length in range(min(longest, len(words) - start), 0, -1):
        found = find(" ".join(words[start : start + length]))
        if found:
            return length, found
    return 1, None


def understand(typed: str) -> Understood:
    """Countries, terms (with the labels they name) and ignored words of a search."""
    countries: dict[str, Country] = {}
    terms: list[Term] = []
    ignored: list[str] = []
    run: list[str] = []  # unquoted words since the last quoted phrase
    for quoted, bare in TOKEN.findall(typed):
        if bare:
            run.append(bare)
            continue
        _read_words(run, countries, terms, ignored)
        run = []
        phrase = " ".join(quoted.split())
        if phrase:
            terms.append(Term(phrase, label_for(phrase), phrase=True))
    _read_words(run, countries, terms, ignored)
    return Understood(typed, tuple(countries.values()), tuple(terms), tuple(ignored))


def _read_words(run: list[str], countries: dict, terms: list[Term], ignored: list[str]) -> None:
    """Unquoted words in a row: countries first (longest names), then label
    phrases, then single words; stopwords are left out."""
    words = [w.strip(EDGE_PUNCTUATION) for w in run]
    words = [w for w in words if w]
    position = 0
    while position < len(words):
        length, iso3 = _longest_match(words, position, LONGEST_COUNTRY_NAME, search_country)
        typed = " ".join(words[position : position + length])
        if iso3:
            countries.setdefault(iso3, Country(iso3, country_name(iso3), typed))
        elif words[position].casefold() in STOPWORDS:
            ignored.append(words[position])
        else:
            length, label = _longest_match(words, position, LONGEST_LABEL_PHRASE, label_for)
            terms.append(Term(" ".join(words[position : position + length]), label))
        position += length
