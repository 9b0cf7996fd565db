"""Gold files and the texts they describe.

Three kinds of gold folder are read:

* the demo gold (``monitor/demo/gold``): each file names its page through
  ``url_path`` in the bundled demo site, and gives statements as quotes;
* a folder of ``NAME.json`` files with the text beside them (``NAME.txt`` or
  ``NAME.html``), or the seed (``expected.json`` with ``article.txt``), whose
  statements give a gist and a cue;
* gold for texts kept elsewhere (``tests/gold/open-news``, ``tests/gold/news-pages``):
  each file names its text by ``source`` (a path inside the shared data folder:
  a corpus record, or a saved web page whose text is extracted as the crawler
  would) and the text's SHA-256, and gives figures and statements as character
  offsets.

A gold file may list the parts it annotates (``"annotated": ["statements"]``, as
quote studies annotate only quotes); the evaluation scores only those. Without
the list every part is annotated.

A folder may hold ``split.json`` (``{"dev": [ids], "test": [ids]}``); asking
for a split reads only the files it lists.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from monitor.crawl.files import read_document, text_of_html
from monitor.demo import SITE_DIR
from monitor.settings import Settings

SEED_GOLD = ("expected.json", "article.txt")
SPLIT_FILE = "split.json"
SPLITS = ("dev", "test")
# The address a saved page is extracted under: fixed, so that its text, and the
# offsets a gold file gives into it, do not depend on where the data folder is.
PAGE_BASE_URL = "http://127.0.0.1/page.html"


class GoldError(ValueError):
    """A gold folder or file cannot be used as asked; the message says which and why."""


@dataclass
class GoldDocument:
    name: str
    text: str
    gold: dict[str, Any]


def load_gold(
    folders: Iterable[Path], settings: Settings, split: str | None = None
) -> list[GoldDocument]:
    """Every gold document of ``folders`` (only those of ``split`` when given)."""
    documents = []
    for folder in folders:
        wanted = _split_ids(folder, split) if split else None
        for path in sorted(folder.glob("*.json")):
            if path.name == SPLIT_FILE or (wanted is not None and path.stem not in wanted):
                continue
            gold = json.loads(path.read_text(encoding="utf-8"))
            text = _text_of(path, gold, settings)
            documents.append(GoldDocument(f"{folder.name}/{path.stem}", text, _spans(gold, text)))
    return documents


def _split_ids(folder: Path, split: str) -> set[str]:
    if split not in SPLITS:
        raise GoldError(f"unknown split {split!r}; use one of {', '.join(SPLITS)}")
    path = folder / SPLIT_FILE
    if not path.exists():
        raise GoldError(f"{folder}: no {SPLIT_FILE}, so it has no {split} split")
    return set(json.loads(path.read_text(encoding="utf-8"))[split])


def text_sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _text_of(path: Path, gold: dict[str, Any], settings: Settings) -> str:
    if gold.get("source"):
        return _shared_text(path, gold, settings)
    for suffix in (".txt", ".html"):
        sibling = path.with_suffix(suffix)
        if sibling.exists():
            base_url = f"http://127.0.0.1/{sibling.name}"
            return read_document(str(sibling), settings, base_url, keep_short=False).text
    if path.name == SEED_GOLD[0] and (path.parent / SEED_GOLD[1]).exists():
        return (path.parent / SEED_GOLD[1]).read_text(encoding="utf-8")
    if gold.get("url_path"):
        page = SITE_DIR / gold["url_path"].lstrip("/")
        if page.suffix == ".pdf":  # the text the crawler stores for a PDF
            return read_document(str(page), settings, keep_short=False).text
        html = page.read_text(encoding="utf-8").replace("__BASE__", "http://127.0.0.1")
        return text_of_html(html, f"http://127.0.0.1/{page.name}", settings)
    raise GoldError(f"{path}: no text beside it, no url_path and no source")


def _shared_text(path: Path, gold: dict[str, Any], settings: Settings) -> str:
    """The text a gold file describes, from the shared data folder, checked by hash."""
    source = Path(settings.shared_dir) / gold["source"]
    if not source.exists():
        raise GoldError(f"{path}: its text {source} is absent (set MONITOR_SHARED_DIR)")
    if source.suffix in {".html", ".htm"}:
        record = None
        text = read_document(str(source), settings, PAGE_BASE_URL, keep_short=False).text
    else:
        record = json.loads(source.read_text(encoding="utf-8"))
        text = record["text"] if isinstance(record, dict) else str(record)
    if gold.get("sha256") and text_sha256(text) != gold["sha256"]:
        raise GoldError(f"{path}: {source} has changed since it was annotated (SHA-256 differs)")
    if not gold.get("published_at") and isinstance(record, dict):
        gold["published_at"] = record.get("date")
    return text


def _spans(gold: dict[str, Any], text: str) -> dict[str, Any]:
    """Give every gold statement and figure a span where the file allows it: offsets
    as given, or the first position of its quote in the text; a gist alone has none."""
    for item in gold.get("statements", []) + gold.get("figures", []):
        if "start" in item:
            continue
        quote = item.get("quote")
        position = text.find(quote) if quote else -1
        if position >= 0:
            item["start"], item["end"] = position, position + len(quote)
    return gold


PARTS = ("relevance", "countries", "actors", "figures", "statements", "labels")
# What a gold file for an article off the topic still says: that it is off the
# topic, and which countries and actors it names.
OFF_TOPIC_PARTS = frozenset({"relevance", "countries", "actors"})


def annotated_parts(gold: dict[str, Any]) -> frozenset[str]:
    """The parts a gold file annotates, so that the evaluation scores only those:
    its ``annotated`` list, else every part (the entities alone for an off-topic article)."""
    if "annotated" in gold:
        unknown = set(gold["annotated"]) - set(PARTS)
        if unknown:
            raise GoldError(f"unknown annotated parts {sorted(unknown)}; use {', '.join(PARTS)}")
        return frozenset(gold["annotated"])
    return frozenset(PARTS) if gold.get("relevant", True) else OFF_TOPIC_PARTS


def default_gold_folders(settings: Settings) -> list[Path]:
    """The demo gold, and the seed article when the shared data is beside the project."""
    from monitor.demo import GOLD_DIR

    folders = [GOLD_DIR]
    seed = Path(settings.shared_dir) / "seed"
    if (seed / SEED_GOLD[0]).exists():
        folders.append(seed)
    return folders


def floor_key(folders: list[Path], split: str | None) -> str:
    """The name scores of these folders are kept under: ``open_news_test`` and the like."""
    name = "_".join(folder.resolve().name for folder in folders).replace("-", "_")
    return f"{name}_{split}" if split else name
