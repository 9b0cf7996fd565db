"""Fault probe, issue #18 items 6 and 9: subscribers' addresses kept off the
published site, binary input refused, and texts not in English kept out of the
English analysis (stored, searchable, with their language and the reason)."""

from __future__ import annotations

import asyncio
import hashlib
import json
import os
import sqlite3
import stat
from email.message import EmailMessage
from pathlib import Path

import pytest
from click.testing import CliRunner

from monitor import store
from monitor.cli import cli
from monitor.content_checks import binary_reason, detect_language, garbage_reason
from monitor.crawl.extract import ExtractionError, extract_page
from monitor.crawl.files import DocumentError, read_document
from monitor.publish import datasette as site_datasette
from monitor.publish.delivery import send_digests
from monitor.publish.mailer import Outbox, message_id
from monitor.publish.subscriptions import Filters, Subscription
from monitor.settings import Settings
from tests.conftest import shared_path
from tests.digest_data import DAY, fill_newsroom

REPO = Path(__file__).resolve().parent.parent
SENDER = "monitor@example.org"
RECIPIENTS = ("desk@example.org", "editor@example.org")

GERMAN = (
    "Im Jahr 2025 haben deutlich mehr Menschen in Deutschland einen Asylantrag gestellt "
    "als im Vorjahr. Die Bundesinnenministerin kündigte an, die Grenzkontrollen zu "
    "verlängern und Rückführungen nach Afghanistan zu beschleunigen. "
    "Flüchtlingsorganisationen kritisierten die Pläne scharf und warnten vor Verstößen "
    "gegen das Völkerrecht."
)
FRENCH = (
    "En 2025, le nombre de demandes d'asile déposées en France a nettement augmenté, "
    "selon le ministère de l'Intérieur. Le gouvernement veut accélérer les expulsions "
    "vers la Tunisie, tandis que les associations d'aide aux réfugiés dénoncent une "
    "atteinte au droit d'asile et demandent une enquête indépendante."
)
ENGLISH_NAMES = (
    "Ursula von der Leyen, Giorgia Meloni, Mette Frederiksen, Ulf Kristersson, Dick Schoof "
    "and Kyriakos Mitsotakis met Nancy Faeser, Magnus Brunner and Filippo Grandi in "
    "Brussels; Frontex, UNHCR, IOM and Médecins Sans Frontières sent observers."
)


# --- A: subscribers' addresses ----------------------------------------------------------


class RecordingOutbox(Outbox):
    """Accepts every message and counts as real sending (so deliveries are recorded)."""

    records = True

    def __init__(self) -> None:
        self.messages: list[EmailMessage] = []

    def deliver(self, message: EmailMessage, recipient: str, html: str) -> tuple[str, str]:
        self.messages.append(message)
        return "sent", None


def daily() -> Subscription:
    return Subscription(
        id="returns-desk", recipients=RECIPIENTS, schedule="daily", filters=Filters()
    )


def traces_of(address: str, digest_ids: list[str]) -> set[str]:
    """The address and every unkeyed hash of it the monitor ever published."""
    digest = hashlib.sha256(address.encode()).hexdigest()
    traces = {address, digest, digest[:16], digest[:10]}
    traces |= {store.stable_id(digest_id, address) for digest_id in digest_ids}
    return traces


def published_bytes(db_path: Path) -> bytes:
    """The published database file after a checkpoint, as a snapshot would copy it."""
    conn = sqlite3.connect(db_path)
    conn.execute("pragma wal_checkpoint(truncate)")
    conn.close()
    return db_path.read_bytes()


