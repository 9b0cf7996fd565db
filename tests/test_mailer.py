"""Digest and alert mail through a real SMTP server (aiosmtpd on 127.0.0.1):
parts, headers, content, header safety, refusals, dropped connections, exactly once."""

from __future__ import annotations

import datetime as dt
import email
import ipaddress
import json
import ssl
from email import policy
from email.utils import parsedate_to_datetime

import pytest
from aiosmtpd.smtp import AuthResult
from click.testing import CliRunner

from monitor import store
from monitor.cli import cli
from monitor.publish.delivery import send_alerts, send_digests
from monitor.publish.digest import build_digest
from monitor.publish.mailer import (
    FolderOutbox,
    MailError,
    SmtpConfig,
    SmtpOutbox,
    build_message,
    header_text,
)
from monitor.publish.subscriptions import Filters, Subscription
from tests.digest_data import (
    DAY,
    LoopbackController,
    MailHandler,
    add_article,
    fill_newsroom,
    statement,
    statement_ids,
)

SENDER = "monitor@example.org"
NOW = dt.datetime(2026, 11, 28, 6, 0, tzinfo=dt.timezone.utc)
EXPECTED_HEADERS = {
    "subject",
    "from",
    "to",
    "date",
    "message-id",
    "list-id",
    "list-unsubscribe",
    "auto-submitted",
    "mime-version",
    "content-type",
}


def daily(*recipients: str, **filters) -> Subscription:
    return Subscription(
        id="returns-desk",
        title="Returns desk",
        recipients=recipients or ("desk@example.org",),
        schedule="daily",
        filters=Filters(**filters),
    )


def alert(*recipients: str, **filters) -> Subscription:
    return Subscription(
        id="officials",
        recipients=recipients or ("watch@example.org",),
        schedule="alert",
        filters=Filters(**filters),
    )


@pytest.fixture
def newsroom(db):
    return fill_newsroom(db)


@pytest.fixture
def server():
    handler = MailHandler()
    controller = LoopbackController(handler, hostname="127.0.0.1", port=0)
    controller.start()
    yield controller, handler
    controller.stop()


def smtp_outbox(controller, settings, **changes) -> SmtpOutbox:
    config = SmtpConfig(
        host="127.0.0.1",
        port=controller.port,
        user=None,
        password=None,
        tls="none",
        mail_from=SENDER,
    )
    return SmtpOutbox(config.__class__(**{**config.__dict__, **changes}), settings.smtp_timeout)


def send_day(db, subscription, settings, controller):
    outbox = smtp_outbox(controller, settings)
    try:
        return send_digests(db, [subscription], settings, outbox, SENDER, period=DAY)
    finally:
        outbox.close()


def parse(raw: bytes) -> email.message.EmailMessage:
    return email.message_from_bytes(raw, policy=policy.default)


