"""The store: the only part of the monitor that writes SQL.

``schema`` creates every table, index, full-text index and view and is safe to
run any number of times; ``migrations`` holds the named changes to existing
databases; ``writes`` holds every write and ``reads`` every read the library
makes. Callers use the names re-exported here (``store.save_analysis``).
"""

from __future__ import annotations

from monitor.store.common import (
    in_list,
    stable_id,
    transaction,
)
from monitor.store.migrations import (
    MIGRATIONS,
    Migration,
    apply_migrations,
)
from monitor.store.private import (
    keyed_id,
    mail_key,
    private_path,
)
from monitor.store.reads import (
    ARTICLE_DATE,
    article_date_range,
    article_exists,
    articles_countries,
    articles_figures,
    articles_to_process,
    delivery_states,
    digest_statements,
    duplicate_candidates,
    get_digest,
    last_alert_at,
    load_articles,
    open_digests,
    raw_html,
    reported_statement_ids,
    source_state,
    source_states,
    statements_for_labelling,
    summary,
    syndicated_copies,
)
from monitor.store.runs import (
    ABANDONED,
    abandon_stale_runs,
)
from monitor.store.schema import (
    DEFAULT_BUSY_TIMEOUT,
    DERIVED_TABLES,
    EU_MEMBERS,
    FTS,
    INDEXES,
    TABLES,
    VIEWS,
    connect,
    country_rows,
    ensure_db_shape,
    open_db,
)
from monitor.store.writes import (
    WEEK_OF,
    close_digest,
    create_digest,
    finish_run,
    record_delivery,
    record_error,
    record_poll,
    refresh_rollups,
    save_analysis,
    save_article,
    save_duplicate_analysis,
    save_sources,
    start_run,
)

__all__ = [
    "ABANDONED",
    "abandon_stale_runs",
    "keyed_id",
    "mail_key",
    "private_path",
    "summary",
    "source_states",
    "statements_for_labelling",
    "ARTICLE_DATE",
    "DEFAULT_BUSY_TIMEOUT",
    "DERIVED_TABLES",
    "EU_MEMBERS",
    "FTS",
    "INDEXES",
    "MIGRATIONS",
    "Migration",
    "TABLES",
    "VIEWS",
    "WEEK_OF",
    "apply_migrations",
    "article_date_range",
    "article_exists",
    "articles_countries",
    "articles_figures",
    "articles_to_process",
    "close_digest",
    "create_digest",
    "delivery_states",
    "digest_statements",
    "duplicate_candidates",
    "connect",
    "country_rows",
    "ensure_db_shape",
    "finish_run",
    "get_digest",
    "in_list",
    "last_alert_at",
    "load_articles",
    "open_db",
    "open_digests",
    "raw_html",
    "record_delivery",
    "record_error",
    "record_poll",
    "refresh_rollups",
    "reported_statement_ids",
    "save_analysis",
    "save_article",
    "save_duplicate_analysis",
    "save_sources",
    "source_state",
    "stable_id",
    "start_run",
    "syndicated_copies",
    "transaction",
]