def site_texts(settings: Settings) -> list[str]:
    """Every table and view of the published site, and arbitrary SQL over its schema,
    as a visitor reads them through Datasette."""
    app = site_datasette.datasette_app(settings)
    name = Path(settings.db).stem  # Datasette names a database after its file

    def get(path: str) -> str:
        response = asyncio.run(app.client.get(path))
        assert response.status_code == 200, path
        return response.text

    names = json.loads(
        get(
            f"/{name}.json?sql=select+name+from+sqlite_master+where+type+in+('table','view')&_shape=array"
        )
    )
    texts = [get(f"/{name}.json?sql=select+*+from+pragma_database_list")]
    for row in names:
        if row["name"].startswith(("sqlite_", "idx_")) or "_fts" in row["name"]:
            continue
        texts.append(get(f"/{name}/{row['name']}.json?_shape=array&_size=max"))
    return texts


def test_no_address_or_hash_of_one_is_published(db, settings):
    fill_newsroom(db)
    outbox = RecordingOutbox()
    (report,) = send_digests(db, [daily()], settings, outbox, SENDER, period=DAY)
    assert report.sent == list(RECIPIENTS)
    digest_ids = [row["id"] for row in db.query("select id from digests")]
    # Message-IDs carry a keyed hash, never sha256(address)
    for message, address in zip(outbox.messages, RECIPIENTS, strict=True):
        assert not traces_of(address, digest_ids) & set(str(message["Message-ID"]).split("."))
        assert hashlib.sha256(address.encode()).hexdigest()[:10] not in message["Message-ID"]
    db.close()

    assert (
        "digests"
        not in sqlite3.connect(settings.db)
        .execute("select group_concat(name) from sqlite_master")
        .fetchone()[0]
    )
    raw = published_bytes(Path(settings.db))
    pages = "\n".join(site_texts(settings))
    for address in RECIPIENTS:
        for trace in traces_of(address, digest_ids):
            assert trace.encode() not in raw, trace
            assert trace not in pages, trace
    private = Path(store.private_path(settings.db))
    assert private.name not in pages  # the site's connections never attach the private file
    assert stat.S_IMODE(private.stat().st_mode) == 0o600
    assert RECIPIENTS[0].encode() in published_bytes(private)  # kept where delivery needs it


def test_delivery_stays_exactly_once(db, settings):
    fill_newsroom(db)
    first = RecordingOutbox()
    send_digests(db, [daily()], settings, first, SENDER, period=DAY)
    again = RecordingOutbox()
    (report,) = send_digests(db, [daily()], settings, again, SENDER, period=DAY)
    assert again.messages == [] and "already sent to every recipient" in report.skipped
    reopened = store.open_db(settings.db)  # a later run, a new connection: same key
    (third,) = send_digests(reopened, [daily()], settings, RecordingOutbox(), SENDER, period=DAY)
    assert not third.sent


def test_message_ids_are_keyed_and_stable():
    key, other = b"k" * 32, b"o" * 32
    first = message_id("d1", "desk@example.org", SENDER, key)
    assert first == message_id("d1", "desk@example.org", SENDER, key)
    assert first != message_id("d1", "desk@example.org", SENDER, other)
    assert hashlib.sha256(b"desk@example.org").hexdigest()[:10] not in first
    assert store.stable_id("desk@example.org")[:10] not in first


def test_an_old_database_moves_its_deliveries_out_of_the_published_file(tmp_path):
    path = tmp_path / "old.db"
    store.open_db(str(path)).close()
    conn = sqlite3.connect(path)  # the shape before the move, with one delivered digest
    conn.execute(
        "create table digests (id text primary key, subscription text, kind text,"
        " period_start text, period_end text, sent_at text, recipients text,"
        " item_ids text, message_id text, status text)"
    )
    conn.execute(
        "create table digest_deliveries (id text primary key, digest_id text,"
        " subscription text, recipient text, status text, error text,"
        " attempts integer, message_id text, updated_at text)"
    )
    conn.execute(
        "insert into digests (id, subscription, kind, recipients, item_ids, status)"
        " values ('d1', 's', 'daily', '[\"old@example.org\"]', '[]', 'done')"
    )
    old_id = store.stable_id("d1", "old@example.org")
    conn.execute(
        "insert into digest_deliveries (id, digest_id, subscription, recipient,"
        " status, attempts) values (?, 'd1', 's', 'old@example.org', 'sent', 1)",
        [old_id],
    )
    conn.execute("delete from migrations where name = 'deliveries-move-to-private-database'")
    conn.commit()
    conn.close()

    db = store.open_db(str(path))
    assert store.delivery_states(db, "d1") == {"old@example.org": "sent"}
    assert not {"digests", "digest_deliveries"} & set(db.table_names())
    (row,) = db.query("select id from private.digest_deliveries")
    assert row["id"] == store.keyed_id(store.mail_key(db), "d1", "old@example.org")
    db.close()
    raw = published_bytes(path)
    assert b"old@example.org" not in raw and old_id.encode() not in raw


