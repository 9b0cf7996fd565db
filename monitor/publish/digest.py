"""What goes into a digest or an alert: selection, matching, grouping, folding.

``build_digest`` turns the statements of a period into a ``Digest``: the
statements a subscription's filters accept (each with the reason it matched),
grouped by article (the article once, its statements under it, one line of why);
the notable figures and most mentioned countries of their
articles; and a summary line. Syndicated copies are never analysed (their
``duplicate_of`` points at the original), so each story appears once, with
the outlets that carried a copy listed as "also in". Rendering and sending
are ``monitor.mailer``'s business; this module only reads.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from pathlib import Path
from urllib.parse import quote
from zoneinfo import ZoneInfo

import sqlite_utils

from monitor import store
from monitor.codebook import LABEL_NAMES as CODEBOOK_NAMES
from monitor.country_names import country_name
from monitor.publish.subscriptions import Filters, Subscription
from monitor.settings import Settings

UNLABELLED = "other"
# Display names of the digest sections: the codebook's, and one for statements
# no label fits.
LABEL_NAMES = {**CODEBOOK_NAMES, UNLABELLED: "Other statements"}


# A daily period lasts 23 to 25 hours across a DST change; anything longer is a range.
ONE_DAY_OR_DST_DAY = timedelta(hours=25)


class DigestError(ValueError):
    """A digest cannot be built as asked (bad period, bad time zone)."""


@dataclass(frozen=True)
class Period:
    """Half-open interval [start, end) in UTC."""

    start: datetime
    end: datetime

    def iso(self) -> tuple[str, str]:
        return (_iso(self.start), _iso(self.end))


@dataclass
class Copy:
    source: str
    url: str


@dataclass
class StatementItem:
    id: str
    article_id: str
    speaker: str
    role: str
    content: str
    stance: str
    cue: str
    kind: str
    negated: bool
    """The speaker denies or rejects the content: shown as "denied: ...", never as a claim."""
    certainty: str
    """How sure the classifier is of the stance, in words ("likely", "possibly")."""
    labels: list[tuple[str, float]]
    title: str
    url: str
    source: str
    dated: str
    reasons: list[str]
    """Why it matched, one phrase per filter (empty without filters)."""
    doc_type: str
    article_link: str
    statement_link: str
    group: str
    also_in: list[Copy] = field(default_factory=list)

    @property
    def why(self) -> str:
        return "; ".join(self.reasons)

    @property
    def best_score(self) -> float:
        return max((score for _, score in self.labels), default=0.0)


@dataclass
class ArticleGroup:
    """One article of a digest with the statements of it that matched, shown once."""

    article_id: str
    title: str
    url: str
    source: str
    dated: str
    doc_type: str
    article_link: str
    also_in: list[Copy]
    statements: list[StatementItem]
    """The statements shown, in the order the article gives them."""
    more: int
    """Matching statements of this article left out (see the article page)."""
    why: str
    """Why the article is in the digest, in one short line ("" for a subscription
    without filters: then everything relevant is)."""


@dataclass
class FigureItem:
    text: str
    counts: str
    country: str
    year: int | None
    sentence: str
    title: str
    url: str


@dataclass
class Digest:
    subscription: Subscription
    kind: str
    """``daily`` or ``alert``."""
    period: Period
    items: list[StatementItem]
    """Every matching statement (the mail shows the first ``shown``)."""
    shown: int
    figures: list[FigureItem]
    countries: list[tuple[str, str, int]]
    """(iso3, name, mentions), most mentioned first."""
    articles: int
    sources: list[str]
    timezone: str
    datasette_statements: str
    per_article: int = 4
    """Statements shown under one article (setting ``digest_statements_per_article``)."""

    @property
    def empty(self) -> bool:
        return not self.items

    @property
    def item_ids(self) -> list[str]:
        return [item.id for item in self.items]

    def by_article(self) -> list[ArticleGroup]:
        """The shown statements grouped by article, in the order they were found (by
        date); each article shows at most ``per_article`` of them, its best matches."""
        grouped: dict[str, list[StatementItem]] = {}
        for item in self.items[: self.shown]:
            grouped.setdefault(item.article_id, []).append(item)
        return [_article_group(items, self.per_article) for items in grouped.values()]

    def summary(self) -> str:
        if self.empty:
            return "All quiet: nothing matched in this period."
        copies = len({copy.url for item in self.items for copy in item.also_in})
        statements = len(self.items)
        text = (
            f"{statements} statement{'s' * (statements != 1)} in {self.articles} "
            f"article{'s' * (self.articles != 1)} from {len(self.sources)} "
            f"source{'s' * (len(self.sources) != 1)}"
        )
        folded = f"{copies} syndicated cop{'ies' if copies != 1 else 'y'} folded"
        return text + (f" ({folded})" if copies else "")

    def local(self, moment: str | datetime, form: str = "%d %b %Y %H:%M %Z") -> str:
        """A date as readers of this digest expect it: in the digest's time zone."""
        if isinstance(moment, str):
            moment = parse_utc(moment)
        return moment.astimezone(ZoneInfo(self.timezone)).strftime(form)

    def period_name(self) -> str:
        """The period's own date(s) in the digest's time zone: a daily period running
        from 20 Nov 07:00 to 21 Nov 07:00 is the digest of 20 Nov, not of 21 Nov."""
        first = self.period.start.astimezone(ZoneInfo(self.timezone))
        # The end is excluded, so the last moment of the period names its last day.
        last = (self.period.end - timedelta(seconds=1)).astimezone(ZoneInfo(self.timezone))
        if self.period.end - self.period.start <= ONE_DAY_OR_DST_DAY:
            return first.strftime("%d %b %Y")
        if first.year != last.year:
            return f"{first:%d %b %Y} to {last:%d %b %Y}"
        return f"{first:%d %b} to {last:%d %b %Y}"


