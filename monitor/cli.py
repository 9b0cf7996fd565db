"""The ``monitor`` command line: a thin layer that wires the stages together."""

from __future__ import annotations

import json
import os
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import click

from monitor import __version__, publish, store
from monitor.settings import Settings, SettingsError, build_settings
from monitor.sources import ConfigError, FeedsFile, load_feeds

DEFAULT_FEEDS = "feeds.yaml"
ANALYZE_SUFFIXES = {".txt", ".html", ".htm", ".md", ".pdf", ""}


def _settings(ctx: click.Context, feeds_file: FeedsFile | None = None, **flags: Any) -> Settings:
    try:
        return build_settings(
            feeds_file.settings if feeds_file else None, db=ctx.obj.get("db"), **flags
        )
    except SettingsError as error:
        raise click.ClickException(str(error)) from error


def _load_feeds(path: str) -> FeedsFile:
    try:
        return load_feeds(path)
    except ConfigError as error:
        raise click.ClickException(str(error)) from error


def _echo(message: str) -> None:
    click.echo(message, err=True)


def _versions() -> dict[str, str]:
    import spacy

    return {"monitor": __version__, "spacy": spacy.__version__}


@click.group()
@click.version_option(__version__, prog_name="monitor")
@click.option(
    "--db",
    envvar="MONITOR_DB",
    default=None,
    help="SQLite database (default monitor.db, env MONITOR_DB).",
)
@click.pass_context
def cli(ctx: click.Context, db: str | None) -> None:
    """Follow what is said about asylum, returns and migration deals.

    Example: monitor run --demo
    """
    ctx.ensure_object(dict)
    ctx.obj["db"] = db


# --- crawl / process / run ----------------------------------------------------


class Reporter:
    """Progress on stderr: counts that update in place on a terminal, plain log
    lines otherwise (cron, CI, files)."""

    def __init__(self) -> None:
        self.terminal = sys.stderr.isatty()
        self._open_line = False

    def __call__(self, message: str, transient: bool = False) -> None:
        if self.terminal and transient:
            click.echo("\r\033[K" + message.strip(), nl=False, err=True)
            self._open_line = True
            return
        if self._open_line:
            click.echo("", err=True)
            self._open_line = False
        click.echo(message, err=True)


@dataclass
class PipelineResult:
    crawled: Any = None
    processed: Any = None
    status: str = "ok"
    signal: str = ""


def _pipeline(
    settings: Settings,
    command: str,
    sources: list | None = None,
    analyse: bool = True,
    reprocess: bool = False,
) -> PipelineResult:
    """Run crawl and/or process as one recorded run that stops cleanly on signals."""
    from monitor.interrupt import stop_on_signals

    report = Reporter()
    started = time.monotonic()
    db = store.open_db(settings.db)
    run_id = store.start_run(db, command, _versions())
    result = PipelineResult(status="failed")
    with stop_on_signals() as stop:
        try:
            if sources is not None:
                from monitor.crawl import crawl as crawl_sources

                report(f"Crawling {len(sources)} feeds ...")
                result.crawled = crawl_sources(
                    db, sources, settings, run_id, progress=report, stop=stop
                )
            if analyse and not stop.is_set():
                from monitor.process import process as process_articles

                report("Analysing articles ...")
                result.processed = process_articles(
                    db,
                    settings,
                    reprocess=reprocess,
                    stop=stop,
                    progress=lambda message: report(message, transient=True),
                    run_id=run_id,
                )
                store.refresh_rollups(db)
            result.status = "interrupted" if stop.is_set() else "ok"
            result.signal = stop.reason
        finally:
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
            store.finish_run(db, run_id, counts, status=result.status)
    report(f"Done in {time.monotonic() - started:.1f} s ({result.status}); database {settings.db}")
    return result


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
    feeds_file = _load_feeds(feeds_path)
    settings = _settings(ctx, feeds_file)
    result = _pipeline(settings, "crawl", list(feeds_file.sources), analyse=False)
    counts = result.crawled
    click.echo(
        f"{counts.feeds} feeds, {counts.entries} entries, {counts.new} new articles, "
        f"{counts.failed} failed, {counts.duplicates} duplicates, "
        f"{counts.not_modified} not modified"
    )
    _exit_if_interrupted(result)


