"""Local documents into the database, for ``monitor import``.

Texts a user already holds (a corpus, saved pages, reports as PDF) join the
crawled articles: ``monitor process`` analyses them, Datasette publishes them and
``monitor label`` asks about their statements, so real reporting can train the
classifier. Each file is read as ``monitor analyze`` reads it (HTML reduced to
its main text, PDF to its text and pages); a ``.json`` file is a corpus record:
an object with ``text`` and, when known, ``url``, ``title``, ``author`` and the
date (``published_at`` or ``date``).

An imported article is keyed by its URL (the record's, else the file's own
``file://`` address), so importing a file twice stores it once; a copy of an
article already stored is kept as a duplicate, as the crawler keeps them.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sqlite_utils

from monitor import store
from monitor.crawl import dedup
from monitor.crawl.crawler import FetchedArticle, article_row, find_original, first_line_title
from monitor.crawl.extract import ExtractedPage, ExtractionError, extract_page
from monitor.crawl.feeds import FeedEntry
from monitor.crawl.files import (
    DOCUMENT_SUFFIXES,
    DocumentError,
    expand_paths,
    looks_like_html,
    read_document,
)
from monitor.crawl.http import FetchResult
from monitor.crawl.sources import Source
from monitor.dates import to_utc_iso, utc_now_iso
from monitor.settings import Settings

# Suffixes read from a folder: every document ``monitor analyze`` reads, and corpus records.
IMPORT_SUFFIXES = DOCUMENT_SUFFIXES | {".json"}
STAGE = "import"  # the stage named in fetch_errors


@dataclass
class ImportCounts:
    new: int = 0
    already_stored: int = 0
    duplicates: int = 0
    failed: int = 0


@dataclass(frozen=True)
class LocalDocument:
    """One file's text and what is known about it."""

    url: str
    text: str
    title: str | None = None
    author: str | None = None
    published_at: str | None = None
    raw: bytes = b""
    content_type: str = "text/plain"
    page_starts: tuple[int, ...] | None = None


def import_source(name: str) -> Source:
    """The source imported files are stored under. Disabled: nothing to poll."""
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower())[:55].strip("-") or "files"
    return Source(
        id=f"import-{slug}",
        name=name,
        url="file:///",
        language="en",
        enabled=False,
        notes="made by monitor import for documents read from local files",
        doc_type="mixed",
    )


def import_paths(paths: list[str] | tuple[str, ...]) -> list[Path]:
    """Files named, with each folder replaced by the documents directly in it."""
    return [Path(path) for path in expand_paths(paths, IMPORT_SUFFIXES, skip_readme=True)]


def read_local(path: Path, settings: Settings) -> LocalDocument:
    """One file as a document (DocumentError when it cannot be read as one)."""
    if path.suffix.lower() == ".json":
        return _corpus_record(path)
    own_url = path.resolve().as_uri()
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise DocumentError(f"{path}: {error.strerror or error}") from error
    text = raw.decode("utf-8", errors="replace")
    if looks_like_html(text, path.name):
        try:
            page = extract_page(text, own_url, settings)
        except ExtractionError as error:
            raise DocumentError(f"{path}: {error}") from error
        return LocalDocument(
            url=page.canonical_url or own_url,
            text=page.text,
            title=page.title,
            author=page.author,
            published_at=page.published_at,
            raw=raw,
            content_type="text/html",
        )
    document = read_document(str(path), settings)
    return LocalDocument(
        url=own_url,
        text=document.text,
        title=None,
        raw=raw,
        content_type="application/pdf" if document.page_starts is not None else "text/plain",
        page_starts=document.page_starts,
    )


def _corpus_record(path: Path) -> LocalDocument:
    try:
        raw = path.read_bytes()
        record = json.loads(raw)
    except OSError as error:
        raise DocumentError(f"{path}: {error.strerror or error}") from error
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        raise DocumentError(f"{path}: not a JSON corpus record ({error})") from error
    if not isinstance(record, dict) or not isinstance(record.get("text"), str):
        raise DocumentError(f"{path}: a corpus record is a JSON object with a 'text' string")
    if not record["text"].strip():
        raise DocumentError(f"{path}: the record's text is empty")
    url = record.get("url")
    return LocalDocument(
        url=url if isinstance(url, str) and url else path.resolve().as_uri(),
        text=record["text"],
        title=_string(record.get("title")),
        author=_string(record.get("author")),
        published_at=to_utc_iso(_string(record.get("published_at") or record.get("date"))),
        raw=raw,
        content_type="application/json",
    )


def _string(value: Any) -> str | None:
    return value.strip() or None if isinstance(value, str) else None


def article_from(document: LocalDocument, source: Source) -> dict[str, Any]:
    """The article row of a local document: the columns a crawled article has."""
    fetched = FetchedArticle(
        FeedEntry(url=document.url, title=document.title or "", guid="", published_at=None),
        FetchResult(document.url, document.url, 200, {"content-type": document.content_type}),
        ExtractedPage(
            text=document.text,
            title=document.title or first_line_title(document.text),
            author=document.author,
            published_at=document.published_at,
            language=None,
            canonical_url=document.url,
        ),
    )
    row = article_row(fetched, source)
    row["feed_guid"] = row["summary"] = None  # no feed listed it
    row["text_source"] = "file"
    if document.page_starts is not None:
        row["text_source"] = "pdf"
        row["page_count"] = len(document.page_starts)
        row["page_starts"] = json.dumps(list(document.page_starts))
    return row


def import_files(
    db: sqlite_utils.Database,
    paths: list[Path],
    settings: Settings,
    source: Source,
    run_id: str | None = None,
) -> ImportCounts:
    """Store each readable file as an article, to be analysed by ``monitor process``.
    A file that cannot be read is recorded in fetch_errors; the others go on."""
    counts = ImportCounts()
    store.save_sources(db, [source])
    for path in paths:
        try:
            document = read_local(path, settings)
            if not document.text.strip():
                raise DocumentError(f"{path}: no text in it")
        except DocumentError as error:
            counts.failed += 1
            store.record_error(
                db,
                run_id=run_id,
                source_id=source.id,
                url=str(path),
                stage=STAGE,
                error=str(error),
            )
            continue
        row = article_from(document, source)
        if store.article_exists(db, row["id"]):
            counts.already_stored += 1
            continue
        fingerprint = dedup.simhash(row["text"])
        original = find_original(db, row, fingerprint)
        if original is not None:
            row["duplicate_of"] = original
            counts.duplicates += 1
        store.save_article(
            db,
            row,
            {
                "fetched_at": utc_now_iso(),
                "status": 200,
                "content_type": document.content_type,
                "final_url": document.url,
                "html": document.raw,
            },
            fingerprint=(f"{fingerprint:016x}", dedup.bands(fingerprint)),
        )
        counts.new += 1
    return counts
