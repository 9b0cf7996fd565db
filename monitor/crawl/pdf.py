"""Text and metadata of a PDF policy document, with pdfplumber (pdfminer.six).

Policy documents are typeset for print, so their text layer needs repair
before it can be analysed and quoted:

* **reading order**: pdfminer groups characters into text boxes; the boxes of
  a two-column page are read left column first, then right column, between
  full-width elements (headings, tables) that cut across both columns;
* **run-on paragraphs**: a paragraph that continues at the top of the next
  column (it does not end a sentence, the next block starts in lower case) is
  joined into one;
* **tables**: single-line cells side by side are read row by row, cells
  separated by `` | ``;
* **running headers and footers** (a title line, "Page 3 of 12") that repeat
  in the top or bottom margin of most pages are removed;
* **hyphenation**: a word broken at a line end ("coop-" / "eration") is joined
  again; the hyphen stays when the document also writes the word with a
  hyphen elsewhere ("well-known"), or when the next part starts with a capital
  ("EU-" / "Turkey");
* **metadata**: title, author and creation date from the document info.

Pages are joined with a blank line and :attr:`PdfDocument.page_starts` records
the character offset where each page begins, so that any offset into the text
(a figure, a statement) maps back to a page number with :func:`page_at`.

A PDF without any text layer (a scan) raises :class:`PdfError` with reason
``no_text_layer``: OCR is not attempted, and storing an empty document would
hide the gap. Encrypted, broken and oversized documents raise :class:`PdfError`
too; this module never lets a parser exception escape.
"""

from __future__ import annotations

import io
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from monitor.crawl.extract import ExtractionError
from monitor.dates import to_utc_iso
from monitor.settings import Settings

PDF_MAGIC = b"%PDF-"
PAGE_SEPARATOR = "\n\n"
MARGIN_SHARE = 0.1  # top and bottom tenth of a page: where running headers and footers sit
REPEATED_SHARE = 0.5  # a margin line on at least this share of pages is a running header
CELL_SEPARATOR = " | "
MAX_CELL_CHARS = 60  # longer single-line boxes are prose, not table cells
# Lay-out parameters for pdfminer: boxes_flow=None keeps boxes unsorted (we order them).
LAYOUT = {"line_margin": 0.5, "boxes_flow": None}


class PdfError(ExtractionError):
    """A PDF that gave no text; ``reason`` is one of ``encrypted``, ``broken``,
    ``no_text_layer``, ``too_short``, ``too_many_pages``, ``not_pdf`` or
    ``parser_failed`` (timed out or crashed its worker)."""

    stage = "pdf"

    def __init__(self, reason: str, message: str):
        super().__init__(f"{reason}: {message}")
        self.reason = reason


@dataclass(frozen=True)
class PdfDocument:
    text: str
    title: str | None
    author: str | None
    created_at: str | None
    """Creation date from the document info, ISO 8601 UTC."""
    page_count: int
    page_starts: tuple[int, ...]
    """Offset in ``text`` where each page begins (page 1 at index 0)."""
    pages_without_text: tuple[int, ...] = field(default=())
    """1-based numbers of pages that are only an image (scanned)."""


def is_pdf(content: bytes, content_type: str = "") -> bool:
    """Whether a response is a PDF, by header or by magic bytes (servers mislabel PDFs).
    Readers accept the ``%PDF-`` header anywhere in the first kilobyte."""
    return content_type == "application/pdf" or PDF_MAGIC in content[:1024]


# --- layout --------------------------------------------------------------------


@dataclass
class _Box:
    text: str
    lines: list[str]
    x0: float
    x1: float
    top: float
    bottom: float


def _boxes(page: Any) -> list[_Box]:
    """Text boxes of a pdfplumber page, with y measured from the top of the page."""
    from pdfminer.layout import LTTextBox

    height = float(page.height)
    found = []
    for element in page.layout:
        if not isinstance(element, LTTextBox):
            continue
        lines = [line.get_text().strip() for line in element]
        lines = [line for line in lines if line]
        if lines:
            found.append(
                _Box(
                    text=" ".join(lines),
                    lines=lines,
                    x0=element.x0,
                    x1=element.x1,
                    top=height - element.y1,
                    bottom=height - element.y0,
                )
            )
    return found


def _margin_key(box: _Box) -> str:
    """A running header's identity: digits (page numbers) and spacing ignored."""
    return re.sub(r"\s+", " ", re.sub(r"\d+", "#", box.text)).strip().casefold()


