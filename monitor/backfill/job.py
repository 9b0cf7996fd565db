"""What a Dask worker does with one stretch of a WARC file: read, keep, extract, analyse.

Runs on the workers and never touches the database: it turns WARC records
into article rows with their analyses, the way the live crawl turns fetched
pages into them (``monitor.crawl.crawler.fetch_article`` and ``article_row``,
the same extraction child process under ``extract_timeout``, the same
``Analyzer``), and hands them to the one writer (``monitor.backfill.writer``).

Each worker process loads the models once (:func:`worker_tools`, warmed up by
:class:`ModelsPlugin` when the job starts); tasks carry only settings, paths
and offsets. spaCy runs inside ``memory_zone`` for each task, so its string
store does not grow over a run of millions of pages.
"""

from __future__ import annotations

import dataclasses
import os
import resource
import socket
import time
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from distributed import WorkerPlugin

from monitor.analysis.analyze import Analyzer
from monitor.analysis.language_gate import skipped_analysis, with_language
from monitor.backfill.domains import NewsDomains
from monitor.backfill.warc import ArchivedResponse, Damage, OtherRecord, WarcReader
from monitor.content_checks import detect_language
from monitor.crawl import dedup
from monitor.crawl.crawler import HTML_TYPES, FetchedArticle, article_row, fetch_article
from monitor.crawl.extract import ExtractionError
from monitor.crawl.extract_workers import ExtractionWorker
from monitor.crawl.feeds import FeedEntry
from monitor.crawl.http import FetchError, FetchResult
from monitor.crawl.sources import Source
from monitor.settings import Settings

# The database belongs to the writer; workers never open it. Runs on other
# databases (or with other batch sizes) share the models a worker has loaded.
WORKER_DB = "unused-by-workers.db"
BACKFILL_SETTINGS = [f.name for f in dataclasses.fields(Settings) if f.name.startswith("backfill_")]
# Extraction failures that are the extractor's fault, not the page's: recorded.
EXTRACTOR_FAILURES = ("extraction took longer than", "extraction worker died", "extractor crashed")


@dataclass(frozen=True)
class ChunkTask:
    """Read ``records`` WARC records of ``path`` from ``offset`` on."""

    path: str
    offset: int
    records: int
    settings: Settings
    domains: NewsDomains
    since: str | None = None
    """ISO date: pages published (or, without a date, captured) earlier are skipped."""
    until: str | None = None
    """ISO date: pages published from this moment on are skipped."""


@dataclass
class ChunkResult:
    """What one task found; the writer stores it and moves the file's offset."""

    path: str
    offset: int
    next_offset: int
    finished: bool
    size: int
    records: int = 0
    candidates: int = 0
    """News pages of a kept domain handed to extraction."""
    articles: list[dict[str, Any]] = field(default_factory=list)
    """Each: ``row`` (the article), ``raw_page``, ``fingerprint``, ``analysis``."""
    damage: list[Damage] = field(default_factory=list)
    failures: list[tuple[str, str]] = field(default_factory=list)
    """(url, why) of pages the extractor failed on (a time-out or a crash)."""
    skipped: Counter = field(default_factory=Counter)
    """Records not kept, by reason."""
    pipeline_version: str = ""
    seconds: float = 0.0
    cpu_seconds: float = 0.0
    """CPU time the task took in the worker process (its extraction process not counted)."""
    extraction_cpu_seconds: float = 0.0
    """CPU time the task took in the worker's extraction process (0 where /proc is not)."""
    peak_memory_mb: float = 0.0
    """The worker's peak resident memory so far, its extraction process included."""
    worker: str = ""
    """The process that ran the task (host:pid)."""


@dataclass
class WorkerTools:
    """What a worker process loads once: the models and an extraction child process."""

    analyzer: Analyzer
    extractor: ExtractionWorker
    """One child process (a task runs one page at a time), killed and replaced when a
    page takes longer than ``extract_timeout``."""


@lru_cache(maxsize=1)
def _load_tools(settings: Settings) -> WorkerTools:
    return WorkerTools(Analyzer(settings), ExtractionWorker(settings))


