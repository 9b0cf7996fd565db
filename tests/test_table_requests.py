"""Table-page requests made lighter before Datasette answers them
(monitor/publish/table_requests.py): duplicate facets and facets of huge searches."""

from __future__ import annotations

from monitor.publish import table_requests as tr


def test_a_facet_metadata_already_has_is_not_counted_twice():
    pairs = tr.query_pairs(b"_facet=speaker_type&_facet=stance&_facet=kind&_size=10")
    lighter = tr.without_duplicate_facets(pairs, ["speaker_type", "stance", {"array": "labels"}])
    assert lighter == [("_facet", "kind"), ("_size", "10")]


def test_a_search_matching_too_many_rows_is_not_faceted_and_says_so():
    pairs = tr.query_pairs(b"_search=deportation&_sort_desc=published_at")
    assert tr.searched_text(pairs) == "deportation"
    assert tr.without_facets_for_large_search(pairs, 20_000, 20_000) == pairs
    lighter = tr.without_facets_for_large_search(pairs, 46_047, 20_000)
    assert ("_nofacet", "1") in lighter and (tr.LARGE_SEARCH_MARK, "46047") in lighter
    assert ("_nocount", "1") in lighter  # the index counted the matches already
    filtered = [*pairs, ("source_id", "source-01")]
    assert ("_nocount", "1") not in tr.without_facets_for_large_search(filtered, 46_047, 20_000)
    # A facet asked for in the address is still counted.
    asked = [*pairs, ("_facet", "source_id")]
    assert tr.without_facets_for_large_search(asked, 46_047, 20_000) == asked


def test_query_strings_survive_the_round_trip():
    raw = b"_search=%22return+hub%22+T%C3%BCrkiye&x=a%26b"
    pairs = tr.query_pairs(raw)
    assert pairs == [("_search", '"return hub" Türkiye'), ("x", "a&b")]
    assert tr.query_pairs(tr.encoded(pairs)) == pairs


def test_an_unfiltered_large_view_is_not_faceted_unless_asked():
    plain = tr.query_pairs(b"_sort_desc=published_at")
    lighter = tr.without_facets_for_large_view(plain, 500_000, 20_000)
    assert (tr.LARGE_VIEW_MARK, "500000") in lighter and ("_nofacet", "1") in lighter
    assert ("_nocount", "1") in lighter
    assert tr.without_facets_for_large_view(plain, 900, 20_000) == plain  # the demo keeps them
    for narrowed in (b"stance=restrictive", b"labels__arraycontains=x", b"_search=Kabul"):
        pairs = tr.query_pairs(narrowed)
        assert tr.without_facets_for_large_view(pairs, 500_000, 20_000) == pairs
    asked = tr.query_pairs(b"_facet=stance")
    assert tr.without_facets_for_large_view(asked, 500_000, 20_000) == asked
