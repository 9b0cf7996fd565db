"""Turn the bytes of an RSS or Atom feed into entries.

feedparser gets the bytes we fetched, never a URL, so every request stays
under the fetcher's limits. A malformed feed (``bozo``) still yields the
entries feedparser could recover; the problem is reported alongside them.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass, field
from datetime import datetime, timezone

import feedparser

from monitor.urls import resolve


@dataclass(frozen=True)
class FeedEntry:
    url: str
    title: str
    guid: str
    published_at: str | None
    author: str | None = None
    summary: str = ""
    tags: tuple[str, ...] = ()


@dataclass
class ParsedFeed:
    entries: list[FeedEntry] = field(default_factory=list)
    title: str = ""
    malformed: str | None = None
    """feedparser's complaint when the feed is not well formed (entries may still be present)."""
    skipped: list[str] = field(default_factory=list)
    """One reason per entry that could not be used (no link, bad scheme), and what
    the ``max_entries_per_feed`` cap left out."""


def _utc_iso(struct: object) -> str | None:
    if not struct:
        return None
    try:
        moment = datetime.fromtimestamp(calendar.timegm(struct), tz=timezone.utc)  # type: ignore[arg-type]
    except (TypeError, ValueError, OverflowError):
        return None
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def _entry_link(entry: feedparser.FeedParserDict) -> str:
    for link in entry.get("links", []):
        if link.get("rel", "alternate") == "alternate" and link.get("href"):
            return str(link["href"])
    return str(entry.get("link") or "")


def _newest_first_positions(entries: list[FeedEntry]) -> list[int]:
    """Positions of ``entries`` from newest to oldest: dated entries by date, then
    undated ones in document order (feeds and listings put the newest first)."""
    dated = [i for i, entry in enumerate(entries) if entry.published_at]
    undated = [i for i, entry in enumerate(entries) if not entry.published_at]
    # Stable sort: entries with the same date keep their document order.
    dated.sort(key=lambda i: entries[i].published_at or "", reverse=True)
    return dated + undated


def keep_newest(
    entries: list[FeedEntry], max_entries: int, listed_in: str = "feed"
) -> tuple[list[FeedEntry], str | None]:
    """The newest ``max_entries`` entries, in document order, and a note on what was
    left out (None when nothing was).

    Feeds are not always newest first: taking the first entries of an oldest-first
    feed kept the oldest and silently dropped the news.
    """
    if len(entries) <= max_entries:
        return entries, None
    kept = set(_newest_first_positions(entries)[:max_entries])
    left_out = len(entries) - max_entries
    undated = sum(1 for entry in entries if not entry.published_at)
    if undated == len(entries):
        how, rest = f"the first {max_entries} (no dates; document order)", "later"
    elif undated:
        how, rest = f"the {max_entries} newest ({undated} undated counted as oldest)", "older"
    else:
        how, rest = f"the {max_entries} newest", "older"
    note = (
        f"{listed_in} listed {len(entries)} entries; kept {how} (max_entries_per_feed);"
        f" {left_out} {rest} ones not read"
    )
    return [entry for i, entry in enumerate(entries) if i in kept], note


def parse_feed(
    content: bytes,
    feed_url: str,
    max_entries: int = 200,
    content_type: str = "application/xml",
) -> ParsedFeed:
    """Parse feed bytes fetched from ``feed_url``; relative links are resolved
    against ``xml:base`` (feedparser does that) and then the feed URL.

    ``content_type`` is the server's Content-Type header (with charset), which
    feedparser uses to pick the encoding when the XML does not declare one.
    """
    parsed = feedparser.parse(
        content,
        response_headers={"content-location": feed_url, "content-type": content_type},
        sanitize_html=True,
        resolve_relative_uris=True,
    )
    result = ParsedFeed(title=str(parsed.feed.get("title", "")))
    if parsed.get("bozo"):
        result.malformed = f"{type(parsed.bozo_exception).__name__}: {parsed.bozo_exception}"
    for position, entry in enumerate(parsed.entries, start=1):
        link = _entry_link(entry)
        title = str(entry.get("title", "")).strip()
        if not link:
            result.skipped.append(f"entry {position} ({title or 'untitled'}): no link")
            continue
        url = resolve(feed_url, link)
        if not url.startswith(("http://", "https://")):
            result.skipped.append(f"entry {position}: link {link!r} is not http(s)")
            continue
        published = _utc_iso(entry.get("published_parsed") or entry.get("updated_parsed"))
        result.entries.append(
            FeedEntry(
                url=url,
                title=title,
                guid=str(entry.get("id") or url),
                published_at=published,
                author=(str(entry["author"]) if entry.get("author") else None),
                summary=str(entry.get("summary", "")),
                tags=tuple(
                    str(tag.get("term")) for tag in entry.get("tags", []) if tag.get("term")
                ),
            )
        )
    result.entries, cut = keep_newest(result.entries, max_entries)
    if cut:
        result.skipped.append(cut)
    return result
