"""Texts the benchmarks run on: the demo corpus and, when present, ../shared/fixtures pages.

Every text is the one the crawler would store: the page's HTML reduced to its
main text by ``monitor.extract.extract_page``. Generated articles (for the
crawl site and the large database) are made of these texts' sentences, so
that word lengths, names and numbers look like migration news, not lorem ipsum.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from monitor.crawl.files import DocumentError, read_document
from monitor.demo import SITE_DIR
from monitor.settings import Settings

REPO = Path(__file__).resolve().parent.parent
FIXTURE_PAGES = REPO.parent / "shared" / "fixtures" / "pages"
SENTENCE_END = re.compile(r"(?<=[.!?\u201d\"])\s+(?=[A-Z\u201c\"\u2018])")


@dataclass(frozen=True)
class Text:
    name: str
    text: str

    @property
    def words(self) -> int:
        return len(self.text.split())


def _extract(path: Path, settings: Settings) -> str | None:
    try:
        base_url = f"http://127.0.0.1/{path.name}"
        return read_document(str(path), settings, base_url, keep_short=False).text
    except DocumentError:
        return None  # a page without article text (an index page) is not a benchmark text


@lru_cache(maxsize=1)
def demo_texts() -> tuple[Text, ...]:
    """The extracted text of every demo article page."""
    settings = Settings()
    texts = []
    for path in sorted(SITE_DIR.glob("*/*/*.html")):
        text = _extract(path, settings)
        if text:
            texts.append(Text(f"demo/{path.relative_to(SITE_DIR).as_posix()}", text))
    return tuple(texts)


@lru_cache(maxsize=1)
def fixture_texts() -> tuple[Text, ...]:
    """Real-world article pages from ../shared/fixtures (none when the folder is absent)."""
    if not FIXTURE_PAGES.is_dir():
        return ()
    settings = Settings()
    texts = []
    for path in sorted(FIXTURE_PAGES.rglob("*.html")):
        if path.stem == "expected":
            continue  # a fixture's expected output, not a page of its own
        text = _extract(path, settings)
        if text:
            texts.append(Text(f"fixtures/{path.relative_to(FIXTURE_PAGES).as_posix()}", text))
    return tuple(texts)


def benchmark_texts() -> tuple[Text, ...]:
    return demo_texts() + fixture_texts()


@lru_cache(maxsize=1)
def sentence_pool() -> tuple[str, ...]:
    """Sentences of the demo corpus (the fixtures are partly not English or not news)."""
    pool = []
    for item in demo_texts():
        for paragraph in item.text.split("\n"):
            pool += [s.strip() for s in SENTENCE_END.split(paragraph) if len(s.split()) >= 5]
    return tuple(pool)


def generated_text(rng: random.Random, words: int) -> str:
    """About ``words`` words of news-like text in paragraphs of two to five sentences."""
    pool = sentence_pool()
    paragraphs, count = [], 0
    while count < words:
        paragraph = [rng.choice(pool) for _ in range(rng.randint(2, 5))]
        count += sum(len(sentence.split()) for sentence in paragraph)
        paragraphs.append(" ".join(paragraph))
    return "\n".join(paragraphs)
