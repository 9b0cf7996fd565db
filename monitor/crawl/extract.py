"""Main text and metadata of a fetched page, with trafilatura.

Page furniture (navigation, cookie banners, related links, footers) is left
behind; what remains is the text the NLP stages analyse and the metadata
researchers cite: title, author, publication date, language, canonical URL.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

import lxml.html
import trafilatura

from monitor.content_checks import garbage_reason
from monitor.dates import to_utc_iso
from monitor.settings import Settings

HTML_LANG_PATTERN = re.compile(r"^[a-zA-Z]{2}\b")
PUBLISHED_META_KEYS = (
    "article:published_time",
    "og:article:published_time",
    "datepublished",
    "date",
    "dc.date",
    "dc.date.issued",
    "sailthru.date",
    "parsely-pub-date",
)


BOILERPLATE_LINE = re.compile(
    r"\b(cookies?|subscribe|subscription|sign in|log in|login|javascript|enable|browser|"
    r"accept all|privacy (policy|settings)|all rights reserved|paywall|newsletter|"
    r"consent|terms of (use|service))\b",
    re.I,
)
BOILERPLATE_SHARE = 0.5  # share of the text in furniture lines above which a page is no article


# Links to other stories that sites put between paragraphs ("Read more: ...").
TEASER_LINE = re.compile(
    r"^\s*(read more|read also|also read|see also|related|more on this|recommended)\b\s*[:|»>–-]",
    re.I,
)


def clean_text(text: str, title: str | None) -> str:
    """The article body: teaser lines removed, and the headline when it opens
    the text (the title is stored on its own)."""
    lines = [line for line in text.strip().splitlines() if not TEASER_LINE.match(line)]
    if lines and title and lines[0].strip().casefold() == title.strip().casefold():
        lines = lines[1:]
    return "\n".join(lines).strip()


def looks_like_boilerplate(text: str) -> bool:
    """True when most of the text is consent walls, login or subscription prompts."""
    lines = [line for line in text.splitlines() if line.strip()]
    if not lines:
        return True
    furniture = sum(len(line) for line in lines if BOILERPLATE_LINE.search(line))
    return furniture / sum(len(line) for line in lines) > BOILERPLATE_SHARE


class ExtractionError(ValueError):
    """The page yielded no usable article text; the message says why."""


@dataclass(frozen=True)
class ExtractedPage:
    text: str
    title: str | None
    author: str | None
    published_at: str | None
    language: str | None
    canonical_url: str | None
    sitename: str | None = None


def _json_ld_published(tree: lxml.html.HtmlElement) -> str | None:
    """``datePublished`` from schema.org JSON-LD blocks, which many news sites use
    instead of (or besides) Open Graph meta tags."""
    for script in tree.iter("script"):
        if (script.get("type") or "").lower() != "application/ld+json" or not script.text:
            continue
        try:
            data = json.loads(script.text)
        except ValueError:
            continue
        stack = [data]
        while stack:
            item = stack.pop()
            if isinstance(item, list):
                stack.extend(item)
            elif isinstance(item, dict):
                if isinstance(item.get("datePublished"), str):
                    published = to_utc_iso(item["datePublished"])
                    if published:
                        return published
                stack.extend(v for v in item.values() if isinstance(v, (list, dict)))
    return None


def _page_metadata(html: str) -> tuple[str | None, str | None]:
    """(language from <html lang>, precise published time from meta tags)."""
    try:
        tree = lxml.html.fromstring(html)
    except (lxml.etree.ParserError, ValueError):
        return None, None
    language = None
    lang_attribute = tree.get("lang") or tree.get("xml:lang") or ""
    match = HTML_LANG_PATTERN.match(lang_attribute.strip())
    if match:
        language = match.group(0).lower()
    published = None
    for meta in tree.iter("meta"):
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").lower()
        if key in PUBLISHED_META_KEYS and meta.get("content"):
            published = to_utc_iso(meta.get("content"))
            if published:
                break
    if published is None:
        published = _json_ld_published(tree)
    if published is None:
        for time_element in tree.iter("time"):
            published = to_utc_iso(time_element.get("datetime"))
            if published:
                break
    return language, published


def extract_page(html: str, url: str, settings: Settings) -> ExtractedPage:
    """Extract the article from ``html``; raise ExtractionError when there is none."""
    if not html.strip():
        raise ExtractionError("empty page")
    document = trafilatura.bare_extraction(
        html,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        favor_precision=True,
    )
    if document is None or not (document.text or "").strip():
        raise ExtractionError("no main text found")
    text = clean_text(document.text, document.title)
    if len(text) < settings.min_text_chars:
        raise ExtractionError(
            f"main text has {len(text)} characters, "
            f"fewer than min_text_chars={settings.min_text_chars}"
        )
    if looks_like_boilerplate(text):
        raise ExtractionError("main text is page furniture (cookie, login or subscription notice)")
    garbage = garbage_reason(text, settings)
    if garbage is not None:  # a binary file served as HTML: its "text" is noise
        raise ExtractionError(f"extracted text is not text: {garbage}")
    language, meta_published = _page_metadata(html)
    return ExtractedPage(
        text=text,
        title=(document.title or None),
        author=(document.author or None),
        published_at=meta_published or to_utc_iso(document.date),
        language=language or (document.language or None),
        canonical_url=(document.url or None),
        sitename=(document.sitename or None),
    )
