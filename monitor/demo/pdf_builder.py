"""Builds PDFs that look like real policy documents, for tests and the demo corpus.

Real PDFs from ministries and NGOs have running headers and footers, page
numbers, two-column layouts, words hyphenated at line ends, tables and pages
that are only a scanned image. This builder lays text out line by line itself
(instead of letting fpdf2 wrap it) so that hyphenation happens exactly where a
typesetter would put it, and the extractor is tested against that.

Needs ``fpdf2`` (the ``test`` extra); the monitor itself never imports this.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from datetime import datetime

from fpdf import FPDF

PAGE_WIDTH = 210.0  # A4, millimetres
MARGIN = 20.0
COLUMN_GAP = 8.0
LINE_HEIGHT = 5.0
PARAGRAPH_GAP = 3.0
FONT_SIZE = 10.5
MIN_SPLIT = 3  # letters kept on each side of a hyphenation break


@dataclass
class Page:
    """One page: paragraphs in one or two columns, a table, or only an image."""

    paragraphs: list[str] = field(default_factory=list)
    columns: int = 1
    heading: str | None = None
    table: list[list[str]] | None = None
    image_only: bool = False


@dataclass
class Document:
    pages: list[Page]
    title: str = ""
    author: str = ""
    created: datetime | None = None
    header: str | None = None
    """Printed at the top of every page."""
    footer: str | None = None
    """Printed at the bottom of every page; ``{page}`` and ``{pages}`` are filled in."""
    hyphenate: bool = True
    """Split a long word that does not fit at the line end with a hyphen."""
    user_password: str | None = None
    """Encrypt the PDF so that it cannot be opened without this password."""


def _wrap(pdf: FPDF, text: str, width: float, hyphenate: bool) -> list[str]:
    """Lines of ``text`` no wider than ``width``; long words are hyphenated to fill lines."""
    lines: list[str] = []
    line = ""
    for word in text.split():
        candidate = f"{line} {word}" if line else word
        if pdf.get_string_width(candidate) <= width:
            line = candidate
            continue
        prefix = f"{line} " if line else ""
        head = word.split("-")[0]
        if "-" in word and pdf.get_string_width(f"{prefix}{head}-") <= width:
            # A compound breaks at its own hyphen, as a typesetter would break it.
            lines.append(f"{prefix}{head}-")
            line = word[len(head) + 1 :]
            continue
        if hyphenate and word.isalpha() and len(word) >= 2 * MIN_SPLIT + 2:
            for cut in range(len(word) - MIN_SPLIT, MIN_SPLIT - 1, -1):
                if pdf.get_string_width(f"{prefix}{word[:cut]}-") <= width:
                    lines.append(f"{prefix}{word[:cut]}-")
                    line = word[cut:]
                    break
            else:
                lines.append(line)
                line = word
            continue
        lines.append(line)
        line = word
    if line:
        lines.append(line)
    return lines


def _grey_image(width: int, height: int):
    """A noisy grey bitmap standing in for a scanned page (no text layer)."""
    from PIL import Image, ImageDraw

    image = Image.new("L", (width, height), 235)
    draw = ImageDraw.Draw(image)
    for y in range(20, height - 20, 14):
        draw.line([(30, y), (width - 30 - (y * 7) % 90, y)], fill=70, width=4)
    return image


class _Pdf(FPDF):
    def __init__(self, document: Document):
        super().__init__(format="A4", unit="mm")
        self.document = document
        self.set_margins(MARGIN, MARGIN + 8, MARGIN)
        self.set_auto_page_break(False)
        self.alias_nb_pages("{pages}")

    def header(self) -> None:
        if self.document.header:
            self.set_font("Helvetica", "I", 8)
            self.set_xy(MARGIN, 10)
            self.cell(0, 5, self.document.header)

    def footer(self) -> None:
        if self.document.footer:
            self.set_font("Helvetica", "", 8)
            self.set_xy(MARGIN, 297 - 14)
            self.cell(0, 5, self.document.footer.replace("{page}", str(self.page_no())))


def _write_column(pdf: FPDF, paragraphs: list[str], x: float, width: float, hyphenate: bool):
    y = pdf.get_y()
    for paragraph in paragraphs:
        for line in _wrap(pdf, paragraph, width, hyphenate):
            pdf.set_xy(x, y)
            pdf.cell(width, LINE_HEIGHT, line)
            y += LINE_HEIGHT
        y += PARAGRAPH_GAP
    return y


def build_pdf(document: Document) -> bytes:
    """The document as PDF bytes. Each :class:`Page` must fit on one page."""
    pdf = _Pdf(document)
    if document.title:
        pdf.set_title(document.title)
    if document.author:
        pdf.set_author(document.author)
    if document.created:
        pdf.set_creation_date(document.created)
    if document.user_password is not None:
        pdf.set_encryption(owner_password="owner-" + document.user_password,
                           user_password=document.user_password)
    usable = PAGE_WIDTH - 2 * MARGIN
    for page in document.pages:
        pdf.add_page()
        if page.image_only:
            pdf.image(_grey_image(800, 1100), x=MARGIN, y=MARGIN + 8, w=usable)
            continue
        pdf.set_y(MARGIN + 8)
        if page.heading:
            pdf.set_font("Helvetica", "B", 14)
            for line in _wrap(pdf, page.heading, usable, hyphenate=False):
                pdf.set_x(MARGIN)
                pdf.cell(usable, 7, line)
                pdf.ln(7)
            pdf.ln(4)
        pdf.set_font("Helvetica", "", FONT_SIZE)
        if page.columns == 2:
            width = (usable - COLUMN_GAP) / 2
            half = (len(page.paragraphs) + 1) // 2
            top = pdf.get_y()
            _write_column(pdf, page.paragraphs[:half], MARGIN, width, document.hyphenate)
            pdf.set_y(top)
            bottom = _write_column(
                pdf, page.paragraphs[half:], MARGIN + width + COLUMN_GAP, width,
                document.hyphenate,
            )
            pdf.set_y(bottom)
        else:
            pdf.set_y(_write_column(pdf, page.paragraphs, MARGIN, usable, document.hyphenate))
        if page.table:
            pdf.ln(4)
            pdf.set_font("Helvetica", "", 9)
            with pdf.table(width=usable, first_row_as_headings=True) as table:
                for row in page.table:
                    cells = table.row()
                    for value in row:
                        cells.cell(value)
    buffer = io.BytesIO()
    pdf.output(buffer)
    return buffer.getvalue()
