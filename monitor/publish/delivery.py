"""Exactly-once delivery of digests and alerts.

A digest is recorded (``digests``: subscription, period, the statement ids in
it) before the first message leaves, and every recipient's outcome is a row
in ``digest_deliveries`` (sent, refused or failed); both tables live in the
private file beside the database, never in the published one
(``monitor.store.private``). So:

- running the same digest again finds everyone ``sent`` and sends nothing;
- a run that dies midway (server gone, process killed) leaves the digest
  ``open``; the next run rebuilds it from the recorded ids, so the content is
  what the first attempt showed, and sends only to those not yet ``sent``;
- a recipient refused with a 5xx is recorded and not retried; the others
  still get their mail; a 4xx is retried next run.

The one gap SMTP itself leaves: if the connection drops after the server
accepted a message but before it said so, that message is sent again.

Alerts follow the same rules; their state ("what was alerted, until when")
is the set of alert digests of a subscription: a statement goes into at most
one alert per subscription.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from pathlib import Path

import sqlite_utils

from monitor import store
from monitor.publish import mailer
from monitor.publish.digest import Digest, Period, build_digest, daily_period, parse_utc
from monitor.publish.mailer import ConnectionLost, Outbox, build_message
from monitor.publish.subscriptions import Subscription
from monitor.settings import Settings

FINAL = ("sent", "refused")


@dataclass
class DeliveryReport:
    """What happened to one subscription's digest in this run."""

    subscription: str
    kind: str
    items: int = 0
    sent: list[str] = field(default_factory=list)
    refused: list[tuple[str, str]] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)
    skipped: str = ""
    verb: str = "sent to"

    def line(self) -> str:
        head = f"{self.kind} {self.subscription}:"
        if not (self.sent or self.refused or self.failed):
            return f"{head} {self.skipped or 'nothing to send'}"
        plural = "" if self.items == 1 else "s"
        parts = [f"{self.items} statement{plural}", f"{self.verb} {len(self.sent)}"]
        parts += [f"refused by {who} ({why})" for who, why in self.refused]
        parts += [f"failed for {who} ({why}), retried next run" for who, why in self.failed]
        return f"{head} " + "; ".join(parts)

    @property
    def ok(self) -> bool:
        return not self.failed


def send_digests(
    db: sqlite_utils.Database,
    subscriptions: Iterable[Subscription],
    settings: Settings,
    outbox: Outbox,
    mail_from: str,
    period: Period | None = None,
    now: datetime | None = None,
) -> list[DeliveryReport]:
    """Daily digests of ``period`` (default: the latest full daily period) for every
    daily subscription, each recipient served at most once."""
    period = period or daily_period(settings, now)
    reports = []
    for subscription, report in _with_reports(subscriptions, "daily", reports):
        digest_id = store.stable_id("daily", subscription.id, *period.iso())
        recorded = store.get_digest(db, digest_id) if outbox.records else None
        if recorded is not None:
            digest = build_digest(
                db, subscription, settings, period, only_ids=json.loads(recorded["item_ids"])
            )
        else:
            digest = build_digest(db, subscription, settings, period)
            if digest.empty and not subscription.all_quiet:
                report.skipped = "nothing matched in the period; nothing sent"
                continue
        _deliver(db, digest, digest_id, outbox, mail_from, report, recorded is None)
    return reports


def send_alerts(
    db: sqlite_utils.Database,
    subscriptions: Iterable[Subscription],
    settings: Settings,
    outbox: Outbox,
    mail_from: str,
    now: datetime | None = None,
) -> list[DeliveryReport]:
    """For every alert subscription: finish alerts left open, then one alert with the
    matching statements not alerted yet (dated within ``alert_lookback_hours``)."""
    now = now or datetime.now(timezone.utc)
    window = Period(now - timedelta(hours=settings.alert_lookback_hours), now)
    reports = []
    for subscription, report in _with_reports(subscriptions, "alert", reports):
        if outbox.records:
            for recorded in store.open_digests(db, subscription.id, "alert"):
                period = Period(
                    parse_utc(recorded["period_start"]), parse_utc(recorded["period_end"])
                )
                digest = build_digest(
                    db,
                    subscription,
                    settings,
                    period,
                    kind="alert",
                    only_ids=json.loads(recorded["item_ids"]),
                )
                if not _deliver(db, digest, recorded["id"], outbox, mail_from, report, False):
                    break
            if report.failed:
                continue  # the server is away; new alerts wait for the next run
        alerted = store.reported_statement_ids(db, subscription.id, "alert")
        digest = build_digest(db, subscription, settings, window, kind="alert", exclude_ids=alerted)
        if digest.empty:
            report.skipped = "no new matching statements"
            continue
        last = store.last_alert_at(db, subscription.id)
        digest.period = Period(parse_utc(last) if last else window.start, now)
        digest_id = store.stable_id("alert", subscription.id, *sorted(digest.item_ids))
        _deliver(db, digest, digest_id, outbox, mail_from, report, True)
    return reports


