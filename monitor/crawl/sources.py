"""Read and validate ``feeds.yaml``: the sources to monitor and optional settings.

A malformed file or entry stops the run with one line that names the entry
and the problem, because a silently skipped feed is an invisible gap in the
record researchers rely on.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pycountry
import yaml
from cssselect import SelectorError
from lxml.cssselect import CSSSelector

from monitor.crawl.doc_types import default_doc_type, validate_doc_type

SOURCE_KINDS = ("news", "agency", "eu_body", "un_agency", "ngo", "government", "court", "research")
SLUG_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]{0,63}$")
LANGUAGE_PATTERN = re.compile(r"^[a-z]{2}$")
REQUIRED_KEYS = ("id", "name", "url", "language")
KNOWN_KEYS = {"id", "name", "url", "kind", "language", "country", "tags", "enabled", "notes"}
# How new documents are found: an RSS/Atom feed, a listing page whose links are
# picked by a CSS selector and/or a URL pattern, or an XML sitemap (or index).
DISCOVERY_KINDS = ("feed", "listing", "sitemap")
DISCOVERY_KEYS = {"discovery", "selector", "link_pattern", "doc_type"}
KNOWN_KEYS |= DISCOVERY_KEYS


class ConfigError(ValueError):
    """feeds.yaml cannot be used; the message names the entry and the problem."""


@dataclass(frozen=True)
class Source:
    id: str
    name: str
    url: str
    language: str
    kind: str = "news"
    country: str | None = None
    tags: tuple[str, ...] = ()
    enabled: bool = True
    notes: str = ""
    discovery: str = "feed"
    """feed, listing or sitemap (see DISCOVERY_KINDS)."""
    selector: str | None = None
    """CSS selector of the document links (or their containers) on a listing page."""
    link_pattern: str | None = None
    """Regular expression a discovered URL must match (searched anywhere in it)."""
    doc_type: str = "news"
    """A type from monitor.doc_types, or 'mixed' to infer it for each document."""


@dataclass(frozen=True)
class FeedsFile:
    sources: tuple[Source, ...]
    settings: Mapping[str, Any] = field(default_factory=dict)


def _fail(path: str, where: str, problem: str) -> ConfigError:
    return ConfigError(f"{path}: {where}: {problem}")


def _validate_source(raw: Any, position: int, path: str) -> Source:
    where = f"feed #{position}"
    if not isinstance(raw, dict):
        raise _fail(path, where, "must be a mapping with id, name, url and language")
    if isinstance(raw.get("id"), str):
        where = f"feed #{position} ({raw['id']})"
    missing = [key for key in REQUIRED_KEYS if not raw.get(key)]
    if missing:
        raise _fail(path, where, f"missing {', '.join(missing)}")
    unknown = sorted(set(raw) - KNOWN_KEYS)
    if unknown:
        raise _fail(path, where, f"unknown key {unknown[0]!r}")
    source_id = str(raw["id"])
    if not SLUG_PATTERN.match(source_id):
        raise _fail(path, where, "id must be a lowercase slug (letters, digits, hyphens)")
    url = str(raw["url"])
    if not re.match(r"^https?://[^/\s]+", url):
        raise _fail(path, where, f"url {url!r} must be an absolute http(s) URL")
    language = str(raw["language"])
    if not LANGUAGE_PATTERN.match(language):
        raise _fail(path, where, f"language {language!r} must be a two-letter ISO 639-1 code")
    kind = str(raw.get("kind", "news"))
    if kind not in SOURCE_KINDS:
        raise _fail(path, where, f"kind {kind!r} is not one of {', '.join(SOURCE_KINDS)}")
    country = raw.get("country")
    if country is not None:
        country = str(country).upper()
        if pycountry.countries.get(alpha_3=country) is None:
            raise _fail(path, where, f"country {country!r} is not an ISO 3166-1 alpha-3 code")
    tags = raw.get("tags", [])
    if not isinstance(tags, list) or not all(isinstance(tag, str) for tag in tags):
        raise _fail(path, where, "tags must be a list of strings")
    enabled = raw.get("enabled", True)
    if not isinstance(enabled, bool):
        raise _fail(path, where, "enabled must be true or false")
    return Source(
        id=source_id,
        name=str(raw["name"]),
        url=url,
        language=language,
        kind=kind,
        country=country,
        tags=tuple(tags),
        enabled=enabled,
        notes=str(raw.get("notes", "")),
        **_discovery_fields(raw, kind, lambda problem: _fail(path, where, problem)),
    )


def _discovery_fields(
    raw: dict[str, Any], kind: str, fail: Callable[[str], ConfigError]
) -> dict[str, Any]:
    """discovery, selector, link_pattern and doc_type of one entry, validated."""
    discovery = str(raw.get("discovery", "feed"))
    if discovery not in DISCOVERY_KINDS:
        raise fail(f"discovery {discovery!r} is not one of {', '.join(DISCOVERY_KINDS)}")
    selector = raw.get("selector")
    link_pattern = raw.get("link_pattern")
    if discovery == "listing" and not (selector or link_pattern):
        raise fail("a listing source needs a selector or a link_pattern to find its links")
    if discovery != "listing" and selector:
        raise fail("selector is only used by discovery: listing")
    if selector is not None:
        try:
            CSSSelector(str(selector))
        except SelectorError as error:
            raise fail(f"selector {selector!r} is not valid CSS ({error})") from error
    if link_pattern is not None:
        try:
            re.compile(str(link_pattern))
        except re.error as error:
            raise fail(f"link_pattern {link_pattern!r} is not a valid regex ({error})") from error
    doc_type = str(raw.get("doc_type") or default_doc_type(kind))
    problem = validate_doc_type(doc_type)
    if problem:
        raise fail(problem)
    return {
        "discovery": discovery,
        "selector": str(selector) if selector is not None else None,
        "link_pattern": str(link_pattern) if link_pattern is not None else None,
        "doc_type": doc_type,
    }


def parse_feeds_text(text: str, path: str = "feeds.yaml") -> FeedsFile:
    """Validate the text of a feeds file; raise ConfigError naming the first problem."""
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = f"line {mark.line + 1}" if mark else "syntax"
        problem = getattr(error, "problem", None) or str(error).splitlines()[0]
        raise _fail(path, line, f"not valid YAML ({problem})") from error
    if not isinstance(data, dict) or not isinstance(data.get("feeds"), list):
        raise _fail(path, "top level", "must be a mapping with a 'feeds:' list")
    settings = data.get("settings") or {}
    if not isinstance(settings, dict):
        raise _fail(path, "settings", "must be a mapping of setting names to values")
    sources = [_validate_source(raw, n, path) for n, raw in enumerate(data["feeds"], start=1)]
    seen: set[str] = set()
    for source in sources:
        if source.id in seen:
            raise _fail(path, f"feed {source.id}", "id is used twice")
        seen.add(source.id)
    return FeedsFile(sources=tuple(sources), settings=settings)


def load_feeds(path: str | Path) -> FeedsFile:
    """Read a feeds file from disk."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError as error:
        raise ConfigError(f"{path}: no such file") from error
    except UnicodeDecodeError as error:
        raise ConfigError(f"{path}: not UTF-8 text") from error
    return parse_feeds_text(text, str(path))
