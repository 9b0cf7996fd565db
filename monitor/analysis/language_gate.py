"""The language gate in front of the English analysis.

``monitor process`` and ``monitor analyze`` detect each text's language first
(``monitor.content_checks``); a text that is not English is not sent through the
English pipeline. It still gets an Analysis, with every list empty, its
``language`` and, in ``analysis_skipped``, why (``"language: de"``), so the
article stays stored and searchable and a researcher can filter on the reason.
"""

from __future__ import annotations

from typing import Any

from monitor.content_checks import LanguageVerdict


def skipped_analysis(verdict: LanguageVerdict) -> dict[str, Any]:
    """The Analysis of a text the English pipeline did not read: nothing extracted,
    no relevance score (the classifier reads English only), and the reason."""
    return {
        "relevant": False,
        "relevance_score": None,
        "labels": [],
        "countries": [],
        "actors": [],
        "figures": [],
        "statements": [],
        "language": verdict.language,
        "analysis_skipped": verdict.skip_reason,
    }


def with_language(analysis: dict[str, Any], verdict: LanguageVerdict) -> dict[str, Any]:
    """An analysis of an English text, with its language and no skip reason."""
    return {**analysis, "language": verdict.language, "analysis_skipped": None}
