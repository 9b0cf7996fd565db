"""``monitor train``, ``label`` and ``eval``: the classifier and the measurements."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from monitor import store
from monitor.commands.common import echo_err, existing_db, reasons, settings_for
from monitor.evaluation.gold import SPLITS
from monitor.settings import REPO_ROOT

# --- train / label -------------------------------------------------------------------


# Gold for real reporting, kept with the tests (its texts stay in the shared folder).
OPEN_NEWS_GOLD = REPO_ROOT / "tests" / "gold" / "open-news"
FEED_ITEMS_GOLD = REPO_ROOT / "tests" / "gold" / "feed-items" / "relevance.json"


@click.command()
@click.pass_context
def train(ctx: click.Context) -> None:
    """Retrain the classifier from models/training (and the manifesto train split).

    Seeds are fixed, so the same data gives the same models. Writes
    models/classifier.skops, models/classifier.json and the metrics, then fits
    the article-label model on them (as `monitor calibrate`).

    Example: monitor train
    """
    from monitor.classify.classifier import load_classifier
    from monitor.classify.reports import format_metrics
    from monitor.classify.train import CLASSIFIER_METRICS, train_and_save
    from monitor.classify.training_data import TrainingDataError

    settings = settings_for(ctx)
    metrics = reasons(TrainingDataError)(train_and_save, settings, progress=echo_err)
    click.echo(format_metrics(metrics))
    click.echo(
        f"saved {settings.models_dir}/classifier.skops; "
        f"metrics in {Path(settings.models_dir) / CLASSIFIER_METRICS}"
    )
    # The article-label model reads the label models' scores: refit it on the new ones.
    load_classifier.cache_clear()
    echo_err("Fitting the article-label model on the gold articles ...")
    ctx.invoke(calibrate)


@click.command()
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
    from monitor.classify.classifier import load_classifier
    from monitor.classify.labelling import (
        USER_FILE,
        already_labelled,
        label_interactively,
        least_certain,
    )

    settings = settings_for(ctx)
    existing_db(settings)
    out = Path(out_path) if out_path else Path(settings.models_dir) / "training" / USER_FILE
    out.parent.mkdir(parents=True, exist_ok=True)
    items = least_certain(
        store.connect(settings), load_classifier(settings.models_dir), already_labelled(out), limit
    )
    saved = label_interactively(items, out, click.getchar, click.echo)
    click.echo(f"{saved} labelled; saved to {out}")


# --- eval ------------------------------------------------------------------------


@click.group("eval")
def eval_group() -> None:
    """Measure the monitor against hand-made gold files."""


def gold_option(help: str) -> Callable[..., Any]:
    """``--gold DIR``: a gold folder, the open-news gold by default."""
    return click.option(
        "--gold",
        "gold_dir",
        default=str(OPEN_NEWS_GOLD),
        show_default=True,
        type=click.Path(exists=True, file_okay=False),
        help=help,
    )


def split_option(default: str | None, help: str) -> Callable[..., Any]:
    """``--split dev|test``: which part of a gold folder's fixed split to read."""
    return click.option(
        "--split",
        type=click.Choice(SPLITS),
        default=default,
        show_default=default is not None,
        help=help,
    )


@eval_group.command("classifier")
@click.option(
    "--gold",
    "gold_dir",
    default=str(OPEN_NEWS_GOLD),
    show_default=True,
    help="Gold folder whose statements are classified as well (skipped when absent).",
)
@split_option("test", "Which split of the gold folder.")
@click.pass_context
def eval_classifier(ctx: click.Context, gold_dir: str, split: str) -> None:
    """Per-label precision, recall and F1, micro and macro averages, stance accuracy
    and confusion matrix (cross-validation), and relevance and stance on the
    manifesto test split, from the metrics the last `monitor train` measured;
    stance and labels of the gold statements; the relevance gate on hand-judged
    feed items of general news.

    Example: monitor eval classifier
    """
    from monitor.classify.reports import format_metrics
    from monitor.classify.train import saved_model_metrics, write_metrics
    from monitor.classify.training_data import TrainingDataError

    settings = settings_for(ctx)
    metrics = reasons(TrainingDataError)(saved_model_metrics, settings)
    if metrics is None:
        raise click.ClickException("no trained classifier; run 'monitor train' first")
    folder = Path(gold_dir)
    if folder.is_dir() and (Path(settings.shared_dir) / "corpus").is_dir():
        from monitor.evaluation.classifier import evaluate_classifier_on_gold, format_gold_report
        from monitor.evaluation.gold import GoldError, floor_key

        key = floor_key([folder], split)
        metrics[key] = reasons(GoldError)(evaluate_classifier_on_gold, settings, [folder], split)
        click.echo(format_metrics(metrics))
        click.echo(format_gold_report(f"Gold statements ({key})", metrics[key]))
    else:
        click.echo(format_metrics(metrics))
    if FEED_ITEMS_GOLD.exists() and (Path(settings.shared_dir) / "fixtures" / "feeds").is_dir():
        from monitor.evaluation.classifier import evaluate_gate_on_feed_items, format_gate_report
        from monitor.evaluation.gold import GoldError

        gate = reasons(GoldError)(evaluate_gate_on_feed_items, settings, FEED_ITEMS_GOLD)
        metrics["feed_items_relevance"] = gate
        click.echo(format_gate_report(gate))
    click.echo(f"metrics written to {write_metrics(settings, metrics)}")