def _in_margin(box: _Box, height: float) -> bool:
    return box.bottom <= height * MARGIN_SHARE or box.top >= height * (1 - MARGIN_SHARE)


def _running_lines(pages: list[tuple[float, list[_Box]]]) -> set[str]:
    """Keys of margin boxes repeated on most pages (needs at least two pages)."""
    if len(pages) < 2:
        return set()
    counts = Counter(
        key
        for height, boxes in pages
        for key in {_margin_key(box) for box in boxes if _in_margin(box, height)}
    )
    needed = max(2, round(len(pages) * REPEATED_SHARE))
    return {key for key, count in counts.items() if count >= needed}


def _overlap(a: _Box, b: _Box) -> bool:
    return min(a.bottom, b.bottom) - max(a.top, b.top) > 0.5 * min(
        a.bottom - a.top, b.bottom - b.top
    )


def _table_rows(boxes: list[_Box]) -> tuple[list[list[_Box]], list[_Box]]:
    """Rows of short single-line boxes side by side (a table), and the other boxes."""
    cells = [b for b in boxes if len(b.lines) == 1 and len(b.text) <= MAX_CELL_CHARS]
    rows: list[list[_Box]] = []
    for cell in sorted(cells, key=lambda b: b.top):
        if rows and _overlap(rows[-1][0], cell):
            rows[-1].append(cell)
        else:
            rows.append([cell])
    rows = [sorted(row, key=lambda b: b.x0) for row in rows if len(row) >= 2]
    in_rows = {id(b) for row in rows for b in row}
    return rows, [b for b in boxes if id(b) not in in_rows]


def _reading_order(boxes: list[_Box], width: float) -> list[tuple[float, str, list[str]]]:
    """(top, kind, lines) blocks in reading order; kind is 'text' or 'table'."""
    rows, prose = _table_rows(boxes)
    middle = width / 2
    blocks: list[tuple[float, str, list[str]]] = []
    # A wide element (crossing the middle of the page) ends the columns above it.
    wide = [(row[0].top, "table", [CELL_SEPARATOR.join(b.text for b in row)]) for row in rows]
    wide += [(b.top, "text", b.lines) for b in prose if b.x0 < middle < b.x1]
    wide.sort(key=lambda block: block[0])
    columns = [b for b in prose if not (b.x0 < middle < b.x1)]
    cut = 0
    for top, kind, lines in [*wide, (float("inf"), "end", [])]:
        band = [b for b in columns if cut <= b.top < top]
        for box in sorted(band, key=lambda b: (b.x0 >= middle, b.top)):
            blocks.append((box.top, "text", box.lines))
        if kind != "end":
            blocks.append((top, kind, lines))
        cut = top
    return blocks


# --- text repair ---------------------------------------------------------------

LINE_END_HYPHEN = re.compile(r"(\w+)-$")
HYPHENATED_WORD = re.compile(r"\b[A-Za-z]+-[a-z]+\b")


def _join_lines(lines: list[str], hyphenated_words: set[str]) -> str:
    """One paragraph from its printed lines, with line-end hyphenation undone."""
    text = ""
    for line in lines:
        match = LINE_END_HYPHEN.search(text)
        if not text:
            text = line
        elif match and line[:1].isalpha():
            first_part = match.group(1)
            next_part = re.match(r"\w+", line)
            whole = f"{first_part}-{next_part.group(0) if next_part else ''}".casefold()
            keep_hyphen = line[0].isupper() or whole in hyphenated_words
            text = text if keep_hyphen else text[:-1]
            text += line
        else:
            text += " " + line
    return text


SENTENCE_END = re.compile(r"[.!?:;\"'\u201d\u2019)\]]$")


def _page_text(
    blocks: list[tuple[float, str, list[str]]], hyphenated_words: set[str]
) -> str:
    paragraphs: list[str] = []
    table: list[str] = []
    continues = False  # whether the last paragraph is prose that may run on
    for _top, kind, lines in blocks:
        if kind == "table":
            table.extend(lines)
            continue
        if table:
            paragraphs.append("\n".join(table))
            table, continues = [], False
        text = _join_lines(lines, hyphenated_words)
        if continues and text[:1].islower() and not SENTENCE_END.search(paragraphs[-1]):
            # A paragraph that runs on at the top of the next column (a word
            # hyphenated there is joined like one broken at a line end).
            paragraphs[-1] = _join_lines([paragraphs[-1], text], hyphenated_words)
        else:
            paragraphs.append(text)
        continues = True
    if table:
        paragraphs.append("\n".join(table))
    return "\n\n".join(p for p in paragraphs if p.strip())


