"""``monitor import``: local documents into the database."""

from __future__ import annotations

import click

from monitor import store
from monitor.commands.common import settings_for


@click.command("import")
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True))
@click.option(
    "--source",
    "source_name",
    default="local files",
    show_default=True,
    help="Name of the source the documents are stored under.",
)
@click.option(
    "--process/--no-process",
    default=True,
    show_default=True,
    help="Analyse the imported documents straight away (as `monitor process`).",
)
@click.pass_context
def import_command(
    ctx: click.Context, paths: tuple[str, ...], source_name: str, process: bool
) -> None:
    """Store text, HTML, PDF or JSON corpus files (a folder: every such file in it)
    as articles, then analyse them. `monitor label` can then ask about their
    statements, and `monitor serve` publishes them with the crawled articles.

    Example: monitor import ../shared/corpus/open-news --source open-news
    """
    from monitor.crawl.imports import import_files, import_paths, import_source
    from monitor.pipeline import run_pipeline, versions
    from monitor.progress import Reporter

    settings = settings_for(ctx)
    files = import_paths(paths)
    if not files:
        raise click.ClickException("no documents to import (text, HTML, PDF or JSON files)")
    db = store.connect(settings)
    run_id = store.start_run(db, "import", versions())
    counts = import_files(db, files, settings, import_source(source_name), run_id)
    store.finish_run(db, run_id, {"new": counts.new, "failed": counts.failed})
    failed = f", {counts.failed} not readable (see fetch_errors)" if counts.failed else ""
    click.echo(
        f"{counts.new} imported ({counts.duplicates} copies of stored articles),"
        f" {counts.already_stored} already stored{failed}"
    )
    if process and counts.new:
        result = run_pipeline(settings, "process", progress=Reporter())
        if result.processed is not None:
            click.echo(
                f"{result.processed.processed} articles analysed,"
                f" {result.processed.relevant} relevant"
            )