@eval_group.command("extraction")
@click.option(
    "--gold",
    "gold_dirs",
    multiple=True,
    type=click.Path(exists=True, file_okay=False),
    help="Folder of gold JSON files (repeatable). Default: the demo gold and the seed.",
)
@split_option(None, "Only the gold files of this split (the folder's split.json).")
@click.option("--json", "json_path", default=None, help="Also write every score to this file.")
@click.option(
    "--write",
    is_flag=True,
    help="Save the scores in models/extraction_metrics.json (the committed floor).",
)
@click.pass_context
def eval_extraction(
    ctx: click.Context,
    gold_dirs: tuple[str, ...],
    split: str | None,
    json_path: str | None,
    write: bool,
) -> None:
    """Precision, recall and F1 of countries, persons, organisations, figures,
    statements and article labels; speaker, speaker type, stance, figure
    country and year, and relevance accuracy, against gold files.

    Example: monitor eval extraction --gold tests/gold/open-news --split test
    """
    from monitor.evaluation.extraction import evaluate_folders, format_report, write_floor
    from monitor.evaluation.gold import GoldError, default_gold_folders, floor_key

    settings = settings_for(ctx)
    folders = [Path(d) for d in gold_dirs] or default_gold_folders(settings)
    metrics = reasons(GoldError)(evaluate_folders, settings, folders, split)
    click.echo(format_report(metrics))
    if json_path:
        Path(json_path).write_text(json.dumps(metrics, indent=1) + "\n", encoding="utf-8")
    if write:
        key = "demo" if not gold_dirs else floor_key(folders, split)
        click.echo(f"written to {write_floor(settings, key, metrics)}")


@eval_group.command("errors")
@gold_option("Folder of gold JSON files.")
@split_option("dev", "Read errors on the dev split; the test split is for scores only.")
@click.option("--top", default=40, show_default=True, help="Error kinds to list.")
@click.pass_context
def eval_errors(ctx: click.Context, gold_dir: str, split: str, top: int) -> None:
    """Every disagreement with the gold, sorted into kinds, most frequent first,
    with one example each: where the analysis loses most.

    Example: monitor eval errors --gold tests/gold/open-news --split dev
    """
    from monitor.analysis.analyze import Analyzer
    from monitor.evaluation.errors import error_table, find_errors
    from monitor.evaluation.gold import GoldError, load_gold
    from monitor.evaluation.matching import alias_table

    settings = settings_for(ctx)
    documents = reasons(GoldError)(load_gold, [Path(gold_dir)], settings, split)
    aliases = alias_table(Path(settings.models_dir))
    errors = find_errors(documents, Analyzer(settings), aliases)
    click.echo(f"{len(errors)} errors in {len(documents)} documents ({split} split)")
    click.echo(error_table(errors, top))


@click.command()
@click.option(
    "--gold",
    "gold_dirs",
    multiple=True,
    type=click.Path(exists=True, file_okay=False),
    help="Gold folder to learn from (repeatable; the dev split of a folder that has one)."
    " Default: the open-news gold, the written news and the demo gold.",
)
@click.pass_context
def calibrate(ctx: click.Context, gold_dirs: tuple[str, ...]) -> None:
    """Fit the article-label model on gold article labels and save it as
    models/article_labels.json (the pipeline reads it): which labels an article is
    about, from what the label models say of each of its texts.

    Example: monitor calibrate
    """
    from monitor.evaluation.calibration import (
        calibrate_article_labels,
        calibration_folders,
        write_article_model,
    )
    from monitor.evaluation.gold import GoldError

    settings = settings_for(ctx)
    folders = [Path(d) for d in gold_dirs] or calibration_folders(settings)
    result = reasons(GoldError)(calibrate_article_labels, settings, folders)
    held_out = result["cross_validated"]
    for label, row in held_out["per_label"].items():
        click.echo(
            f"{label:24} intercept {result['intercepts'][label]:7.3f}"
            f"  threshold {result['thresholds'][label]:.2f}"
            f"  precision {row['precision']:.3f}  recall {row['recall']:.3f}"
            f"  ({row['expected']} articles)"
        )
    click.echo(
        f"{result['articles']} articles; cross-validated ({held_out['folds']} folds):"
        f" precision {held_out['micro']['precision']:.3f}"
        f"  recall {held_out['micro']['recall']:.3f}  macro F1 {held_out['macro_f1']:.3f}"
    )
    click.echo(f"written to {write_article_model(settings, result)}")