def worker_tools(settings: Settings) -> WorkerTools:
    """This process's models and extractor, loaded on first use, and kept for later
    runs whose settings differ only in what workers do not use (the database, the
    backfill's own settings)."""
    defaults = Settings()
    unused = {name: getattr(defaults, name) for name in BACKFILL_SETTINGS}
    return _load_tools(dataclasses.replace(settings, db=WORKER_DB, **unused))


class ModelsPlugin(WorkerPlugin):
    """Loads the models on every worker as it joins, before any task arrives."""

    name = "monitor-backfill-models"

    def __init__(self, settings: Settings):
        self.settings = settings

    def setup(self, worker: Any) -> None:
        worker_tools(self.settings)

    def teardown(self, worker: Any) -> None:
        """Stop the extraction child: it ignores SIGTERM (the crawl decides when its
        workers stop), so the worker's exit would otherwise wait on it."""
        worker_tools(self.settings).extractor.close()
        _load_tools.cache_clear()


def has_models_plugin(dask_worker: Any) -> bool:
    """Whether a worker has loaded the models already (run on each worker)."""
    return ModelsPlugin.name in dask_worker.plugins


@dataclass(frozen=True)
class _ArchiveFetcher:
    """Answers ``fetch`` with the archived response, as the crawler's Fetcher would."""

    page: FetchResult

    def fetch(self, url: str, max_bytes: int, **_: Any) -> FetchResult:
        return self.page


@dataclass(frozen=True)
class _ArchiveContext:
    """The three things ``fetch_article`` reads from a crawl's context."""

    settings: Settings
    fetcher: _ArchiveFetcher
    extractors: ExtractionWorker


def header_skip_reason(response: ArchivedResponse, domains: NewsDomains) -> str | None:
    """Why a response is no candidate news page, from its headers alone (None: it is one)."""
    if response.status != 200:
        return "not_200"
    if response.content_type not in HTML_TYPES:
        return "not_html"
    if domains.source_for(response.url) is None:
        return "other_domain"
    return None


def skip_reason(item: ArchivedResponse | OtherRecord, domains: NewsDomains) -> str | None:
    """Why a record is not a candidate news page (None when it is one)."""
    if isinstance(item, OtherRecord):
        return "not_response"
    reason = header_skip_reason(item, domains)
    if reason is None and item.body is None:
        return "too_large"
    return reason


def _in_period(row: dict[str, Any], since: str | None, until: str | None) -> bool:
    moment = row["published_at"] or row["fetched_at"] or ""
    return (since is None or moment >= since) and (until is None or moment < until)


def _extract(
    response: ArchivedResponse, source: Source, tools: WorkerTools, settings: Settings
) -> dict[str, Any]:
    """The article row and raw page of one archived page (FetchError or ExtractionError)."""
    page = FetchResult(
        url=response.url,
        final_url=response.url,
        status=response.status,
        headers=response.headers,
        content=response.body or b"",
    )
    context = _ArchiveContext(settings, _ArchiveFetcher(page), tools.extractor)
    entry = FeedEntry(url=response.url, title="", guid="", published_at=None)
    fetched: FetchedArticle = fetch_article(context, entry)  # type: ignore[arg-type]
    row = article_row(fetched, source)
    row["fetched_at"] = response.captured_at or row["fetched_at"]
    row["feed_guid"] = row["summary"] = None  # no feed listed it
    raw_page = {
        "fetched_at": row["fetched_at"],
        "status": page.status,
        "content_type": page.content_type,
        "final_url": page.final_url,
        "html": page.content,
    }
    return {"row": row, "raw_page": raw_page}


