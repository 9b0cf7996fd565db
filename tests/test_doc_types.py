"""Document types: declared by the source, or inferred for a mixed source."""

import pytest

from monitor.crawl.doc_types import DOC_TYPES, default_doc_type, infer_doc_type
from monitor.crawl.sources import ConfigError, parse_feeds_text


def infer(url="https://example.org/x", title="", text="", kind="government", **kwargs):
    return infer_doc_type(
        declared=kwargs.pop("declared", "mixed"),
        source_kind=kind,
        url=url,
        title=title,
        text=text,
        **kwargs,
    )


def test_declared_type_wins_over_signs():
    assert infer(declared="news", title="Court ruling on returns", kind="news") == "news"
    assert infer(declared="ngo_report", url="https://x.org/press-releases/a") == "ngo_report"


def test_news_outlets_default_to_news_and_others_to_mixed():
    assert default_doc_type("news") == default_doc_type("agency") == "news"
    assert default_doc_type("court") == default_doc_type("ngo") == "mixed"
    assert infer(declared=None, kind="news", title="Judgment day for the pact") == "news"


@pytest.mark.parametrize(
    ("expected", "fields"),
    [
        ("court_ruling", {"text": "JUDGMENT OF THE COURT (Grand Chamber) in Case C-123/24"}),
        ("court_ruling", {"text": "ECLI:EU:C:2026:512. The reference concerns ..."}),
        ("court_ruling", {"url": "https://curia.example/judgments/2026/c-99"}),
        ("policy_document", {"text": "COM(2026) 310 final. COMMUNICATION FROM THE COMMISSION"}),
        ("policy_document", {"title": "Action plan on the Central Mediterranean route"}),
        ("press_release", {"text": "PRESS RELEASE\nBrussels, 3 November 2026. The Council ..."}),
        ("press_release", {"url": "https://gov.example/en/press-releases/2026/11/returns"}),
        ("statement", {"title": "Joint statement by the ministers on the Sahel"}),
        ("statement", {"url": "https://unhcr.example/news/speeches/opening-remarks"}),
        ("ngo_report", {"title": "Policy note: detention", "kind": "ngo"}),
        ("ngo_report", {"url": "https://ngo.example/publications/detention", "kind": "research"}),
    ],
)
def test_inferred_from_the_document(expected, fields):
    assert infer(**fields) == expected


def test_reports_of_public_bodies_are_policy_documents():
    title = "Policy note: detention at the external borders"
    assert infer(title=title, kind="ngo") == "ngo_report"
    assert infer(title=title, kind="government") == "policy_document"


def test_strongest_sign_wins():
    # A press-release address, but the text is a judgment summary.
    assert (
        infer(
            url="https://court.example/press/2026-11-20",
            text="Judgment of the Court in Case C-412/25: the Court rules that ...",
        )
        == "court_ruling"
    )


def test_without_signs_the_publishers_usual_type():
    assert infer(kind="court") == "court_ruling"
    assert infer(kind="ngo") == "ngo_report"
    assert infer(kind="government") == "press_release"
    assert infer(kind="government", is_pdf=True) == "policy_document"
    assert infer(kind="un_agency") in DOC_TYPES


def test_feeds_yaml_doc_type_validated():
    text = (
        "feeds:\n  - {id: court, name: Court, url: 'https://court.example/press', "
        "language: en, kind: court, doc_type: %s}\n"
    )
    assert parse_feeds_text(text % "court_ruling").sources[0].doc_type == "court_ruling"
    assert parse_feeds_text(text % "mixed").sources[0].doc_type == "mixed"
    with pytest.raises(ConfigError, match=r"feed #1 \(court\): doc_type 'memo' is not one of"):
        parse_feeds_text(text % "memo")