def test_digest_arrives_with_both_parts_and_correct_headers(newsroom, settings, server):
    controller, handler = server
    subscription = daily("desk@example.org", "editor@example.org")
    (report,) = send_day(newsroom, subscription, settings, controller)
    assert report.sent == ["desk@example.org", "editor@example.org"] and report.ok
    assert report.line() == "digest returns-desk: 4 statements; sent to 2"
    # one message per recipient: no one sees the other addresses
    assert [m.rcpt_tos for m in handler.messages] == [["desk@example.org"], ["editor@example.org"]]
    message = parse(handler.messages[0].data)
    assert {name.lower() for name in message} == EXPECTED_HEADERS
    assert message["From"] == SENDER and message["To"] == "desk@example.org"
    # The period 27 Nov 06:00 to 28 Nov 06:00 is the digest of 27 Nov, not of 28 Nov.
    assert message["Subject"] == (
        "Returns desk, 27 Nov 2026: 4 statements in 3 articles from 3 sources "
        "(1 syndicated copy folded)"
    )
    assert abs(parsedate_to_datetime(message["Date"]) - dt.datetime.now(dt.timezone.utc)) < (
        dt.timedelta(minutes=1)
    )
    assert message["Message-ID"].startswith("<") and message["Message-ID"].endswith("@example.org>")
    assert message["Message-ID"] != parse(handler.messages[1].data)["Message-ID"]
    assert message["List-Unsubscribe"] == (
        "<mailto:monitor@example.org?subject=unsubscribe%20returns-desk>"
    )
    # on the wire too: one line, the URL as written (not an RFC 2047 encoded word),
    # and the bodies in lines of at most 78 characters
    wire = handler.messages[0].data.split(b"\r\n")
    assert b"List-Unsubscribe: <mailto:monitor@example.org?subject=unsubscribe%20returns-desk>" in (
        wire
    )
    assert max(len(line) for line in wire[wire.index(b"") :]) <= 78
    assert message.get_content_type() == "multipart/alternative"
    assert [part.get_content_type() for part in message.iter_parts()] == [
        "text/plain",
        "text/html",
    ]
    text = message.get_body(("plain",)).get_content()
    html = message.get_body(("html",)).get_content()
    first_id = statement_ids(newsroom, "returns")[0]
    for part in (text, html):
        assert "Freddy Roosemont" in part
        assert "Director-General of the Immigration Office" in part
        assert "preparations for return flights to Afghanistan are underway" in part
        assert "restrictive" in part
        assert "The Ledger" in part and "27 Nov 2026 09:00 UTC" in part
        assert "https://ledger.example/returns" in part
        assert f"http://127.0.0.1:8001/test/statements/{first_id}" in part
        assert "Meridian Wire" in part  # the syndicated copy, folded
        assert "Why:" not in part  # no filters: everything relevant, nothing to explain
        assert "more than 34,000" in part and "Tunisia (5)" in part
    assert "Also in: Meridian Wire <https://wire.example/returns-copy>" in text
    assert "<style" not in html and 'style="' in html
    # the digest and each delivery are recorded
    recorded = store.get_digest(newsroom, report_digest_id(newsroom))
    assert recorded["status"] == "done"
    assert json.loads(recorded["recipients"]) == ["desk@example.org", "editor@example.org"]
    assert len(json.loads(recorded["item_ids"])) == 4


def report_digest_id(db) -> str:
    (row,) = db.query("select id from digests")
    return row["id"]


def test_running_the_same_digest_twice_sends_nothing_new(newsroom, settings, server):
    controller, handler = server
    send_day(newsroom, daily(), settings, controller)
    (again,) = send_day(newsroom, daily(), settings, controller)
    assert len(handler.messages) == 1
    assert again.line() == "digest returns-desk: already sent to every recipient; nothing sent"


def test_a_refused_recipient_is_recorded_and_the_others_get_their_mail(newsroom, settings, server):
    controller, handler = server
    handler.refuse["gone@example.org"] = "550 5.1.1 No such user"
    handler.refuse["full@example.org"] = "452 4.2.2 Mailbox full"
    subscription = daily("a@example.org", "gone@example.org", "full@example.org", "b@example.org")
    (report,) = send_day(newsroom, subscription, settings, controller)
    assert report.sent == ["a@example.org", "b@example.org"]
    assert report.refused == [("gone@example.org", "550 5.1.1 No such user")]
    assert report.failed == [("full@example.org", "452 4.2.2 Mailbox full")]
    states = store.delivery_states(newsroom, report_digest_id(newsroom))
    assert states == {
        "a@example.org": "sent",
        "gone@example.org": "refused",
        "full@example.org": "failed",
        "b@example.org": "sent",
    }
    # next run: the full mailbox (4xx) is tried again, the unknown user (5xx) is not
    del handler.refuse["full@example.org"]
    (retry,) = send_day(newsroom, subscription, settings, controller)
    assert retry.sent == ["full@example.org"] and not retry.refused
    assert sorted(r for m in handler.messages for r in m.rcpt_tos) == [
        "a@example.org",
        "b@example.org",
        "full@example.org",
    ]
    assert store.get_digest(newsroom, report_digest_id(newsroom))["status"] == "done"


