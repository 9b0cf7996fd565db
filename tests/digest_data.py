"""Small, hand-written articles with statements for the digest and mail tests,
written through the store's own functions (``save_article`` / ``save_analysis``),
and a real SMTP server (aiosmtpd) on 127.0.0.1 whose behaviour a test can change."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from datetime import datetime, timezone
from types import SimpleNamespace
from typing import Any

from aiosmtpd.controller import Controller

from monitor import store
from monitor.publish.digest import Period

# The day the newsroom below covers: 07:00 to 07:00 in Brussels, winter time.
DAY = Period(
    datetime(2026, 11, 27, 6, tzinfo=timezone.utc), datetime(2026, 11, 28, 6, tzinfo=timezone.utc)
)

SOURCES = {
    "ledger": "The Ledger",
    "wire": "Meridian Wire",
    "brief": "Policy Brief",
}


def add_sources(db) -> None:
    store.save_sources(
        db,
        [
            SimpleNamespace(
                id=source_id,
                name=name,
                url=f"https://{source_id}.example/feed",
                kind="rss",
                language="en",
                country=None,
                tags=(),
                enabled=True,
            )
            for source_id, name in SOURCES.items()
        ],
    )


def statement(
    content: str,
    speaker: str | None = "Freddy Roosemont",
    *,
    speaker_type: str | None = "government",
    labels: tuple[tuple[str, float], ...] = (("return_policy", 0.9),),
    stance: str = "restrictive",
    role: str = "Director-General of the Immigration Office",
    country: str | None = "BEL",
    cue: str = "said",
    negated: bool = False,
) -> dict[str, Any]:
    return {
        "content": content,
        "cue": cue,
        "negated": negated,
        "speaker": speaker,
        "speaker_type": speaker_type,
        "labels": labels,
        "stance": stance,
        "role": role,
        "country": country,
    }


def add_article(
    db,
    article_id: str,
    *,
    title: str,
    published_at: str | None,
    source_id: str = "ledger",
    url: str | None = None,
    fetched_at: str = "2026-11-27T12:00:00Z",
    statements: tuple[dict[str, Any], ...] = (),
    countries: tuple[tuple[str, int], ...] = (("BEL", 3),),
    figures: tuple[dict[str, Any], ...] = (),
    relevant: bool = True,
    duplicate_of: str | None = None,
) -> None:
    """An article as the crawler and the analysis would have stored it."""
    text = " ".join(item["content"] for item in statements) or title
    store.save_article(
        db,
        {
            "id": article_id,
            "url": url or f"https://{source_id}.example/{article_id}",
            "canonical_url": url or f"https://{source_id}.example/{article_id}",
            "source_id": source_id,
            "title": title,
            "text": text,
            "published_at": published_at,
            "fetched_at": fetched_at,
            "content_hash": f"hash-{article_id}",
            "duplicate_of": duplicate_of,
        },
        {"fetched_at": fetched_at, "status": 200, "content_type": "text/html", "html": "<p/>"},
    )
    if duplicate_of:  # a syndicated copy is never analysed; it shares the original's relevance
        store.save_duplicate_analysis(db, article_id, duplicate_of, "test")
        return
    actors, analysed, offset = {}, [], 0
    for item in statements:
        actor_id = None
        if item["speaker"]:
            actor_id = item["speaker"].lower().replace(" ", "-")
            actors[actor_id] = {
                "id": actor_id,
                "name": item["speaker"],
                "kind": "person",
                "type": item["speaker_type"] or "other",
                "role": item["role"],
                "country": item["country"],
                "mentions": 1,
            }
        analysed.append(
            {
                "speaker": item["speaker"],
                "speaker_id": actor_id,
                "speaker_type": item["speaker_type"],
                "cue": item["cue"],
                "kind": "indirect",
                "negated": item["negated"],
                "content": item["content"],
                "stance": item["stance"],
                "start": offset,
                "end": offset + len(item["content"]),
                "label_scores": [{"label": lab, "score": s} for lab, s in item["labels"]],
            }
        )
        offset += len(item["content"]) + 1
    store.save_analysis(
        db,
        article_id,
        {
            "relevant": relevant,
            "relevance_score": 0.9 if relevant else 0.1,
            "labels": [],
            "countries": [{"iso3": code, "mentions": n} for code, n in countries],
            "actors": list(actors.values()),
            "figures": [
                {
                    "sentence": f"{figure['text']} {figure.get('counts', '')}.",
                    "qualifier": None,
                    "kind": "count",
                    "year": 2026,
                    "start": 1000 + position,
                    "end": 1010 + position,
                    "counts": None,
                    "country": None,
                    **figure,
                }
                for position, figure in enumerate(figures)
            ],
            "statements": analysed,
        },
        "test",
    )


def statement_ids(db, article_id: str) -> list[str]:
    return [
        row["id"]
        for row in db.query(
            "select id from statements where article_id = ? order by start", [article_id]
        )
    ]


def fill_newsroom(db):
    """A day of news: an original with a syndicated copy, a rights NGO, an old article
    fetched late, an undated one, and an article that is not about migration."""
    add_sources(db)
    add_article(
        db,
        "returns",
        title="Belgium prepares return flights",
        published_at="2026-11-27T09:00:00Z",
        statements=(
            statement("preparations for return flights to Afghanistan are underway"),
            statement(
                "returns must be handled carefully",
                "Human Rights Watch",
                speaker_type="ngo",
                labels=(("rights_concerns", 0.8), ("return_policy", 0.76)),
                stance="protective",
                role="rights group",
                country=None,
            ),
        ),
        countries=(("BEL", 4), ("AFG", 2)),
        figures=(
            {
                "text": "more than 34,000",
                "value": 34000,
                "counts": "asylum applications",
                "country": "BEL",
            },
            {"text": "12 percent", "value": 12, "kind": "percent", "country": "BEL"},
        ),
    )
    add_article(
        db,
        "returns-copy",
        title="Belgium prepares return flights",
        published_at="2026-11-27T10:00:00Z",
        source_id="wire",
        duplicate_of="returns",
    )
    add_article(
        db,
        "tunisia",
        title="Deal with Tunisia signed",
        published_at="2026-11-27T15:30:00Z",
        source_id="brief",
        statements=(
            statement(
                "the memorandum will cut departures",
                "Ursula Example",
                speaker_type="eu_institution",
                labels=(("externalisation", 0.95),),
                role="Commission President",
                country=None,
            ),
        ),
        countries=(("TUN", 5), ("ITA", 1)),
    )
    add_article(
        db,
        "old-but-late",
        title="Last month's readmission talks",
        published_at="2026-10-01T08:00:00Z",
        fetched_at="2026-11-27T11:00:00Z",
        statements=(statement("readmission talks resume"),),
    )
    add_article(
        db,
        "undated",
        title="Undated readmission note",
        published_at=None,
        fetched_at="2026-11-27T20:00:00Z",
        statements=(statement("the readmission agreement is ready", labels=()),),
    )
    add_article(
        db,
        "football",
        title="Cup final",
        published_at="2026-11-27T18:00:00Z",
        statements=(statement("we will return next season", "Coach", labels=()),),
        relevant=False,
    )
    return db


# --- a real SMTP server ---------------------------------------------------------------


@dataclass
class Received:
    mail_from: str
    rcpt_tos: list[str]
    data: bytes


@dataclass
class MailHandler:
    """aiosmtpd handler: keeps every message; can refuse recipients or drop the line."""

    messages: list[Received] = field(default_factory=list)
    refuse: dict[str, str] = field(default_factory=dict)
    """recipient -> SMTP reply, e.g. "550 5.1.1 no such user"."""
    drop_at_rcpt: set[str] = field(default_factory=set)
    """Recipients at whose RCPT the server closes the connection without a word."""

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):  # noqa: N802
        if address in self.drop_at_rcpt:
            server.transport.close()
            await asyncio.sleep(0)
            return "421 4.3.0 gone"
        if address in self.refuse:
            return self.refuse[address]
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):  # noqa: N802
        self.messages.append(
            Received(envelope.mail_from, list(envelope.rcpt_tos), envelope.content)
        )
        return "250 Message accepted for delivery"

    def for_recipient(self, address: str) -> list[Received]:
        return [message for message in self.messages if address in message.rcpt_tos]


class LoopbackController(Controller):
    """aiosmtpd's Controller on an ephemeral port: it binds port 0, then learns the port
    before its readiness probe connects."""

    def _trigger_server(self) -> None:
        self.port = self.server.sockets[0].getsockname()[1]
        super()._trigger_server()
