"""Is it text, and is it English? Checks made before a document is analysed.

The analysis is an English spaCy pipeline and an English classifier: fed an
executable it finds labels in noise, fed German it finds "Jahr 2025" to be a
person. Binary input is refused where it enters (a file for ``monitor
analyze``, a crawled page's extracted text); text in another language is
stored and searchable, but not analysed, and the reason is recorded.

Language detection is py3langid (its model ships inside the package). Short
texts and unsure verdicts are taken as English: a headline full of names is
easily mistaken for Danish, and wrongly skipping English loses statements,
while wrongly analysing a foreign text only adds noise the researcher can see.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from monitor.settings import Settings

PIPELINE_LANGUAGE = "en"
"""The language the analysis pipeline understands."""

# Leading bytes of formats that are never text (PDF is read by its own reader).
BINARY_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x7fELF", "an ELF executable"),
    (b"\xcf\xfa\xed\xfe", "a Mach-O executable"),
    (b"\xca\xfe\xba\xbe", "a Mach-O or Java class file"),
    (b"PK\x03\x04", "a ZIP archive (or DOCX/XLSX/ODT)"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"BZh", "a bzip2 archive"),
    (b"\xfd7zXZ\x00", "an xz archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7z archive"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"SQLite format 3\x00", "an SQLite database"),
    (b"\xd0\xcf\x11\xe0", "an old Office document (DOC/XLS)"),
)
# Characters that do not occur in text: C0/C1 controls other than layout
# whitespace, and U+FFFD, what an undecodable byte becomes.
LAYOUT_CONTROLS = frozenset("\t\n\r\f\v")
REPLACEMENT = "\ufffd"


def binary_reason(data: bytes, settings: Settings) -> str | None:
    """Why the start of ``data`` is not text (one short phrase), or None when it is."""
    sample = data[: settings.binary_sample_bytes]
    for magic, kind in BINARY_MAGIC:
        if sample.startswith(magic):
            return f"binary data ({kind})"
    if b"\x00" in sample:
        return "binary data (NUL bytes)"
    return garbage_reason(sample.decode("utf-8", errors="replace"), settings)


def garbage_reason(text: str, settings: Settings) -> str | None:
    """Why ``text`` (already decoded) looks like binary data, or None when it reads as text."""
    sample = text[: settings.binary_sample_bytes]
    if not sample:
        return None
    if "\x00" in sample:
        return "binary data (NUL characters)"
    odd = sum(1 for char in sample if _is_garbage(char))
    share = odd / len(sample)
    if share > settings.max_garbage_share:
        return (
            f"binary data ({share:.0%} control or undecodable characters, "
            f"max_garbage_share={settings.max_garbage_share:g})"
        )
    return None


def _is_garbage(char: str) -> bool:
    if char == REPLACEMENT:
        return True
    return unicodedata.category(char) == "Cc" and char not in LAYOUT_CONTROLS


# --- language ------------------------------------------------------------------------


@dataclass(frozen=True)
class LanguageVerdict:
    language: str
    """ISO 639-1 code; PIPELINE_LANGUAGE when assumed (too short or unsure)."""
    confidence: float
    """The detector's probability for ``language`` (0 when not asked: text too short)."""
    assumed: bool
    """True when the text was too short or the detector too unsure to say."""

    @property
    def analysable(self) -> bool:
        return self.language == PIPELINE_LANGUAGE

    @property
    def skip_reason(self) -> str | None:
        """What articles.analysis_skipped records ("language: de"), None when analysable."""
        return None if self.analysable else f"language: {self.language}"


@lru_cache(maxsize=1)
def _identifier() -> Any:
    # Loaded once per process (about 0.2 s); normalised probabilities give a confidence.
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(text: str, settings: Settings) -> LanguageVerdict:
    """The language of ``text``, judged on its first ``language_sample_chars`` characters.

    Texts shorter than ``language_min_chars`` (after trimming) and verdicts below
    ``language_min_confidence`` count as English.
    """
    sample = " ".join(text[: settings.language_sample_chars].split())
    if len(sample) < settings.language_min_chars:
        return LanguageVerdict(PIPELINE_LANGUAGE, 0.0, assumed=True)
    language, confidence = _identifier().classify(sample)
    if language != PIPELINE_LANGUAGE and confidence < settings.language_min_confidence:
        return LanguageVerdict(PIPELINE_LANGUAGE, confidence, assumed=True)
    return LanguageVerdict(str(language), float(confidence), assumed=False)
