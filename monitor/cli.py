"""The ``monitor`` command line: parses arguments, calls the library, and turns
its errors into one-line reasons. Nothing else imports this module."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import click

from monitor import __version__, store
from monitor.commands import backfill, importing, mail, models
from monitor.commands.common import (
    DB_HELP,
    accept_db_after_subcommands,
    echo_err,
    feeds_or_fail,
    reasons,
    settings_for,
)
from monitor.pipeline import PipelineResult, run_pipeline
from monitor.progress import Reporter
from monitor.settings import Settings

DEFAULT_FEEDS = "feeds.yaml"
WORKERS_HELP = "Analysis processes (default 1, setting 'workers'; 0: one per CPU core)."


@click.group()
@click.version_option(__version__, prog_name="monitor")
@click.option("--db", envvar="MONITOR_DB", default=None, help=DB_HELP)
@click.pass_context
def cli(ctx: click.Context, db: str | None) -> None:
    """Follow what is said about asylum, returns and migration deals.

    Example: monitor run --demo
    """
    ctx.ensure_object(dict)
    ctx.obj["db"] = db


# --- crawl / process / run ----------------------------------------------------


def _exit_if_interrupted(result: PipelineResult) -> None:
    """Exit with the conventional status (128 + signal number) after a clean stop."""
    if result.status == "interrupted":
        import signal as signals

        number = getattr(signals, result.signal, signals.SIGINT)
        click.echo(f"Stopped by {result.signal or 'request'}: work done so far is saved.", err=True)
        sys.exit(128 + int(number))


@cli.command()
@click.option(
    "--feeds", "feeds_path", default=DEFAULT_FEEDS, show_default=True, help="Feeds file to crawl."
)
@click.pass_context
def crawl(ctx: click.Context, feeds_path: str) -> None:
    """Poll every feed once and store new articles.

    Example: monitor crawl --feeds feeds.yaml
    """
    feeds_file = feeds_or_fail(feeds_path)
    settings = settings_for(ctx, feeds_file)
    result = run_pipeline(settings, "crawl", feeds_file.sources, analyse=False, progress=Reporter())
    counts = result.crawled
    click.echo(
        f"{counts.feeds} feeds, {counts.entries} entries, {counts.new} new articles, "
        f"{counts.failed} failed, {counts.duplicates} duplicates, "
        f"{counts.not_modified} not modified"
    )
    _exit_if_interrupted(result)


@cli.command()
@click.option("--reprocess", is_flag=True, help="Re-analyse every article with current models.")
@click.option("--workers", type=click.IntRange(min=0), default=None, help=WORKERS_HELP)
@click.pass_context
def process(ctx: click.Context, reprocess: bool, workers: int | None) -> None:
    """Analyse stored articles that have not been analysed yet.

    Example: monitor process --reprocess --workers 2
    """
    settings = settings_for(ctx, workers=workers)
    command = "process --reprocess" if reprocess else "process"
    result = run_pipeline(settings, command, reprocess=reprocess, progress=Reporter())
    counts = result.processed
    if counts is not None:
        failed = f", {counts.failed} failed (see fetch_errors)" if counts.failed else ""
        click.echo(f"{counts.processed} articles analysed, {counts.relevant} relevant{failed}")
    _exit_if_interrupted(result)


@cli.command()
@click.option(
    "--feeds",
    "feeds_path",
    default=DEFAULT_FEEDS,
    show_default=True,
    help="Feeds file to crawl (ignored with --demo).",
)
@click.option("--demo", is_flag=True, help="Crawl the bundled demo sites from 127.0.0.1.")
@click.option(
    "--serve/--no-serve",
    default=True,
    show_default=True,
    help="Start Datasette on the result afterwards.",
)
@click.option("--workers", type=click.IntRange(min=0), default=None, help=WORKERS_HELP)
@click.pass_context
def run(ctx: click.Context, feeds_path: str, demo: bool, serve: bool, workers: int | None) -> None:
    """Crawl, analyse and publish: the main job.

    Example: monitor run --demo --no-serve
    """
    from monitor import pipeline

    if demo:
        settings = settings_for(ctx, workers=workers)
        try:
            with pipeline.demo_site(settings) as site:
                echo_err(f"Demo news site at {site.base_url}")
                result = run_pipeline(
                    site.settings, "run --demo", site.sources, progress=Reporter()
                )
        except pipeline.DemoSiteError as error:
            raise click.ClickException(str(error)) from error
    else:
        feeds_file = feeds_or_fail(feeds_path)
        settings = settings_for(ctx, feeds_file, workers=workers)
        result = run_pipeline(settings, "run", feeds_file.sources, progress=Reporter())
    totals = store.summary(store.connect(settings))
    click.echo("Summary: " + ", ".join(f"{name} {count}" for name, count in totals.items()))
    _exit_if_interrupted(result)
    if demo:  # no mail server in the demo: show the digest as files instead
        digests = pipeline.demo_digests(settings)
        if digests:
            echo_err(f"Demo digests written to {pipeline.demo_digests_folder(settings)}/")
        for path in digests:
            echo_err(f"Demo digest: {path}")
    elif Path(settings.subscriptions).exists():
        echo_err(f"Sending due digests and alerts ({settings.subscriptions}) ...")
        mail.print_reports(mail.mail_errors()(pipeline.send_due_mail, settings))
    if serve:
        _serve(settings)


# --- analyze ----------------------------------------------------------------


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--all", "force", is_flag=True, help="Analyse even texts the relevance gate rejects.")
@click.option("--pretty/--compact", default=None, help="Indent the JSON (default: one file).")
@click.pass_context
def analyze(ctx: click.Context, paths: tuple[str, ...], force: bool, pretty: bool | None) -> None:
    """Print the Analysis JSON of text, HTML or PDF files (a folder: every file; - : stdin).

    Example: monitor analyze ../shared/seed/article.txt
    """
    from monitor.analysis.analyze import Analyzer, analysis_for_output
    from monitor.analysis.language_gate import skipped_analysis, with_language
    from monitor.content_checks import detect_language
    from monitor.crawl.files import DocumentError, expand_paths, read_document

    settings = settings_for(ctx, needs_db=False)  # reads files, never the database
    files = expand_paths(paths)
    if not files:
        raise click.ClickException("no files to analyse")
    documents = [reasons(DocumentError)(read_document, path, settings) for path in files]
    single = len(documents) == 1
    indent = 1 if (pretty if pretty is not None else single) else None
    # Texts not in English get their language and the reason, not the English analysis.
    verdicts = [detect_language(d.text, settings) for d in documents]
    english = [d for d, verdict in zip(documents, verdicts, strict=True) if verdict.analysable]
    results = iter(
        Analyzer(settings).analyze_many(
            [d.text for d in english], force=force, page_starts=[d.page_starts for d in english]
        )
        if english
        else ()
    )
    for document, verdict in zip(documents, verdicts, strict=True):
        if verdict.analysable:
            analysis = with_language(next(results), verdict)
        else:
            analysis = skipped_analysis(verdict)
        output = analysis_for_output(analysis)
        if not single:
            output = {"path": document.label, **output}
        click.echo(json.dumps(output, ensure_ascii=False, indent=indent))


# --- serve --------------------------------------------------------------------


def _serve(settings: Settings) -> None:
    from monitor.publish.datasette import datasette_command, local_site_url, prepare_to_serve

    reasons(FileNotFoundError)(prepare_to_serve, settings)
    click.echo(f"Datasette: {local_site_url(settings)}/  (Ctrl-C stops)")
    sys.stdout.flush()
    sys.stderr.flush()
    command = datasette_command(settings)
    # Datasette replaces this process, so Ctrl-C and SIGTERM reach it directly
    # and no orphaned server keeps the port.
    os.execv(command[0], command)


@cli.command()
@click.option("--host", default=None, help="Interface to listen on (default 127.0.0.1).")
@click.option("--port", type=int, default=None, help="Port (default 8001).")
@click.pass_context
def serve(ctx: click.Context, host: str | None, port: int | None) -> None:
    """Publish the database with Datasette and the project's datasette/ folder.

    Example: monitor serve --port 8001
    """
    _serve(settings_for(ctx, serve_host=host, serve_port=port))


# --- feeds ---------------------------------------------------------------------


@cli.group()
def feeds() -> None:
    """Inspect the feeds file and the health of each feed."""


@feeds.command("check")
@click.option("--feeds", "feeds_path", default=DEFAULT_FEEDS, show_default=True)
@click.option("--strict", is_flag=True, help="Exit with an error when a feed is dead.")
@click.pass_context
def feeds_check(ctx: click.Context, feeds_path: str, strict: bool) -> None:
    """Validate feeds.yaml and print each feed's health from the last polls.

    Example: monitor feeds check --feeds feeds.yaml
    """
    from monitor.crawl.health import health_table

    feeds_file = feeds_or_fail(feeds_path)
    settings = settings_for(ctx, feeds_file)
    states = store.source_states(store.connect(settings)) if Path(settings.db).exists() else {}
    lines, dead = health_table(feeds_file.sources, states, settings)
    click.echo("\n".join([f"{feeds_path}: {len(feeds_file.sources)} feeds, valid", *lines]))
    if strict and dead:
        raise click.ClickException(f"{dead} dead feed(s)")


for command in (
    models.train,
    models.calibrate,
    models.label,
    models.eval_group,
    mail.digest,
    mail.alerts,
    backfill.backfill,
    importing.import_command,
):
    cli.add_command(command)
accept_db_after_subcommands(cli)


def main() -> None:  # pragma: no cover
    cli(obj={})


if __name__ == "__main__":  # pragma: no cover
    main()
