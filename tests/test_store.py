import sqlite3

import pytest

from monitor import store


def schema(db) -> list[tuple]:
    return sorted(
        db.execute("select type, name, sql from sqlite_master").fetchall(),
        key=lambda row: (row[0], row[1]),
    )


def test_every_table_of_the_architecture_exists(db):
    expected = {
        "sources",
        "articles",
        "raw_pages",
        "countries",
        "article_countries",
        "actors",
        "mentions",
        "figures",
        "statements",
        "statement_labels",
        "article_labels",
        "runs",
        "fetch_errors",
    }
    assert expected <= set(db.table_names())
    # Subscribers' digests live in the private file, never in the published one.
    assert not {"digests", "digest_deliveries"} & set(db.table_names())
    private = {row[0] for row in db.execute("select name from private.sqlite_master")}
    assert {"digests", "digest_deliveries"} <= private
    assert {"statements_view", "actor_activity"} <= set(db.view_names())


def test_shape_is_idempotent(db):
    before = schema(db)
    countries = db.table("countries").count
    store.ensure_db_shape(db)
    store.ensure_db_shape(db)
    assert schema(db) == before
    assert db.table("countries").count == countries


def test_wal_and_full_text_search(db):
    assert db.journal_mode == "wal"
    assert db.table("articles").detect_fts() == "articles_fts"
    assert db.table("statements").detect_fts() == "statements_fts"


def test_countries_table_has_readable_names_and_eu_flag(db):
    cod = db.table("countries").get("COD")
    assert cod["name"] == "Democratic Republic of the Congo"
    assert db.table("countries").get("BEL")["eu_member"] == 1
    assert db.table("countries").get("TUR")["eu_member"] == 0


ARTICLE = {
    "id": "a1",
    "url": "https://x/a",
    "canonical_url": "https://x/a",
    "source_id": "s",
    "title": "Returns",
    "text": "Freddy Roosemont said returns will resume.",
    "content_hash": "h1",
    "fetched_at": "2026-11-01T00:00:00Z",
}
ANALYSIS = {
    "relevant": True,
    "relevance_score": 0.9,
    "labels": [{"label": "return_policy", "score": 0.8}],
    "countries": [{"iso3": "BEL", "name": "Belgium", "mentions": 2}],
    "actors": [
        {
            "id": "freddy-roosemont",
            "name": "Freddy Roosemont",
            "kind": "person",
            "type": "government",
            "role": "Director-General",
            "country": "BEL",
            "mentions": 1,
        }
    ],
    "figures": [],
    "statements": [
        {
            "speaker": "Freddy Roosemont",
            "speaker_id": "freddy-roosemont",
            "speaker_type": "government",
            "cue": "said",
            "kind": "indirect",
            "content": "returns will resume",
            "stance": "restrictive",
            "start": 22,
            "end": 41,
            "labels": ["return_policy"],
            "label_scores": [{"label": "return_policy", "score": 0.7}],
        }
    ],
}


def test_article_saved_once_and_analysis_replaced_not_duplicated(db):
    store.save_article(
        db,
        ARTICLE,
        {
            "fetched_at": "t",
            "status": 200,
            "content_type": "text/html",
            "final_url": "https://x/a",
            "html": b"<html></html>",
        },
    )
    store.save_article(
        db,
        ARTICLE,
        {
            "fetched_at": "t",
            "status": 200,
            "content_type": "text/html",
            "final_url": "https://x/a",
            "html": b"<html></html>",
        },
    )
    assert db.table("articles").count == 1
    assert store.raw_html(db, "a1") == b"<html></html>"
    for _ in range(2):
        store.save_analysis(db, "a1", ANALYSIS, "v1")
    assert db.table("statements").count == 1
    assert db.table("statement_labels").count == 1
    assert db.table("mentions").count == 1
    assert db.table("article_labels").count == 1
    row = db.table("articles").get("a1")
    assert row["relevant"] == 1 and row["pipeline_version"] == "v1"
    hits = list(db.query("select rowid from statements_fts where statements_fts match 'resume'"))
    assert len(hits) == 1


def test_failed_analysis_write_leaves_nothing_half_written(db):
    store.save_article(
        db,
        ARTICLE,
        {"fetched_at": "t", "status": 200, "content_type": "", "final_url": "", "html": b""},
    )
    broken = dict(ANALYSIS, figures=[{"start": 1}])  # missing keys: fails mid-transaction
    with pytest.raises(KeyError):
        store.save_analysis(db, "a1", broken, "v1")
    assert db.table("article_countries").count == 0
    assert db.table("articles").get("a1")["processed_at"] is None


def test_integrity(db):
    assert db.execute("pragma integrity_check").fetchone()[0] == "ok"
    assert isinstance(db.conn, sqlite3.Connection)


