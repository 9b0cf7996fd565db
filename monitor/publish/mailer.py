"""Digest e-mails: rendering, the message itself, and the ways out (SMTP, a folder, a preview).

The message is multipart/alternative: a plain-text part and an HTML part
whose styles are written inline on each element (mail clients drop
``<style>`` blocks). Both parts are rendered with Jinja2 from
``monitor/publish/templates/``; the HTML environment autoescapes, so nothing an
article says can become markup. Header values that carry article data pass
through ``header_text``, which removes every line break (including encoded
ones) before the ``email`` package folds them, so a title can never start a
header of its own.

SMTP settings come only from the environment (``MONITOR_SMTP_*``,
``MONITOR_MAIL_FROM``), never from a file in the repository.
"""

from __future__ import annotations

import os
import re
import secrets
import smtplib
import ssl
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime, timezone
from email import policy
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path
from urllib.parse import quote

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from monitor.country_names import country_name
from monitor.publish.digest import LABEL_NAMES, Digest
from monitor.publish.subscriptions import EMAIL_ADDRESS
from monitor.store import keyed_id
from monitor.urls import web_url

TEMPLATES = Path(__file__).parent / "templates"
TLS_MODES = ("starttls", "ssl", "none")
DEFAULT_PORTS = {"starttls": 587, "ssl": 465, "none": 25}
# Used only to build previews (--out, --dry-run) when no sender is configured.
PREVIEW_FROM = "digest@migration-monitor.invalid"
MAX_SUBJECT_CHARS = 180
# Bodies are encoded under policy.SMTP (lines of at most 78 characters), but headers
# are written with the 998-character limit of RFC 5322: folded at 78, a long
# List-Unsubscribe URL has no space to break at, and the email package would turn
# it into an RFC 2047 encoded word that no mail client reads as a URL.
HEADER_POLICY = policy.SMTP.clone(max_line_length=998)
STANCE_COLOURS = {"restrictive": "#fde2e1", "protective": "#e0f2e9", "neutral": "#e8eaed"}


class MailError(RuntimeError):
    """Mail cannot be sent at all (missing or wrong configuration, login refused)."""


class ConnectionLost(MailError):
    """The server went away mid-conversation; what was not confirmed is retried next run."""


# --- configuration ---------------------------------------------------------------


@dataclass(frozen=True)
class SmtpConfig:
    host: str
    port: int
    user: str | None
    password: str | None
    tls: str
    mail_from: str

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> SmtpConfig:
        """Read ``MONITOR_SMTP_HOST/PORT/USER/PASSWORD/TLS`` and ``MONITOR_MAIL_FROM``."""
        env = os.environ if environ is None else environ
        host = env.get("MONITOR_SMTP_HOST", "").strip()
        if not host:
            raise MailError("MONITOR_SMTP_HOST is not set: no mail server to send through")
        tls = env.get("MONITOR_SMTP_TLS", "starttls").strip().lower()
        if tls not in TLS_MODES:
            raise MailError(f"MONITOR_SMTP_TLS={tls!r} is not one of {', '.join(TLS_MODES)}")
        port_text = env.get("MONITOR_SMTP_PORT", "").strip()
        if port_text and not port_text.isdigit():
            raise MailError(f"MONITOR_SMTP_PORT={port_text!r} is not a port number")
        return cls(
            host=host,
            port=int(port_text) if port_text else DEFAULT_PORTS[tls],
            user=env.get("MONITOR_SMTP_USER") or None,
            password=env.get("MONITOR_SMTP_PASSWORD") or None,
            tls=tls,
            mail_from=sender_address(env.get("MONITOR_MAIL_FROM", "")),
        )


def sender_address(value: str, fallback: str | None = None) -> str:
    """The From address, checked like a recipient: one plain address, no line breaks."""
    value = value.strip() or (fallback or "")
    if not value:
        raise MailError("MONITOR_MAIL_FROM is not set: mail needs a sender address")
    if not EMAIL_ADDRESS.match(value):
        raise MailError(f"MONITOR_MAIL_FROM={value!r} is not a plain e-mail address")
    return value


# --- header safety and rendering ---------------------------------------------------

# RFC 2047 encoded words ("=?utf-8?q?...?=") in data would be decoded by mail
# clients, line breaks and all; breaking the "=?" opener keeps them literal text.
ENCODED_WORD_OPENER = re.compile(r"=\?")


