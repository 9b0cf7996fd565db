"""Analyse stored articles and write what was found, one article per transaction."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass

import sqlite_utils

from monitor import store
from monitor.analyze import Analyzer

PROCESS_BATCH = 32  # articles handed to spaCy's nlp.pipe at once
Progress = Callable[[str], None]


@dataclass
class ProcessCounts:
    processed: int = 0
    relevant: int = 0
    duplicates: int = 0


def process(
    db: sqlite_utils.Database,
    analyzer: Analyzer,
    reprocess: bool = False,
    progress: Progress = lambda message: None,
    stop: threading.Event | None = None,
) -> ProcessCounts:
    """Analyse every unprocessed article (every article with ``reprocess``).

    A syndicated copy (``duplicate_of`` set) takes its original's relevance and
    is not analysed again, so its statements are not counted twice. When
    ``stop`` is set, the batch in hand is finished and written, and the rest
    waits for the next run (it is still unprocessed, so nothing is lost).
    """
    counts = ProcessCounts()
    pending = store.articles_to_process(db, reprocess)
    version = analyzer.version
    for offset in range(0, len(pending), PROCESS_BATCH):
        if stop is not None and stop.is_set():
            progress(f"  stopping: {len(pending) - offset} articles wait for the next run")
            break
        batch = store.load_articles(db, pending[offset : offset + PROCESS_BATCH])
        originals = [row for row in batch if not row["duplicate_of"]]
        # Only the stored text is analysed, so offsets point into articles.text.
        texts = [row["text"] or "" for row in originals]
        for row, analysis in zip(originals, analyzer.analyze_many(texts), strict=True):
            store.save_analysis(db, row["id"], analysis, version)
            counts.processed += 1
            counts.relevant += int(analysis["relevant"])
        for row in batch:
            if row["duplicate_of"]:
                store.save_duplicate_analysis(db, row["id"], row["duplicate_of"], version)
                counts.duplicates += 1
                counts.processed += 1
        progress(
            f"  processed {counts.processed}/{len(pending)} articles ({counts.relevant} relevant)"
        )
    return counts
