"""PDF policy documents: text, reading order, repairs, metadata and recorded failures.

Every PDF here is built in the test (fpdf2) with the features real policy
documents have: running headers and footers, two columns, words hyphenated at
line ends, a table and a scanned (image-only) page.
"""

from __future__ import annotations

import io
import json
import re
from datetime import datetime, timezone

import pdfplumber
import pytest

from monitor import store
from monitor.crawl.crawler import crawl
from monitor.crawl.pdf import PdfError, extract_pdf, is_pdf
from monitor.crawl.sources import Source
from monitor.demo.pdf_builder import Document, Page, build_pdf
from monitor.pages import page_at
from tests.loopback import rss

HEADER = "Ministry of the Interior - Policy Note 14/2026 - Reception and returns"
FOOTER = "Page {page} of {pages} - not for citation before publication"
INTRO = [
    "The Ministry of the Interior presents the reception and return figures for the "
    "third quarter. The number of asylum applications registered by the reception "
    "authorities fell to 6,480, while the number of accommodation places rose to 31,200.",
    "The ministry recommends that municipalities receive additional responsibilities for "
    "the accommodation of unaccompanied children, accompanied by a well-known funding "
    "formula that several provinces have already tested.",
]
LEFT = [
    "Left column first paragraph: interinstitutional coordination between the reception "
    "agency and the immigration service shortened registration considerably.",
    "Left column second paragraph: the administrative backlog of pending first-instance "
    "decisions decreased for the second consecutive quarter.",
]
RIGHT = [
    "Right column first paragraph: voluntary departures supported by reintegration "
    "assistance increased, mostly towards Georgia and Moldova.",
    "Right column second paragraph: forced returns remained exceptional and required "
    "escorts in a minority of cases.",
]
TABLE = [
    ["Nationality", "Applications", "Change"],
    ["Syria", "1,920", "-14%"],
    ["Afghanistan", "1,310", "+3%"],
    ["Eritrea", "640", "-2%"],
]
CLOSING = [
    "The third page closes the note: the ministry expects 2,300 voluntary departures "
    "in the fourth quarter, and it will publish the next note in February.",
]
CREATED = datetime(2026, 11, 3, 9, 30, tzinfo=timezone.utc)


def policy_note(**changes) -> Document:
    document = Document(
        pages=[
            Page(heading="Reception and returns in the third quarter", paragraphs=INTRO),
            Page(heading="Procedures", paragraphs=LEFT + RIGHT, columns=2),
            Page(paragraphs=CLOSING, table=TABLE),
            Page(image_only=True),
        ],
        title="Policy Note 14/2026: Reception and returns",
        author="Ministry of the Interior",
        created=CREATED,
        header=HEADER,
        footer=FOOTER,
    )
    for name, value in changes.items():
        setattr(document, name, value)
    return document


@pytest.fixture(scope="module")
def note_bytes() -> bytes:
    return build_pdf(policy_note())


@pytest.fixture(scope="module")
def note(note_bytes):
    from monitor.settings import Settings

    return extract_pdf(note_bytes, Settings())


def test_metadata_kept(note):
    assert note.title == "Policy Note 14/2026: Reception and returns"
    assert note.author == "Ministry of the Interior"
    assert note.created_at == "2026-11-03T09:30:00Z"
    assert note.page_count == 4


def test_all_pages_in_order(note):
    text = note.text
    markers = ("third quarter", "Left column first", "third page closes", "Syria | 1,920")
    positions = [text.index(marker) for marker in markers]
    assert positions == sorted(positions)


def test_two_columns_read_left_column_first(note):
    order = [note.text.index(p.split(":")[0]) for p in LEFT + RIGHT]
    assert order == sorted(order)
    # Each paragraph is whole, not interleaved line by line with its neighbour.
    for paragraph in LEFT + RIGHT:
        assert paragraph in note.text


def test_running_header_and_footer_removed(note):
    assert "Policy Note 14/2026 - Reception" not in note.text
    assert "not for citation" not in note.text
    assert not re.search(r"Page \d of \d", note.text)


