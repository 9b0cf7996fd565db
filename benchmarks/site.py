"""A generated news site on 127.0.0.1 for crawl benchmarks: N article pages behind RSS feeds.

Pages look like a news site's (navigation, an article with headline, byline,
date and paragraphs, related links, footer), so trafilatura does its real
work; their text is made of demo-corpus sentences, different on every page,
so that no page is folded into another as a syndicated copy.
"""

from __future__ import annotations

import html
import random
from datetime import datetime, timedelta, timezone
from email.utils import format_datetime

from benchmarks.corpus import generated_text, sentence_pool
from tests.loopback import LocalServer

ENTRIES_PER_FEED = 200  # the crawler's default max_entries_per_feed

PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{title} | Bench Courier</title>
<meta property="og:title" content="{title}">
<meta name="author" content="{author}">
<meta property="article:published_time" content="{published}">
<link rel="canonical" href="{url}"></head>
<body><header><nav><a href="/">Home</a> <a href="/europe/">Europe</a>
<a href="/migration/">Migration</a> <a href="/about/">About us</a></nav></header>
<main><article><h1>{title}</h1>
<p class="byline">By {author}, <time datetime="{published}">{published}</time></p>
{paragraphs}
</article>
<aside><h2>Related</h2><ul>{related}</ul></aside></main>
<footer><p>&copy; Bench Courier. <a href="/privacy/">Privacy</a> <a href="/cookies/">Cookies</a>
</p></footer></body></html>
"""


class BenchSite:
    """``pages`` articles spread over feeds of ENTRIES_PER_FEED, served from memory."""

    def __init__(self, pages: int, seed: int = 8):
        rng = random.Random(seed)
        self.routes: dict[str, tuple[bytes, str]] = {
            "/robots.txt": (b"User-agent: *\nAllow: /\n", "text/plain; charset=utf-8"),
        }
        self.feeds: list[str] = []
        self._articles: list[tuple[str, str, datetime]] = []
        start = datetime(2026, 1, 1, tzinfo=timezone.utc)
        for number in range(pages):
            path = f"/news/{number // ENTRIES_PER_FEED}/story-{number}.html"
            title = f"{rng.choice(sentence_pool())[:90].rstrip(' ,.')} ({number})"
            published = start + timedelta(minutes=37 * number)
            self._articles.append((path, title, published))
            self._pages_for(rng, path, title, published)
        for first in range(0, pages, ENTRIES_PER_FEED):
            feed = f"/feeds/section-{first // ENTRIES_PER_FEED}.xml"
            self.routes[feed] = (
                self._rss(self._articles[first : first + ENTRIES_PER_FEED]),
                "application/rss+xml; charset=utf-8",
            )
            self.feeds.append(feed)
        self.server = LocalServer()
        for path, (body, content_type) in self.routes.items():
            body = body.replace(b"__BASE__", self.server.url.encode())
            self.server.add(path, body, headers={"Content-Type": content_type})

    @property
    def base_url(self) -> str:
        return self.server.url

    def feeds_yaml(self) -> str:
        lines = ["feeds:"]
        for number, feed in enumerate(self.feeds):
            lines += [
                f"  - id: bench-{number}",
                f"    name: Bench Courier section {number}",
                f"    url: {self.base_url}{feed}",
                "    language: en",
            ]
        return "\n".join(lines) + "\n"

    def _pages_for(self, rng: random.Random, path: str, title: str, published: datetime) -> None:
        text = generated_text(rng, int(rng.lognormvariate(6.2, 0.4)))  # median ~490 words
        paragraphs = "\n".join(f"<p>{html.escape(p)}</p>" for p in text.split("\n"))
        related = "".join(
            f'<li><a href="/news/0/story-{rng.randrange(100)}.html">More on this story</a></li>'
            for _ in range(4)
        )
        body = PAGE.format(
            title=html.escape(title),
            author=f"Reporter {rng.randrange(60)}",
            published=published.strftime("%Y-%m-%dT%H:%M:%SZ"),
            url="__BASE__" + path,
            paragraphs=paragraphs,
            related=related,
        )
        self.routes[path] = (body.encode("utf-8"), "text/html; charset=utf-8")

    def _rss(self, articles: list[tuple[str, str, datetime]]) -> bytes:
        items = "".join(
            f"<item><title>{html.escape(title)}</title><link>__BASE__{path}</link>"
            f"<guid>__BASE__{path}</guid><pubDate>{format_datetime(published)}</pubDate></item>"
            for path, title, published in reversed(articles)
        )
        return (
            '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
            f"<title>Bench Courier</title><link>__BASE__/</link>{items}</channel></rss>"
        ).encode()

    def __enter__(self) -> BenchSite:
        self.server.__enter__()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.server.__exit__(*exc_info)