def header_text(value: str, limit: int = MAX_SUBJECT_CHARS) -> str:
    """``value`` as one safe header line: control, format and line/paragraph separator
    characters (CR, LF, NEL, U+2028, U+2029, zero-width and bidi controls) become spaces,
    encoded words stay literal, and the result is cut to ``limit`` characters."""
    text = "".join(
        " " if unicodedata.category(char) in {"Cc", "Cf", "Zl", "Zp"} else char
        for char in unicodedata.normalize("NFC", value)
    )
    text = " ".join(ENCODED_WORD_OPENER.sub("= ?", text).split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "\u2026"


def _plain(value: object) -> str:
    """Text for the plain part: control characters other than newlines are dropped."""
    text = "" if value is None else str(value)
    return "".join(
        char if char in "\n\t" or unicodedata.category(char) != "Cc" else " " for char in text
    )


def _environment(html: bool) -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=html,
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=not html,
        lstrip_blocks=not html,
        finalize=None if html else _plain,
    )
    env.filters["web_url"] = web_url
    env.filters["country_name"] = country_name
    return env


HTML_TEMPLATES = _environment(html=True)
TEXT_TEMPLATES = _environment(html=False)


def subject_for(digest: Digest) -> str:
    """Daily: name, the period's own day (20 Nov for 20 Nov 07:00 to 21 Nov 07:00) and
    summary. Alert: who said it and about what (article data,
    so made header-safe by the caller)."""
    name = digest.subscription.display_name
    if digest.kind == "alert" and digest.items:
        first = digest.items[0]
        more = len(digest.items) - 1
        text = f"Alert ({name}): {first.speaker} on {LABEL_NAMES[first.group]}: {first.title}"
        return text + (f" (+{more} more)" if more else "")
    summary = digest.summary() if digest.items else "all quiet"
    return f"{name}, {digest.period_name()}: {summary}"


def unsubscribe_link(digest: Digest, mail_from: str) -> str:
    return f"mailto:{mail_from}?subject={quote('unsubscribe ' + digest.subscription.id)}"


def render(digest: Digest, mail_from: str) -> tuple[str, str, str]:
    """(subject, plain text, HTML) of a digest."""
    subject = header_text(subject_for(digest))
    kind = "Alert" if digest.kind == "alert" else "Digest"
    context = {
        "digest": digest,
        "subject": subject,
        "heading": f"{kind}: {digest.subscription.display_name}",
        "period_text": (
            f"Statements dated {digest.local(digest.period.start)} to "
            f"{digest.local(digest.period.end)}"
        ),
        "unsubscribe": unsubscribe_link(digest, mail_from),
        "stance_colours": STANCE_COLOURS,
    }
    text = TEXT_TEMPLATES.get_template("digest.txt").render(context)
    html = HTML_TEMPLATES.get_template("digest.html").render(context)
    return subject, text, html


# For Message-IDs built without the database's key (previews, direct calls): random per
# process, so they are still unique and never a plain, checkable hash of an address.
PREVIEW_KEY = secrets.token_bytes(32)


def message_id(digest_id: str, recipient: str, mail_from: str, key: bytes = PREVIEW_KEY) -> str:
    """Stable per digest and recipient (with the same ``key``, ``store.mail_key``), so a
    retried send carries the same id; the recipient part is keyed, so a forwarded or
    archived mail does not let anyone confirm a guessed address."""
    domain = mail_from.rsplit("@", 1)[1]
    return f"<{digest_id}.{keyed_id(key, recipient)[:10]}@{domain}>"


def build_message(
    digest: Digest,
    digest_id: str,
    recipient: str,
    mail_from: str,
    now: datetime | None = None,
    key: bytes = PREVIEW_KEY,
) -> tuple[EmailMessage, str]:
    """The e-mail for one recipient (each gets their own, so no one sees the others),
    and its HTML part. ``key`` keys the recipient part of the Message-ID."""
    subject, text, html = render(digest, mail_from)
    message = EmailMessage(policy=policy.SMTP)
    message["Subject"] = subject
    message["From"] = Address(addr_spec=mail_from)
    message["To"] = Address(addr_spec=recipient)
    message["Date"] = format_datetime(now or datetime.now(timezone.utc))
    message["Message-ID"] = message_id(digest_id, recipient, mail_from, key)
    message["List-Id"] = f"<{digest.subscription.id}.{mail_from.rsplit('@', 1)[1]}>"
    message["List-Unsubscribe"] = f"<{unsubscribe_link(digest, mail_from)}>"
    message["Auto-Submitted"] = "auto-generated"
    message.set_content(text)
    message.add_alternative(html, subtype="html")
    message.policy = HEADER_POLICY
    return message, html


# --- ways out ------------------------------------------------------------------------


class Outbox:
    """Where messages go. Only real sending is recorded, so a preview never counts as sent."""

    records = False
    verb = "sent to"
    """How reports describe a delivery ("sent to 2")."""

    def deliver(self, message: EmailMessage, recipient: str, html: str) -> tuple[str, str | None]:
        """Hand over one message; (status, error) with status sent, refused or failed."""
        raise NotImplementedError

    def close(self) -> None:
        """Release what the outbox holds (a connection)."""