def test_a_dropped_connection_is_resumed_without_duplicates(newsroom, settings, server):
    controller, handler = server
    subscription = daily("a@example.org", "b@example.org", "c@example.org")
    handler.drop_at_rcpt.add("b@example.org")
    (report,) = send_day(newsroom, subscription, settings, controller)
    assert report.sent == ["a@example.org"]
    assert [who for who, _ in report.failed] == ["b@example.org"]
    assert "lost" in report.failed[0][1]
    digest_id = report_digest_id(newsroom)
    assert store.get_digest(newsroom, digest_id)["status"] == "open"
    first_content = handler.messages[0].data

    # an article arriving late for the same day does not change the resumed digest
    add_article(
        newsroom,
        "late",
        title="A late story",
        published_at="2026-11-27T23:00:00Z",
        statements=(statement("a late statement"),),
    )
    handler.drop_at_rcpt.clear()
    (retry,) = send_day(newsroom, subscription, settings, controller)
    assert retry.sent == ["b@example.org", "c@example.org"] and retry.ok
    for address in subscription.recipients:
        assert len(handler.for_recipient(address)) == 1, address
    resent = parse(handler.for_recipient("b@example.org")[0].data)
    assert "a late statement" not in resent.get_body(("plain",)).get_content()
    assert (
        parse(first_content).get_body(("plain",)).get_content().split("\n")[:4]
        == (resent.get_body(("plain",)).get_content().split("\n")[:4])
    )
    assert store.get_digest(newsroom, digest_id)["status"] == "done"
    (row,) = newsroom.query(
        "select attempts from digest_deliveries where recipient = 'b@example.org'"
    )
    assert row["attempts"] == 2


def test_an_unreachable_server_loses_nothing(newsroom, settings, server):
    controller, handler = server
    gone = LoopbackController(handler, hostname="127.0.0.1", port=0)
    gone.start()
    gone.stop()  # its port is now closed
    outbox = smtp_outbox(gone, settings)
    (report,) = send_digests(newsroom, [daily()], settings, outbox, SENDER, period=DAY)
    assert [who for who, _ in report.failed] == ["desk@example.org"]
    assert "cannot connect to 127.0.0.1" in report.failed[0][1]
    back = LoopbackController(handler, hostname="127.0.0.1", port=0)
    back.start()
    try:
        (retry,) = send_day(newsroom, daily(), settings, back)
    finally:
        back.stop()
    assert retry.sent == ["desk@example.org"] and len(handler.messages) == 1


def test_an_empty_period_sends_nothing_unless_all_quiet_is_asked(newsroom, settings, server):
    controller, handler = server
    nothing = daily(labels=("integration",))
    (report,) = send_day(newsroom, nothing, settings, controller)
    assert report.skipped == "nothing matched in the period; nothing sent"
    assert handler.messages == [] and newsroom.table("digests").count == 0

    quiet = Subscription(**{**nothing.__dict__, "all_quiet": True})
    (report,) = send_day(newsroom, quiet, settings, controller)
    assert report.sent == ["desk@example.org"]
    message = parse(handler.messages[0].data)
    assert message["Subject"] == "Returns desk, 27 Nov 2026: all quiet"
    assert (
        "All quiet: nothing matched in this period." in message.get_body(("plain",)).get_content()
    )
    (again,) = send_day(newsroom, quiet, settings, controller)
    assert len(handler.messages) == 1 and again.skipped.startswith("already sent")