WORKERS_HELP = "Analysis processes (default 1, setting 'workers'; 0: one per CPU core)."


@cli.command()
@click.option("--reprocess", is_flag=True, help="Re-analyse every article with current models.")
@click.option("--workers", type=click.IntRange(min=0), default=None, help=WORKERS_HELP)
@click.pass_context
def process(ctx: click.Context, reprocess: bool, workers: int | None) -> None:
    """Analyse stored articles that have not been analysed yet.

    Example: monitor process --reprocess --workers 2
    """
    settings = _settings(ctx, workers=workers)
    result = _pipeline(
        settings, "process --reprocess" if reprocess else "process", reprocess=reprocess
    )
    counts = result.processed
    if counts is not None:
        failed = f", {counts.failed} failed (see fetch_errors)" if counts.failed else ""
        click.echo(f"{counts.processed} articles analysed, {counts.relevant} relevant{failed}")
    _exit_if_interrupted(result)


def summary(db: Any) -> dict[str, int]:
    """Counts that tell at a glance what the database holds."""

    def one(sql: str) -> int:
        return int(next(iter(db.execute(sql).fetchone()), 0) or 0)

    return {
        "feeds": one("select count(*) from sources"),
        "articles": one("select count(*) from articles"),
        "relevant": one("select count(*) from articles where relevant = 1"),
        "countries": one("select count(distinct iso3) from article_countries"),
        "actors": one("select count(*) from actors"),
        "figures": one("select count(*) from figures"),
        "statements": one("select count(*) from statements"),
    }


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
    if demo:
        from monitor.demo import DemoServer, demo_sources

        settings = _settings(ctx, workers=workers)
        # The demo site lives on loopback: let the SSRF guard through explicitly,
        # and skip the politeness delay that protects real hosts.
        settings = settings.replace(
            allow_hosts=settings.allow_hosts + ("127.0.0.1",), host_delay=0.0
        )
        try:
            server = DemoServer(port=settings.demo_port)
        except OSError as error:
            raise click.ClickException(
                f"cannot start the demo site on port {settings.demo_port} ({error}); "
                "set MONITOR_DEMO_PORT to a free port"
            ) from error
        with server:
            _echo(f"Demo news site at {server.base_url}")
            result = _pipeline(settings, "run --demo", demo_sources(server.base_url))
    else:
        feeds_file = _load_feeds(feeds_path)
        settings = _settings(ctx, feeds_file, workers=workers)
        result = _pipeline(settings, "run", list(feeds_file.sources))
    totals = summary(store.open_db(settings.db))
    click.echo("Summary: " + ", ".join(f"{name} {count}" for name, count in totals.items()))
    _exit_if_interrupted(result)
    if demo:  # no mail server in the demo: show the digest as files instead
        _demo_digest(settings)
    else:
        _send_due(settings)
    if serve:
        _serve(settings)


# --- analyze ----------------------------------------------------------------


def _looks_like_pdf(path: str) -> bool:
    from monitor.pdf import is_pdf

    with open(path, "rb") as file:
        return is_pdf(file.read(1024))


def _read_input(path: str) -> tuple[str, str, tuple[int, ...] | None]:
    """(label, text, page offsets) of one input; HTML is reduced to its main text,
    a PDF to its text (with the offset where each page begins)."""
    if path == "-":
        raw = sys.stdin.read()
    elif Path(path).is_file() and _looks_like_pdf(path):
        from monitor.pdf import PdfError, extract_pdf

        try:
            document = extract_pdf(Path(path).read_bytes(), Settings(min_text_chars=1))
        except PdfError as error:
            raise click.ClickException(f"{path}: {error}") from error
        return path, document.text, document.page_starts
    else:
        try:
            raw = Path(path).read_text(encoding="utf-8", errors="replace")
        except OSError as error:
            raise click.ClickException(f"{path}: {error.strerror or error}") from error
    if (
        raw.lstrip()[:1] == "<"
        and "<html" in raw[:2000].lower()
        or path.endswith((".html", ".htm"))
    ):
        from monitor.extract import ExtractionError, extract_page

        try:
            page = extract_page(raw, "file:///" + path, Settings(min_text_chars=1))
        except ExtractionError as error:
            raise click.ClickException(f"{path}: {error}") from error
        return path, page.text, None
    return path, raw, None