def _analyse(articles: list[dict[str, Any]], tools: WorkerTools, settings: Settings) -> None:
    """Each article's analysis, as ``monitor process`` makes it: the language gate,
    then the relevance gate and spaCy (inside ``analyze_many``) for English texts."""
    verdicts = [detect_language(a["row"]["text"] or "", settings) for a in articles]
    english = [a for a, v in zip(articles, verdicts, strict=True) if v.analysable]
    analyzer = tools.analyzer
    with analyzer.nlp.memory_zone():  # strings of this task's docs are freed after it
        analyses = iter(
            analyzer.analyze_many(
                [a["row"]["text"] or "" for a in english],
                published=[a["row"]["published_at"] for a in english],
            )
        )
        for article, verdict in zip(articles, verdicts, strict=True):
            if verdict.analysable:
                article["analysis"] = with_language(next(analyses), verdict)
            else:
                article["analysis"] = skipped_analysis(verdict)


def _peak_memory_mb(tools: WorkerTools) -> float:
    """Peak resident memory of this worker and of its extraction child, in MB."""
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    try:
        with open(f"/proc/{tools.extractor.process.pid}/status", encoding="ascii") as status:
            peak_kb += next(int(line.split()[1]) for line in status if line.startswith("VmHWM"))
    except (OSError, StopIteration, ValueError):
        pass  # no /proc (not Linux): the worker's own peak is what is known
    return peak_kb / 1024


def _child_cpu_seconds(tools: WorkerTools) -> float:
    """CPU time the extraction child has used so far (user and system), from /proc."""
    try:
        with open(f"/proc/{tools.extractor.process.pid}/stat", encoding="ascii") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, IndexError, ValueError):
        return 0.0  # no /proc (not Linux), or the child was just replaced


def run_chunk(task: ChunkTask) -> ChunkResult:
    """Read one stretch of a WARC file and turn its news pages into analysed articles."""
    started, cpu_started = time.monotonic(), time.process_time()
    settings = task.settings
    tools = worker_tools(settings)
    child_cpu_started = _child_cpu_seconds(tools)
    reader = WarcReader(
        task.path,
        task.offset,
        settings.max_page_bytes,
        wants_body=lambda response: header_skip_reason(response, task.domains) is None,
    )
    result = ChunkResult(task.path, task.offset, task.offset, False, reader.size)
    seen: set[str] = set()
    for item in reader.read(task.records):
        result.records += 1
        if isinstance(item, Damage):
            result.damage.append(item)
            continue
        reason = skip_reason(item, task.domains)
        if reason is None and item.url in seen:
            reason = "repeated"  # the same page captured twice in one stretch
        if reason is not None:
            result.skipped[reason] += 1
            continue
        seen.add(item.url)
        _keep(item, task, tools, result)
    _analyse(result.articles, tools, settings)
    result.next_offset, result.finished = reader.next_offset, reader.finished
    result.pipeline_version = tools.analyzer.version
    result.seconds = time.monotonic() - started
    result.cpu_seconds = time.process_time() - cpu_started
    # A child replaced during the task (a time-out) restarts its count: never negative.
    result.extraction_cpu_seconds = max(0.0, _child_cpu_seconds(tools) - child_cpu_started)
    result.peak_memory_mb = _peak_memory_mb(tools)
    result.worker = f"{socket.gethostname()}:{os.getpid()}"
    return result


def _keep(item: ArchivedResponse, task: ChunkTask, tools: WorkerTools, result: ChunkResult) -> None:
    """Extract a candidate page and add it to the result, or count why not."""
    result.candidates += 1
    source = task.domains.source_for(item.url)
    assert source is not None  # skip_reason() kept only pages of known domains
    try:
        article = _extract(item, source, tools, task.settings)
    except FetchError as error:
        result.skipped[error.kind] += 1  # too large once decoded, or the like
        return
    except ExtractionError as error:
        if str(error).startswith(EXTRACTOR_FAILURES):
            result.failures.append((item.url, str(error)))
        else:
            result.skipped["no_article"] += 1  # a section front, a tag page, a video page
        return
    if not _in_period(article["row"], task.since, task.until):
        result.skipped["out_of_period"] += 1
        return
    fingerprint = dedup.simhash(article["row"]["text"])
    article["fingerprint"] = (f"{fingerprint:016x}", dedup.bands(fingerprint))
    result.articles.append(article)
