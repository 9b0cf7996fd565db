"""URL normalisation and the stable article key derived from it.

The same story reaches us as ``https://Example.org/a?utm_source=rss#top`` and
``https://example.org/a``; both must map to one article id, or a rerun would
store it twice.
"""

from __future__ import annotations

import hashlib
from urllib.parse import parse_qsl, quote, unquote, urlencode, urljoin, urlsplit, urlunsplit

# Query parameters that track the reader, never select the content.
TRACKING_PARAMS = frozenset(
    {
        "fbclid",
        "gclid",
        "dclid",
        "msclkid",
        "mc_cid",
        "mc_eid",
        "igshid",
        "yclid",
        "_ga",
        "ref",
        "ref_src",
        "cmpid",
        "ocid",
        "at_medium",
        "at_campaign",
        "ito",
        "smid",
    }
)
TRACKING_PREFIXES = ("utm_", "at_", "pk_", "mtm_")
DEFAULT_PORTS = {"http": 80, "https": 443}
PATH_SAFE = "/%:@!$&'()*+,;=-._~"


def _is_tracking(name: str) -> bool:
    lowered = name.lower()
    return lowered in TRACKING_PARAMS or lowered.startswith(TRACKING_PREFIXES)


def canonical_url(url: str) -> str:
    """A normal form: lowercase scheme and host, no default port, no fragment,
    no tracking parameters, sorted query, and a path with stable escaping.

    Idempotent: ``canonical_url(canonical_url(u)) == canonical_url(u)``.
    """
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower().rstrip(".")
    if ":" in host:  # IPv6 literal
        host = f"[{host}]"
    try:
        port = parts.port
    except ValueError:
        port = None
    netloc = host
    if port and DEFAULT_PORTS.get(scheme) != port:
        netloc = f"{host}:{port}"
    path = quote(unquote(parts.path), safe=PATH_SAFE) or "/"
    if not netloc and path.startswith("//"):
        # Without a host, "//x" would read back as host "x": keep one slash (idempotence).
        path = "/" + path.lstrip("/")
    query_pairs = [
        (name, value)
        for name, value in parse_qsl(parts.query, keep_blank_values=True)
        if not _is_tracking(name)
    ]
    query = urlencode(sorted(query_pairs), doseq=True)
    return urlunsplit((scheme, netloc, path, query, ""))


def article_id(url: str) -> str:
    """Stable key of an article: 16 hex digits of the SHA-256 of its canonical URL."""
    return hashlib.sha256(canonical_url(url).encode("utf-8")).hexdigest()[:16]


def resolve(base: str, link: str) -> str:
    """Resolve a possibly relative link against the document it was found in."""
    return urljoin(base, link.strip())


def host_of(url: str) -> str:
    """The host part of a URL, lowercased (empty when there is none)."""
    return (urlsplit(url).hostname or "").lower()


def web_url(value: str | None) -> str:
    """The link if it is http(s), else empty: a javascript: or data: URL from a
    feed must not become a clickable link in a mail or on the published site."""
    if not value:
        return ""
    parts = urlsplit(value.strip())
    return value.strip() if parts.scheme in {"http", "https"} and parts.netloc else ""
