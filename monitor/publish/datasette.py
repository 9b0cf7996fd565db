"""The published site's Datasette: its settings, metadata and folders, the
command line that serves it, and an in-process app for tests and benchmarks."""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path
from typing import Any

from monitor import store
from monitor.settings import Settings

CONFIG_DATABASE = "monitor"  # the database name datasette/metadata.yml is written for


def local_site_url(settings: Settings) -> str:
    """Where `monitor serve` with these settings can be opened from this machine
    (a site listening on every interface is still reached through loopback)."""
    host = settings.serve_host
    if host in {"0.0.0.0", "::", ""}:
        host = "127.0.0.1"
    elif ":" in host:  # an IPv6 address goes in brackets in a URL
        host = f"[{host}]"
    return f"http://{host}:{settings.serve_port}"


def site_metadata(settings: Settings) -> dict[str, Any]:
    """datasette/metadata.yml, re-keyed for the database actually served.

    Datasette names a database after its file, so ``--db /data/eu.db`` is
    served as "eu"; the tables' descriptions, canned queries and dashboard
    charts must follow it.
    """
    import yaml

    path = Path(settings.datasette_dir) / "metadata.yml"
    if not path.exists():
        return {}
    metadata = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    name = Path(settings.db).stem
    databases = metadata.get("databases", {})
    if name != CONFIG_DATABASE and CONFIG_DATABASE in databases:
        databases[name] = databases.pop(CONFIG_DATABASE)
        dashboards = metadata.get("plugins", {}).get("datasette-dashboards", {})
        for dashboard in dashboards.values():
            parts = [*dashboard.get("charts", {}).values(), *dashboard.get("filters", {}).values()]
            for part in parts:
                if part.get("db") == CONFIG_DATABASE:
                    part["db"] = name
                # The links a chart's rows carry ('/monitor/...') follow the database too.
                if "query" in part:
                    part["query"] = part["query"].replace(f"'/{CONFIG_DATABASE}/", f"'/{name}/")
    return metadata


def site_settings(settings: Settings) -> dict[str, Any]:
    """Datasette settings for a site open to the public: bounded queries and pages."""
    return {
        "sql_time_limit_ms": settings.sql_time_limit_ms,
        "max_returned_rows": settings.max_returned_rows,
        "facet_time_limit_ms": settings.facet_time_limit_ms,
        "truncate_cells_html": settings.table_cell_chars,
        # Suggesting facets tries a query per column on every table page: seconds on a big
        # archive, for hints researchers rarely need (they can still add any facet).
        "suggest_facets": False,
        "allow_download": False,  # the whole file is for researchers who ask, not for scrapers
    }


def site_folders(settings: Settings) -> dict[str, str]:
    """The template and plugin folders of datasette/, where present."""
    config = Path(settings.datasette_dir)
    return {
        option: str(config / folder)
        for option, folder in (("template_dir", "templates"), ("plugins_dir", "plugins"))
        if (config / folder).is_dir()
    }


def datasette_app(settings: Settings):
    """The published site as an in-process Datasette (tests, benchmarks)."""
    from datasette.app import Datasette

    return Datasette(
        [settings.db],
        metadata=site_metadata(settings),
        settings=site_settings(settings),
        **site_folders(settings),
    )


def datasette_command(settings: Settings) -> list[str]:
    """The Datasette command line for the database and the datasette/ folder.

    The database is opened read-write (not ``--immutable``) so that a crawl can
    keep writing while the site is up; WAL mode lets readers and the writer
    work side by side.
    """
    command = [sys.executable, "-m", "datasette", "serve", settings.db]
    command += ["--host", settings.serve_host, "--port", str(settings.serve_port)]
    for name, value in site_settings(settings).items():
        text = str(value).lower() if isinstance(value, bool) else str(value)
        command += ["--setting", name, text]
    metadata = site_metadata(settings)
    if metadata:
        command += ["--metadata", _metadata_file(settings, metadata)]
    folders = site_folders(settings)
    if "template_dir" in folders:
        command += ["--template-dir", folders["template_dir"]]
    if "plugins_dir" in folders:
        command += ["--plugins-dir", folders["plugins_dir"]]
    return command


def _metadata_file(settings: Settings, metadata: dict[str, Any]) -> str:
    """The committed metadata.yml, or a copy re-keyed for a database with another name."""
    committed = Path(settings.datasette_dir) / "metadata.yml"
    if Path(settings.db).stem == CONFIG_DATABASE:
        return str(committed)
    rekeyed = Path(tempfile.gettempdir()) / f"monitor-metadata-{Path(settings.db).stem}.json"
    rekeyed.write_text(json.dumps(metadata), encoding="utf-8")
    return str(rekeyed)


def prepare_to_serve(settings: Settings) -> None:
    """Views, search indexes and rollups exist and are fresh before Datasette reads."""
    if not Path(settings.db).exists():
        raise FileNotFoundError(f"{settings.db}: no such database; run 'monitor run' first")
    db = store.connect(settings)
    store.refresh_rollups(db)
    db.close()