def test_hyphenation_repaired(note_bytes, note):
    # The printed lines, column by column on the two-column page (page 2).
    with pdfplumber.open(io.BytesIO(note_bytes)) as pdf:
        first, two_columns, third = pdf.pages[:3]
        middle = two_columns.width / 2
        parts = [
            first,
            two_columns.crop((0, 0, middle, two_columns.height)),
            two_columns.crop((middle, 0, two_columns.width, two_columns.height)),
            third,
        ]
        raw = "\n".join(part.extract_text() or "" for part in parts)
    breaks = re.findall(r"([A-Za-z]+)-\n([a-z]+)", raw)
    assert breaks, "the builder should have hyphenated some words at line ends"
    for first, rest in breaks:
        assert f"{first}{rest}" in note.text or f"{first}-{rest}" in note.text
    assert not re.search(r"[a-z]- [a-z]", note.text)
    # Words the document spells with a hyphen keep it, wherever they were broken.
    assert "well-known" in note.text and "first-instance" in note.text
    for paragraph in INTRO + LEFT + RIGHT + CLOSING:
        assert paragraph in note.text


def test_compound_broken_at_its_hyphen_keeps_it(settings):
    # The same sentence behind ever longer openings: the compound lands at
    # the end of a line in some of them.
    sentence = "the well-known first-instance procedure applies to everyone"
    paragraphs = [("Asylum " * n) + sentence for n in range(1, 16)]
    data = build_pdf(Document(pages=[Page(paragraphs=paragraphs)]))
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        raw = pdf.pages[0].extract_text()
    assert re.search(r"(well|first)-\n", raw), "no compound was broken at a line end"
    text = extract_pdf(data, settings).text
    assert text.count("well-known first-instance procedure") == len(paragraphs)


def test_paragraph_running_on_into_the_next_column_joined(settings):
    left = [INTRO[0], "The backlog of first-instance decisions, which the agency calls adminis-"]
    right = ["trative arrears, decreased for the second consecutive quarter.", INTRO[1]]
    page = Page(heading="Procedures", paragraphs=left + right, columns=2)
    text = extract_pdf(build_pdf(Document(pages=[page])), settings).text
    assert (
        "The backlog of first-instance decisions, which the agency calls administrative "
        "arrears, decreased for the second consecutive quarter.\n\n" + INTRO[1]
    ) in text
    assert INTRO[0] + "\n\nThe backlog" in text  # a finished paragraph stays apart


def test_table_read_row_by_row(note):
    assert "Nationality | Applications | Change\nSyria | 1,920 | -14%" in note.text
    assert "Eritrea | 640 | -2%" in note.text


def test_image_only_page_recorded(note):
    assert note.pages_without_text == (4,)


def test_page_offsets_map_to_pages(note):
    assert page_at(note.page_starts, note.text.index("third quarter")) == 1
    assert page_at(note.page_starts, note.text.index("Right column second")) == 2
    assert page_at(note.page_starts, note.text.index("2,300 voluntary")) == 3
    assert page_at(note.page_starts, 0) == 1


def test_scanned_pdf_is_a_recorded_failure(settings):
    scanned = build_pdf(Document(pages=[Page(image_only=True), Page(image_only=True)]))
    with pytest.raises(PdfError) as error:
        extract_pdf(scanned, settings)
    assert error.value.reason == "no_text_layer"
    assert "2 pages" in str(error.value)


def test_encrypted_pdf_is_a_recorded_failure(settings):
    locked = build_pdf(policy_note(user_password="s3cret"))
    with pytest.raises(PdfError) as error:
        extract_pdf(locked, settings)
    assert error.value.reason == "encrypted"


def test_pdf_encrypted_only_against_copying_is_read(settings):
    # An empty user password: anyone may open it, as with many official PDFs.
    document = extract_pdf(build_pdf(policy_note(user_password="")), settings)
    assert "Left column first paragraph" in document.text


@pytest.mark.parametrize("share", [0.2, 0.5, 0.9, 0.99])
def test_truncated_pdf_is_a_recorded_failure(note_bytes, settings, share):
    with pytest.raises(PdfError) as error:
        extract_pdf(note_bytes[: int(len(note_bytes) * share)], settings)
    assert error.value.reason == "broken"


def test_too_many_pages_refused(note_bytes, settings):
    with pytest.raises(PdfError) as error:
        extract_pdf(note_bytes, settings.replace(max_pdf_pages=3))
    assert error.value.reason == "too_many_pages"


def test_not_a_pdf(settings):
    with pytest.raises(PdfError) as error:
        extract_pdf(b"<html>not a pdf</html>", settings)
    assert error.value.reason == "not_pdf"