# --- periods ----------------------------------------------------------------------


def _iso(moment: datetime) -> str:
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def parse_utc(value: str) -> datetime:
    moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


def zone(settings: Settings) -> ZoneInfo:
    # Settings refuses an unknown zone when it is made (setting_rules.time_zone).
    return ZoneInfo(settings.digest_timezone)


def daily_period(settings: Settings, now: datetime | None = None) -> Period:
    """The 24 hours ending at the latest ``digest_hour`` (local time) at or before now.

    Aligned to the clock rather than to "now", so that every run on the same
    day asks for the same period and the digests table can tell it was sent.
    """
    tz = zone(settings)  # digest_hour is 0-23: Settings checks it when it is made
    local_now = (now or datetime.now(timezone.utc)).astimezone(tz)
    end = local_now.replace(hour=settings.digest_hour, minute=0, second=0, microsecond=0)
    if end > local_now:
        end -= timedelta(days=1)
    # Calendar arithmetic on local dates keeps the hour right across DST changes.
    start = (end.replace(tzinfo=None) - timedelta(days=1)).replace(tzinfo=tz)
    return Period(start.astimezone(timezone.utc), end.astimezone(timezone.utc))


def parse_moment(value: str, settings: Settings) -> datetime:
    """A --since/--until value: ISO date or date-time; without an offset it is local time."""
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError as error:
        raise DigestError(f"{value!r} is not an ISO date or date-time") from error
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=zone(settings))
    return moment.astimezone(timezone.utc)


# --- matching -------------------------------------------------------------------


def _keyword_pattern(keyword: str) -> re.Pattern[str]:
    return re.compile(r"(?<!\w)" + re.escape(keyword) + r"(?!\w)", re.IGNORECASE)


