"""Page furniture inside an extracted text: photo captions, a debate record's member
codes, and lines in another language.

Scraped news pages keep the captions of their photos between the paragraphs, and
a caption names the places and people in the picture, not those of the story
(annotation rules, Scope). Wire captions are written to a fixed pattern: "FILE -"
for an archive photo, who stands where ("Karen Parker, right, helps ..."), and the
place and date the photo was taken, after a comma ("... in Duhok, Iraq, March 2,
2019."), sometimes followed by the photographer's credit or by a second sentence
about the story. Pages repeat a caption twice (the image's text and its caption),
so a line that comes twice in a row is furniture too.
"""

from __future__ import annotations

import re

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.tokens import Doc, Span

from monitor.nlp.doc_cache import text_of

CAPTION_START = re.compile(r"^\s*(?:FILE\b|PHOTO\b)")
CAPTION_MARK = re.compile(r",\s*(?:left|right|centre|center|second (?:from )?(?:left|right))\s*,")
MONTH = r"(?:Jan|Feb|March|April|May|June|July|Aug|Sept?|Oct|Nov|Dec)[a-z]*\.?"
WEEKDAY = r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day"
# ", Sept. 26, 2015." or ", Monday, Jan. 26, 2015." or ", June 5, 2024, in San Diego.":
# the date a photo was taken, after the place, closing the caption's sentence. Running
# text writes "on Sept. 26, 2015" and rarely ends a sentence on a bare date.
CAPTION_DATE = re.compile(
    rf",\s+(?:{WEEKDAY},\s+)?{MONTH}\s+\d{{1,2}},\s+\d{{4}}"
    r"(?:,\s+(?:in|at|near|on)\b[^.\n]{0,60})?\.(?=\s|$)"
)
# "(S&D, UK)", "(EPP, DE)": a member's group and country after their name in a
# parliament's record, which the record prints for every speaker.
RECORD_CODE_BEFORE = re.compile(r"\(\s*[^()\n,]{1,25},\s*$")
RECORD_CODE_AFTER = re.compile(r"^\s*\)")
# A line of a dozen words with almost no English function words ("the", "of", "after")
# is in another language: a caption or a chair's procedural words left untranslated.
# Shorter lines say too little: a name with its office and group has none either.
FOREIGN_LINE_WORDS = 12
FOREIGN_LINE_SHARE = 0.1


def _line_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    return line_start, line_end if line_end >= 0 else len(text)


def caption_extent(line: str) -> int:
    """How many characters at the start of ``line`` are a photo caption (0 for none):
    the whole line when it opens with "FILE -" or marks who stands where, else up to
    the date the photo was taken."""
    if CAPTION_START.match(line) or CAPTION_MARK.search(line):
        return len(line)
    match = CAPTION_DATE.search(line)
    return match.end() if match else 0


def _repeated_line(text: str, line_start: int, line_end: int) -> bool:
    """A line that the next or the previous non-empty line repeats word for word."""
    line = text[line_start:line_end].strip()
    if len(line.split()) < 4:
        return False  # short lines (crossheads, "Breaking News") repeat for other reasons
    # Neighbouring lines found by searching, not by slicing the whole text: this
    # runs for every country mention of texts that can be long.
    previous_end = line_start - 1
    while previous_end > 0 and text[previous_end - 1] == "\n":
        previous_end -= 1
    before = text[text.rfind("\n", 0, max(previous_end, 0)) + 1 : max(previous_end, 0)]
    next_start = line_end
    while next_start < len(text) and text[next_start] == "\n":
        next_start += 1
    next_end = text.find("\n", next_start)
    after = text[next_start : next_end if next_end >= 0 else len(text)]
    return line in {before.strip(), after.strip()}


def in_caption_at(text: str, start: int, end: int) -> bool:
    """Whether the characters ``[start, end)`` of ``text`` stand in a photo caption."""
    line_start, line_end = _line_bounds(text, start, end)
    line = text[line_start:line_end]
    return start - line_start < caption_extent(line) or _repeated_line(text, line_start, line_end)


def in_caption(span: Span) -> bool:
    """Whether ``span`` is in a photo caption (see the module's docstring)."""
    return in_caption_at(text_of(span.doc), span.start_char, span.end_char)


def record_code(span: Span) -> bool:
    """Whether ``span`` is the country code after a member's name in a parliament's
    record: "Claude Moraes (S&D, UK)"."""
    text = text_of(span.doc)
    before = text[max(0, span.start_char - 30) : span.start_char]
    after = text[span.end_char : span.end_char + 5]
    return bool(RECORD_CODE_BEFORE.search(before) and RECORD_CODE_AFTER.match(after))


