"""Which archived pages are news the monitor follows, and from which source.

By default the domains are those of the sources in ``feeds.yaml``. A feed often
lives on its own host (``feeds.bbci.co.uk``, ``rss.dw.com``) while the articles
are on another of the same site, so a leading ``www.``, ``feeds.``, ``feed.`` or
``rss.`` label is dropped and every host under the domain that remains counts.
A domains file (one domain a line, ``#`` comments) names others; a page on a
domain of no source is attributed to a source made for it (``archive-<domain>``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from monitor.crawl.sources import Source

FEED_HOST_LABELS = ("www", "feeds", "feed", "rss")
DOMAIN = re.compile(r"^[a-z0-9-]+(\.[a-z0-9-]+)*$")


class DomainsError(ValueError):
    """The domains file cannot be used; the message names the line."""


def source_domain(url: str) -> str:
    """The domain a source's pages live under: its host without a feed or www label."""
    host = (urlsplit(url).hostname or "").lower()
    first, _, rest = host.partition(".")
    return rest if first in FEED_HOST_LABELS and "." in rest else host


def read_domains_file(path: str) -> list[str]:
    """Domains, one a line (``#`` starts a comment); raises DomainsError on a bad line."""
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except OSError as error:
        raise DomainsError(f"{path}: cannot read the domains file ({error.strerror})") from error
    domains = []
    for number, line in enumerate(lines, start=1):
        domain = line.split("#", 1)[0].strip().lower().rstrip(".")
        if not domain:
            continue
        if not DOMAIN.match(domain):
            raise DomainsError(f"{path}: line {number}: {domain!r} is not a domain name")
        domains.append(domain)
    if not domains:
        raise DomainsError(f"{path}: names no domain")
    return domains


def archive_source(domain: str) -> Source:
    """The source a domain from a domains file stands for, when no feed covers it.
    Disabled: it is a name for archived pages, not something to poll."""
    slug = re.sub(r"[^a-z0-9]+", "-", domain)[:55].strip("-")
    return Source(
        id=f"archive-{slug}",
        name=domain,
        url=f"https://{domain}/",
        language="en",
        enabled=False,
        notes="made by monitor backfill for pages of this domain in web archives",
    )


def _folder(url: str) -> str:
    """The folder of a URL's path (``/ledger/`` for ``/ledger/feed.xml``)."""
    return urlsplit(url).path.rsplit("/", 1)[0] + "/"


@dataclass(frozen=True)
class NewsDomains:
    """Domains to keep, each with the sources its pages may be stored under."""

    sources: dict[str, list[Source]]
    """Domain -> its sources, in the order of feeds.yaml."""

    @classmethod
    def of(cls, sources: list[Source], domains: list[str] | None = None) -> NewsDomains:
        """The sources' domains, or only ``domains`` (with the sources of each, or a
        source made for it when none has it)."""
        by_domain: dict[str, list[Source]] = {}
        for source in sources:
            by_domain.setdefault(source_domain(source.url), []).append(source)
        if domains is None:
            return cls(by_domain)
        return cls(
            {domain: by_domain.get(domain) or [archive_source(domain)] for domain in domains}
        )

    def source_for(self, url: str) -> Source | None:
        """The source of a page at ``url``, or None when it is on no domain kept.

        Of several sources on one domain, the one whose feed sits in the deepest
        folder holding the page (``/ledger/feed.xml`` for ``/ledger/articles/x.html``),
        else the first: the archive does not say which feed listed a page."""
        host = (urlsplit(url).hostname or "").lower().rstrip(".")
        while host and host not in self.sources:
            _, _, host = host.partition(".")
        if not host:
            return None
        candidates = self.sources[host]
        path = urlsplit(url).path
        holding = [s for s in candidates if path.startswith(_folder(s.url))]
        return max(holding, key=lambda s: len(_folder(s.url)), default=candidates[0])

    def all_sources(self) -> list[Source]:
        """Every source pages can be stored under, once each."""
        return list({s.id: s for group in self.sources.values() for s in group}.values())
