"""Poll feeds, fetch new articles, extract them and store them.

Hosts are polled in parallel (``max_parallel_hosts``), each host's sources one
after another on a poll thread, so a slow host delays only itself; a source's
articles are fetched in a thread pool bounded by ``max_concurrency``;
extraction runs in child processes with a time limit
(``monitor.extract_workers``). Every database read and write happens on the
calling thread (``monitor.crawl.mainthread``), one article per transaction.
Every failure becomes a ``fetch_errors`` row and updates the feed's health
columns: nothing is silently dropped.

Sources without a feed (listing pages, sitemaps) are read by
``monitor.discover`` into the same entries a feed gives. A response that is a
PDF (by Content-Type or by its ``%PDF-`` magic bytes, since servers mislabel
PDFs) is parsed by ``monitor.pdf`` in the same time-limited workers.
"""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Callable, Iterable
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from typing import Any, TypeVar
from urllib.parse import urlsplit

import lxml.html
import sqlite_utils

from monitor import store
from monitor.crawl import dedup
from monitor.crawl.discover import discovered_entries
from monitor.crawl.doc_types import infer_doc_type
from monitor.crawl.extract import ExtractedPage, ExtractionError
from monitor.crawl.extract_workers import ExtractionPool
from monitor.crawl.feeds import FeedEntry, ParsedFeed, parse_feed
from monitor.crawl.http import Fetcher, FetchError, FetchResult
from monitor.crawl.mainthread import MainThreadCalls
from monitor.crawl.pdf import PdfDocument, is_pdf
from monitor.crawl.sources import Source
from monitor.dates import utc_now_iso
from monitor.settings import Settings
from monitor.urls import article_id, canonical_url

Progress = Callable[[str], None]
Result = TypeVar("Result")
HTML_TYPES = ("text/html", "application/xhtml+xml", "")
# How long the main thread waits for database work before it looks at the poll
# threads again; a finished thread wakes it sooner, so this only bounds a miss.
SERVE_WAIT_SECONDS = 0.5


@dataclass
class CrawlCounts:
    feeds: int = 0
    entries: int = 0
    new: int = 0
    failed: int = 0
    duplicates: int = 0
    not_modified: int = 0
    from_summary: int = 0


@dataclass
class FetchedArticle:
    entry: FeedEntry
    page: FetchResult
    extracted: ExtractedPage
    extraction_error: str | None = None
    """Why the page gave no text, when the feed's summary stands in for it."""
    pdf: PdfDocument | None = None
    """The parsed PDF, when the response was one."""


@dataclass
class CrawlContext:
    """What every step of one crawl shares."""

    db: sqlite_utils.Database
    fetcher: Fetcher
    extractors: ExtractionPool
    settings: Settings
    run_id: str
    counts: CrawlCounts
    progress: Progress
    stop: threading.Event
    main: MainThreadCalls = field(default_factory=MainThreadCalls)
    """Runs database work on the thread that owns ``db``, for the poll threads."""

    def on_main(self, function: Callable[..., Result], *args: Any) -> Result:
        """``function(*args)`` run on the main thread (the database is not shared)."""
        return self.main.run(function, *args)

    def record_error(
        self, source: Source, url: str, stage: str, error: str, http_status: int | None = None
    ) -> None:
        """Keep a failure of this crawl in ``fetch_errors``: nothing fails unrecorded."""
        self.on_main(self._record_error, source, url, stage, error, http_status)

    def _record_error(
        self, source: Source, url: str, stage: str, error: str, http_status: int | None
    ) -> None:
        store.record_error(
            self.db,
            run_id=self.run_id,
            source_id=source.id,
            url=url,
            stage=stage,
            error=error,
            http_status=http_status,
        )


def _charset(page: FetchResult) -> str:
    """The page's encoding from the Content-Type header or a <meta> tag."""
    header = re.search(r"charset=([\w-]+)", page.headers.get("content-type", ""), re.I)
    meta = re.search(rb"<meta[^>]+charset=[\"']?([\w-]+)", page.content[:2048], re.I)
    for name in (
        header.group(1) if header else None,
        meta.group(1).decode("ascii", "ignore") if meta else None,
    ):
        if name:
            try:
                "".encode(name)
                return name
            except LookupError:
                continue
    return "utf-8"


def _summary_page(entry: FeedEntry, settings: Settings) -> ExtractedPage | None:
    """The feed's own summary as the article text, when it is long enough to analyse."""
    if not entry.summary.strip():
        return None
    try:
        text = lxml.html.fromstring(entry.summary).text_content()
    except (lxml.etree.ParserError, ValueError):
        return None
    text = re.sub(r"\s+", " ", text).strip()
    if len(text) < settings.min_text_chars:
        return None
    return ExtractedPage(
        text=text,
        title=entry.title or None,
        author=entry.author,
        published_at=entry.published_at,
        language=None,
        canonical_url=None,
    )