class SmtpOutbox(Outbox):
    """Sends over SMTP; connects on the first message, so an idle run needs no server."""

    records = True

    def __init__(
        self, config: SmtpConfig, timeout: float, ssl_context: ssl.SSLContext | None = None
    ) -> None:
        self.config = config
        self.timeout = timeout
        self.ssl_context = ssl_context or ssl.create_default_context()
        self._smtp: smtplib.SMTP | None = None

    def _connect(self) -> smtplib.SMTP:
        config = self.config
        try:
            if config.tls == "ssl":
                smtp: smtplib.SMTP = smtplib.SMTP_SSL(
                    config.host, config.port, timeout=self.timeout, context=self.ssl_context
                )
            else:
                smtp = smtplib.SMTP(config.host, config.port, timeout=self.timeout)
                if config.tls == "starttls":
                    smtp.starttls(context=self.ssl_context)
            if config.user:
                smtp.login(config.user, config.password or "")
        except smtplib.SMTPAuthenticationError as error:
            raise MailError(f"SMTP login as {config.user!r} refused: {error.smtp_code}") from error
        except (smtplib.SMTPException, OSError) as error:
            raise ConnectionLost(
                f"cannot connect to {config.host}:{config.port} ({config.tls}): {error}"
            ) from error
        return smtp

    def deliver(self, message: EmailMessage, recipient: str, html: str) -> tuple[str, str | None]:
        if self._smtp is None:
            self._smtp = self._connect()
        try:
            self._smtp.send_message(message, self.config.mail_from, [recipient])
        except smtplib.SMTPRecipientsRefused as error:
            code, reason = error.recipients.get(recipient, (0, b""))
            return _refusal(code, reason)
        except smtplib.SMTPSenderRefused as error:
            raise MailError(
                f"the server refused the sender {error.sender!r}: "
                f"{error.smtp_code} {_text(error.smtp_error)}"
            ) from error
        except smtplib.SMTPDataError as error:
            if error.smtp_code == 421:  # the server is closing; smtplib has closed too
                self._smtp = None
                raise ConnectionLost(f"421 {_text(error.smtp_error)}") from error
            return _refusal(error.smtp_code, error.smtp_error)
        except (smtplib.SMTPServerDisconnected, OSError) as error:
            self._smtp = None
            raise ConnectionLost(f"connection to {self.config.host} lost: {error}") from error
        return "sent", None

    def close(self) -> None:
        if self._smtp is not None:
            try:
                self._smtp.quit()
            except (smtplib.SMTPException, OSError):
                self._smtp.close()  # already gone; nothing left to tell the server
            self._smtp = None


def _text(reason: bytes | str) -> str:
    return reason.decode("utf-8", "replace") if isinstance(reason, bytes) else str(reason)


def _refusal(code: int, reason: bytes | str) -> tuple[str, str]:
    """5xx is final (recorded as refused, never retried); 4xx is worth another try."""
    return ("refused" if code >= 500 else "failed"), f"{code} {_text(reason)}".strip()


class FolderOutbox(Outbox):
    """Writes ``<subscription>-<digest id>-<recipient>.eml`` and ``.html`` into a folder."""

    verb = "written for"

    def __init__(self, folder: str | Path) -> None:
        self.folder = Path(folder)
        self.folder.mkdir(parents=True, exist_ok=True)
        self.written: list[Path] = []

    def deliver(self, message: EmailMessage, recipient: str, html: str) -> tuple[str, str | None]:
        # List-Id is <subscription.domain>, Message-ID <digest id.keyed recipient hash@domain>.
        subscription = str(message["List-Id"]).strip("<>").split(".", 1)[0]
        digest_id = str(message["Message-ID"]).strip("<>").split(".", 1)[0]
        stem = re.sub(r"[^A-Za-z0-9@._-]", "_", f"{subscription}-{digest_id}-{recipient}")
        eml = self.folder / f"{stem}.eml"
        eml.write_bytes(message.as_bytes())
        (self.folder / f"{stem}.html").write_text(html, encoding="utf-8")
        self.written.append(eml)
        return "sent", None


class DryRunOutbox(Outbox):
    """Prints one line per message that would be sent."""

    verb = "would be sent to"

    def __init__(self, echo: Callable[[str], None]) -> None:
        self.echo = echo

    def deliver(self, message: EmailMessage, recipient: str, html: str) -> tuple[str, str | None]:
        self.echo(f"would send to {recipient}: {message['Subject']}")
        return "sent", None
