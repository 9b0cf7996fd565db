"""Build a large monitor database with realistic shapes, for measuring Datasette.

The schema is the monitor's own (``monitor.store.ensure_db_shape``: tables,
indexes, full-text search with its triggers, views). The rows are generated,
seeded, with the distributions that matter for query plans:

- sources: a few large outlets and a long tail (Zipf);
- dates: over several years up to today, more articles in recent years;
- relevance: about two articles in three pass the gate; only those have
  countries, actors, figures, statements and labels;
- countries, actors (speakers) and labels: a heavy head and a long tail;
- text lengths: log-normal around 550 words, made of demo-corpus sentences.

Usage: python -m benchmarks.generate_db OUT.db [--articles 100000] [--statements 500000]
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import math
import random
import sqlite3
import time
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path

from benchmarks.corpus import generated_text, sentence_pool
from monitor import store
from monitor.codebook import LABELS, STANCES

GENERATOR_VERSION = 3  # bump when the rows change, so cached databases are rebuilt
RELEVANT_SHARE = 0.65
SOURCES = 40
ACTORS = 20_000
YEARS = 5
MEDIAN_WORDS = 550
# Countries most written about first; the rest of ISO 3166 forms the tail.
HEAD_COUNTRIES = (
    "SYR AFG TUR GRC ITA DEU LBY TUN GBR FRA ESP UKR BEL NLD POL MAR ERI SDN IRQ PAK "
    "BGD NGA MLT CYP AUT SWE HUN DNK LBN EGY RWA ALB BLR SRB MEX USA IRN SOM GMB SEN"
).split()
SPEAKER_TYPES = {
    "government": 0.34,
    "eu_institution": 0.12,
    "international_org": 0.10,
    "ngo": 0.16,
    "court": 0.05,
    "party": 0.08,
    "media": 0.05,
    "other": 0.10,
}
KINDS = {"direct": 0.45, "indirect": 0.40, "according_to": 0.15}
CUES = "said warned told added stressed argued announced insisted according_to urged".split()
FIGURE_KINDS = {"count": 0.7, "percent": 0.15, "money": 0.08, "change": 0.07}
FIGURE_COUNTS = (
    "asylum applications|arrivals|returns|people|migrants|refugees|crossings|"
    "deportations|decisions|places|euros|beds|applicants|detainees"
).split("|")
FIRST_NAMES = (
    "Anna Marco Sofia Ahmed Lena Jan Maria Yusuf Elena Tomas Fatima Pieter Ines Omar "
    "Claire Lukas Amira Nikos Ewa Karim Sara Dimitri Laura Hassan Ingrid Paolo"
).split()
LAST_NAMES = (
    "Novak Rossi Dubois Jansen Costa Weber Haddad Papadopoulos Kowalski Nielsen "
    "Moreau Schmidt Fischer Ortega Lindqvist Mansour Demir Varga Horvat Silva "
    "Okafor Popescu Ahmadi Keller Bianchi Laurent Brandt Petrov Svensson Marin"
).split()
ORG_WORDS = (
    "Ministry Council Agency Office Commission Court Network Alliance Foundation "
    "Service Directorate Tribunal Committee Platform Coalition"
).split()


def zipf_weights(n: int, exponent: float = 1.1) -> list[float]:
    """Cumulative Zipf weights (``cum_weights`` for random.choices: no re-summing per draw)."""
    return list(itertools.accumulate(1 / (rank**exponent) for rank in range(1, n + 1)))


def hex_id(*parts: object) -> str:
    return hashlib.sha256("\x1f".join(map(str, parts)).encode()).hexdigest()[:16]


def iso(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


class Generator:
    """Rows for every table, drawn from one seeded random source."""

    def __init__(self, articles: int, statements: int, seed: int = 8):
        self.rng = random.Random(seed)
        self.articles = articles
        self.statements = statements
        self.now = datetime.now(timezone.utc).replace(microsecond=0)
        self.sources = [f"source-{i:02d}" for i in range(SOURCES)]
        self.source_weights = zipf_weights(SOURCES)
        countries = [row["iso3"] for row in store.country_rows()]
        tail = [code for code in countries if code not in HEAD_COUNTRIES]
        self.countries = HEAD_COUNTRIES + tail
        self.country_weights = zipf_weights(len(self.countries), 1.2)
        self.actors = list(self._actor_rows())
        self.actor_weights = zipf_weights(len(self.actors), 1.05)
        self.label_weights = zipf_weights(len(LABELS), 0.7)

    def _actor_rows(self) -> Iterator[dict]:
        rng = self.rng
        types, weights = list(SPEAKER_TYPES), list(SPEAKER_TYPES.values())
        for i in range(ACTORS):
            kind = "person" if rng.random() < 0.6 else "organisation"
            if kind == "person":
                name = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)} {i}"
            else:
                name = f"{rng.choice(ORG_WORDS)} of {rng.choice(LAST_NAMES)} {i}"
            yield {
                "id": name.lower().replace(" ", "-"),
                "name": name,
                "kind": kind,
                "type": rng.choices(types, weights)[0],
                "country": rng.choices(HEAD_COUNTRIES)[0] if rng.random() < 0.7 else None,
            }

    def published(self) -> datetime:
        """A moment in the last YEARS years; density grows linearly towards today."""
        age = 1 - math.sqrt(self.rng.random())  # more mass near 0 (recent)
        return self.now - timedelta(seconds=int(age * YEARS * 365 * 86400))

    def article_rows(self) -> Iterator[tuple[dict, bool]]:
        rng = self.rng
        for i in range(self.articles):
            source = rng.choices(self.sources, cum_weights=self.source_weights)[0]
            published = self.published()
            words = max(80, int(rng.lognormvariate(math.log(MEDIAN_WORDS), 0.5)))
            text = generated_text(rng, words)
            relevant = rng.random() < RELEVANT_SHARE
            title = rng.choice(sentence_pool())[:120]
            yield (
                {
                    "id": hex_id("article", i),
                    "url": f"https://{source}.example/{published:%Y/%m}/story-{i}",
                    "canonical_url": f"https://{source}.example/{published:%Y/%m}/story-{i}",
                    "source_id": source,
                    "title": title,
                    "author": f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}",
                    "published_at": iso(published),
                    "fetched_at": iso(published + timedelta(minutes=rng.randint(5, 600))),
                    "language": "en",
                    "text": text,
                    "word_count": len(text.split()),
                    "content_hash": hex_id("text", i),
                    "relevant": int(relevant),
                    "relevance_score": round(
                        rng.uniform(0.5, 1) if relevant else rng.uniform(0, 0.5), 3
                    ),
                    "processed_at": iso(published + timedelta(hours=1)),
                    "pipeline_version": f"monitor-bench-{GENERATOR_VERSION}",
                    "text_source": "page",
                },
                relevant,
            )

    def statement_counts(self, relevant_ids: list[str]) -> dict[str, int]:
        """Spread ``statements`` over relevant articles; some articles quote many people."""
        weights = [self.rng.lognormvariate(0, 0.8) for _ in relevant_ids]
        counts: dict[str, int] = {}
        for article in self.rng.choices(relevant_ids, weights, k=self.statements):
            counts[article] = counts.get(article, 0) + 1
        return counts

    def derived_rows(self, article: dict, statements: int) -> dict[str, list[dict]]:
        """Countries, mentions, figures, statements and labels of one relevant article."""
        rng, article_id, text = self.rng, article["id"], article["text"]
        rows: dict[str, list[dict]] = {name: [] for name in DERIVED_TABLES}
        year = int(article["published_at"][:4])
        countries = set(
            rng.choices(self.countries, cum_weights=self.country_weights, k=rng.randint(1, 5))
        )
        for code in countries:
            rows["article_countries"].append(
                {"article_id": article_id, "iso3": code, "mentions": rng.randint(1, 6)}
            )
        actors = {a["id"]: a for a in rng.choices(self.actors, cum_weights=self.actor_weights, k=6)}
        for actor in actors.values():
            rows["mentions"].append(
                {"article_id": article_id, "actor_id": actor["id"], "mentions": rng.randint(1, 4)}
            )
        speakers = list(actors.values())
        for n in range(statements):
            start = rng.randint(0, max(0, len(text) - 200))
            speaker = rng.choice(speakers) if rng.random() < 0.9 else None
            statement_id = hex_id(article_id, start, n)
            rows["statements"].append(
                {
                    "id": statement_id,
                    "article_id": article_id,
                    "speaker_actor_id": speaker["id"] if speaker else None,
                    "speaker_text": speaker["name"] if speaker else "a spokesperson",
                    "speaker_type": speaker["type"] if speaker else "other",
                    "cue": rng.choice(CUES),
                    "kind": rng.choices(list(KINDS), list(KINDS.values()))[0],
                    "content": " ".join(
                        rng.choice(sentence_pool()) for _ in range(rng.randint(1, 2))
                    ),
                    "stance": rng.choice(STANCES),
                    "start": start,
                    "end": start + rng.randint(60, 300),
                    # The article's date, as the store copies it (version 2 left it empty,
                    # so an actor's newest statements were timed on undated rows).
                    "published_at": article["published_at"],
                }
            )
            labels = set(
                rng.choices(LABELS, cum_weights=self.label_weights, k=rng.choice((0, 1, 1, 2, 3)))
            )
            rows["statement_labels"] += [
                {"id": statement_id, "label": label, "score": round(rng.uniform(0.5, 1), 3)}
                for label in labels
            ]
            # Most statements are about one or two of their article's countries, some about none.
            about = rng.sample(sorted(countries), min(len(countries), rng.choice((0, 1, 1, 1, 2))))
            rows["statement_countries"] += [
                {
                    "statement_id": statement_id,
                    "iso3": code,
                    "published_at": article["published_at"],
                    "speaker_actor_id": speaker["id"] if speaker else None,
                }
                for code in about
            ]
        labels = set(rng.choices(LABELS, cum_weights=self.label_weights, k=rng.randint(1, 4)))
        rows["article_labels"] += [
            {"id": article_id, "label": label, "score": round(rng.uniform(0.5, 1), 3)}
            for label in labels
        ]
        for n in range(rng.randint(0, 8)):
            kind = rng.choices(list(FIGURE_KINDS), list(FIGURE_KINDS.values()))[0]
            value = float(rng.randint(1, 100) if kind == "percent" else rng.randint(10, 200_000))
            start = rng.randint(0, max(0, len(text) - 40))
            rows["figures"].append(
                {
                    "id": hex_id(article_id, "figure", n),
                    "article_id": article_id,
                    "sentence": rng.choice(sentence_pool()),
                    "text": f"{value:,.0f}",
                    "value": value,
                    "kind": kind,
                    "counts": rng.choice(FIGURE_COUNTS),
                    "qualifier": rng.choice((None, None, "more than", "nearly", "at least")),
                    "country": rng.choice(tuple(countries)),
                    "year": rng.choice((year, year, year - 1)),
                    "start": start,
                    "end": start + 8,
                }
            )
        return rows


DERIVED_TABLES = (
    "article_countries",
    "mentions",
    "statements",
    "statement_labels",
    "statement_countries",
    "article_labels",
    "figures",
)


def _insert(connection: sqlite3.Connection, table: str, rows: list[dict]) -> None:
    """Insert rows that all have the same keys (the columns they fill)."""
    if rows:
        columns = list(rows[0])
        names = ", ".join(f'"{c}"' for c in columns)
        marks = ", ".join(f":{c}" for c in columns)
        connection.executemany(f'insert into "{table}" ({names}) values ({marks})', rows)


def generate(path: Path, articles: int, statements: int, seed: int = 8) -> dict[str, int]:
    """Write a fresh database at ``path``; returns the row counts."""
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    db = store.open_db(str(path))  # the monitor's schema, indexes, FTS triggers and views
    # Full-text indexes are filled in one pass at the end (ensure_db_shape below):
    # much faster than a trigger per inserted row.
    for table, _ in store.FTS:
        db.table(table).disable_fts()
    connection = db.conn
    connection.execute("pragma synchronous = off")  # a benchmark fixture: rebuilt if torn
    generator = Generator(articles, statements, seed)
    _insert(
        connection,
        "sources",
        [
            {
                "id": source,
                "name": f"Outlet {source[-2:]}",
                "url": f"https://{source}.example/feed.xml",
                "kind": "news",
                "language": "en",
                "enabled": 1,
            }
            for source in generator.sources
        ],
    )
    _insert(connection, "actors", generator.actors)
    relevant_articles: list[dict] = []
    batch: list[dict] = []
    for article, relevant in generator.article_rows():
        batch.append(article)
        if relevant:
            relevant_articles.append({k: article[k] for k in ("id", "text", "published_at")})
        if len(batch) == 2000:
            with connection:
                _insert(connection, "articles", batch)
            batch = []
    with connection:
        _insert(connection, "articles", batch)
    counts = generator.statement_counts([a["id"] for a in relevant_articles])
    pending: dict[str, list[dict]] = {name: [] for name in DERIVED_TABLES}
    for number, article in enumerate(relevant_articles, start=1):
        for table, rows in generator.derived_rows(article, counts.get(article["id"], 0)).items():
            pending[table] += rows
        if number % 2000 == 0 or number == len(relevant_articles):
            with connection:
                for table, rows in pending.items():
                    _insert(connection, table, rows)
            pending = {name: [] for name in DERIVED_TABLES}
    store.ensure_db_shape(db)  # recreates and fills the full-text indexes and their triggers
    connection.execute("analyze")  # statistics for the query planner, as a long-lived db has
    connection.execute("pragma wal_checkpoint(truncate)")
    totals = {
        table: connection.execute(f'select count(*) from "{table}"').fetchone()[0]
        for table in ("articles", "statements", "statement_labels", "figures", "actors")
    }
    db.close()
    return totals


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--statements", type=int, default=500_000)
    parser.add_argument("--seed", type=int, default=8)
    args = parser.parse_args()
    started = time.monotonic()
    totals = generate(args.out, args.articles, args.statements, args.seed)
    size = args.out.stat().st_size / 1e6
    print(f"{args.out}: {totals}, {size:.0f} MB in {time.monotonic() - started:.0f} s")


if __name__ == "__main__":
    main()