def fetch_article(context: CrawlContext, entry: FeedEntry) -> FetchedArticle:
    """Fetch and extract one entry's page; runs on a worker thread (no database)."""
    settings = context.settings
    # The type is known only once the body arrives, so the larger cap bounds the
    # download and the HTML cap is applied after it.
    cap = max(settings.max_page_bytes, settings.max_pdf_bytes)
    page = context.fetcher.fetch(entry.url, max_bytes=cap)
    if page.status >= 400:
        raise FetchError("http", f"HTTP {page.status}", entry.url, page.status)
    if is_pdf(page.content, page.content_type):
        return _fetched_pdf(context, entry, page)
    _check_size(page, entry, "page", "max_page_bytes", settings.max_page_bytes)
    if page.content_type not in HTML_TYPES:
        raise FetchError(
            "content_type",
            f"unsupported content type {page.content_type!r}",
            entry.url,
            page.status,
        )
    html = page.content.decode(_charset(page), errors="replace")
    try:
        return FetchedArticle(entry, page, context.extractors.extract(html, page.final_url))
    except ExtractionError as error:
        fallback = _summary_page(entry, settings)
        if fallback is None:
            raise
        return FetchedArticle(entry, page, fallback, str(error))


def _check_size(page: FetchResult, entry: FeedEntry, what: str, setting: str, limit: int) -> None:
    """A recorded ``too_large`` failure when the body is over the cap for its type."""
    if len(page.content) > limit:
        message = f"{what} has {len(page.content)} bytes, {setting}={limit}"
        raise FetchError("too_large", message, entry.url, page.status)


TITLE_FROM_TEXT_CHARS = 200  # a title taken from a text's first line is cut here


def first_line_title(text: str) -> str:
    """The title of a document that names none: its first line."""
    return text.strip().split("\n", 1)[0][:TITLE_FROM_TEXT_CHARS]


def _fetched_pdf(context: CrawlContext, entry: FeedEntry, page: FetchResult) -> FetchedArticle:
    """A PDF response parsed in an extraction worker (PdfError when it has no text)."""
    _check_size(page, entry, "PDF", "max_pdf_bytes", context.settings.max_pdf_bytes)
    document = context.extractors.extract_pdf(page.content, page.final_url)
    extracted = ExtractedPage(
        text=document.text,
        # Link text from the listing or feed names a document better than PDF
        # metadata, which is often a file name ("Microsoft Word - note.docx").
        title=entry.title or document.title or first_line_title(document.text),
        author=document.author,
        published_at=document.created_at,
        language=None,
        canonical_url=None,
    )
    return FetchedArticle(entry, page, extracted, pdf=document)


def article_row(fetched: FetchedArticle, source: Source) -> dict:
    entry, extracted, pdf = fetched.entry, fetched.extracted, fetched.pdf
    text = extracted.text
    title = extracted.title or entry.title
    return {
        "id": article_id(entry.url),
        "url": entry.url,
        "canonical_url": canonical_url(extracted.canonical_url or fetched.page.final_url),
        "source_id": source.id,
        "title": title,
        "author": extracted.author or entry.author,
        "published_at": entry.published_at or extracted.published_at,
        "fetched_at": utc_now_iso(),
        "language": extracted.language or source.language,
        "text": text,
        "word_count": len(text.split()),
        "content_hash": dedup.content_hash(text),
        "feed_guid": entry.guid,
        "summary": entry.summary,
        "text_source": "feed_summary" if fetched.extraction_error else ("pdf" if pdf else "page"),
        "doc_type": infer_doc_type(
            declared=source.doc_type,
            source_kind=source.kind,
            url=entry.url,
            title=title,
            text=text,
            is_pdf=pdf is not None,
        ),
        "page_count": pdf.page_count if pdf else None,
        "page_starts": json.dumps(list(pdf.page_starts)) if pdf else None,
    }


def find_original(db: sqlite_utils.Database, row: dict, fingerprint: int) -> str | None:
    """The earlier article this one repeats (exactly or as a syndicated copy), if any."""
    candidates = store.duplicate_candidates(
        db, row["content_hash"], row["title"], dedup.bands(fingerprint), row["id"]
    )
    for candidate in candidates:
        text = candidate["text"] or ""
        close = (
            candidate["simhash"] is not None
            and dedup.distance(fingerprint, int(candidate["simhash"], 16))
            <= dedup.SIMHASH_MAX_DISTANCE
        )
        if (
            text == row["text"]
            or dedup.same_story(row["text"], text)
            or (close and dedup.same_numbers(row["text"], text))
        ):
            return candidate["id"]
    return None


