"""What every command shares: settings from the context, and library errors
turned into one-line reasons."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from monitor.crawl.sources import ConfigError, FeedsFile, load_feeds
from monitor.settings import Settings, SettingsError, build_settings

DB_HELP = "SQLite database (default monitor.db, env MONITOR_DB)."
# The first bytes of every SQLite 3 database file.
SQLITE_HEADER = b"SQLite format 3\x00"


def settings_for(
    ctx: click.Context,
    feeds_file: FeedsFile | None = None,
    *,
    needs_db: bool = True,
    **flags: Any,
) -> Settings:
    """The settings for a command; with ``needs_db``, a database path that cannot be
    used stops here with one line instead of an sqlite3 traceback later on."""
    try:
        settings = build_settings(
            feeds_file.settings if feeds_file else None, db=ctx.obj.get("db"), **flags
        )
    except SettingsError as error:
        raise click.ClickException(str(error)) from error
    problem = db_path_problem(Path(settings.db)) if needs_db else None
    if problem:
        raise click.ClickException(f"--db {settings.db}: {problem}")
    return settings


def db_path_problem(path: Path) -> str | None:
    """Why ``path`` cannot hold the monitor's database, or None when it can."""
    if path.is_dir():
        return "is a folder; give the path of a database file inside it"
    folder = path.parent
    if not folder.exists():
        return f"the folder {folder} does not exist"
    if not folder.is_dir():
        return f"{folder} is not a folder"
    if not path.exists():
        writable = os.access(folder, os.W_OK | os.X_OK)
        return None if writable else f"cannot create a database in {folder} (no write permission)"
    if not os.access(path, os.R_OK):
        return "cannot be read (no read permission)"
    with path.open("rb") as file:
        header = file.read(len(SQLITE_HEADER))
    if header and header != SQLITE_HEADER:
        return "is not an SQLite database"
    return None


def remember_db(ctx: click.Context, _param: click.Parameter, value: str | None) -> None:
    """``--db`` given after the subcommand counts as if given before it."""
    if value is not None:
        ctx.ensure_object(dict)["db"] = value


def accept_db_after_subcommands(group: click.Group) -> None:
    """Give every subcommand (nested ones too) its own ``--db``, so that both
    ``monitor --db x.db run`` and ``monitor run --db x.db`` work."""
    for command in group.commands.values():
        option = click.Option(["--db"], expose_value=False, callback=remember_db, help=DB_HELP)
        command.params.append(option)
        if isinstance(command, click.Group):
            accept_db_after_subcommands(command)


def feeds_or_fail(path: str) -> FeedsFile:
    try:
        return load_feeds(path)
    except ConfigError as error:
        raise click.ClickException(str(error)) from error


def echo_err(message: str) -> None:
    click.echo(message, err=True)


def reasons(*errors: type[Exception]) -> Callable[..., Any]:
    """Run the call, turning the library errors named into one-line click errors."""

    def call(function: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        try:
            return function(*args, **kwargs)
        except errors as error:
            raise click.ClickException(str(error)) from error

    return call


def existing_db(settings: Settings) -> None:
    if not Path(settings.db).exists():
        raise click.ClickException(f"{settings.db}: no such database; run 'monitor run' first")