def _with_reports(
    subscriptions: Iterable[Subscription], schedule: str, reports: list[DeliveryReport]
) -> Iterator[tuple[Subscription, DeliveryReport]]:
    """The subscriptions of one schedule, each with a new report appended to ``reports``."""
    for subscription in subscriptions:
        if subscription.schedule == schedule:
            report = DeliveryReport(subscription.id, "digest" if schedule == "daily" else "alert")
            reports.append(report)
            yield subscription, report


def _deliver(
    db: sqlite_utils.Database,
    digest: Digest,
    digest_id: str,
    outbox: Outbox,
    mail_from: str,
    report: DeliveryReport,
    new: bool,
) -> bool:
    """Send ``digest`` to every recipient not yet served; False when the connection was lost."""
    subscription = digest.subscription
    records = outbox.records
    if records and new:
        start, end = digest.period.iso()
        store.create_digest(
            db,
            {
                "id": digest_id,
                "subscription": subscription.id,
                "kind": "alert" if digest.kind == "alert" else "daily",
                "period_start": start,
                "period_end": end,
                "item_ids": digest.item_ids,
                # Each recipient's own Message-ID is in digest_deliveries.
                "message_id": None,
            },
        )
    states = store.delivery_states(db, digest_id) if records else {}
    pending = [r for r in subscription.recipients if states.get(r) not in FINAL]
    report.items += len(digest.items)
    report.verb = outbox.verb
    if not pending:
        report.skipped = "already sent to every recipient; nothing sent"
        return True
    if records and not new and digest.empty and not subscription.all_quiet:
        # Only an all-quiet digest is recorded without statements: these were
        # re-analysed away since the first attempt, and an empty mail helps no one.
        store.close_digest(db, digest_id)
        report.skipped = "its statements no longer exist (re-analysed); closed unsent"
        return True
    connected = True
    key = store.mail_key(db)
    for recipient in pending:
        message, html = build_message(digest, digest_id, recipient, mail_from, key=key)
        try:
            status, error = outbox.deliver(message, recipient, html)
        except ConnectionLost as lost:
            status, error, connected = "failed", str(lost), False
        if records:
            store.record_delivery(
                db,
                digest_id,
                subscription.id,
                recipient,
                status=status,
                error=error,
                message_id=str(message["Message-ID"]),
            )
        if status == "sent":
            report.sent.append(recipient)
        else:
            (report.refused if status == "refused" else report.failed).append(
                (recipient, error or "")
            )
        if not connected:
            break
    if records:
        states = store.delivery_states(db, digest_id)
        if all(states.get(r) in FINAL for r in subscription.recipients):
            store.close_digest(db, digest_id)
    return connected


# --- choosing where mail goes, and the steps of `monitor run` ---------------------


def choose_outbox(
    settings: Settings,
    out_dir: str | None = None,
    dry_run: bool = False,
    echo: Callable[[str], None] = print,
) -> tuple[Outbox, str]:
    """(outbox, sender): a preview printed with ``echo``, a folder of .eml files, or
    the SMTP server configured in ``MONITOR_SMTP_*``. Raises MailError or OSError."""
    if dry_run or out_dir:
        sender = mailer.sender_address(settings.mail_from, mailer.PREVIEW_FROM)
        outbox = mailer.DryRunOutbox(echo) if dry_run else mailer.FolderOutbox(out_dir)
        return outbox, sender
    config = mailer.SmtpConfig.from_env()
    return mailer.SmtpOutbox(config, settings.smtp_timeout), config.mail_from


Deliver = Callable[
    [sqlite_utils.Database, list[Subscription], Settings, Outbox, str], list[DeliveryReport]
]


def deliver_all(
    settings: Settings,
    subscriptions: list[Subscription],
    outbox: Outbox,
    sender: str,
    deliver: Deliver,
) -> list[DeliveryReport]:
    """Run ``deliver`` (send_digests, send_alerts or both) and close the outbox."""
    db = store.connect(settings)
    try:
        return deliver(db, subscriptions, settings, outbox, sender)
    finally:
        outbox.close()


def send_due(
    db: sqlite_utils.Database,
    subscriptions: list[Subscription],
    settings: Settings,
    outbox: Outbox,
    sender: str,
) -> list[DeliveryReport]:
    """What `monitor run` sends after processing: due daily digests, then new alerts."""
    return send_digests(db, subscriptions, settings, outbox, sender) + send_alerts(
        db, subscriptions, settings, outbox, sender
    )


def write_demo_digests(
    settings: Settings, subscriptions: list[Subscription], folder: Path
) -> list[Path]:
    """The subscriptions' digests over everything in the database, written into
    ``folder`` (nothing is recorded): what `monitor run --demo` shows a reader."""
    db = store.connect(settings)
    first, last = store.article_date_range(db)
    if first is None or last is None:
        return []
    period = Period(parse_utc(first), parse_utc(last) + timedelta(seconds=1))
    outbox = mailer.FolderOutbox(folder)
    send_digests(db, subscriptions, settings, outbox, mailer.PREVIEW_FROM, period=period)
    return [path.with_suffix(".html") for path in outbox.written]