def _metadata(info: dict[str, Any]) -> tuple[str | None, str | None, str | None]:
    def text(key: str) -> str | None:
        value = info.get(key)
        if isinstance(value, bytes):
            value = value.decode("utf-8", errors="replace")
        return value.strip() or None if isinstance(value, str) else None

    created = text("CreationDate")
    return text("Title"), text("Author"), _pdf_date(created) if created else None


def _pdf_date(value: str) -> str | None:
    """A PDF date (``D:20261103093000+01'00'``) as ISO 8601 UTC."""
    match = re.match(r"D?:?(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?([Zz+-].*)?$", value)
    if not match:
        return to_utc_iso(value)
    year, month, day, hour, minute, second, zone = match.groups()
    zone = (zone or "Z").replace("'", "")
    if zone[:1] in "+-" and len(zone) == 5:
        zone = f"{zone[:3]}:{zone[3:]}"
    return to_utc_iso(
        f"{year}-{month or '01'}-{day or '01'}T{hour or '00'}:{minute or '00'}:"
        f"{second or '00'}{'+00:00' if zone in ('Z', 'z') else zone}"
    )


# --- the whole document ----------------------------------------------------------


def _open(content: bytes):
    import pdfplumber
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
    from pdfplumber.utils.exceptions import PdfminerException

    try:
        # The empty password opens documents that are encrypted only to restrict
        # printing or copying, which many official PDFs are.
        return pdfplumber.open(io.BytesIO(content), laparams=LAYOUT, password="")
    except PdfminerException as error:
        # pdfplumber wraps pdfminer's exception as its first argument.
        cause = error.args[0] if error.args else error
        if isinstance(cause, (PDFPasswordIncorrect, PDFEncryptionError)):
            raise PdfError("encrypted", f"needs a password ({type(cause).__name__})") from error
        raise PdfError("broken", f"{type(cause).__name__}: {cause}"[:300]) from error


def extract_pdf(content: bytes, settings: Settings) -> PdfDocument:
    """The document's text, metadata and page offsets; PdfError when there is no text."""
    if not is_pdf(content):
        raise PdfError("not_pdf", "no %PDF- header in the first kilobyte")
    try:
        return _extract(content, settings)
    except PdfError:
        raise
    except Exception as error:  # noqa: BLE001 - any parser failure is a recorded, broken PDF
        raise PdfError("broken", f"{type(error).__name__}: {error}"[:300]) from error


def _extract(content: bytes, settings: Settings) -> PdfDocument:
    with _open(content) as pdf:
        page_count = len(pdf.pages)
        if page_count > settings.max_pdf_pages:
            raise PdfError(
                "too_many_pages", f"{page_count} pages, max_pdf_pages={settings.max_pdf_pages}"
            )
        title, author, created = _metadata(pdf.metadata or {})
        laid_out = []
        for page in pdf.pages:
            laid_out.append((float(page.height), float(page.width), _boxes(page)))
            page.flush_cache()  # keeps memory flat on long documents
    running = _running_lines([(height, boxes) for height, _, boxes in laid_out])
    kept = [
        (width, [b for b in boxes if not (_in_margin(b, height) and _margin_key(b) in running)])
        for height, width, boxes in laid_out
    ]
    all_text = " ".join(b.text for _, boxes in kept for b in boxes)
    hyphenated = {word.casefold() for word in HYPHENATED_WORD.findall(all_text)}
    texts = [_page_text(_reading_order(boxes, width), hyphenated) for width, boxes in kept]
    if not any(text.strip() for text in texts):
        raise PdfError(
            "no_text_layer",
            f"none of the {page_count} pages has a text layer (a scan?); OCR is not done",
        )
    starts, parts, offset = [], [], 0
    for text in texts:
        starts.append(offset)
        parts.append(text)
        offset += len(text) + len(PAGE_SEPARATOR)
    text = PAGE_SEPARATOR.join(parts)
    if len(text.strip()) < settings.min_text_chars:
        raise PdfError(
            "too_short",
            f"text has {len(text.strip())} characters, "
            f"fewer than min_text_chars={settings.min_text_chars}",
        )
    return PdfDocument(
        text=text,
        title=title,
        author=author,
        created_at=created,
        page_count=page_count,
        page_starts=tuple(starts),
        pages_without_text=tuple(n for n, t in enumerate(texts, start=1) if not t.strip()),
    )
