"""Table-page requests made lighter before Datasette answers them.

Two things Datasette 0.65 does on a table page cost more than they give on a
large archive:

- a facet named both in metadata.yml and in the address (``?_facet=stance`` on
  the statements table) is counted twice, one query after the other;
- a full-text search that matches a large share of the rows (a common word in
  half the articles) is faceted over every match: each facet reads every
  matching row, so three facets cost three passes over tens of thousands of
  article texts, and the page leaves them out anyway once they pass
  ``facet_time_limit_ms``.

- the views (statements_view, articles_view) facet by evaluating the view over
  every row: on hundreds of thousands of rows each facet runs to its time
  limit and is left out.

- a full-text search that matches a large share of the rows is planned match by
  match: SQLite looks every match up and sorts them all for one page.

The Datasette plugin rewrites such requests' query strings with these pure
functions: duplicate facets dropped, and ``_nofacet=1`` added to a search
that matches more than ``search_facet_max_rows`` rows or an unfiltered view of
more than ``view_facet_max_rows``, and such a search's words moved from
``_search`` to ``_matching``, whose clause the plugin writes
(``matching_clause``). The table page says why its facets are missing.
"""

from __future__ import annotations

from collections.abc import Iterable
from urllib.parse import parse_qsl, urlencode

# Added to a search that matches too many rows to facet; the page template reads it.
LARGE_SEARCH_MARK = "_large_search"
# What ``_search`` becomes for such a search, so that the plugin, not Datasette, writes
# its clause (see ``matching_clause``).
LARGE_SEARCH_WORDS = "_matching"
LARGE_VIEW_MARK = "_large_view"


def query_pairs(query_string: bytes) -> list[tuple[str, str]]:
    return parse_qsl(query_string.decode("utf-8", "replace"), keep_blank_values=True)


def without_duplicate_facets(
    pairs: list[tuple[str, str]], metadata_facets: Iterable[object]
) -> list[tuple[str, str]]:
    """The request's pairs without ``_facet=X`` where metadata already facets on X."""
    configured = {facet for facet in metadata_facets if isinstance(facet, str)}
    return [(key, value) for key, value in pairs if not (key == "_facet" and value in configured)]


def searched_text(pairs: list[tuple[str, str]]) -> str:
    """The words of a table search (``?_search=``), or ''."""
    return next((value for key, value in pairs if key == "_search"), "").strip()


def without_facets_for_large_search(
    pairs: list[tuple[str, str]], matches: int, max_rows: int
) -> list[tuple[str, str]]:
    """``_nofacet=1`` (and the number of matches, for the page) when a search matches
    more than ``max_rows`` rows and no facet was asked for in the address; without
    another filter, ``_nocount=1`` too (the full-text index has counted them)."""
    if matches <= max_rows or any(key.startswith("_facet") for key, _ in pairs):
        return pairs
    lighter = [*pairs, ("_nofacet", "1"), (LARGE_SEARCH_MARK, str(matches))]
    # With no other filter the index's count is the page's: no need to count again.
    others = [(key, value) for key, value in pairs if key != "_search"]
    return lighter if is_filtered(others) else [*lighter, ("_nocount", "1")]


def search_in_page_order(pairs: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """A large search's words handed to :func:`matching_clause` instead of Datasette."""
    return [(LARGE_SEARCH_WORDS if key == "_search" else key, value) for key, value in pairs]


def matching_clause(fts_table: str, raw: bool) -> str:
    """The WHERE clause of a large search. Datasette's own, ``rowid in (select rowid
    from fts ...)``, lets SQLite look up every match by its rowid and then sort them
    all for the page (a word in 460,000 of 1,000,000 articles: 0.8 s). ``+rowid`` is
    not the primary key to the planner, so it walks the page's order (the date index)
    newest first and keeps the matches until the page is full (62 ms). For a rare word
    that walk would be long; it is used only above ``search_facet_max_rows`` matches."""
    match = ":matching" if raw else "escape_fts(:matching)"
    return f"+rowid in (select rowid from [{fts_table}] where [{fts_table}] match {match})"


def is_filtered(pairs: list[tuple[str, str]]) -> bool:
    """Whether the request narrows the rows (a column filter, a search or a where)."""
    return any(
        not key.startswith("_") or "__" in key or key in ("_search", "_where", LARGE_SEARCH_WORDS)
        for key, _ in pairs
    )


def without_facets_for_large_view(
    pairs: list[tuple[str, str]], rows: int, max_rows: int
) -> list[tuple[str, str]]:
    """``_nofacet=1`` and ``_nocount=1`` (and the size, for the page) for an unfiltered
    view of more than ``max_rows`` rows, unless a facet is asked for: a view's facets
    and count evaluate its joins over every row (counting 500,000 statements through
    statements_view took 350 ms; each facet ran to its time limit and was left out)."""
    if rows <= max_rows or is_filtered(pairs) or any(k.startswith("_facet") for k, _ in pairs):
        return pairs
    return [*pairs, ("_nofacet", "1"), ("_nocount", "1"), (LARGE_VIEW_MARK, str(rows))]


def encoded(pairs: list[tuple[str, str]]) -> bytes:
    return urlencode(pairs).encode("ascii")  # urlencode quotes every other character
