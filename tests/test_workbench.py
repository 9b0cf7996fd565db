"""Statement-level countries (analysis, storage, migration) and the site's
readable cells and query forms, without a browser."""

from __future__ import annotations

from monitor import store
from monitor.publish import workbench
from monitor.store.migrations import apply_migrations

TEXT = (
    "The Belgian asylum minister said on Tuesday that returns to Afghanistan would resume "
    'next month. "We will not send anyone back to Syria," she added.'
)


def test_a_statement_is_about_the_countries_named_in_it_not_its_speakers(analyzer):
    analysis = analyzer.analyze(TEXT, force=True)
    about = {s["content"][:20]: s["countries"] for s in analysis["statements"]}
    assert ["AFG"] in about.values()  # the Belgian minister speaks; Afghanistan is the topic
    assert ["SYR"] in about.values()
    assert all("BEL" not in countries for countries in about.values())


def _article(db, article_id: str = "a1") -> None:
    db.table("articles").insert(
        {
            "id": article_id,
            "url": "https://example.org/a",
            "text": TEXT,
            "published_at": "2026-11-05",
        }
    )


def _analysis(countries: list[str]) -> dict:
    statement = {
        "speaker": "Anna Reinholt",
        "speaker_id": "anna-reinholt",
        "speaker_type": "government",
        "cue": "said",
        "kind": "indirect",
        "content": "returns to Afghanistan would resume next month",
        "stance": "restrictive",
        "start": TEXT.index("returns"),
        "end": TEXT.index(" next month") + len(" next month"),
        "label_scores": [],
        "countries": countries,
    }
    return {
        "relevant": True,
        "relevance_score": 0.9,
        "labels": [],
        "countries": [{"iso3": "AFG", "mentions": 1}, {"iso3": "BEL", "mentions": 1}],
        "actors": [
            {
                "id": "anna-reinholt",
                "name": "Anna Reinholt",
                "kind": "person",
                "type": "government",
                "country": "BEL",
                "role": "asylum minister",
                "mentions": 1,
            }
        ],
        "figures": [],
        "statements": [statement],
    }


def test_statement_countries_are_stored_and_replaced_with_the_analysis(db):
    _article(db)
    store.save_analysis(db, "a1", _analysis(["AFG"]), "test")
    rows = list(db.query("select iso3, published_at from statement_countries"))
    assert rows == [{"iso3": "AFG", "published_at": "2026-11-05"}]
    store.save_analysis(db, "a1", _analysis(["SYR"]), "test")
    assert [r["iso3"] for r in db.query("select iso3 from statement_countries")] == ["SYR"]


def test_the_migration_finds_countries_for_statements_analysed_before(db):
    _article(db)
    store.save_analysis(db, "a1", _analysis([]), "test")  # as an older analysis stored it
    db.execute("delete from migrations where name = 'statements-find-their-countries'")
    assert "statements-find-their-countries" in apply_migrations(db)
    # Of the article's countries named in the sentence, not the speaker's own ("Belgian").
    assert [r["iso3"] for r in db.query("select iso3 from statement_countries")] == ["AFG"]


def test_dates_and_numbers_read_as_a_person_reads_them():
    assert workbench.readable_value("2026-11-05T18:10:00Z") == "5 Nov 2026, 18:10 UTC"
    assert workbench.readable_value("2026-11-05") == "5 Nov 2026"
    assert workbench.readable_value(58000.0) == "58,000"
    assert workbench.readable_value(0.3812) == "0.38"
    assert workbench.readable_value(2024) is None  # years and counts stay as they are
    assert workbench.readable_value("return_policy") is None


def test_cells_link_to_their_pages_and_hide_what_is_internal():
    row = {"speaker_actor_id": "unhcr", "article_id": "a1", "statement_id": "s1"}

    def url(table: str, key: str) -> str:
        return f"/monitor/{table}/{key}"

    def cell(column, value, table=None):
        return str(workbench.render_cell_html(row, value, column, table, url))

    assert 'href="/monitor/actors/unhcr"' in cell("speaker", "UNHCR")
    assert 'href="/monitor/articles/a1#s-s1"' in cell("article", "A title")
    assert 'href="/monitor/statements/s1"' in cell("content", "<b>x</b>")
    assert "&lt;b&gt;" in cell("content", "<b>x</b>")
    assert ">Afghanistan</a>" in cell("countries", '["AFG"]')
    assert "Return policy" in cell("labels", "return_policy, asylum_figures")
    columns = ["published_at", "content", "atom_id", "statement_id", "article_id", "labels"]
    assert workbench.hidden_columns(columns) == ["atom_id", "statement_id", "article_id"]


def test_query_fields_offer_the_vocabularies_and_accept_names():
    options = workbench.vocabularies([("AFG", "Afghanistan"), ("SYR", "Syria")])
    fields = {
        f["name"]: f
        for f in workbench.form_fields({"country": "afghanistan", "since": "", "q": ""}, options)
    }
    assert fields["country"]["kind"] == "select" and fields["country"]["value"] == "AFG"
    assert fields["since"]["kind"] == "date" and fields["q"]["kind"] == "text"
    codebook = workbench.codebook_page()
    assert all(label["cues"] for label in codebook["labels"])  # read from docs/codebook.md