def _expand(paths: tuple[str, ...]) -> list[str]:
    files: list[str] = []
    for path in paths:
        if path != "-" and Path(path).is_dir():
            files += sorted(
                str(p)
                for p in Path(path).iterdir()
                if p.is_file() and p.suffix.lower() in ANALYZE_SUFFIXES
            )
        else:
            files.append(path)
    return files


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--all", "force", is_flag=True, help="Analyse even texts the relevance gate rejects.")
@click.option("--pretty/--compact", default=None, help="Indent the JSON (default: one file).")
@click.pass_context
def analyze(ctx: click.Context, paths: tuple[str, ...], force: bool, pretty: bool | None) -> None:
    """Print the Analysis JSON of text, HTML or PDF files (a folder: every file; - : stdin).

    Example: monitor analyze ../shared/seed/article.txt
    """
    from monitor.analyze import Analyzer, analysis_for_output

    files = _expand(paths)
    if not files:
        raise click.ClickException("no files to analyse")
    inputs = [_read_input(path) for path in files]
    analyzer = Analyzer(_settings(ctx))
    single = len(inputs) == 1
    indent = 1 if (pretty if pretty is not None else single) else None
    results = analyzer.analyze_many(
        [text for _, text, _ in inputs], force=force, page_starts=[p for _, _, p in inputs]
    )
    for (label, _, _), analysis in zip(inputs, results, strict=True):
        output = analysis_for_output(analysis)
        if not single:
            output = {"path": label, **output}
        click.echo(json.dumps(output, ensure_ascii=False, indent=indent))


# --- serve --------------------------------------------------------------------


def datasette_command(settings: Settings) -> list[str]:
    """The Datasette command line for the database and the datasette/ folder.

    The database is opened read-write (not ``--immutable``) so that a crawl can
    keep writing while the site is up; WAL mode lets readers and the writer
    work side by side.
    """
    command = [sys.executable, "-m", "datasette", "serve", settings.db]
    command += ["--host", settings.serve_host, "--port", str(settings.serve_port)]
    for name, value in publish.site_settings(settings).items():
        text = str(value).lower() if isinstance(value, bool) else str(value)
        command += ["--setting", name, text]
    metadata = publish.site_metadata(settings)
    if metadata:
        command += ["--metadata", _metadata_file(settings, metadata)]
    folders = publish.site_folders(settings)
    if "template_dir" in folders:
        command += ["--template-dir", folders["template_dir"]]
    if "plugins_dir" in folders:
        command += ["--plugins-dir", folders["plugins_dir"]]
    return command


def _metadata_file(settings: Settings, metadata: dict[str, Any]) -> str:
    """The committed metadata.yml, or a copy re-keyed for a database with another name."""
    committed = Path(settings.datasette_dir) / "metadata.yml"
    if Path(settings.db).stem == publish.CONFIG_DATABASE:
        return str(committed)
    rekeyed = Path(tempfile.gettempdir()) / f"monitor-metadata-{Path(settings.db).stem}.json"
    rekeyed.write_text(json.dumps(metadata), encoding="utf-8")
    return str(rekeyed)


def _serve(settings: Settings) -> None:
    if not Path(settings.db).exists():
        raise click.ClickException(f"{settings.db}: no such database; run 'monitor run' first")
    db = store.open_db(settings.db)  # views and search indexes exist before Datasette reads
    store.refresh_rollups(db)
    db.close()
    click.echo(f"Datasette: http://{settings.serve_host}:{settings.serve_port}/  (Ctrl-C stops)")
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
    _serve(_settings(ctx, serve_host=host, serve_port=port))


