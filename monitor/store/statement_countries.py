"""Statement countries for databases analysed before the analysis found them.

The analysis (``monitor.nlp.statement_countries``) finds a statement's countries
with spaCy's parse. Re-analysing a whole archive to fill the new table would
take hours, so the migration approximates it from what is stored: of the
countries the article mentions, those whose name, alias, demonym or capital
appears in the statement or in the sentence around it. The next analysis of an
article (``monitor process --reprocess``) replaces the approximation.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import sqlite_utils

from monitor.country_names import country_name

# What ends the sentence before a statement and the one after it.
SENTENCE_END = re.compile(r"[.!?]\s|\n")
# How far around a statement its sentence is looked for, in characters.
SENTENCE_REACH = 400


@lru_cache(maxsize=4)
def _surface_forms(aliases_path: str) -> dict[str, tuple[str, ...]]:
    """iso3 -> the names, demonyms and capitals the curated alias list gives."""
    import yaml

    path = Path(aliases_path)
    entries = yaml.safe_load(path.read_text(encoding="utf-8")) if path.exists() else {}
    forms: dict[str, tuple[str, ...]] = {}
    for iso3, entry in (entries or {}).items():
        entry = entry or {}
        forms[iso3] = tuple(
            form
            for key in ("names", "demonyms", "capitals")
            for form in entry.get(key) or []
            if isinstance(form, str) and len(form) > 1
        )
    return forms


def _pattern(iso3: str, aliases_path: str) -> re.Pattern[str]:
    forms = {country_name(iso3), *_surface_forms(aliases_path).get(iso3, ())}
    words = "|".join(re.escape(form) for form in sorted(forms, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{words})(?!\w)")


def sentence_around(text: str, start: int, end: int) -> str:
    """The statement with the rest of the sentence(s) it sits in."""
    before = text[max(0, start - SENTENCE_REACH) : start]
    ends_before = list(SENTENCE_END.finditer(before))
    first = start - len(before) + ends_before[-1].end() if ends_before else start - len(before)
    after = SENTENCE_END.search(text, end, end + SENTENCE_REACH)
    last = after.start() + 1 if after else min(len(text), end + SENTENCE_REACH)
    return text[first:last]


def backfill_statement_countries(db: sqlite_utils.Database, aliases_path: str) -> None:
    """Fill ``statement_countries`` for every statement of every analysed article."""
    articles = db.query(
        "select a.id, a.text, a.published_at, group_concat(c.iso3) as iso3s"
        " from articles a join article_countries c on c.article_id = a.id"
        " where exists (select 1 from statements s where s.article_id = a.id)"
        " group by a.id"
    )
    rows = []
    for article in articles:
        text = article["text"] or ""
        patterns = {iso3: _pattern(iso3, aliases_path) for iso3 in article["iso3s"].split(",")}
        for statement in db.query(
            "select s.id, s.start, s.end, s.speaker_actor_id, actors.country from statements s"
            " left join actors on actors.id = s.speaker_actor_id where s.article_id = ?",
            [article["id"]],
        ):
            if statement["start"] is None or statement["end"] is None:
                continue
            content = text[statement["start"] : statement["end"]]
            sentence = sentence_around(text, statement["start"], statement["end"])
            rows += [
                (statement["id"], iso3, article["published_at"], statement["speaker_actor_id"])
                for iso3, pattern in patterns.items()
                # As in the analysis: the speaker's own country only when named in the quote.
                if pattern.search(content if iso3 == statement["country"] else sentence)
            ]
    db.conn.executemany(
        "insert or ignore into statement_countries"
        " (statement_id, iso3, published_at, speaker_actor_id) values (?, ?, ?, ?)",
        rows,
    )
