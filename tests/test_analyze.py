"""analyze() on the seed article and on targeted sentences (real spaCy model)."""

import json

import pytest

from tests.conftest import shared_path

ANALYSIS_KEYS = {
    "relevant",
    "relevance_score",
    "labels",
    "countries",
    "actors",
    "figures",
    "statements",
}


@pytest.fixture(scope="module")
def seed(analyzer):
    text = shared_path("seed", "article.txt").read_text(encoding="utf-8")
    expected = json.loads(shared_path("seed", "expected.json").read_text(encoding="utf-8"))
    return text, analyzer.analyze(text), expected


def test_every_key_present(seed):
    _, analysis, _ = seed
    assert set(analysis) >= ANALYSIS_KEYS
    assert analysis["relevant"] is True


def test_seed_countries(seed):
    _, analysis, expected = seed
    found = {c["iso3"] for c in analysis["countries"]}
    assert set(expected["countries"]) <= found
    assert found <= set(expected["countries"])  # no region or bloc counted as a country


def test_seed_roosemont_with_role_and_country(seed):
    _, analysis, _ = seed
    roosemont = next(a for a in analysis["actors"] if a["name"] == "Freddy Roosemont")
    assert roosemont["kind"] == "person"
    assert roosemont["type"] == "government"
    assert roosemont["role"] == "Director-General of Belgium's Immigration Office"
    assert roosemont["country"] == "BEL"
    assert roosemont["mentions"] >= 2  # "Roosemont also stressed" is the same person


def test_seed_figures(seed):
    _, analysis, expected = seed
    found = {(f["text"], f["value"], f["qualifier"]) for f in analysis["figures"]}
    for figure in expected["figures"]:
        assert (figure["text"], figure["value"], figure["qualifier"]) in found
    applications = next(f for f in analysis["figures"] if f["value"] == 34000)
    assert applications["counts"] == "asylum applications"
    assert applications["country"] == "BEL" and applications["year"] == 2025


def test_seed_statements_have_the_right_speakers(seed):
    text, analysis, expected = seed
    by_cue = {s["cue"]: s for s in analysis["statements"]}
    for gold in expected["statements"]:
        found = by_cue.get(gold["cue"])
        assert found is not None, f"no statement with cue {gold['cue']!r}"
        assert found["speaker"] == gold["speaker"], gold["cue"]
        assert text[found["start"] : found["end"]] == found["content"]
    assert by_cue["warn"]["stance"] == "protective"
    assert "rights_concerns" in by_cue["warn"]["labels"]


def test_seed_article_labels(seed):
    _, analysis, expected = seed
    found = {item["label"] for item in analysis["labels"]}
    # An article's labels are what it is about (docs/annotation.md), calibrated per
    # label for precision on 191 gold articles. The seed's expected analysis also
    # lists two labels that one sentence each of its 33 texts touches: border
    # control, and smuggling ("the promises made by human traffickers"). The model
    # may leave those two out; no more, and it adds at most one.
    missed = set(expected["labels"]) - found
    assert missed <= {"border_control", "smuggling_trafficking"}
    assert len(found - set(expected["labels"])) <= 1


@pytest.mark.parametrize(
    ("sentence", "speaker", "kind"),
    [
        (
            "“We will not accept this,” said Katrien Vandermeulen, the Belgian minister.",
            "Katrien Vandermeulen",
            "direct",
        ),
        (
            'Interior Minister Lena Hartmann said: "Our borders are not a revolving door for '
            'smugglers."',
            "Lena Hartmann",
            "direct",
        ),
        (
            "Amnesty International warned that the deportations violate international law.",
            "Amnesty International",
            "indirect",
        ),
    ],
)
def test_speakers_in_common_styles(analyzer, sentence, speaker, kind):
    analysis = analyzer.analyze(
        sentence + " Migrants and asylum seekers are affected. Returns of refugees continue.",
        force=True,
    )
    statements = [s for s in analysis["statements"] if s["kind"] == kind]
    assert statements and statements[0]["speaker"] == speaker


def test_quote_split_around_its_speaker_is_one_statement(analyzer):
    text = (
        "“We are not,” she said, “going to accept pushbacks at our borders.” "
        "Asylum seekers and migrants wait at the border."
    )
    analysis = analyzer.analyze("Maria Costa, a lawyer for refugees, spoke. " + text, force=True)
    direct = [s for s in analysis["statements"] if s["kind"] == "direct"]
    assert len(direct) == 1
    assert direct[0]["speaker"] == "Maria Costa"
    assert "going to accept pushbacks" in direct[0]["content"]


def test_not_figures(analyzer):
    text = (
        "A 34-year-old migrant was detained on 3 March 2026 under Article 3. "
        "It was the third time this year that asylum seekers were held there. "
        "Call +32 2 555 01 99 for the refugee helpline."
    )
    analysis = analyzer.analyze(text, force=True)
    assert analysis["figures"] == []


def test_short_form_money_and_percent(analyzer):
    text = (
        "The EU pledged €210m for migration management in Tunisia, and asylum "
        "applications fell by 23% in 2025, with more than 1.2 million refugees hosted."
    )
    figures = {f["text"]: f for f in analyzer.analyze(text, force=True)["figures"]}
    assert figures["€210m"]["value"] == 210_000_000 and figures["€210m"]["kind"] == "money"
    # A fall is a signed change.
    assert any(f["kind"] == "change" and f["value"] == -23 for f in figures.values())
    assert any(f["value"] == 1_200_000 and f["qualifier"] == "more than" for f in figures.values())


def test_irrelevant_text_skips_nlp(analyzer):
    analysis = analyzer.analyze("The central bank kept interest rates unchanged on Thursday.")
    assert analysis["relevant"] is False
    assert analysis["statements"] == [] and analysis["countries"] == []


def test_empty_and_hostile_input_never_raise(analyzer):
    for text in [
        "",
        " ",
        "“",
        "\x00\x01",
        "“unclosed quote said he",
        "a" * 10_000,
        "<script>alert(1)</script>",
    ]:
        analysis = analyzer.analyze(text, force=True)
        assert set(analysis) >= ANALYSIS_KEYS


@pytest.mark.parametrize(("text", "value"), [
    ("more than 34,000", 34000), ("€210m", 210_000_000), ("two million", 2_000_000),
    ("1.2 million", 1_200_000), ("3bn", 3_000_000_000), ("hundreds", None),
    ("nearly 4,000", 4000), ("11 percent", 11), ("£120 million", 120_000_000),
    ("twenty-five", 25), ("1,5", 1.5),
])
def test_parse_value(text, value):
    from monitor.nlp.numbers import read_number

    number = read_number(text)
    assert (number.value if number else None) == value


def test_word_numbers_are_figures(analyzer):
    text = ("Hundreds of migrants were stranded at the border, and two million refugees "
            "remain displaced inside the country, aid agencies said.")
    values = {f["value"] for f in analyzer.analyze(text, force=True)["figures"]}
    # "Hundreds" is a vague amount, not a figure.
    assert 2_000_000 in values and 100 not in values
