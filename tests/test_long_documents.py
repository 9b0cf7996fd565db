"""Long PDFs through analysis: sections for spaCy, offsets into the full text, pages."""

from __future__ import annotations

import json
import time

import pytest

from monitor import store
from monitor.analysis.analyze import split_sections
from monitor.crawl.pdf import extract_pdf
from monitor.demo.pdf_builder import Document, Page, build_pdf
from monitor.pages import page_at
from monitor.settings import Settings

COUNTRIES = ["Italy", "Greece", "Spain", "Malta", "Cyprus", "Bulgaria", "Croatia", "Poland"]


def page_paragraphs(number: int) -> list[str]:
    """Ten paragraphs of a policy report page; every page has its own figure."""
    country = COUNTRIES[number % len(COUNTRIES)]
    arrivals = 1000 + 37 * number
    return [
        f"Section {number}. The national authorities of {country} registered {arrivals:,} "
        f"asylum applications in the reporting period, according to the reception agency.",
        f"The reception system of {country} offered accommodation in collective centres and "
        "in private housing, and the agency reported that occupancy remained high throughout "
        "the period under review, with families waiting longer for a transfer.",
        "Legal counsellors observed that applicants often lacked information about the "
        "procedure at the border, and that interpretation was not available in every "
        "language spoken by the people concerned, which delayed the first interviews.",
        f'"We need predictable solidarity from the other member states," the minister of '
        f"{country} said at the presentation of the figures.",
        "The report recommends that the screening procedure be monitored independently and "
        "that the results of the monitoring be published every quarter, so that "
        "parliaments can follow how the new rules are applied in practice.",
        "Civil society organisations asked for sufficient funding of legal aid and for "
        "alternatives to detention for families with children, as the law requires.",
        "The inspection visits found that the medical screening of new arrivals was carried "
        "out within the legal deadline in most centres, but that psychological support was "
        "offered only where non-governmental partners provided it with their own funds.",
        "Unaccompanied children were placed in specialised facilities after their age had "
        "been assessed; the report notes that the assessment relied too heavily on medical "
        "examinations whose margin of error is well documented in the scientific literature.",
        "Return decisions were issued to people whose applications had been rejected with "
        "final effect, and the number of voluntary departures supported by reintegration "
        "assistance grew, while forced returns remained rare and required escorts.",
        "The network will repeat the monitoring in the next reporting period and invites the "
        "authorities to respond in writing to the recommendations set out in this section, "
        "in particular those on access to information and on legal assistance at the border.",
    ]


def full_page(number: int) -> list[str]:
    """A page as dense as a real report's (about 3,000 characters)."""
    paragraphs = page_paragraphs(number)
    return paragraphs + [paragraphs[i] for i in (1, 2, 4, 5)]


def long_report(pages: int) -> bytes:
    return build_pdf(
        Document(
            pages=[Page(paragraphs=full_page(n)) for n in range(1, pages + 1)],
            title="Annual report on asylum and reception",
            author="Reception Monitoring Network",
            header="Annual report on asylum and reception 2026",
            footer="Page {page} of {pages}",
        )
    )


@pytest.mark.parametrize("size", [50, 300, 1000])
def test_sections_rejoin_to_the_text_and_cut_at_paragraphs(size):
    # Paragraphs of 3 to 25 words, at most 130 characters.
    text = "\n\n".join(" ".join(["word"] * (n % 23 + 3)) + "." for n in range(200))
    sections = split_sections(text, size)
    assert "".join(sections) == text
    assert all(len(section) <= size for section in sections)
    if size >= 2 * 130:  # room for a whole paragraph in the second half of every section
        assert all(section.endswith("\n\n") for section in sections[:-1])


def test_section_cut_inside_an_unbroken_run():
    text = "x" * 95
    assert split_sections(text, 40) == ["x" * 40, "x" * 40, "x" * 15]


@pytest.mark.slow
def test_figure_and_statement_page_numbers(analyzer, settings):
    document = extract_pdf(long_report(3), settings)
    analysis = analyzer.analyze(document.text, page_starts=document.page_starts)
    figures = {round(f["value"]): f for f in analysis["figures"]}
    for number in (1, 2, 3):
        figure = figures[1000 + 37 * number]
        assert figure["page"] == number
        assert document.text[figure["start"] : figure["end"]] == figure["text"]
    pages = sorted({s["page"] for s in analysis["statements"] if "solidarity" in s["content"]})
    assert pages == [1, 2, 3]


@pytest.mark.slow
def test_page_numbers_stored_by_process(analyzer, settings, db):
    from monitor.analysis.process import process

    document = extract_pdf(long_report(2), settings)
    store.save_article(
        db,
        {
            "id": "report",
            "url": "https://network.example/report.pdf",
            "title": "Annual report",
            "text": document.text,
            "page_starts": json.dumps(list(document.page_starts)),
            "page_count": document.page_count,
            "doc_type": "ngo_report",
        },
        {"status": 200, "content_type": "application/pdf", "html": b"%PDF-"},
    )
    process(db, settings.replace(workers=1), analyzer=analyzer)
    rows = {round(r["value"]): r["page"] for r in db.query("select value, page from figures")}
    assert rows[1037] == 1 and rows[1074] == 2
    pages = {r["page"] for r in db.query("select page from statements")}
    assert pages == {1, 2}


@pytest.mark.slow
def test_sixty_page_report_analysed_in_full(analyzer):
    settings = Settings()
    started = time.perf_counter()
    document = extract_pdf(long_report(60), settings)
    parsed = time.perf_counter()
    analysis = analyzer.analyze(document.text, page_starts=document.page_starts)
    analysed = time.perf_counter()
    print(
        f"\n60-page PDF: {len(document.text):,} characters, "
        f"{len(document.text.split()):,} words; "
        f"PDF parsing {parsed - started:.1f} s, analysis {analysed - parsed:.1f} s"
    )
    assert document.page_count == 60
    assert len(document.text) > 3 * settings.analyze_section_chars  # really sectioned
    figure_pages = {f["page"] for f in analysis["figures"] if f["value"] == 1000 + 37 * f["page"]}
    assert figure_pages == set(range(1, 61))
    statement_pages = {s["page"] for s in analysis["statements"] if "solidarity" in s["content"]}
    assert statement_pages == set(range(1, 61))
    for statement in analysis["statements"]:
        assert document.text[statement["start"] :].startswith(statement["content"][:20])
        assert page_at(document.page_starts, statement["start"]) == statement["page"]


@pytest.mark.slow
def test_analyze_command_reads_a_pdf_with_pages():
    from click.testing import CliRunner

    from monitor.cli import cli
    from monitor.demo import SITE_DIR

    path = SITE_DIR / "library" / "notes" / "border-detention-policy-note.pdf"
    result = CliRunner().invoke(cli, ["analyze", str(path)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    analysis = json.loads(result.output)
    assert analysis["relevant"]
    assert {s["page"] for s in analysis["statements"]} == {1, 2, 3}
    assert all("page" in figure for figure in analysis["figures"])