def match_reasons(
    row: dict, labels: list[tuple[str, float]], countries: set[str], filters: Filters
) -> list[str] | None:
    """Why this statement matches ``filters``, one short phrase per filter in words a
    reader knows (label and country names, no scores or codes); ``[]`` when the
    subscription has no filters; None when the statement does not match.

    ``countries`` are the ISO codes the statement's article mentions.
    """
    reasons: list[str] = []
    if filters.labels:
        hits = [lab for lab, s in labels if lab in filters.labels and s >= filters.min_score]
        if not hits:
            return None
        reasons.append(" and ".join(LABEL_NAMES.get(lab, lab) for lab in hits))
    if filters.countries:
        mentioned = [code for code in filters.countries if code in countries]
        speaker_from = row.get("actor_country") in filters.countries
        if not mentioned and not speaker_from:
            return None
        if mentioned:
            reasons.append("mentions " + " and ".join(country_name(c) for c in mentioned))
        if speaker_from:
            reasons.append(f"speaker from {country_name(row['actor_country'])}")
    if filters.actors:
        wanted = {name.casefold() for name in filters.actors}
        names = {
            (row.get(key) or "").casefold()
            for key in ("speaker_actor_id", "actor_name", "speaker_text")
        }
        if not wanted & names:
            return None
        reasons.append(f"said by {row.get('actor_name') or row.get('speaker_text')}")
    if filters.speaker_types:
        if row.get("speaker_type") not in filters.speaker_types:
            return None
        reasons.append(f"{row['speaker_type'].replace('_', ' ')} speaker")
    if filters.keywords:
        text = f"{row.get('content') or ''}\n{row.get('title') or ''}"
        found = [word for word in filters.keywords if _keyword_pattern(word).search(text)]
        if not found:
            return None
        reasons.append("says " + " and ".join(f"'{word}'" for word in found))
    return reasons


def certainty(score: float | None) -> str:
    """A stance probability in words, for readers who should not over-read it."""
    if score is None:
        return ""
    if score >= 0.8:
        return "very likely"
    if score >= 0.6:
        return "likely"
    return "possibly"


def _labels(row: dict) -> list[tuple[str, float]]:
    pairs = [
        (entry["label"], float(entry["score"] or 0.0))
        for entry in json.loads(row.get("labels") or "[]")
        if entry.get("label")
    ]
    return sorted(pairs, key=lambda pair: -pair[1])


def _group(labels: list[tuple[str, float]], filters: Filters) -> str:
    """The one label a statement is listed under: its best label among those asked for."""
    candidates = [lab for lab, _ in labels if not filters.labels or lab in filters.labels]
    return candidates[0] if candidates and candidates[0] in LABEL_NAMES else UNLABELLED


# --- building ---------------------------------------------------------------------


def datasette_link(settings: Settings, table: str, row_id: str | None = None) -> str:
    """Link to a table or row page of the published database (Datasette names the
    database after the file's stem)."""
    link = f"{settings.datasette_url.rstrip('/')}/{quote(Path(settings.db).stem)}/{table}"
    return link if row_id is None else f"{link}/{quote(row_id)}"


def build_digest(
    db: sqlite_utils.Database,
    subscription: Subscription,
    settings: Settings,
    period: Period,
    *,
    kind: str = "daily",
    only_ids: list[str] | None = None,
    exclude_ids: set[str] | None = None,
) -> Digest:
    """Everything one subscription should read about ``period``.

    ``only_ids`` rebuilds a digest recorded earlier (a resumed send shows what
    the first attempt showed); ``exclude_ids`` leaves out statements already
    alerted.
    """
    start, end = period.iso()
    rows = store.digest_statements(db, start, end, only_ids=only_ids)
    article_ids = sorted({row["article_id"] for row in rows})
    country_rows = store.articles_countries(db, article_ids)
    countries_of: dict[str, set[str]] = {}
    for entry in country_rows:
        countries_of.setdefault(entry["article_id"], set()).add(entry["iso3"])
    filters = subscription.filters
    items: list[StatementItem] = []
    for row in rows:
        if exclude_ids and row["id"] in exclude_ids:
            continue
        # Labels count from the setting's score, chosen on real news for precision; a
        # subscription's own min_score can only raise that floor, never lower it.
        floor = max(filters.min_score, settings.digest_min_label_score)
        labels = [pair for pair in _labels(row) if pair[1] >= floor]
        reasons = match_reasons(row, labels, countries_of.get(row["article_id"], set()), filters)
        if reasons is None:
            continue
        items.append(
            StatementItem(
                id=row["id"],
                article_id=row["article_id"],
                speaker=row["actor_name"] or row["speaker_text"] or "(speaker not established)",
                # An organisation's "role" is often its own name again.
                role=""
                if (row["role"] or "") in {row["actor_name"], row["speaker_text"]}
                else row["role"],
                content=row["content"] or "",
                stance=row["stance"] or "",
                cue=row["cue"] or "",
                kind=row["kind"] or "",
                negated=bool(row.get("negated")),
                certainty=certainty(row.get("stance_score")),
                labels=labels,
                title=row["title"] or "(untitled)",
                url=row["url"] or "",
                source=row["source_name"] or "",
                dated=row["dated"] or "",
                # News is the default; other kinds (press release, court ruling ...) are named.
                doc_type=(row["doc_type"] or "news").replace("_", " "),
                reasons=reasons,
                article_link=datasette_link(settings, "articles", row["article_id"]),
                statement_link=datasette_link(settings, "statements", row["id"]),
                group=_group(labels, filters),
            )
        )
    matched_articles = sorted({item.article_id for item in items})
    copies: dict[str, list[Copy]] = {}
    for copy in store.syndicated_copies(db, matched_articles):
        copies.setdefault(copy["duplicate_of"], []).append(Copy(copy["source_name"], copy["url"]))
    sources = {item.source for item in items}
    for item in items:
        item.also_in = copies.get(item.article_id, [])
        sources.update(copy.source for copy in item.also_in)
    return Digest(
        subscription=subscription,
        kind=kind,
        period=period,
        items=items,
        shown=min(len(items), settings.digest_max_statements),
        figures=_notable_figures(db, matched_articles, filters, settings.digest_max_figures),
        countries=_top_countries(
            [c for c in country_rows if c["article_id"] in set(matched_articles)],
            settings.digest_max_countries,
        ),
        articles=len(matched_articles),
        sources=sorted(sources),
        timezone=settings.digest_timezone,
        datasette_statements=datasette_link(settings, "statements_view"),
        per_article=settings.digest_statements_per_article,
    )


