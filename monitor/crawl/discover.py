"""Documents from sources without a feed: listing pages and XML sitemaps.

Many official publishers (ministries, courts, UN agencies, NGOs) list their
press releases and reports on a web page or in a sitemap but offer no RSS.
This module turns such a page into the same :class:`~monitor.feeds.ParsedFeed`
a feed gives, so the crawler treats the entries exactly like feed entries:
the same fetcher (guard, robots, politeness, size caps), the same dedup, and
URLs already stored are never fetched again.

* **listing**: ``selector`` (CSS) picks the links, or the elements holding
  them (the first link inside is taken, with a ``<time datetime>`` found
  there as the date); ``link_pattern`` (a regular expression) keeps only
  matching URLs. Either or both may be given.
* **sitemap**: a ``<urlset>`` lists pages with ``<lastmod>``; a
  ``<sitemapindex>`` lists further sitemaps, of which the most recently
  modified ``max_sitemap_children`` are read. Gzipped sitemaps are accepted.
  ``link_pattern`` keeps only matching URLs; entries are taken newest first.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field

import lxml.etree
import lxml.html
from lxml.cssselect import CSSSelector

from monitor.crawl.feeds import FeedEntry, ParsedFeed, keep_newest
from monitor.crawl.http import FetchError, FetchResult
from monitor.crawl.sources import Source
from monitor.dates import to_utc_iso
from monitor.settings import Settings
from monitor.urls import canonical_url, resolve

GZIP_MAGIC = b"\x1f\x8b"
SITEMAP_NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
NEWS_NS = "{http://www.google.com/schemas/sitemap-news/0.9}"

Fetch = Callable[[str], FetchResult]


def _text(element: lxml.html.HtmlElement) -> str:
    return re.sub(r"\s+", " ", element.text_content()).strip()


def _link_in(element: lxml.html.HtmlElement) -> lxml.html.HtmlElement | None:
    if element.tag == "a" and element.get("href"):
        return element
    return next(iter(element.iterfind(".//a[@href]")), None)


def listing_entries(content: bytes, page_url: str, source: Source, max_entries: int) -> ParsedFeed:
    """Entries for the document links on a listing page, in page order; past
    ``max_entries``, the newest (by their ``<time>``, else the first on the page)."""
    result = ParsedFeed()
    try:
        tree = lxml.html.fromstring(content, base_url=page_url)
    except (lxml.etree.ParserError, ValueError) as error:
        result.malformed = f"listing page is not HTML ({error})"
        return result
    title = tree.find(".//title")
    result.title = _text(title) if title is not None else ""
    matched = (
        CSSSelector(source.selector)(tree) if source.selector else tree.iterfind(".//a[@href]")
    )
    pattern = re.compile(source.link_pattern) if source.link_pattern else None
    seen: set[str] = set()
    for element in matched:
        link = _link_in(element)
        if link is None:
            snippet = _text(element)[:60]
            result.skipped.append(f"listing element <{element.tag}> {snippet!r}: no link")
            continue
        url = resolve(page_url, link.get("href", ""))
        if not url.startswith(("http://", "https://")):
            continue
        if pattern and not pattern.search(url):
            continue
        key = canonical_url(url)
        if key in seen:
            continue
        seen.add(key)
        time = next(iter(element.iterfind(".//time[@datetime]")), None)
        if time is None and element is link and link.getparent() is not None:
            time = next(iter(link.getparent().iterfind(".//time[@datetime]")), None)
        result.entries.append(
            FeedEntry(
                url=url,
                title=_text(link) or _text(element),
                guid=url,
                published_at=to_utc_iso(time.get("datetime")) if time is not None else None,
            )
        )
    result.entries, cut = keep_newest(result.entries, max_entries, "listing page")
    if cut:
        result.skipped.append(cut)
    return result


@dataclass
class Sitemap:
    """One parsed sitemap file: page URLs (with lastmod) or child sitemaps."""

    pages: list[tuple[str, str | None, str | None]] = field(default_factory=list)
    """(url, lastmod, news publication date) for a <urlset>."""
    children: list[tuple[str, str | None]] = field(default_factory=list)
    """(url, lastmod) for a <sitemapindex>."""


class SitemapError(ValueError):
    """A sitemap that cannot be read; the message says why."""


def _decompress(content: bytes, max_bytes: int) -> bytes:
    """The XML of a gzipped sitemap, never more than ``max_bytes`` (zip bombs)."""
    if not content.startswith(GZIP_MAGIC):
        return content
    inflater = zlib.decompressobj(wbits=16 + zlib.MAX_WBITS)
    try:
        xml = inflater.decompress(content, max_bytes + 1)
    except zlib.error as error:
        raise SitemapError(f"broken gzip ({error})") from error
    if len(xml) > max_bytes:
        raise SitemapError(f"unzipped sitemap exceeds {max_bytes} bytes")
    return xml


def parse_sitemap(content: bytes, max_bytes: int) -> Sitemap:
    """Read a sitemap or sitemap index (namespaced or not)."""
    xml = _decompress(content, max_bytes)
    parser = lxml.etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    try:
        root = lxml.etree.fromstring(xml, parser=parser)
    except lxml.etree.XMLSyntaxError as error:
        raise SitemapError(f"not valid XML ({error})") from error

    def child_text(element: lxml.etree._Element, name: str, ns: str = SITEMAP_NS) -> str | None:
        found = element.find(f"{ns}{name}")
        if found is None:
            found = element.find(name)
        return found.text.strip() if found is not None and found.text else None

    local = lxml.etree.QName(root).localname
    sitemap = Sitemap()
    if local == "sitemapindex":
        for item in root:
            if lxml.etree.QName(item).localname == "sitemap" and child_text(item, "loc"):
                sitemap.children.append((child_text(item, "loc"), child_text(item, "lastmod")))
    elif local == "urlset":
        for item in root:
            if lxml.etree.QName(item).localname != "url" or not child_text(item, "loc"):
                continue
            news = item.find(f"{NEWS_NS}news")
            published = child_text(news, "publication_date", NEWS_NS) if news is not None else None
            sitemap.pages.append((child_text(item, "loc"), child_text(item, "lastmod"), published))
    else:
        raise SitemapError(f"root element <{local}> is neither <urlset> nor <sitemapindex>")
    return sitemap


def _newest_first(items: list[tuple], lastmod_index: int = 1) -> list[tuple]:
    # ISO 8601 dates sort as text once normalised; undated items go last.
    return sorted(items, key=lambda item: to_utc_iso(item[lastmod_index]) or "", reverse=True)


def sitemap_entries(
    content: bytes, sitemap_url: str, source: Source, settings: Settings, fetch: Fetch
) -> ParsedFeed:
    """Entries from a sitemap; for an index, from its newest child sitemaps (fetched)."""
    result = ParsedFeed()
    try:
        sitemap = parse_sitemap(content, settings.max_feed_bytes)
    except SitemapError as error:
        result.malformed = f"sitemap {sitemap_url}: {error}"
        return result
    pages = list(sitemap.pages)
    children = _newest_first(sitemap.children)
    if len(children) > settings.max_sitemap_children:
        result.skipped.append(
            f"sitemap index listed {len(children)} sitemaps; read the"
            f" {settings.max_sitemap_children} most recently modified (max_sitemap_children);"
            f" {len(children) - settings.max_sitemap_children} older ones not read"
        )
    for child_url, _ in children[: settings.max_sitemap_children]:
        child_url = resolve(sitemap_url, child_url)
        try:
            response = fetch(child_url)
            if response.status >= 400:
                raise SitemapError(f"HTTP {response.status}")
            child = parse_sitemap(response.content, settings.max_feed_bytes)
        except (FetchError, SitemapError) as error:
            result.skipped.append(f"child sitemap {child_url}: {error}")
            continue
        pages.extend(child.pages)
        if child.children:
            result.skipped.append(f"child sitemap {child_url}: nested index not followed")
    pattern = re.compile(source.link_pattern) if source.link_pattern else None
    seen: set[str] = set()
    for url, _lastmod, published in _newest_first(pages):
        url = resolve(sitemap_url, url)
        key = canonical_url(url)
        if not url.startswith(("http://", "https://")) or key in seen:
            continue
        if pattern and not pattern.search(url):
            continue
        seen.add(key)
        # <lastmod> says when a page last changed, not when it was published:
        # only a news sitemap's publication date is taken as the date.
        result.entries.append(
            FeedEntry(url=url, title="", guid=url, published_at=to_utc_iso(published))
        )
    _keep_most_recently_modified(result, settings.max_entries_per_feed)
    return result


def _keep_most_recently_modified(result: ParsedFeed, max_entries: int) -> None:
    """Cut the entries (already newest first by <lastmod>) to ``max_entries``, saying so."""
    left_out = len(result.entries) - max_entries
    if left_out <= 0:
        return
    result.skipped.append(
        f"sitemap listed {len(result.entries)} pages; kept the {max_entries} most recently"
        f" modified (max_entries_per_feed); {left_out} older ones not read"
    )
    del result.entries[max_entries:]


def discovered_entries(
    source: Source, response: FetchResult, settings: Settings, fetch: Fetch
) -> ParsedFeed:
    """Entries of a listing or sitemap source from its fetched page."""
    if source.discovery == "listing":
        return listing_entries(
            response.content, response.final_url, source, settings.max_entries_per_feed
        )
    if source.discovery == "sitemap":
        return sitemap_entries(response.content, response.final_url, source, settings, fetch)
    raise ValueError(f"source {source.id} is a {source.discovery!r} source, not listing/sitemap")