# --- train / eval ----------------------------------------------------------------------

CLASSIFIER_METRICS = "classifier_metrics.json"


def _shared_dir(settings: Settings) -> Path:
    return Path(settings.models_dir).parent.parent / "shared"


def _training(settings: Settings):
    from monitor.training_data import (
        TrainingDataError,
        load_training,
        manifesto_path,
        read_manifesto,
    )

    try:
        examples, data_hash = load_training(Path(settings.models_dir), _shared_dir(settings))
    except TrainingDataError as error:
        raise click.ClickException(str(error)) from error
    manifesto = manifesto_path(_shared_dir(settings))
    test = read_manifesto(manifesto, "test") if manifesto else []
    if not examples:
        raise click.ClickException(f"no training examples in {settings.models_dir}/training")
    return examples, data_hash, test


@cli.command()
@click.pass_context
def train(ctx: click.Context) -> None:
    """Retrain the classifier from models/training (and the manifesto train split).

    Seeds are fixed, so the same data gives the same models. Writes
    models/classifier.skops, models/classifier.json and the metrics.

    Example: monitor train
    """
    from monitor.classify import load_rules
    from monitor.learn import format_metrics, save_bundle
    from monitor.learn import train as train_models

    settings = _settings(ctx)
    examples, data_hash, test = _training(settings)
    _echo(f"Training on {len(examples)} examples (data {data_hash}) ...")
    bundle, metadata = train_models(
        examples, data_hash, load_rules(settings.models_dir), test, progress=_echo
    )
    save_bundle(bundle, metadata, Path(settings.models_dir))
    metrics_path = Path(settings.models_dir) / CLASSIFIER_METRICS
    metrics_path.write_text(json.dumps(metadata["metrics"], indent=1) + "\n", encoding="utf-8")
    click.echo(format_metrics(metadata["metrics"]))
    click.echo(f"saved {settings.models_dir}/classifier.skops; metrics in {metrics_path}")


@cli.command()
@click.option("--limit", default=50, show_default=True, help="Statements to show at most.")
@click.option(
    "--out",
    "out_path",
    default=None,
    help="Training file to append to (default models/training/user-labelled.jsonl).",
)
@click.pass_context
def label(ctx: click.Context, limit: int, out_path: str | None) -> None:
    """Label the statements the model is least sure about, one key at a time.

    Keys: a-k toggle a label, r/p/n set the stance, x marks "not about
    migration", Enter saves and goes on, s skips, q quits. Answers are appended
    to a training file that `monitor train` reads.

    Example: monitor label --limit 20
    """
    from monitor.classify import LABELS, load_classifier
    from monitor.labelling import (
        LABEL_KEYS,
        STANCE_KEYS,
        USER_FILE,
        already_labelled,
        example,
        least_certain,
    )

    settings = _settings(ctx)
    if not Path(settings.db).exists():
        raise click.ClickException(f"{settings.db}: no such database; run 'monitor run' first")
    out = Path(out_path) if out_path else Path(settings.models_dir) / "training" / USER_FILE
    out.parent.mkdir(parents=True, exist_ok=True)
    classifier = load_classifier(settings.models_dir)
    db = store.open_db(settings.db)
    saved = 0
    legend = "  ".join(f"{key}:{name}" for key, name in zip(LABEL_KEYS, LABELS, strict=True))
    for item in least_certain(db, classifier, already_labelled(out), limit):
        labels, stance, relevant = set(item["suggested"]), item["stance"], True
        click.echo(
            f"\n{item['title']}\n  {item['speaker_text'] or '(no speaker)'} "
            f"{item['cue'] or ''}: {item['content']}"
        )
        click.echo(f"  {legend}\n  r/p/n stance, x not about migration, Enter save, s skip, q quit")
        while True:
            click.echo(
                f"  labels: {', '.join(sorted(labels)) or '-'}; stance: {stance}; "
                f"relevant: {'yes' if relevant else 'no'}"
            )
            key = click.getchar()
            if key in LABEL_KEYS:
                labels ^= {LABELS[LABEL_KEYS.index(key)]}
            elif key in STANCE_KEYS:
                stance = STANCE_KEYS[key]
            elif key == "x":
                relevant = not relevant
            elif key in {"\r", "\n"}:
                with out.open("a", encoding="utf-8") as handle:
                    record = example(item["content"], sorted(labels), stance, relevant)
                    handle.write(json.dumps(record, ensure_ascii=False) + "\n")
                saved += 1
                break
            elif key == "s":
                break
            elif key == "q":
                click.echo(f"{saved} labelled; saved to {out}")
                return
    click.echo(f"{saved} labelled; saved to {out}")