def test_alerts_send_only_statements_not_alerted_yet(newsroom, settings, server):
    controller, handler = server
    watch = alert(labels=("return_policy",), speaker_types=("government",))
    outbox = smtp_outbox(controller, settings)

    (first,) = send_alerts(newsroom, [watch], settings, outbox, SENDER, now=NOW)
    assert first.sent == ["watch@example.org"] and first.items == 1
    message = parse(handler.messages[0].data)
    assert message["Subject"] == (
        "Alert (officials): Freddy Roosemont on Return policy: Belgium prepares return flights"
    )
    body = message.get_body(("plain",)).get_content()
    assert "Why: Return policy; government speaker" in body
    assert store.last_alert_at(newsroom, "officials") == "2026-11-28T06:00:00Z"

    (second,) = send_alerts(newsroom, [watch], settings, outbox, SENDER, now=NOW)
    assert second.skipped == "no new matching statements" and len(handler.messages) == 1

    add_article(
        newsroom,
        "new-returns",
        title="Return hubs agreed",
        published_at="2026-11-28T06:30:00Z",
        statements=(
            statement("return hubs will open in spring"),
            statement("rights are at risk", "Amnesty", speaker_type="ngo"),
        ),
    )
    later = NOW + dt.timedelta(hours=1)
    (third,) = send_alerts(newsroom, [watch], settings, outbox, SENDER, now=later)
    outbox.close()
    assert third.items == 1
    body = parse(handler.messages[1].data).get_body(("plain",)).get_content()
    assert "return hubs will open in spring" in body
    assert "preparations for return flights" not in body and "rights are at risk" not in body
    assert "Statements dated 28 Nov 2026 06:00 UTC to 28 Nov 2026 07:00 UTC" in body
    assert store.last_alert_at(newsroom, "officials") == "2026-11-28T07:00:00Z"


def test_an_alert_interrupted_midway_is_finished_before_new_ones(newsroom, settings, server):
    controller, handler = server
    watch = alert("a@example.org", "b@example.org", labels=("return_policy",))
    handler.drop_at_rcpt.add("b@example.org")
    outbox = smtp_outbox(controller, settings)
    (first,) = send_alerts(newsroom, [watch], settings, outbox, SENDER, now=NOW)
    assert first.sent == ["a@example.org"] and first.failed
    handler.drop_at_rcpt.clear()
    (retry,) = send_alerts(newsroom, [watch], settings, outbox, SENDER, now=NOW)
    outbox.close()
    assert retry.sent == ["b@example.org"]
    assert retry.line() == "alert officials: 2 statements; sent to 1"
    assert [len(handler.for_recipient(r)) for r in watch.recipients] == [1, 1]
    assert newsroom.table("digests").count == 1


HOSTILE_TITLES = [
    "Minister resigns\r\nBcc: evil@example.net",
    "Minister resigns\nBcc: evil@example.net",
    "=?utf-8?q?Minister_resigns=0D=0ABcc:_evil@example.net?=",
    "=?utf-8?b?TWluaXN0ZXIgcmVzaWducw0KQmNjOiBldmlsQGV4YW1wbGUubmV0?=",
    "Minister resigns%0d%0aBcc: evil@example.net",
    "Minister resigns\u2028Bcc: evil@example.net\u2029X-Evil: 1",
    "Minister resigns\x85Bcc: evil@example.net\x0bX-Evil: 1",
]


@pytest.mark.parametrize("title", HOSTILE_TITLES)
def test_titles_cannot_inject_headers(db, settings, server, title):
    controller, handler = server
    add_article(
        db,
        "hostile",
        title=title,
        published_at="2026-11-27T09:00:00Z",
        statements=(statement("returns will resume", f"Minister\r\nX-Speaker: {title}"),),
    )
    outbox = smtp_outbox(controller, settings)
    (report,) = send_alerts(db, [alert()], settings, outbox, SENDER, now=NOW)
    outbox.close()
    assert report.sent == ["watch@example.org"]
    (received,) = handler.messages
    assert received.rcpt_tos == ["watch@example.org"]  # the envelope is untouched
    message = parse(received.data)
    assert {name.lower() for name in message} == EXPECTED_HEADERS
    subject = message["Subject"]
    assert "\n" not in subject and "\r" not in subject
    assert subject.startswith("Alert (officials): Minister X-Speaker: ")
    # what was written on the wire: exactly one line starts with "Subject:" and none
    # with "Bcc:"; folded continuation lines start with white space
    head = received.data.split(b"\r\n\r\n", 1)[0].split(b"\r\n")
    assert not any(line.lower().startswith((b"bcc:", b"x-evil:", b"x-speaker:")) for line in head)


def test_header_text_removes_every_kind_of_line_break():
    assert header_text("a\r\nb\nc\rd\u2028e\u2029f\x85g\x0bh\x0ci\u200bj") == "a b c d e f g h i j"
    assert header_text("=?utf-8?q?x?=") == "= ?utf-8?q?x?="
    assert header_text("x" * 300, limit=20) == "x" * 19 + "\u2026"