def _article_group(items: list[StatementItem], per_article: int) -> ArticleGroup:
    """One article and its matching statements: the ``per_article`` best matches (by
    label score), shown in the article's order, and one line of why for them all."""
    first = items[0]
    best = {item.id for item in sorted(items, key=lambda i: -i.best_score)[:per_article]}
    reasons = dict.fromkeys(reason for item in items for reason in item.reasons)
    why = "; ".join(reasons)
    return ArticleGroup(
        article_id=first.article_id,
        title=first.title,
        url=first.url,
        source=first.source,
        dated=first.dated,
        doc_type=first.doc_type,
        article_link=first.article_link,
        also_in=first.also_in,
        statements=[item for item in items if item.id in best],
        more=len(items) - len(best),
        why=why[:1].upper() + why[1:],
    )


def _notable_figures(
    db: sqlite_utils.Database, article_ids: list[str], filters: Filters, limit: int
) -> list[FigureItem]:
    """Counts first, largest first; with a country filter, that country's figures only."""
    rows = store.articles_figures(db, article_ids)
    if filters.countries:
        rows = [row for row in rows if row["country"] in filters.countries]
    rows.sort(key=lambda row: (row["kind"] != "count", -(row["value"] or 0.0)))
    return [
        FigureItem(
            text=row["text"] or "",
            counts=row["counts"] or "",
            country=row["country"] or "",
            year=row["year"],
            sentence=row["sentence"] or "",
            title=row["title"] or "",
            url=row["url"] or "",
        )
        for row in rows[:limit]
    ]


def _top_countries(rows: list[dict], limit: int) -> list[tuple[str, str, int]]:
    mentions: Counter[str] = Counter()
    names: dict[str, str] = {}
    for row in rows:
        mentions[row["iso3"]] += row["mentions"] or 0
        names[row["iso3"]] = row["name"]
    ranked = sorted(mentions.items(), key=lambda pair: (-pair[1], pair[0]))
    return [(code, names[code], count) for code, count in ranked[:limit]]


def period_between(since: str | None, until: str | None, settings: Settings) -> Period:
    """The period a reader asks for: ``since`` to ``until`` (either may be missing:
    a day before ``until``, or up to now), or the default daily period."""
    if since is None and until is None:
        return daily_period(settings)
    end = parse_moment(until, settings) if until else datetime.now(timezone.utc)
    start = parse_moment(since, settings) if since else end - timedelta(days=1)
    if start >= end:
        raise DigestError(f"--since {since} is not before --until {until or 'now'}")
    return Period(start, end)