def store_article(context: CrawlContext, source: Source, fetched: FetchedArticle) -> None:
    db, counts = context.db, context.counts
    row = article_row(fetched, source)
    fingerprint = dedup.simhash(row["text"])
    original = find_original(db, row, fingerprint)
    if original is not None:
        row["duplicate_of"] = original
        counts.duplicates += 1
    if fetched.extraction_error:
        counts.from_summary += 1
        context.record_error(
            source,
            row["url"],
            "extract",
            f"{fetched.extraction_error}; the feed summary was stored instead",
        )
    store.save_article(
        db,
        row,
        {
            "fetched_at": row["fetched_at"],
            "status": fetched.page.status,
            # What the stored bytes are: a PDF served as text/html is stored as a PDF.
            "content_type": "application/pdf" if fetched.pdf else fetched.page.content_type,
            "final_url": fetched.page.final_url,
            "html": fetched.page.content,
        },
        fingerprint=(f"{fingerprint:016x}", dedup.bands(fingerprint)),
    )
    counts.new += 1


def _record_failure(context: CrawlContext, source: Source, url: str, error: Exception) -> None:
    context.counts.failed += 1
    stage = getattr(error, "stage", "extract" if isinstance(error, ExtractionError) else "fetch")
    context.record_error(source, url, stage, str(error), getattr(error, "status", None))


def fetch_and_store(context: CrawlContext, source: Source, entries: list[FeedEntry]) -> int:
    """Fetch entries concurrently and store each (on the main thread) as it completes;
    stops early on request."""
    stored = 0
    workers = max(1, min(context.settings.max_concurrency, len(entries)))
    pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="fetch")
    pending: dict[Future, FeedEntry] = {}
    queue = list(reversed(entries))
    try:
        while queue or pending:
            while queue and len(pending) < workers and not context.stop.is_set():
                entry = queue.pop()
                pending[pool.submit(fetch_article, context, entry)] = entry
            if not pending:
                break
            done, _ = wait(pending, return_when=FIRST_COMPLETED)
            for future in done:
                entry = pending.pop(future)
                try:
                    fetched = future.result()
                except (FetchError, ExtractionError) as error:
                    context.on_main(_record_failure, context, source, entry.url, error)
                    continue
                context.on_main(store_article, context, source, fetched)
                stored += 1
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
    return stored


def poll_source(context: CrawlContext, source: Source) -> None:
    """Poll one feed and store every new article it lists.

    Runs on a poll thread: the network work happens here, every database read
    and write is handed to the main thread through ``context.on_main``.
    """
    settings = context.settings
    state = context.on_main(_start_poll, context, source)
    try:
        result = context.fetcher.fetch(
            source.url,
            max_bytes=settings.max_feed_bytes,
            etag=state.get("etag"),
            last_modified=state.get("last_modified"),
        )
    except FetchError as error:
        context.on_main(_feed_failed, context, source, str(error), error.status)
        return
    if result.not_modified:
        context.on_main(_feed_unchanged, context, source, state)
        return
    if result.status >= 400:
        context.on_main(_feed_failed, context, source, f"HTTP {result.status}", result.status)
        return
    if source.discovery == "feed":
        parsed = parse_feed(
            result.content,
            result.final_url,
            settings.max_entries_per_feed,
            result.headers.get("content-type") or "application/xml",
        )
    else:
        parsed = discovered_entries(
            source,
            result,
            settings,
            lambda url: context.fetcher.fetch(url, max_bytes=settings.max_feed_bytes),
        )
    new_entries = context.on_main(_new_entries, context, source, result, parsed)
    stored = fetch_and_store(context, source, new_entries)
    context.on_main(_feed_polled, context, source, state, result, parsed, stored, len(new_entries))


def _start_poll(context: CrawlContext, source: Source) -> dict:
    context.counts.feeds += 1
    return store.source_state(context.db, source.id)


def _feed_failed(context: CrawlContext, source: Source, message: str, status: int | None) -> None:
    store.record_poll(context.db, source.id, status=status, error=message)
    context.record_error(source, source.url, "feed", message, status)
    context.progress(f"  {source.id}: feed failed ({message})")