def test_weekly_rollup_follows_analysis_and_catches_up_after_a_missed_refresh(db):
    article = {**ARTICLE, "published_at": "2026-11-18T10:00:00Z"}  # a Wednesday
    store.save_article(db, article, {"status": 200, "html": "<p/>"})
    store.save_analysis(db, "a1", ANALYSIS, "v1")
    assert store.refresh_rollups(db) == 1
    week = db.execute("select * from label_weeks").fetchall()
    assert week == [("2026-11-16", "return_policy", 1, 1, 0, 0, 1)]
    assert store.refresh_rollups(db) <= 1  # nothing new: at most the same week again

    # A re-analysis (new stance, a second label) whose refresh never ran, e.g. a
    # run killed at that moment: the next refresh, in any later run, recounts.
    statement = {
        **ANALYSIS["statements"][0],
        "stance": "protective",
        "label_scores": [
            {"label": "return_policy", "score": 0.7},
            {"label": "rights_concerns", "score": 0.6},
        ],
    }
    store.save_analysis(db, "a1", {**ANALYSIS, "statements": [statement]}, "v2")
    store.refresh_rollups(db)
    rows = db.execute(
        "select label, statements, restrictive, protective from label_weeks order by label"
    ).fetchall()
    assert rows == [("return_policy", 1, 0, 1), ("rights_concerns", 1, 0, 1)]


def test_daily_country_counts_follow_reanalysis(db):
    article = {**ARTICLE, "published_at": "2026-11-18T10:00:00Z"}
    store.save_article(db, article, {"status": 200, "html": "<p/>"})
    statement = {**ANALYSIS["statements"][0], "countries": ["AFG", "IRN"]}
    store.save_analysis(db, "a1", {**ANALYSIS, "statements": [statement]}, "v1")
    store.refresh_rollups(db)
    days = db.execute("select * from country_days order by iso3").fetchall()
    moment = "2026-11-18T10:00:00Z"
    assert days == [
        ("2026-11-18", "AFG", 1, moment, moment),
        ("2026-11-18", "IRN", 1, moment, moment),
    ]

    # Re-analysed: the statement is now about Iran only; the next refresh recounts the day.
    statement = {**statement, "countries": ["IRN"]}
    store.save_analysis(db, "a1", {**ANALYSIS, "statements": [statement]}, "v2")
    store.refresh_rollups(db)
    assert db.execute("select iso3, statements from country_days").fetchall() == [("IRN", 1)]


def test_statement_countries_get_their_speaker_also_in_an_older_database(tmp_path):
    path = str(tmp_path / "old.db")
    db = store.open_db(path)
    store.save_article(db, {**ARTICLE, "published_at": "2026-11-18T10:00:00Z"}, {"status": 200})
    statement = {**ANALYSIS["statements"][0], "countries": ["AFG"]}
    store.save_analysis(db, "a1", {**ANALYSIS, "statements": [statement]}, "v1")
    speaker = db.execute("select speaker_actor_id from statements").fetchone()[0]
    assert speaker
    assert db.execute("select speaker_actor_id from statement_countries").fetchall() == [(speaker,)]
    # A database from before the column: emptied, and the migration not yet run.
    db.execute("update statement_countries set speaker_actor_id = null")
    db.execute("delete from migrations where name = 'statement-countries-copy-speakers'")
    db.conn.commit()
    db.close()
    reopened = store.open_db(path)
    assert reopened.execute("select speaker_actor_id from statement_countries").fetchall() == [
        (speaker,)
    ]


def test_statements_carry_their_article_date_also_in_an_older_database(tmp_path):
    path = str(tmp_path / "old.db")
    db = store.open_db(path)
    store.save_article(db, {**ARTICLE, "published_at": "2026-11-18T10:00:00Z"}, {"status": 200})
    store.save_analysis(db, "a1", ANALYSIS, "v1")
    assert db.execute("select published_at from statements").fetchall() == [
        ("2026-11-18T10:00:00Z",)
    ]
    # A database from before the column existed (and before migrations were
    # recorded) gets it, filled, when next opened.
    db.execute("drop index idx_statements_speaker_actor_id_published_at_stance")
    db.execute("drop index idx_statements_published_at")
    db.execute("drop view statements_view")  # its older form read the article's date
    db.execute("alter table statements drop column published_at")
    db.execute("drop table migrations")
    db.close()
    reopened = store.open_db(path)
    assert reopened.execute("select published_at from statements").fetchall() == [
        ("2026-11-18T10:00:00Z",)
    ]


def test_named_migrations_run_once_and_are_recorded(tmp_path):
    from monitor.store.migrations import MIGRATIONS, apply_migrations

    db = store.open_db(str(tmp_path / "m.db"))
    recorded = [row["name"] for row in db.table("migrations").rows]
    assert recorded == [migration.name for migration in MIGRATIONS]
    assert apply_migrations(db) == []  # nothing left to run


def test_the_busy_timeout_comes_from_the_settings(tmp_path):
    from monitor.settings import Settings

    db = store.connect(Settings(db=str(tmp_path / "b.db"), sqlite_busy_timeout=2.5))
    assert db.execute("pragma busy_timeout").fetchone()[0] == 2500


def test_opening_an_up_to_date_database_changes_no_schema(tmp_path):
    """Readers of the published site fail when the schema changes under them, so
    opening a database that already has its shape must not touch it."""
    path = str(tmp_path / "s.db")
    store.open_db(path).close()
    version = store.open_db(path).execute("pragma schema_version").fetchone()[0]
    assert store.open_db(path).execute("pragma schema_version").fetchone()[0] == version
