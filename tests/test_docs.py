"""The documentation the code cites lives in the repository and agrees with it."""

from __future__ import annotations

import re
from pathlib import Path

from monitor.codebook import CODEBOOK, STANCES
from monitor.settings import describe_settings

REPO = Path(__file__).resolve().parent.parent
DOCS = REPO / "docs"


def test_the_design_notes_are_in_the_repository():
    for name in ("architecture.md", "codebook.md", "annotation.md"):
        assert (DOCS / name).is_file(), name


def test_the_codebook_page_lists_every_label_and_stance_with_its_name():
    page = (DOCS / "codebook.md").read_text(encoding="utf-8")
    for label in CODEBOOK:
        assert re.search(rf"\| `{label.id}` \| {re.escape(label.name)} \|", page), label.id
    for stance in STANCES:
        assert f"`{stance}`" in page


def test_docstrings_cite_only_files_in_the_repository():
    cited = re.compile(r"[\w./-]+\.md\b")
    missing = []
    for path in (REPO / "monitor").rglob("*.py"):
        for name in cited.findall(path.read_text(encoding="utf-8")):
            if not (REPO / name).exists() and not (path.parent / name).exists():
                missing.append(f"{path.relative_to(REPO)} cites {name}")
    assert missing == []


def test_every_setting_is_documented():
    undocumented = [name for name, _, doc in describe_settings() if not doc.strip()]
    assert undocumented == []