# --- eval ------------------------------------------------------------------------

EXTRACTION_METRICS = "extraction_metrics.json"


@cli.group("eval")
def eval_group() -> None:
    """Measure the monitor against hand-made gold files."""


@eval_group.command("classifier")
@click.pass_context
def eval_classifier(ctx: click.Context) -> None:
    """Per-label precision, recall and F1, micro and macro averages, stance accuracy
    and confusion matrix (cross-validation), and relevance and stance on the
    manifesto test split, from the metrics the last `monitor train` measured.

    Example: monitor eval classifier
    """
    from monitor.classify import load_rules
    from monitor.learn import format_metrics, load_bundle, manifesto_test_metrics

    settings = _settings(ctx)
    loaded = load_bundle(Path(settings.models_dir))
    if loaded is None:
        raise click.ClickException("no trained classifier; run 'monitor train' first")
    bundle, metadata = loaded
    metrics = dict(metadata["metrics"])
    _, _, test = _training(settings)
    if test:  # re-measured with the saved models, so the numbers belong to these files
        metrics["manifesto_test"] = manifesto_test_metrics(
            bundle, test, load_rules(settings.models_dir)
        )
    click.echo(format_metrics(metrics))
    metrics_path = Path(settings.models_dir) / CLASSIFIER_METRICS
    metrics_path.write_text(json.dumps(metrics, indent=1) + "\n", encoding="utf-8")
    click.echo(f"metrics written to {metrics_path}")


@eval_group.command("extraction")
@click.option(
    "--gold",
    "gold_dirs",
    multiple=True,
    type=click.Path(exists=True, file_okay=False),
    help="Folder of gold JSON files (repeatable). Default: the demo gold and the seed.",
)
@click.option(
    "--write",
    is_flag=True,
    help=f"Save the scores as models/{EXTRACTION_METRICS} (the committed floor).",
)
@click.pass_context
def eval_extraction(ctx: click.Context, gold_dirs: tuple[str, ...], write: bool) -> None:
    """Precision, recall and F1 of countries, persons, organisations, figures and
    statements, and speaker accuracy, against gold files.

    Example: monitor eval extraction --gold ../shared/seed
    """
    from monitor.analyze import Analyzer
    from monitor.evaluate import (
        alias_table,
        default_gold_folders,
        evaluate,
        format_report,
        load_gold,
    )

    settings = _settings(ctx)
    folders = [Path(d) for d in gold_dirs] or default_gold_folders()
    documents = load_gold(folders, settings)
    if not documents:
        raise click.ClickException("no gold files found")
    aliases = alias_table(Path(settings.models_dir) / "institutions.yaml")
    metrics = evaluate(documents, Analyzer(settings), aliases).as_dict()
    metrics["gold"] = [
        os.path.relpath(folder, Path(settings.models_dir).parent) for folder in folders
    ]
    click.echo(format_report(metrics))
    if write:
        target = Path(settings.models_dir) / EXTRACTION_METRICS
        target.write_text(json.dumps(metrics, indent=1) + "\n", encoding="utf-8")
        click.echo(f"written to {target}")


# --- digests and alerts ----------------------------------------------------------


