"""``monitor backfill``: years of news from web archives (WARC files), on Dask."""

from __future__ import annotations

import resource
import sys
from datetime import datetime, timedelta
from pathlib import Path

import click

from monitor.commands.common import echo_err, feeds_or_fail, settings_for

DATE = click.DateTime(formats=["%Y-%m-%d"])


def _day_start(day: datetime | None, days_later: int = 0) -> str | None:
    """The ISO moment a day (UTC) starts, ``days_later`` days on."""
    if day is None:
        return None
    return (day + timedelta(days=days_later)).strftime("%Y-%m-%dT00:00:00Z")


@click.command()
@click.argument("paths", nargs=-1, required=True, metavar="WARC_OR_DIR...")
@click.option("--since", type=DATE, help="Keep pages published on or after this day (UTC).")
@click.option("--until", type=DATE, help="Keep pages published on or before this day (UTC).")
@click.option(
    "--domains",
    "domains_path",
    metavar="FILE",
    help="Domains to keep, one a line (default: the domains of the sources in --feeds).",
)
@click.option("--feeds", "feeds_path", default="feeds.yaml", show_default=True)
@click.option(
    "--workers",
    type=click.IntRange(min=0),
    default=None,
    help="Local Dask workers (default: one per CPU core; setting 'backfill_workers').",
)
@click.option(
    "--scheduler",
    metavar="ADDRESS",
    default=None,
    help="Run on an existing Dask cluster (tcp://host:8786) instead of a local one.",
)
@click.pass_context
def backfill(
    ctx: click.Context,
    paths: tuple[str, ...],
    since: datetime | None,
    until: datetime | None,
    domains_path: str | None,
    feeds_path: str,
    workers: int | None,
    scheduler: str | None,
) -> None:
    """Read news from WARC files (a folder: every .warc/.warc.gz in it) into the database.

    Keeps HTML responses with status 200 from the news domains, extracts,
    deduplicates and analyses them like the live crawl. A rerun skips finished
    files and resumes partial ones.

    Example: monitor backfill crawl-data/CC-NEWS/2016/09/ --since 2016-09-01 --workers 8
    """
    from monitor import backfill as archive
    from monitor.progress import Reporter

    # A domains file makes feeds.yaml optional: its sources only name the pages' sources.
    feeds_file = (
        None if domains_path and not Path(feeds_path).exists() else feeds_or_fail(feeds_path)
    )
    sources = list(feeds_file.sources) if feeds_file else []
    settings = settings_for(ctx, feeds_file, backfill_workers=workers, backfill_scheduler=scheduler)
    try:
        domains = archive.read_domains_file(domains_path) if domains_path else None
        request = archive.BackfillRequest(
            files=archive.warc_files(list(paths)),
            domains=archive.NewsDomains.of(sources, domains),
            since=_day_start(since),
            until=_day_start(until, days_later=1),
        )
    except (archive.DomainsError, archive.BackfillError) as error:
        raise click.ClickException(str(error)) from error
    reporter = Reporter()
    reporter(f"Backfilling {len(request.files)} WARC files into {settings.db} ...")
    try:
        counts, status = archive.backfill(settings, request, progress=reporter)
    except archive.BackfillError as error:
        raise click.ClickException(str(error)) from error
    skipped = ", ".join(f"{n} {reason}" for reason, n in sorted(counts.skipped.items()))
    click.echo(
        f"{counts.files_done}/{counts.files} files done, {counts.records} records,"
        f" {counts.candidates} news pages, {counts.stored} stored, {counts.relevant} relevant,"
        f" {counts.duplicates} duplicates, {counts.already_stored} already stored,"
        f" {counts.errors} errors (see fetch_errors); skipped: {skipped or 'none'}"
    )
    if counts.records:
        # Against the wall-clock rate, this shows whether more workers ran slower each
        # (cores that share caches and memory bandwidth) or waited.
        per_record = counts.worker_cpu_seconds / counts.records * 1000
        click.echo(
            f"Worker CPU time: {counts.worker_cpu_seconds:,.1f} s, {per_record:.1f} ms per record"
        )
        # What runs beside the workers: their extraction processes, and this process
        # (the writer, the scheduler of a local cluster, the progress line).
        extraction = counts.extraction_cpu_seconds / counts.records * 1000
        usage = resource.getrusage(resource.RUSAGE_SELF)
        main = (usage.ru_utime + usage.ru_stime) / counts.records * 1000
        click.echo(
            f"Extraction CPU time: {extraction:.1f} ms per record;"
            f" writer and scheduler: {main:.1f} ms per record"
        )
    if counts.peak_memory_mb:
        peak = max(counts.peak_memory_mb.values())
        click.echo(f"Peak memory of a worker: {peak:,.0f} MB (its extraction process included)")
    if status == "interrupted":
        echo_err("Stopped: work done so far is saved; run the same command again to resume.")
        sys.exit(130)
    if counts.files_failed:
        raise click.ClickException(
            f"{counts.files_failed} task(s) failed (see fetch_errors); a rerun resumes them"
        )
