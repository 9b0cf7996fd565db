"""The run: crawl, then process, then publish, as one recorded unit of work.

``monitor run``, ``crawl``, ``process`` (and later ``backfill``) all go through
:func:`run_pipeline`, so every run is recorded in the ``runs`` table with its
counts, stops cleanly on SIGINT or SIGTERM (work done so far is committed),
and refreshes the published rollups the same way.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from monitor import __version__, store
from monitor.crawl.sources import Source
from monitor.interrupt import stop_on_signals
from monitor.publish.delivery import (
    DeliveryReport,
    choose_outbox,
    deliver_all,
    send_due,
    write_demo_digests,
)
from monitor.publish.subscriptions import load_subscriptions
from monitor.settings import REPO_ROOT, Settings

Progress = Callable[..., None]
"""Called with a message, and ``transient=True`` for counts that update in place."""


@dataclass
class PipelineResult:
    crawled: Any = None
    """The crawl's counts (feeds, entries, new, failed, ...), when it crawled."""
    processed: Any = None
    """The analysis' counts (processed, relevant, failed), when it analysed."""
    status: str = "ok"
    """ok, interrupted or failed."""
    signal: str = ""
    """The signal that stopped an interrupted run (SIGINT, SIGTERM)."""


def versions() -> dict[str, str]:
    import spacy

    return {"monitor": __version__, "spacy": spacy.__version__}


def _quiet(message: str, transient: bool = False) -> None:
    """The default progress: say nothing."""


def run_pipeline(
    settings: Settings,
    command: str,
    sources: Sequence[Source] | None = None,
    analyse: bool = True,
    reprocess: bool = False,
    progress: Progress = _quiet,
) -> PipelineResult:
    """Crawl ``sources`` (when given) and analyse what is new, as one recorded run.

    ``command`` is what the ``runs`` table records. On SIGINT or SIGTERM the
    stages stop at the next article; the result says ``interrupted``.
    """
    started = time.monotonic()
    db = store.connect(settings)
    _abandon_stale_runs(db, progress)
    run_id = store.start_run(db, command, versions())
    result = PipelineResult(status="failed")
    with stop_on_signals() as stop:
        try:
            if sources is not None:
                from monitor.crawl.crawler import crawl

                progress(f"Crawling {len(sources)} feeds ...")
                result.crawled = crawl(
                    db, list(sources), settings, run_id, progress=progress, stop=stop
                )
            if analyse and not stop.is_set():
                from monitor.analysis.process import process

                progress("Analysing articles ...")
                result.processed = process(
                    db,
                    settings,
                    reprocess=reprocess,
                    stop=stop,
                    progress=lambda message: progress(message, transient=True),
                    run_id=run_id,
                )
                store.refresh_rollups(db)
            result.status = "interrupted" if stop.is_set() else "ok"
            result.signal = stop.reason
        finally:
            store.finish_run(db, run_id, _counts(result), status=result.status)
    elapsed = time.monotonic() - started
    progress(f"Done in {elapsed:.1f} s ({result.status}); database {settings.db}")
    return result


def _abandon_stale_runs(db: Any, progress: Progress) -> None:
    """Runs still marked running whose process was killed outright never end by
    themselves: close them before this run starts, and say so."""
    for run in store.abandon_stale_runs(db):
        progress(
            f"Run {run['id']} ({run['command']}, started {run['started_at']}) was left"
            f" running by process {run['pid']}, which is gone: marked {store.ABANDONED}"
        )


def _counts(result: PipelineResult) -> dict[str, int]:
    counts: dict[str, int] = {}
    if result.crawled is not None:
        counts.update(
            feeds=result.crawled.feeds,
            entries=result.crawled.entries,
            new=result.crawled.new,
            failed=result.crawled.failed,
        )
    if result.processed is not None:
        counts["processed"] = result.processed.processed
    return counts


class DemoSiteError(OSError):
    """The demo site cannot start (its port is taken)."""


@dataclass(frozen=True)
class DemoSite:
    base_url: str
    settings: Settings
    """The caller's settings, with 127.0.0.1 let through and no politeness delay."""
    sources: list[Source]


@contextmanager
def demo_site(settings: Settings) -> Iterator[DemoSite]:
    """The bundled demo news site on loopback, with the settings and sources that crawl it.

    The SSRF guard is told to let 127.0.0.1 through, and the politeness delay
    that protects real hosts is skipped: the site is local.
    """
    from monitor.demo import DemoServer, demo_sources

    try:
        server = DemoServer(port=settings.demo_port)
    except OSError as error:
        raise DemoSiteError(
            f"cannot start the demo site on port {settings.demo_port} ({error}); "
            "set MONITOR_DEMO_PORT to a free port"
        ) from error
    local = settings.replace(allow_hosts=settings.allow_hosts + ("127.0.0.1",), host_delay=0.0)
    with server:
        yield DemoSite(server.base_url, local, demo_sources(server.base_url))


# --- the publish step of `monitor run` --------------------------------------------

EXAMPLE_SUBSCRIPTIONS = REPO_ROOT / "subscriptions.example.yaml"


def send_due_mail(settings: Settings) -> list[DeliveryReport]:
    """Due digests and new alerts for the subscriptions file, when one exists.

    Raises SubscriptionError for a bad file and MailError when no mail server is
    configured; recipients that could not be reached are in the reports.
    """
    if not Path(settings.subscriptions).exists():
        return []
    subscriptions = load_subscriptions(settings.subscriptions)
    outbox, sender = choose_outbox(settings)
    return deliver_all(settings, subscriptions, outbox, sender, send_due)


def demo_digests_folder(settings: Settings) -> Path:
    """Where the demo writes its digests: beside the database, named after it
    (``demo.db`` -> ``demo-digests/``), so that two demo databases never mix
    their digests in one shared temporary folder."""
    database = Path(settings.db)
    return database.parent / f"{database.stem}-digests"


def demo_digests(settings: Settings) -> list[Path]:
    """The example subscriptions' digests over the whole demo corpus, written as files
    into :func:`demo_digests_folder` (nothing is recorded), to show what a reader receives."""
    if not EXAMPLE_SUBSCRIPTIONS.exists():
        return []  # an installed package has no example file; nothing to show
    from monitor.publish.datasette import local_site_url

    subscriptions = load_subscriptions(str(EXAMPLE_SUBSCRIPTIONS))
    # The demo's digests link to the site the demo itself serves, wherever it runs.
    served = settings.replace(datasette_url=local_site_url(settings))
    return write_demo_digests(served, subscriptions, demo_digests_folder(served))