# --- B: binary input ---------------------------------------------------------------------


def test_analyze_refuses_an_executable_in_one_line():
    if not Path("/bin/ls").exists():
        pytest.skip("/bin/ls is absent on this system")
    result = CliRunner().invoke(cli, ["analyze", "--all", "/bin/ls"])
    assert result.exit_code != 0
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and "/bin/ls: not a text, HTML or PDF document" in lines[0]
    assert "ELF" in lines[0] and "labels" not in result.output


@pytest.mark.parametrize(
    "data, reason",
    [
        (b"PK\x03\x04" + b"x" * 100, "ZIP"),
        (b"\x89PNG\r\n\x1a\n" + b"x" * 100, "PNG"),
        (b"some text\x00more", "NUL"),
        (bytes(range(1, 32)) * 20, "control or undecodable"),
        (os.urandom(4000).replace(b"\x00", b"\x01"), "control or undecodable"),
    ],
)
def test_non_text_files_are_refused(tmp_path, data, reason):
    path = tmp_path / "upload"
    path.write_bytes(data)
    with pytest.raises(DocumentError, match=reason):
        read_document(str(path), Settings())


def test_text_with_a_few_odd_bytes_is_still_text(tmp_path):
    path = tmp_path / "latin1.txt"
    path.write_bytes(
        "Café réfugiés, naïve: the Ministry said returns rose.\n".encode("latin-1") * 20
    )
    assert "Ministry" in read_document(str(path), Settings()).text
    assert binary_reason(b"Tabs\tand\r\nnewlines\f are text.", Settings()) is None


def test_a_crawled_page_whose_text_is_binary_garbage_is_a_failed_extraction():
    noise = "".join(chr(code) for code in [*range(1, 9), 0xFFFD, 0x0E, 0x1B] * 60)
    html = f"<html><body><article><p>{noise} report text {noise}</p></article></body></html>"
    with pytest.raises(ExtractionError, match="not text"):
        extract_page(html, "https://example.org/a", Settings(min_text_chars=10))
    assert garbage_reason(noise, Settings()) is not None


# --- C: language -----------------------------------------------------------------------


@pytest.mark.parametrize("text, language", [(GERMAN, "de"), (FRENCH, "fr")])
def test_other_languages_are_detected_and_skipped(text, language):
    verdict = detect_language(text, Settings())
    assert verdict.language == language and not verdict.analysable
    assert verdict.skip_reason == f"language: {language}"


@pytest.mark.parametrize(
    "text",
    [
        "Minister Anna Berg said returns to Syria must wait.",
        ENGLISH_NAMES,
        ENGLISH_NAMES + " " + ENGLISH_NAMES,
        "UNHCR: 3,000 arrivals in Lampedusa, Frontex says.",
    ],
)
def test_short_and_name_heavy_english_counts_as_english(text):
    assert detect_language(text, Settings()).analysable


def test_the_open_news_corpus_is_english():
    corpus = shared_path("corpus", "open-news")
    files = sorted(corpus.glob("*.json"))
    assert len(files) >= 88
    settings = Settings()
    foreign = {
        file.name: detect_language(json.loads(file.read_text())["text"], settings).language
        for file in files
    }
    assert {name: lang for name, lang in foreign.items() if lang != "en"} == {}


