"""Analyse stored articles and write what was found, one article per transaction.

Analysis is CPU-bound (spaCy and the classifier), so with ``workers`` > 1 it
runs in that many child processes, each loading the models once
(``monitor.analysis_workers``). Whatever the number of workers, every database
write happens here, in the main process, in the same per-article
transactions: a worker only turns texts into analyses.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

import sqlite_utils

from monitor import store
from monitor.analysis.language_gate import skipped_analysis, with_language
from monitor.analysis.workers import AnalysisPool, Job, time_limit_error
from monitor.content_checks import LanguageVerdict, detect_language
from monitor.interrupt import TimeLimitExceeded, time_limit
from monitor.settings import Settings

if TYPE_CHECKING:
    from monitor.analysis.analyze import Analyzer

Progress = Callable[[str], None]


@dataclass
class ProcessCounts:
    processed: int = 0
    relevant: int = 0
    duplicates: int = 0
    failed: int = 0
    """Articles whose analysis crashed its worker; recorded in fetch_errors, retried next run."""


def worker_count(settings: Settings) -> int:
    """Processes to analyse with: the ``workers`` setting, 0 meaning one per CPU core."""
    if settings.workers < 0:
        raise ValueError(f"workers must be 0 (one per core) or more, not {settings.workers}")
    return settings.workers or os.cpu_count() or 1


class _InProcess:
    """Analysis in this process: one Analyzer, results at once, each article held to
    ``analyze_time_limit``."""

    def __init__(self, analyzer: Analyzer, time_limit_seconds: float):
        self.analyzer = analyzer
        self.version = analyzer.version
        self.time_limit = time_limit_seconds
        self._done: list[Job] = []

    def _analyse(self, job: Job) -> None:
        with time_limit(self.time_limit * len(job.articles)):
            analyses = list(
                self.analyzer.analyze_many(
                    job.texts, page_starts=job.page_starts, published=job.published
                )
            )
        job.succeeded(analyses)

    def submit(self, job: Job) -> None:
        try:
            self._analyse(job)
        except TimeLimitExceeded:
            # Which article was too slow is not known: each is tried on its own,
            # and only the slow one is given up.
            job.analyses, job.errors = [], []
            for article in job.articles:
                single = Job([article])
                try:
                    self._analyse(single)
                except TimeLimitExceeded:
                    single.failed(time_limit_error(self.time_limit))
                job.analyses += single.analyses
                job.errors += single.errors
        self._done.append(job)

    def finished(self) -> Iterator[Job]:
        done, self._done = self._done, []
        yield from done

    drain = finished

    def close(self) -> None:
        pass


def process(
    db: sqlite_utils.Database,
    settings: Settings,
    reprocess: bool = False,
    progress: Progress = lambda message: None,
    stop: threading.Event | None = None,
    analyzer: Analyzer | None = None,
    run_id: str | None = None,
) -> ProcessCounts:
    """Analyse every unprocessed article (every article with ``reprocess``).

    With ``settings.workers`` == 1 the analysis runs here (with ``analyzer``
    when given, so callers can reuse loaded models); otherwise in a pool of
    worker processes. A syndicated copy (``duplicate_of`` set) takes its
    original's relevance and is not analysed again, so its statements are not
    counted twice. When ``stop`` is set, the work in hand is finished and
    written, and the rest waits for the next run (it is still unprocessed, so
    nothing is lost). An article whose analysis kills a worker twice is
    recorded in ``fetch_errors`` (stage ``analyze``) and stays unprocessed, so
    the next run tries it again. A text not in English is not analysed: it is
    stored as skipped, with its language and the reason (``analysis_skipped``).
    """
    counts = ProcessCounts()
    pending = store.articles_to_process(db, reprocess)
    workers = worker_count(settings)
    if not pending:
        return counts
    started = time.monotonic()
    if workers == 1:
        from monitor.analysis.analyze import Analyzer

        engine: _InProcess | AnalysisPool = _InProcess(
            analyzer or Analyzer(settings), settings.analyze_time_limit
        )
        batch_size = settings.process_batch
    else:
        # spaCy and the classifier are only imported by the workers: loading them
        # here as well would compete with the workers' start-up for the cores.
        engine = AnalysisPool(settings, workers)
        # Several jobs per worker, so that the last ones finish close together.
        batch_size = max(1, min(settings.worker_batch, -(-len(pending) // (workers * 4))))
    ready = time.monotonic()
    progress(
        f"  models ready in {ready - started:.1f} s "
        f"({workers} analysis process{'es' if workers > 1 else ''})"
    )

    def write(job: Job) -> None:
        for article, analysis, error in zip(job.articles, job.analyses, job.errors, strict=True):
            if analysis is None:
                store.record_error(
                    db,
                    run_id=run_id,
                    source_id=article["source_id"],
                    url=article["url"],
                    stage="analyze",
                    error=f"article {article['id']}: {error}",
                )
                counts.failed += 1
                continue
            verdict = verdicts.pop(article["id"])
            store.save_analysis(db, article["id"], with_language(analysis, verdict), engine.version)
            counts.processed += 1
            counts.relevant += int(analysis["relevant"])

    # Jobs finish in any order but are written in the order they were handed out:
    # later articles can update rows earlier ones created (an actor's country), so
    # the same order gives the same database whatever the number of workers.
    finished: dict[int, Job] = {}
    written = 0
    verdicts: dict[str, LanguageVerdict] = {}  # of the English articles handed out

    def skip_foreign(originals: list[dict]) -> list[dict]:
        """Record the articles not in English as skipped (stored, not analysed);
        the English ones, to be analysed."""
        english = []
        for row in originals:
            verdict = detect_language(row["text"] or "", settings)
            if verdict.analysable:
                verdicts[row["id"]] = verdict
                english.append(row)
            else:
                store.save_analysis(db, row["id"], skipped_analysis(verdict), engine.version)
                counts.processed += 1
        return english

    def settle(jobs: Iterable[Job]) -> None:
        nonlocal written
        for job in jobs:
            finished[job.number] = job
        while written in finished:
            write(finished.pop(written))
            written += 1

    submitted = 0
    try:
        for offset in range(0, len(pending), batch_size):
            if stop is not None and stop.is_set():
                progress(f"  stopping: {len(pending) - offset} articles wait for the next run")
                break
            batch = store.load_articles(db, pending[offset : offset + batch_size])
            originals = skip_foreign([row for row in batch if not row["duplicate_of"]])
            copies = [row for row in batch if row["duplicate_of"]]
            if originals:
                # Only the stored text is analysed, so offsets point into articles.text.
                engine.submit(Job(originals, number=submitted))
                submitted += 1
            settle(engine.finished())
            if copies:
                # A copy takes its original's relevance: every original in flight
                # is written first (copies come after all originals).
                settle(engine.drain())
                for row in copies:
                    store.save_duplicate_analysis(
                        db, row["id"], row["duplicate_of"], engine.version
                    )
                    counts.duplicates += 1
                    counts.processed += 1
            progress(
                f"  processed {counts.processed}/{len(pending)} articles "
                f"({counts.relevant} relevant)"
            )
        settle(engine.drain())
        progress(f"  analysis took {time.monotonic() - ready:.1f} s once the models were ready")
    finally:
        engine.close()
    return counts
