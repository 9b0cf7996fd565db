"""Documents from local files: the one reader behind ``monitor analyze``, the
evaluation against gold files and the benchmarks.

A file is read the way the crawler reads a fetched page: HTML is reduced to its
main text (trafilatura), a PDF to its text with the offset where each page
begins; anything else is taken as plain UTF-8 text.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

from monitor.content_checks import binary_reason
from monitor.crawl.extract import ExtractionError, extract_page
from monitor.crawl.pdf import PdfError, extract_pdf, is_pdf
from monitor.settings import Settings

# Suffixes read when a folder is given; "" admits files without one.
DOCUMENT_SUFFIXES = frozenset({".txt", ".html", ".htm", ".md", ".pdf", ""})
STDIN = "-"


class DocumentError(ValueError):
    """A file cannot be read as a document; the message names the file."""


@dataclass(frozen=True)
class Document:
    label: str
    """The path as given (``-`` for standard input)."""
    text: str
    page_starts: tuple[int, ...] | None = None
    """For a PDF, the offset in ``text`` where each page begins."""


def looks_like_html(raw: str, name: str = "") -> bool:
    return name.endswith((".html", ".htm")) or (
        raw.lstrip()[:1] == "<" and "<html" in raw[:2000].lower()
    )


def text_of_html(raw: str, url: str, settings: Settings) -> str:
    """The main text of an HTML page, as the crawler would store it."""
    return extract_page(raw, url, settings).text


def read_document(
    path: str, settings: Settings, base_url: str | None = None, keep_short: bool = True
) -> Document:
    """Read one file (or standard input for ``-``) as a document.

    ``keep_short`` admits texts below the crawler's ``min_text_chars``: someone
    who names a file wants it analysed, however short. ``base_url`` is the page
    address trafilatura is told (default: the file's own URL).
    """
    if keep_short:
        settings = settings.replace(min_text_chars=1)
    try:
        data = sys.stdin.buffer.read() if path == STDIN else Path(path).read_bytes()
        if is_pdf(data[:1024]):
            document = extract_pdf(data, settings)
            return Document(path, document.text, tuple(document.page_starts))
        refuse_binary(path, data, settings)
        raw = data.decode("utf-8", errors="replace")
        if looks_like_html(raw, path):
            url = base_url or (Path(path).resolve().as_uri() if path != STDIN else "file:///stdin")
            return Document(path, text_of_html(raw, url, settings))
    except OSError as error:
        raise DocumentError(f"{path}: {error.strerror or error}") from error
    except (PdfError, ExtractionError) as error:
        raise DocumentError(f"{path}: {error}") from error
    return Document(path, raw)


def refuse_binary(path: str, data: bytes, settings: Settings) -> None:
    """DocumentError for an executable, archive, image or other non-text file:
    analysed as text it would yield labels and actors made of noise."""
    reason = binary_reason(data, settings)
    if reason is not None:
        raise DocumentError(f"{path}: not a text, HTML or PDF document: {reason}")


def expand_paths(
    paths: list[str] | tuple[str, ...],
    suffixes: frozenset[str] = DOCUMENT_SUFFIXES,
    skip_readme: bool = False,
) -> list[str]:
    """Files named, with each folder replaced by the files directly in it whose
    suffix is one of ``suffixes``; with ``skip_readme``, not a folder's README,
    which describes a corpus rather than being one of its texts."""
    files: list[str] = []
    for path in paths:
        if path != STDIN and Path(path).is_dir():
            files += sorted(
                str(child)
                for child in Path(path).iterdir()
                if child.is_file()
                and child.suffix.lower() in suffixes
                and not (skip_readme and child.name.upper().startswith("README"))
            )
        else:
            files.append(path)
    return files