def test_the_demo_articles_are_english():
    settings = Settings(min_text_chars=1)
    pages = [
        page
        for page in sorted((REPO / "monitor" / "demo" / "site").rglob("*"))
        if page.suffix in {".html", ".pdf"}
    ]
    assert len(pages) >= 40
    for page in pages:
        text = read_document(str(page), settings).text
        assert detect_language(text, settings).language == "en", page


def test_analyze_reports_a_german_text_without_english_extraction(tmp_path):
    path = tmp_path / "de.txt"
    path.write_text(GERMAN, encoding="utf-8")
    result = CliRunner().invoke(cli, ["analyze", "--all", str(path)])
    assert result.exit_code == 0, result.output
    output = json.loads(result.output)
    assert output["language"] == "de" and output["analysis_skipped"] == "language: de"
    assert output["relevant"] is False and output["labels"] == output["actors"] == []
    assert output["statements"] == output["figures"] == output["countries"] == []


def test_analyze_gives_english_texts_their_language(tmp_path):
    english = shared_path("seed", "article.txt")
    path = tmp_path / "fr.txt"
    path.write_text(FRENCH, encoding="utf-8")
    result = CliRunner().invoke(cli, ["analyze", str(english), str(path)])
    assert result.exit_code == 0, result.output
    first, second = (json.loads(line) for line in result.output.strip().splitlines())
    assert first["language"] == "en" and first["analysis_skipped"] is None
    assert first["statements"] and first["relevant"] is True
    assert second["language"] == "fr" and second["statements"] == []


def add_article(db, article_id: str, text: str, **extra) -> None:
    db.table("articles").insert(
        {
            "id": article_id,
            "url": f"https://x.example/{article_id}",
            "source_id": "s",
            "title": article_id,
            "text": text,
            **extra,
        }
    )


def test_process_stores_foreign_articles_as_skipped_and_searchable(db, settings, analyzer):
    from monitor.analysis.process import process

    english = shared_path("seed", "article.txt").read_text(encoding="utf-8")
    add_article(db, "de", GERMAN)
    add_article(db, "en", english)
    counts = process(db, settings.replace(workers=1), analyzer=analyzer)
    assert counts.processed == 2
    rows = {row["id"]: row for row in db.query("select * from articles")}
    assert rows["de"]["detected_language"] == "de"
    assert rows["de"]["analysis_skipped"] == "language: de"
    assert rows["de"]["relevant"] == 0 and rows["de"]["processed_at"]
    assert rows["en"]["detected_language"] == "en" and rows["en"]["analysis_skipped"] is None
    for table in ("statements", "mentions", "figures", "article_countries"):
        key = "article_id"
        assert not list(db.query(f"select 1 from {table} where {key} = 'de'")), table
    found = db.query(
        "select id from articles_fts join articles on articles.rowid ="
        " articles_fts.rowid where articles_fts match 'Asylantrag'"
    )
    assert [row["id"] for row in found] == ["de"]


def test_migration_marks_stored_foreign_articles_for_the_gate(tmp_path):
    path = str(tmp_path / "old.db")
    db = store.open_db(path)
    add_article(db, "de", GERMAN, processed_at="2026-01-01T00:00:00Z", relevant=1)
    add_article(db, "en", ENGLISH_NAMES, processed_at="2026-01-01T00:00:00Z", relevant=1)
    db.execute("delete from migrations where name = 'articles-detect-language'")
    db.conn.commit()
    db.close()
    db = store.open_db(path)
    rows = {row["id"]: row for row in db.query("select * from articles")}
    assert rows["de"]["detected_language"] == "de" and rows["de"]["processed_at"] is None
    assert rows["en"]["detected_language"] == "en" and rows["en"]["processed_at"]