def test_detection_by_header_or_magic_bytes(note_bytes, settings):
    assert is_pdf(note_bytes, "text/html")
    # Bytes before the header (some servers and generators add them) are allowed.
    assert "Left column first" in extract_pdf(b"\r\n\xef\xbb\xbf" + note_bytes, settings).text
    assert is_pdf(b"", "application/pdf")
    assert not is_pdf(b"<html></html>", "text/html")


# --- through the crawler ---------------------------------------------------------


def crawl_pdfs(http_server, settings, db, routes: dict[str, tuple[bytes, str]], **source_fields):
    http_server.add(
        "/feed.xml",
        rss([(path.strip("/"), path) for path in routes]),
        headers={"Content-Type": "application/rss+xml"},
    )
    for path, (body, content_type) in routes.items():
        http_server.add(path, body, headers={"Content-Type": content_type})
    fields = {"kind": "government", "doc_type": "mixed", **source_fields}
    source = Source(
        id="ministry", name="Ministry", url=http_server.url + "/feed.xml", language="en", **fields
    )
    counts = crawl(db, [source], settings, run_id="r1")
    errors = {
        row["url"].rsplit("/", 1)[-1]: row for row in db.query("select * from fetch_errors")
    }
    return counts, errors


def test_crawled_pdf_stored_with_pages_metadata_and_type(http_server, settings, db, note_bytes):
    counts, errors = crawl_pdfs(
        http_server,
        settings,
        db,
        {
            "/policy-note.pdf": (note_bytes, "application/pdf"),
            # A server that labels its PDF as a web page.
            "/download/7": (build_pdf(Document(pages=[Page(paragraphs=INTRO)])), "text/html"),
        },
    )
    assert errors == {} and counts.new == 2
    rows = {r["url"].rsplit("/", 1)[-1]: r for r in db.query("select * from articles")}
    row = rows["policy-note.pdf"]
    assert row["text_source"] == "pdf" and row["page_count"] == 4
    assert row["author"] == "Ministry of the Interior"
    assert row["published_at"] == "2026-11-20T08:00:00Z"  # the feed's date comes first
    assert row["doc_type"] == "policy_document"  # a government PDF without other signs
    starts = json.loads(row["page_starts"])
    assert page_at(starts, row["text"].index("2,300 voluntary")) == 3
    assert store.raw_html(db, row["id"]) == note_bytes
    raw = db.table("raw_pages").get(rows["7"]["id"])
    assert raw["content_type"] == "application/pdf"
    assert rows["7"]["text_source"] == "pdf"


def test_crawled_pdf_failures_recorded(http_server, settings, db, note_bytes):
    big = build_pdf(policy_note(pages=[Page(paragraphs=INTRO * 6)] * 12))
    counts, errors = crawl_pdfs(
        http_server,
        settings.replace(max_pdf_bytes=len(big) - 1),
        db,
        {
            "/locked.pdf": (build_pdf(policy_note(user_password="x")), "application/pdf"),
            "/cut.pdf": (note_bytes[: len(note_bytes) // 2], "application/pdf"),
            "/scan.pdf": (build_pdf(Document(pages=[Page(image_only=True)])), "application/pdf"),
            "/huge.pdf": (big, "application/pdf"),
        },
    )
    assert counts.new == 0 and counts.failed == 4
    assert db.table("articles").count == 0
    assert errors["locked.pdf"]["stage"] == "pdf" and "encrypted" in errors["locked.pdf"]["error"]
    assert errors["cut.pdf"]["stage"] == "pdf" and "broken" in errors["cut.pdf"]["error"]
    assert "no_text_layer" in errors["scan.pdf"]["error"]
    assert errors["huge.pdf"]["stage"] == "fetch" and "too_large" in errors["huge.pdf"]["error"]


def test_pdf_parsing_has_the_extraction_time_limit(http_server, settings, db, note_bytes):
    counts, errors = crawl_pdfs(
        http_server,
        settings.replace(pdf_timeout=0.001),
        db,
        {"/slow.pdf": (note_bytes, "application/pdf")},
    )
    assert counts.failed == 1
    assert "parser_failed" in errors["slow.pdf"]["error"]
    assert "pdf_timeout" in errors["slow.pdf"]["error"]