def test_article_text_is_escaped_and_only_web_links_are_links(db, settings):
    add_article(
        db,
        "script",
        title="<script>alert('title')</script> & more",
        url="javascript:alert(1)",
        published_at="2026-11-27T09:00:00Z",
        statements=(statement('<img src=x onerror="alert(2)"> returns', "<b>Minister</b>"),),
    )
    digest = build_digest(db, daily(), settings, DAY)
    message, html = build_message(digest, "d1", "desk@example.org", SENDER)
    assert "<script>" not in html and "<img" not in html and "<b>Minister" not in html
    assert "&lt;script&gt;alert(&#39;title&#39;)&lt;/script&gt; &amp; more" in html
    assert "&lt;img src=x onerror=&#34;alert(2)&#34;&gt; returns" in html
    assert "javascript:" not in html
    text = message.get_body(("plain",)).get_content()
    assert "<script>alert('title')</script> & more" in text  # plain text shows it as written
    assert "javascript:" not in text


def test_digest_html_in_headless_chromium(newsroom, settings, browser_page):
    digest = build_digest(newsroom, daily(), settings, DAY)
    _, html = build_message(digest, "d1", "desk@example.org", SENDER)
    page = browser_page.page
    page.set_content(html)
    assert page.locator("h1").inner_text() == "Digest: Returns desk"
    assert page.locator("#summary").inner_text().startswith("4 statements in 3 articles")
    # each article once, as a heading, with its statements under it
    assert page.locator("h2").all_inner_texts() == [
        "Belgium prepares return flights",
        "Deal with Tunisia signed",
        "Undated readmission note",
        "Notable figures",
        "Most mentioned countries",
    ]
    assert page.locator(".article").first.locator(".statement").count() == 2
    assert "Also in: Meridian Wire" in page.locator(".article").first.inner_text()
    first = page.locator(".statement").first
    assert "Freddy Roosemont" in first.inner_text()
    quote = first.locator("blockquote")
    assert quote.inner_text() == "preparations for return flights to Afghanistan are underway"
    # the inline styles are applied: no stylesheet is needed
    assert quote.evaluate("e => getComputedStyle(e).borderLeftStyle") == "solid"
    links = page.locator(".article").first.locator("a").evaluate_all("a => a.map(x => x.href)")
    assert "https://ledger.example/returns" in links
    assert any(link.startswith("http://127.0.0.1:8001/test/statements/") for link in links)
    assert browser_page.console_errors == []
    assert browser_page.screenshot("digest").stat().st_size > 10_000