def _load_subscriptions(path: str, only: str | None) -> list:
    from monitor.subscriptions import SubscriptionError, load_subscriptions

    try:
        subscriptions = load_subscriptions(path)
    except SubscriptionError as error:
        raise click.ClickException(str(error)) from error
    if only is not None:
        subscriptions = [s for s in subscriptions if s.id == only]
        if not subscriptions:
            raise click.ClickException(f"{path}: no subscription with id {only!r}")
    return subscriptions


def _outbox(settings: Settings, out_dir: str | None, dry_run: bool) -> tuple[Any, str]:
    """(outbox, sender): a preview printer, a folder, or the SMTP server from the environment."""
    from monitor import mailer

    try:
        if dry_run or out_dir:
            sender = mailer.sender_address(
                os.environ.get("MONITOR_MAIL_FROM", ""), mailer.PREVIEW_FROM
            )
            outbox = mailer.DryRunOutbox(click.echo) if dry_run else mailer.FolderOutbox(out_dir)
            return outbox, sender
        config = mailer.SmtpConfig.from_env()
    except (mailer.MailError, OSError) as error:
        raise click.ClickException(str(error)) from error
    return mailer.SmtpOutbox(config, settings.smtp_timeout), config.mail_from


def _send(settings: Settings, subscriptions: list, outbox: Any, sender: str, deliver) -> None:
    """Run ``deliver`` (send_digests or send_alerts), print one line per subscription,
    and fail with a one-line reason when a message could not be delivered."""
    from monitor.digest import DigestError
    from monitor.mailer import MailError

    db = store.open_db(settings.db)
    try:
        reports = deliver(db, subscriptions, settings, outbox, sender)
    except (MailError, DigestError) as error:
        raise click.ClickException(str(error)) from error
    finally:
        outbox.close()
    for report in reports:
        click.echo(report.line())
    failed = sum(len(report.failed) for report in reports)
    if failed:
        raise click.ClickException(f"{failed} message(s) not delivered; the next run retries them")


SUBSCRIPTIONS_HELP = "Subscriptions file (default: setting 'subscriptions', subscriptions.yaml)."
OUT_HELP = "Write .eml and .html files into DIR instead of sending (nothing is recorded)."
DRY_RUN_HELP = "Print what would be sent; send and record nothing."


def _mail_options(command):
    """The options `digest` and `alerts` share."""
    for option in reversed(
        [
            click.option("--subscriptions", "subscriptions_path", help=SUBSCRIPTIONS_HELP),
            click.option("--out", "out_dir", metavar="DIR", help=OUT_HELP),
            click.option("--dry-run", is_flag=True, help=DRY_RUN_HELP),
            click.option("--subscription", "only", metavar="ID", help="Only this one."),
        ]
    ):
        command = option(command)
    return command


@cli.command()
@_mail_options
@click.option("--since", default=None, help="Period start, ISO date or time (local time zone).")
@click.option("--until", default=None, help="Period end (default: now when --since is given).")
@click.pass_context
def digest(
    ctx: click.Context,
    subscriptions_path: str | None,
    since: str | None,
    until: str | None,
    out_dir: str | None,
    dry_run: bool,
    only: str | None,
) -> None:
    """Send each daily subscription its digest, at most once per recipient and period.

    The default period is the 24 hours before the latest `digest_hour` in
    `digest_timezone`.

    Example: monitor digest --since 2026-11-27 --until 2026-11-28 --out digests/
    """
    from datetime import datetime, timedelta, timezone

    from monitor.delivery import send_digests
    from monitor.digest import DigestError, Period, daily_period, parse_moment

    settings = _settings(ctx)
    subscriptions = _load_subscriptions(subscriptions_path or settings.subscriptions, only)
    try:
        if since is None and until is None:
            period = daily_period(settings)
        else:
            end = parse_moment(until, settings) if until else datetime.now(timezone.utc)
            start = parse_moment(since, settings) if since else end - timedelta(days=1)
            if start >= end:
                raise DigestError(f"--since {since} is not before --until {until or 'now'}")
            period = Period(start, end)
    except DigestError as error:
        raise click.ClickException(str(error)) from error
    outbox, sender = _outbox(settings, out_dir, dry_run)
    _send(
        settings,
        subscriptions,
        outbox,
        sender,
        lambda *args: send_digests(*args, period=period),
    )


