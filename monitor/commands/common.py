"""What every command shares: settings from the context, and library errors
turned into one-line reasons."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from monitor.crawl.sources import ConfigError, FeedsFile, load_feeds
from monitor.settings import Settings, SettingsError, build_settings


def settings_for(ctx: click.Context, feeds_file: FeedsFile | None = None, **flags: Any) -> Settings:
    try:
        return build_settings(
            feeds_file.settings if feeds_file else None, db=ctx.obj.get("db"), **flags
        )
    except SettingsError as error:
        raise click.ClickException(str(error)) from error


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
