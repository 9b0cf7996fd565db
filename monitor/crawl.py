"""Poll feeds, fetch new articles, extract them and store them.

Network work (fetch + extract) runs in a thread pool bounded by
``max_concurrency``; every database write happens on the calling thread,
one article per transaction. Every failure becomes a ``fetch_errors`` row and
updates the feed's health columns; nothing is silently dropped.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass

import sqlite_utils

from monitor import store
from monitor.extract import ExtractedPage, ExtractionError, extract_page, utc_now_iso
from monitor.feeds import FeedEntry, parse_feed
from monitor.http import Fetcher, FetchError, FetchResult
from monitor.settings import Settings
from monitor.sources import Source
from monitor.urls import article_id, canonical_url

Progress = Callable[[str], None]
HTML_TYPES = ("text/html", "application/xhtml+xml", "")
MIN_PARAGRAPH_CHARS = 80  # shorter lines (kickers, captions, credits) do not identify a story
SYNDICATION_OVERLAP = 0.8  # share of paragraphs two copies of one story have in common


@dataclass
class CrawlCounts:
    feeds: int = 0
    entries: int = 0
    new: int = 0
    failed: int = 0
    duplicates: int = 0
    not_modified: int = 0


@dataclass
class FetchedArticle:
    entry: FeedEntry
    page: FetchResult
    extracted: ExtractedPage


def _paragraphs(text: str) -> set[str]:
    return {
        re.sub(r"\s+", " ", line).strip().lower()
        for line in text.splitlines()
        if len(line.strip()) >= MIN_PARAGRAPH_CHARS
    }


def same_story(text: str, other: str) -> bool:
    """True when two texts share nearly all their substantial paragraphs: a
    syndicated copy differs only in page furniture (a kicker, a credit line)."""
    mine, theirs = _paragraphs(text), _paragraphs(other)
    if not mine or not theirs:
        return False
    return len(mine & theirs) / min(len(mine), len(theirs)) >= SYNDICATION_OVERLAP


def find_original(db: sqlite_utils.Database, row: dict) -> str | None:
    """The earlier article this one repeats, if any."""
    for candidate in store.duplicate_candidates(db, row["content_hash"], row["title"], row["id"]):
        if candidate["text"] == row["text"] or same_story(row["text"], candidate["text"] or ""):
            return candidate["id"]
    return None


def content_hash(text: str) -> str:
    """Hash of the text with case and whitespace normalised: syndicated copies match."""
    normal = re.sub(r"\s+", " ", text).strip().lower()
    return hashlib.sha256(normal.encode("utf-8")).hexdigest()[:32]


def _fetch_article(fetcher: Fetcher, entry: FeedEntry, settings: Settings) -> FetchedArticle:
    page = fetcher.fetch(entry.url, max_bytes=settings.max_page_bytes)
    if page.status >= 400:
        raise FetchError("http", f"HTTP {page.status}", entry.url, page.status)
    if page.content_type not in HTML_TYPES:
        raise FetchError(
            "content_type",
            f"unsupported content type {page.content_type!r}",
            entry.url,
            page.status,
        )
    html = page.content.decode(_charset(page), errors="replace")
    return FetchedArticle(entry, page, extract_page(html, page.final_url, settings))


def _charset(page: FetchResult) -> str:
    match = re.search(r"charset=([\w-]+)", page.headers.get("content-type", ""), re.I)
    if match:
        try:
            "".encode(match.group(1))
            return match.group(1)
        except LookupError:
            pass
    head = page.content[:2048]
    meta = re.search(rb"<meta[^>]+charset=[\"']?([\w-]+)", head, re.I)
    if meta:
        try:
            name = meta.group(1).decode("ascii")
            "".encode(name)
            return name
        except (LookupError, UnicodeDecodeError):
            pass
    return "utf-8"


def _article_row(fetched: FetchedArticle, source: Source) -> dict:
    entry, extracted = fetched.entry, fetched.extracted
    text = extracted.text
    return {
        "id": article_id(entry.url),
        "url": entry.url,
        "canonical_url": canonical_url(extracted.canonical_url or fetched.page.final_url),
        "source_id": source.id,
        "title": extracted.title or entry.title,
        "author": extracted.author or entry.author,
        "published_at": entry.published_at or extracted.published_at,
        "fetched_at": utc_now_iso(),
        "language": extracted.language or source.language,
        "text": text,
        "word_count": len(text.split()),
        "content_hash": content_hash(text),
        "feed_guid": entry.guid,
        "summary": entry.summary,
    }


def poll_source(
    db: sqlite_utils.Database,
    fetcher: Fetcher,
    source: Source,
    settings: Settings,
    run_id: str,
    counts: CrawlCounts,
    progress: Progress,
) -> None:
    """Poll one feed and store every new article it lists."""
    state = store.source_state(db, source.id)
    counts.feeds += 1
    try:
        result = fetcher.fetch(
            source.url,
            max_bytes=settings.max_feed_bytes,
            etag=state.get("etag"),
            last_modified=state.get("last_modified"),
        )
    except FetchError as error:
        store.record_poll(db, source.id, status=error.status, error=str(error))
        store.record_error(
            db,
            run_id=run_id,
            source_id=source.id,
            url=source.url,
            stage="feed",
            error=str(error),
            http_status=error.status,
        )
        progress(f"  {source.id}: feed failed ({error})")
        return
    if result.not_modified:
        counts.not_modified += 1
        store.record_poll(
            db,
            source.id,
            status=304,
            error=None,
            etag=state.get("etag"),
            last_modified=state.get("last_modified"),
        )
        progress(f"  {source.id}: not modified")
        return
    if result.status >= 400:
        message = f"HTTP {result.status}"
        store.record_poll(db, source.id, status=result.status, error=message)
        store.record_error(
            db,
            run_id=run_id,
            source_id=source.id,
            url=source.url,
            stage="feed",
            error=message,
            http_status=result.status,
        )
        progress(f"  {source.id}: feed failed ({message})")
        return
    parsed = parse_feed(
        result.content,
        result.final_url,
        settings.max_entries_per_feed,
        result.headers.get("content-type") or "application/xml",
    )
    if parsed.malformed:
        store.record_error(
            db,
            run_id=run_id,
            source_id=source.id,
            url=source.url,
            stage="feed_parse",
            error=parsed.malformed,
            http_status=result.status,
        )
    for reason in parsed.skipped:
        store.record_error(
            db, run_id=run_id, source_id=source.id, url=source.url, stage="feed_entry", error=reason
        )
    counts.entries += len(parsed.entries)
    seen: set[str] = set()
    new_entries = []
    for entry in parsed.entries:
        key = article_id(entry.url)
        if key not in seen and not store.article_exists(db, key):
            new_entries.append(entry)
        seen.add(key)
    stored = _fetch_and_store(db, fetcher, source, new_entries, settings, run_id, counts)
    store.record_poll(
        db,
        source.id,
        status=result.status,
        error=f"malformed feed: {parsed.malformed}" if parsed.malformed else None,
        failed=bool(parsed.malformed) and not parsed.entries,
        etag=result.headers.get("etag"),
        last_modified=result.headers.get("last-modified"),
        new_items=stored,
    )
    progress(f"  {source.id}: {len(parsed.entries)} entries, {stored} new")


def _fetch_and_store(
    db: sqlite_utils.Database,
    fetcher: Fetcher,
    source: Source,
    entries: list[FeedEntry],
    settings: Settings,
    run_id: str,
    counts: CrawlCounts,
) -> int:
    stored = 0
    workers = max(1, min(settings.max_concurrency, len(entries)))
    with ThreadPoolExecutor(max_workers=workers) as pool:
        futures = {
            pool.submit(_fetch_article, fetcher, entry, settings): entry for entry in entries
        }
        for future in as_completed(futures):
            entry = futures[future]
            try:
                fetched = future.result()
            except (FetchError, ExtractionError) as error:
                counts.failed += 1
                stage = "extract" if isinstance(error, ExtractionError) else "fetch"
                store.record_error(
                    db,
                    run_id=run_id,
                    source_id=source.id,
                    url=entry.url,
                    stage=stage,
                    error=str(error),
                    http_status=getattr(error, "status", None),
                )
                continue
            row = _article_row(fetched, source)
            original = find_original(db, row)
            if original is not None:
                row["duplicate_of"] = original
                counts.duplicates += 1
            store.save_article(
                db,
                row,
                {
                    "fetched_at": row["fetched_at"],
                    "status": fetched.page.status,
                    "content_type": fetched.page.content_type,
                    "final_url": fetched.page.final_url,
                    "html": fetched.page.content,
                },
            )
            counts.new += 1
            stored += 1
    return stored


def crawl(
    db: sqlite_utils.Database,
    sources: Iterable[Source],
    settings: Settings,
    run_id: str,
    progress: Progress = lambda message: None,
    fetcher: Fetcher | None = None,
) -> CrawlCounts:
    """Poll every enabled source once; returns what happened."""
    sources = [s for s in sources if s.enabled]
    store.save_sources(db, sources)
    counts = CrawlCounts()
    own_fetcher = fetcher is None
    fetcher = fetcher or Fetcher(settings)
    try:
        for source in sources:
            poll_source(db, fetcher, source, settings, run_id, counts, progress)
    finally:
        if own_fetcher:
            fetcher.close()
    return counts