@cli.command()
@_mail_options
@click.pass_context
def alerts(
    ctx: click.Context,
    subscriptions_path: str | None,
    out_dir: str | None,
    dry_run: bool,
    only: str | None,
) -> None:
    """Send each alert subscription the matching statements not alerted yet.

    Example: monitor alerts --dry-run
    """
    from monitor.delivery import send_alerts

    settings = _settings(ctx)
    subscriptions = _load_subscriptions(subscriptions_path or settings.subscriptions, only)
    outbox, sender = _outbox(settings, out_dir, dry_run)
    _send(settings, subscriptions, outbox, sender, send_alerts)


def _send_due(settings: Settings) -> None:
    """The step of `monitor run` after processing: due digests and alerts, when a
    subscriptions file exists."""
    if not Path(settings.subscriptions).exists():
        return
    from monitor.delivery import send_alerts, send_digests

    _echo(f"Sending due digests and alerts ({settings.subscriptions}) ...")
    subscriptions = _load_subscriptions(settings.subscriptions, None)
    outbox, sender = _outbox(settings, None, False)
    _send(
        settings,
        subscriptions,
        outbox,
        sender,
        lambda *args: send_digests(*args) + send_alerts(*args),
    )


EXAMPLE_SUBSCRIPTIONS = Path(__file__).resolve().parent.parent / "subscriptions.example.yaml"
DEMO_DIGESTS = "monitor-demo-digests"


def _demo_digest(settings: Settings) -> None:
    """Write the example subscriptions' daily digests over the whole demo corpus into a
    temporary folder (nothing is recorded), so `make demo` shows what a reader receives."""
    if not EXAMPLE_SUBSCRIPTIONS.exists():
        return  # an installed package has no example file; nothing to show
    import tempfile
    from datetime import timedelta

    from monitor.delivery import send_digests
    from monitor.digest import Period, parse_utc
    from monitor.mailer import PREVIEW_FROM, FolderOutbox

    db = store.open_db(settings.db)
    first, last = store.article_date_range(db)
    if first is None or last is None:
        return
    period = Period(parse_utc(first), parse_utc(last) + timedelta(seconds=1))
    subscriptions = _load_subscriptions(str(EXAMPLE_SUBSCRIPTIONS), None)
    outbox = FolderOutbox(Path(tempfile.gettempdir()) / DEMO_DIGESTS)
    send_digests(db, subscriptions, settings, outbox, PREVIEW_FROM, period=period)
    for path in outbox.written:
        _echo(f"Demo digest: {path.with_suffix('.html')}")


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
    feeds_file = _load_feeds(feeds_path)
    settings = _settings(ctx, feeds_file)
    states: dict[str, dict] = {}
    if Path(settings.db).exists():
        db = store.open_db(settings.db)
        states = {row["id"]: row for row in db.query("select * from sources")}
    from monitor.health import feed_health

    click.echo(f"{feeds_path}: {len(feeds_file.sources)} feeds, valid")
    click.echo(f"{'id':28} {'status':>6} {'items':>6}  {'last polled':21} health")
    dead = 0
    for source in feeds_file.sources:
        state = states.get(source.id, {})
        health = feed_health(state, settings) if source.enabled else "disabled"
        dead += health.startswith("dead")
        click.echo(
            f"{source.id:28} {state.get('last_status') or '-':>6} "
            f"{state.get('items_seen') or 0:>6}  {(state.get('last_polled_at') or 'never'):21} "
            f"{health[:90]}"
        )
    if strict and dead:
        raise click.ClickException(f"{dead} dead feed(s)")


def main() -> None:  # pragma: no cover
    cli(obj={})


if __name__ == "__main__":  # pragma: no cover
    main()
