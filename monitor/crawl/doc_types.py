"""What kind of document an article is: news, a press release, a court ruling ...

Researchers weigh a ministry's press release differently from a news report
about it, and rights organisations cite a judgment differently from a
statement. Every stored document therefore gets one ``doc_type``:

=================== ============================================================
``news``            journalism: a report by a news outlet or agency
``press_release``   an institution announcing its own action or position
``policy_document`` a communication, strategy, regulation proposal, action plan
``court_ruling``    a judgment, decision or a court's summary of one
``ngo_report``      a report, policy note or briefing by an NGO or research body
``statement``       a speech, remarks or joint statement by named speakers
=================== ============================================================

A source in ``feeds.yaml`` declares its ``doc_type``; a source that publishes
several kinds declares ``doc_type: mixed`` (the default for everything but news
outlets and agencies), and each document's type is then inferred from its URL,
title, PDF metadata and opening text by :func:`infer_doc_type`.
"""

from __future__ import annotations

import re

DOC_TYPES = (
    "news",
    "press_release",
    "policy_document",
    "court_ruling",
    "ngo_report",
    "statement",
)
MIXED = "mixed"
PUBLIC_BODIES = frozenset({"government", "eu_body", "un_agency", "court"})
OPENING_CHARS = 1500  # the part of the text where documents say what they are

# What a publisher mostly puts out, when its documents carry no clearer sign.
KIND_DEFAULTS = {
    "news": "news",
    "agency": "news",
    "ngo": "ngo_report",
    "research": "ngo_report",
    "court": "court_ruling",
    "government": "press_release",
    "eu_body": "press_release",
    "un_agency": "press_release",
}

# Signs, strongest first within each type: (where, pattern). ``where`` is
# "url", "title" or "opening" (title and first characters of the text).
SIGNS: dict[str, list[tuple[str, re.Pattern[str]]]] = {
    "court_ruling": [
        ("opening", re.compile(r"\bECLI:[A-Z]{2}:|\bCase C-\d+/\d\d\b|\bApplication no\. \d+")),
        ("opening", re.compile(r"\b(judgment|ruling) of the (court|tribunal)\b", re.I)),
        ("title", re.compile(r"\b(judgment|ruling|court rules|verdict|case [A-Z]-?\d+)\b", re.I)),
        ("url", re.compile(r"/(judgments?|rulings?|decisions?|case-law|jurisprudence)/", re.I)),
    ],
    "policy_document": [
        ("opening", re.compile(r"\bCOM\(\d{4}\)\s*\d+|\bCOMMUNICATION FROM THE COMMISSION\b")),
        ("title", re.compile(r"\b(communication|strategy|action plan|white paper|green "
                             r"paper|roadmap|proposal for a)\b", re.I)),
        ("url", re.compile(r"/(communications?|policy-documents?|strategies|legislation)/", re.I)),
    ],
    "ngo_report": [
        ("title", re.compile(r"\b(report|policy (note|brief|paper)|briefing paper|"
                             r"submission|factsheet|research)\b", re.I)),
        ("url", re.compile(r"/(reports?|publications?|research|resources)/", re.I)),
    ],
    "statement": [
        ("title", re.compile(r"\b(statement|speech|remarks|address|declaration)\b", re.I)),
        ("url", re.compile(r"/(statements?|speech(es)?|remarks)/", re.I)),
    ],
    "press_release": [
        ("opening", re.compile(r"\b(press release|for immediate release|media contact|"
                               r"press contact)\b", re.I)),
        ("title", re.compile(r"\bpress release\b", re.I)),
        ("url", re.compile(r"/(press-?releases?|press|presse|newsroom|news-releases?)/", re.I)),
    ],
}
WEIGHTS = {"opening": 3, "title": 2, "url": 1}


def validate_doc_type(value: str) -> str | None:
    """None when ``value`` is a doc_type or ``mixed``; else the problem in one line."""
    if value in DOC_TYPES or value == MIXED:
        return None
    return f"doc_type {value!r} is not one of {', '.join(DOC_TYPES)} or {MIXED}"


def default_doc_type(source_kind: str) -> str:
    """The doc_type a source has when feeds.yaml declares none: news outlets and
    agencies publish news; every other publisher is mixed and inferred per document."""
    return "news" if KIND_DEFAULTS.get(source_kind) == "news" else MIXED


def infer_doc_type(
    *,
    declared: str | None,
    source_kind: str,
    url: str,
    title: str | None,
    text: str,
    is_pdf: bool = False,
) -> str:
    """The document's type: the source's declaration, or (for a mixed source) the
    type with the strongest signs in the document, or the publisher's usual type."""
    declared = declared or default_doc_type(source_kind)
    if declared != MIXED:
        return declared
    places = {"url": url, "title": title or "", "opening": f"{title or ''}\n{text[:OPENING_CHARS]}"}
    scores = {
        doc_type: sum(WEIGHTS[where] for where, pattern in signs if pattern.search(places[where]))
        for doc_type, signs in SIGNS.items()
    }
    best = max(scores, key=lambda doc_type: scores[doc_type])
    if scores[best] > 0:
        # A report or policy note by a ministry or agency is its policy, not an NGO's.
        if best == "ngo_report" and source_kind in PUBLIC_BODIES:
            return "policy_document"
        return best
    fallback = KIND_DEFAULTS.get(source_kind, "news")
    # A long PDF from a public body is rarely a press release.
    if is_pdf and fallback == "press_release":
        return "policy_document"
    return fallback