def _feed_unchanged(context: CrawlContext, source: Source, state: dict) -> None:
    context.counts.not_modified += 1
    store.record_poll(
        context.db,
        source.id,
        status=304,
        error=None,
        etag=state.get("etag"),
        last_modified=state.get("last_modified"),
    )
    context.progress(f"  {source.id}: not modified")


def _new_entries(
    context: CrawlContext, source: Source, result: FetchResult, parsed: ParsedFeed
) -> list[FeedEntry]:
    """Record what the feed's parse skipped; the entries not stored yet, once each."""
    if parsed.malformed:
        context.record_error(source, source.url, "feed_parse", parsed.malformed, result.status)
    for reason in parsed.skipped:
        context.record_error(source, source.url, "feed_entry", reason)
    context.counts.entries += len(parsed.entries)
    seen: set[str] = set()
    new_entries = []
    for entry in parsed.entries:
        key = article_id(entry.url)
        if key not in seen and not store.article_exists(context.db, key):
            new_entries.append(entry)
        seen.add(key)
    return new_entries


def _feed_polled(
    context: CrawlContext,
    source: Source,
    state: dict,
    result: FetchResult,
    parsed: ParsedFeed,
    stored: int,
    wanted: int,
) -> None:
    interrupted = context.stop.is_set() and stored < wanted
    store.record_poll(
        context.db,
        source.id,
        status=result.status,
        error=f"malformed feed: {parsed.malformed}" if parsed.malformed else None,
        failed=bool(parsed.malformed) and not parsed.entries,
        # An interrupted poll keeps the old validators, so the next run re-reads the feed.
        etag=state.get("etag") if interrupted else result.headers.get("etag"),
        last_modified=(
            state.get("last_modified") if interrupted else result.headers.get("last-modified")
        ),
        new_items=stored,
    )
    context.progress(f"  {source.id}: {len(parsed.entries)} entries, {stored} new")


def _poll_host(context: CrawlContext, sources: list[Source]) -> int:
    """One host's sources, one after another (on a poll thread); how many a stop left."""
    for done, source in enumerate(sources):
        if context.stop.is_set():
            return len(sources) - done
        poll_source(context, source)
    return 0


def _sources_by_host(sources: list[Source]) -> list[list[Source]]:
    by_host: dict[str, list[Source]] = {}
    for source in sources:
        by_host.setdefault((urlsplit(source.url).hostname or "").lower(), []).append(source)
    return list(by_host.values())


def poll_hosts(context: CrawlContext, sources: list[Source]) -> None:
    """Poll up to ``max_parallel_hosts`` hosts at once, serving their database work.

    The main thread starts a poll thread per host, then runs the database calls
    the poll threads hand it until all have finished; an error in one poll
    thread, or a second Ctrl-C, ends the crawl after the threads have stopped.
    """
    waiting = _sources_by_host(sources)
    workers = max(1, min(context.settings.max_parallel_hosts, len(waiting)))
    pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="poll")
    running: set[Future] = set()
    left = 0
    try:
        while waiting or running:
            while waiting and len(running) < workers and not context.stop.is_set():
                future = pool.submit(_poll_host, context, waiting.pop(0))
                future.add_done_callback(lambda _: context.main.wake())
                running.add(future)
            if waiting and context.stop.is_set():
                left += sum(len(host_sources) for host_sources in waiting)
                waiting.clear()
            context.main.serve(SERVE_WAIT_SECONDS)
            for future in [future for future in running if future.done()]:
                running.discard(future)
                left += future.result()  # a poll thread's unexpected error ends the crawl here
        if left:
            context.progress(f"  stopping: {left} feeds wait for the next run")
    finally:
        context.main.close()  # poll threads still asking for the database stop at once
        pool.shutdown(wait=True, cancel_futures=True)


def crawl(
    db: sqlite_utils.Database,
    sources: Iterable[Source],
    settings: Settings,
    run_id: str,
    progress: Progress = lambda message: None,
    fetcher: Fetcher | None = None,
    stop: threading.Event | None = None,
) -> CrawlCounts:
    """Poll every enabled source once (until ``stop`` is set); returns what happened."""
    sources = [s for s in sources if s.enabled]
    store.save_sources(db, sources)
    own_fetcher = fetcher is None
    fetcher = fetcher or Fetcher(settings)
    context = CrawlContext(
        db=db,
        fetcher=fetcher,
        extractors=ExtractionPool(settings, settings.max_concurrency),
        settings=settings,
        run_id=run_id,
        counts=CrawlCounts(),
        progress=progress,
        stop=stop or threading.Event(),
    )
    try:
        poll_hosts(context, sources)
    finally:
        context.extractors.close()
        if own_fetcher:
            fetcher.close()
    return context.counts