def test_cli_digest_out_dry_run_and_smtp(newsroom, settings, server, tmp_path, monkeypatch):
    controller, handler = server
    path = tmp_path / "subs.yaml"
    path.write_text(
        "subscriptions:\n"
        "  - {id: desk, recipients: [desk@example.org], schedule: daily}\n"
        "  - {id: watch, recipients: [watch@example.org], schedule: alert}\n",
        encoding="utf-8",
    )
    runner = CliRunner()
    base = ["--db", settings.db, "digest", "--subscriptions", str(path)]
    period = ["--since", "2026-11-27T06:00Z", "--until", "2026-11-28T06:00Z"]
    for name in ("MONITOR_SMTP_HOST", "MONITOR_MAIL_FROM"):
        monkeypatch.delenv(name, raising=False)

    dry = runner.invoke(cli, [*base, *period, "--dry-run"])
    assert dry.exit_code == 0, dry.output
    assert "would send to desk@example.org: desk, 27 Nov 2026: 4 statements" in dry.output

    out = runner.invoke(cli, [*base, *period, "--out", str(tmp_path / "out")])
    assert out.exit_code == 0, out.output
    files = sorted(p.suffix for p in (tmp_path / "out").iterdir())
    assert files == [".eml", ".html"]
    assert newsroom.table("digests").count == 0  # previews are not recorded

    no_server = runner.invoke(cli, [*base, *period])
    assert no_server.exit_code == 1
    assert "MONITOR_SMTP_HOST is not set" in no_server.output

    monkeypatch.setenv("MONITOR_SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("MONITOR_SMTP_PORT", str(controller.port))
    monkeypatch.setenv("MONITOR_SMTP_TLS", "none")
    monkeypatch.setenv("MONITOR_MAIL_FROM", SENDER)
    sent = runner.invoke(cli, [*base, *period])
    assert sent.exit_code == 0, sent.output
    assert sent.output.strip() == "digest desk: 4 statements; sent to 1"
    again = runner.invoke(cli, [*base, *period, "--subscription", "desk"])
    assert again.output.strip().endswith("already sent to every recipient; nothing sent")
    assert len(handler.messages) == 1


def test_smtp_configuration_comes_from_the_environment():
    config = SmtpConfig.from_env(
        {
            "MONITOR_SMTP_HOST": "mail.example.org",
            "MONITOR_SMTP_TLS": "ssl",
            "MONITOR_SMTP_USER": "monitor",
            "MONITOR_SMTP_PASSWORD": "secret",
            "MONITOR_MAIL_FROM": SENDER,
        }
    )
    assert (config.port, config.tls, config.user) == (465, "ssl", "monitor")
    with pytest.raises(MailError, match="MONITOR_SMTP_TLS='tls' is not one of"):
        SmtpConfig.from_env({"MONITOR_SMTP_HOST": "h", "MONITOR_SMTP_TLS": "tls"})
    with pytest.raises(MailError, match="MONITOR_MAIL_FROM is not set"):
        SmtpConfig.from_env({"MONITOR_SMTP_HOST": "h"})
    with pytest.raises(MailError, match="not a plain e-mail address"):
        SmtpConfig.from_env({"MONITOR_SMTP_HOST": "h", "MONITOR_MAIL_FROM": "a@b.org\r\nBcc: x"})


# --- TLS and login --------------------------------------------------------------------


@pytest.fixture(scope="module")
def certificate(tmp_path_factory):
    """A self-signed certificate for 127.0.0.1, and a client context that trusts it."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = dt.datetime.now(dt.timezone.utc)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    folder = tmp_path_factory.mktemp("tls")
    (folder / "cert.pem").write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    (folder / "key.pem").write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    server = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    server.load_cert_chain(folder / "cert.pem", folder / "key.pem")
    client = ssl.create_default_context(cafile=str(folder / "cert.pem"))
    return server, client


def password_check(server, session, envelope, mechanism, auth_data) -> AuthResult:
    ok = auth_data.login == b"monitor" and auth_data.password == b"s3cret"
    return AuthResult(success=ok, handled=False)


@pytest.mark.parametrize("mode", ["starttls", "ssl"])
def test_tls_and_login(newsroom, settings, certificate, mode):
    server_context, client_context = certificate
    handler = MailHandler()
    # aiosmtpd counts only STARTTLS as TLS for auth_require_tls; with implicit TLS
    # the whole connection is encrypted anyway.
    options = (
        {"tls_context": server_context, "require_starttls": True, "auth_require_tls": True}
        if mode == "starttls"
        else {"ssl_context": server_context, "auth_require_tls": False}
    )
    controller = LoopbackController(
        handler,
        hostname="127.0.0.1",
        port=0,
        authenticator=password_check,
        **options,
    )
    controller.start()
    try:
        config = SmtpConfig("127.0.0.1", controller.port, "monitor", "s3cret", mode, SENDER)
        outbox = SmtpOutbox(config, settings.smtp_timeout, client_context)
        (report,) = send_digests(newsroom, [daily()], settings, outbox, SENDER, period=DAY)
        outbox.close()
        assert report.sent == ["desk@example.org"]
        assert len(handler.messages) == 1

        wrong = SmtpConfig("127.0.0.1", controller.port, "monitor", "guess", mode, SENDER)
        refused = SmtpOutbox(wrong, settings.smtp_timeout, client_context)
        with pytest.raises(MailError, match="SMTP login as 'monitor' refused: 535"):
            send_digests(newsroom, [daily("x@example.org")], settings, refused, SENDER, period=DAY)
    finally:
        controller.stop()


def test_folder_outbox_writes_eml_and_html(newsroom, settings, tmp_path):
    outbox = FolderOutbox(tmp_path / "mail")
    (report,) = send_digests(newsroom, [daily()], settings, outbox, SENDER, period=DAY)
    assert report.sent == ["desk@example.org"]
    (eml,) = outbox.written
    assert eml.name.startswith("returns-desk-") and eml.name.endswith("-desk@example.org.eml")
    message = parse(eml.read_bytes())
    assert message["To"] == "desk@example.org"
    html = message.get_body(("html",)).get_content()
    assert eml.with_suffix(".html").read_text(encoding="utf-8") == html.replace("\r\n", "\n")


def test_monitor_run_step_sends_what_is_due_once(db, settings, server, tmp_path, monkeypatch):
    from monitor.pipeline import send_due_mail
    from monitor.publish.digest import daily_period

    controller, handler = server
    subscriptions = tmp_path / "subscriptions.yaml"
    settings = settings.replace(subscriptions=str(subscriptions))
    send_due_mail(settings)  # no subscriptions file: nothing to do, no server needed
    assert handler.messages == []

    subscriptions.write_text(
        "subscriptions:\n"
        "  - {id: desk, recipients: [desk@example.org], schedule: daily}\n"
        "  - {id: watch, recipients: [watch@example.org], schedule: alert}\n",
        encoding="utf-8",
    )
    # dated inside the period a run now considers due, whatever the clock says
    period = daily_period(settings)
    add_article(
        db,
        "due",
        title="Due story",
        published_at=(period.end - dt.timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M:%SZ"),
        statements=(statement("returns will resume"),),
    )
    for name, value in {
        "MONITOR_SMTP_HOST": "127.0.0.1",
        "MONITOR_SMTP_PORT": str(controller.port),
        "MONITOR_SMTP_TLS": "none",
        "MONITOR_MAIL_FROM": SENDER,
    }.items():
        monkeypatch.setenv(name, value)
    send_due_mail(settings)
    assert sorted(r for m in handler.messages for r in m.rcpt_tos) == [
        "desk@example.org",
        "watch@example.org",
    ]
    send_due_mail(settings)
    assert len(handler.messages) == 2


def test_the_demo_writes_its_digest_as_files(newsroom, settings, tmp_path):
    from monitor.pipeline import demo_digests

    demo_digests(settings)
    folder = tmp_path / "test-digests"  # beside the database test.db
    written = sorted(path.name.rsplit("-", 2)[0] + path.suffix for path in folder.iterdir())
    assert written == [
        "morning-digest.eml",
        "morning-digest.html",
        *["returns-belgium.eml"] * 2,  # two recipients
        *["returns-belgium.html"] * 2,
    ]
    # the unfiltered subscription covers every statement, from the first to the last article
    html = next(folder.glob("morning-digest-*.html")).read_text(encoding="utf-8")
    assert "5 statements in 4 articles" in html  # October's late article included
    assert newsroom.table("digests").count == 0


def test_an_open_digest_whose_statements_were_reanalysed_away_is_closed(newsroom, settings, server):
    controller, handler = server
    subscription = daily("a@example.org", "b@example.org", labels=("externalisation",))
    handler.drop_at_rcpt.add("a@example.org")
    (report,) = send_day(newsroom, subscription, settings, controller)
    assert report.failed and handler.messages == []
    # the Tunisia article is analysed again and now has no statements
    store.save_analysis(
        newsroom,
        "tunisia",
        {
            "relevant": True,
            "relevance_score": 0.9,
            "labels": [],
            "countries": [],
            "actors": [],
            "figures": [],
            "statements": [],
        },
        "test-2",
    )
    handler.drop_at_rcpt.clear()
    (retry,) = send_day(newsroom, subscription, settings, controller)
    assert retry.skipped == "its statements no longer exist (re-analysed); closed unsent"
    assert handler.messages == []
    assert store.get_digest(newsroom, report_digest_id(newsroom))["status"] == "done"