def in_foreign_line(span: Span) -> bool:
    """Whether ``span`` stands on a line of another language ("Kuzey Kore lideri Kim
    Jong Un, eşi ..."), where the small English model's names are guesses."""
    doc: Doc = span.doc
    text = text_of(doc)
    line_start, line_end = _line_bounds(text, span.start_char, span.end_char)
    words = re.findall(r"[^\W\d_]+", text[line_start:line_end].lower())
    if len(words) < FOREIGN_LINE_WORDS:
        return False
    english = sum(word in STOP_WORDS for word in words)
    return english / len(words) < FOREIGN_LINE_SHARE


HEADLINE_MAX_WORDS = 20


def in_headline(text: str, position: int) -> bool:
    """The position lies in a headline: a short line of its own that ends without a
    full stop ("Republican lawmakers criticize Biden's limits on asylum-seekers").
    Headlines are the editor's summary, not anyone's statement."""
    _, line = _line_at(text, position)
    # The last line (None) may be a paragraph cut short, not a headline.
    return line is not None and _summary_line(line, HEADLINE_MAX_WORDS)


def _line_at(text: str, position: int) -> tuple[int, str | None]:
    """Where the line holding ``position`` starts, and its words (None for the last
    line of the text, which has no line break after it)."""
    start = text.rfind("\n", 0, position) + 1
    end = text.find("\n", position)
    return start, text[start:end].strip() if end >= 0 else None


def _summary_line(line: str, max_words: int) -> bool:
    """A short line that is no sentence and says no one said it."""
    return (
        len(line.split()) <= max_words and not _ends_a_sentence(line) and not _tells_who_said(line)
    )


STANDFIRST_MAX_WORDS = 40
# Lines at the top of a page before its headline: "Accessibility links", "Breaking News".
HEAD_LINES = 3


def in_standfirst(text: str, position: int) -> bool:
    """The position lies in a standfirst: the line right under a headline near the top
    of the page, longer than a headline and also without a full stop ("PM rejects
    criticism of the plan, says it is 'in line with international law'"). Like the
    headline, it sums up the story; the body says it again as someone's words."""
    start, line = _line_at(text, position)
    if line is None:
        return False
    # Only the top of the page: the non-empty lines above, up to one more than may
    # stand there (reading the whole text above each statement would grow with the
    # square of its length).
    above: list[int] = []
    position = 0
    while position < start and len(above) <= HEAD_LINES:
        line_end = text.find("\n", position, start)
        line_end = start if line_end < 0 else line_end
        if text[position:line_end].strip():
            above.append(position)
        position = line_end + 1
    if not above or len(above) > HEAD_LINES:
        return False
    return in_headline(text, above[-1]) and _summary_line(line, STANDFIRST_MAX_WORDS)


def _tells_who_said(line: str) -> bool:
    # Headlines and standfirsts report in the present ("Minister says ..."); a line
    # that says who "said" something is a sentence whose full stop was lost.
    return re.search(r"\b(?:said|told)\b", line) is not None


def _ends_a_sentence(line: str) -> bool:
    # A closing quote mark may end a headline ("Netanyahu says Africans 'not
    # refugees'") when no stop stands inside it, as one would after a sentence.
    return bool(re.search(r"(?:[.!?:;,)\]]|[.!?,][\"”’'])$", line))


# A line broken inside a sentence: "accused Thailand of intimidating and\nforcibly".
WRAPPED_BREAK = re.compile(r"[a-z,;]\n[a-z]")
WRAPPED_BREAKS_MIN = 5  # this many mark a text hard-wrapped at a fixed width
LINE_BREAK_IN_SENTENCE = re.compile(r"(?<=[^\s.!?:;\"”’)\]])\n(?=[^\s•*-])")


def unwrap_lines(text: str) -> str:
    """A text hard-wrapped at a fixed width (old wire copy, plain-text pages) with its
    breaks inside sentences made spaces: the parser reads "Human\\nRights Watch" as two
    sentences otherwise. Same length, so every offset stays the input's; a break after
    a sentence's end stays, as it may close a paragraph."""
    if len(WRAPPED_BREAK.findall(text)) < WRAPPED_BREAKS_MIN:
        return text
    return LINE_BREAK_IN_SENTENCE.sub(" ", text)
