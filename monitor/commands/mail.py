"""``monitor digest`` and ``alerts``: mail to subscribers."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import click

from monitor.commands.common import reasons, settings_for
from monitor.settings import Settings

# --- digests and alerts ----------------------------------------------------------


def mail_errors() -> Callable[..., Any]:
    from monitor.publish.digest import DigestError
    from monitor.publish.mailer import MailError
    from monitor.publish.subscriptions import SubscriptionError

    return reasons(MailError, DigestError, SubscriptionError, OSError)


def print_reports(reports: list) -> None:
    """One line per subscription; fail with a one-line reason when mail was not delivered."""
    for report in reports:
        click.echo(report.line())
    failed = sum(len(report.failed) for report in reports)
    if failed:
        raise click.ClickException(f"{failed} message(s) not delivered; the next run retries them")


def _deliver(settings: Settings, options: dict[str, Any], deliver: Callable[..., Any]) -> None:
    from monitor.publish.delivery import choose_outbox, deliver_all
    from monitor.publish.subscriptions import load_subscriptions, only_subscription

    path = options["subscriptions_path"] or settings.subscriptions
    call = mail_errors()
    subscriptions = call(only_subscription, call(load_subscriptions, path), options["only"], path)
    outbox, sender = call(
        choose_outbox, settings, options["out_dir"], options["dry_run"], click.echo
    )
    print_reports(call(deliver_all, settings, subscriptions, outbox, sender, deliver))


MAIL_OPTIONS = [
    click.option(
        "--subscriptions",
        "subscriptions_path",
        help="Subscriptions file (default: setting 'subscriptions', subscriptions.yaml).",
    ),
    click.option(
        "--out",
        "out_dir",
        metavar="DIR",
        help="Write .eml and .html files into DIR instead of sending (nothing is recorded).",
    ),
    click.option(
        "--dry-run", is_flag=True, help="Print what would be sent; send and record nothing."
    ),
    click.option("--subscription", "only", metavar="ID", help="Only this one."),
]


def _mail_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """The options `digest` and `alerts` share."""
    for option in reversed(MAIL_OPTIONS):
        command = option(command)
    return command


@click.command()
@_mail_options
@click.option("--since", default=None, help="Period start, ISO date or time (local time zone).")
@click.option("--until", default=None, help="Period end (default: now when --since is given).")
@click.pass_context
def digest(ctx: click.Context, since: str | None, until: str | None, **options: Any) -> None:
    """Send each daily subscription its digest, at most once per recipient and period.

    The default period is the 24 hours before the latest `digest_hour` in
    `digest_timezone`.

    Example: monitor digest --since 2026-11-27 --until 2026-11-28 --out digests/
    """
    from monitor.publish.delivery import send_digests
    from monitor.publish.digest import period_between

    settings = settings_for(ctx)
    period = mail_errors()(period_between, since, until, settings)
    _deliver(settings, options, lambda *args: send_digests(*args, period=period))


@click.command()
@_mail_options
@click.pass_context
def alerts(ctx: click.Context, **options: Any) -> None:
    """Send each alert subscription the matching statements not alerted yet.

    Example: monitor alerts --dry-run
    """
    from monitor.publish.delivery import send_alerts

    _deliver(settings_for(ctx), options, send_alerts)
