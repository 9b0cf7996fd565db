"""How the published site shows query results and forms to a person: links from
every speaker, article, statement and country cell to its page, readable dates
and numbers, label and stance names with their definitions, dropdowns filled
from the vocabularies, and the columns only machines need kept out of sight.

Pure functions: the Datasette plugin in ``datasette/plugins/`` passes in the
row and a function that builds a row page's address.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Mapping
from datetime import datetime
from functools import lru_cache
from html import escape
from pathlib import Path
from typing import Any

from markupsafe import Markup

from monitor.codebook import (
    CODEBOOK,
    LABEL_DEFINITIONS,
    LABEL_NAMES,
    SPEAKER_TYPES,
    STANCE_DEFINITIONS,
    STANCES,
)
from monitor.country_names import country_name
from monitor.crawl.doc_types import DOC_TYPES

CODEBOOK_DOC = Path(__file__).resolve().parents[2] / "docs/codebook.md"
FIGURE_KINDS = ("count", "percent", "money", "change", "other")

# Columns a query returns for links, feeds and exports, never for reading:
# datasette-atom's atom_* columns, the ids behind the links, and the original's
# address (the article page links to it, beside the text with the statement marked).
HIDDEN_COLUMNS = frozenset(
    {
        "statement_id",
        "article_id",
        "speaker_actor_id",
        "item_id",
        "figure_id",
        "iso3",
        "url",
        "country_name",  # the country cell shows the name, linked to the country's page
    }
)
HIDDEN_PREFIX = "atom_"
# Views whose "id" column is a hex key shown as a link elsewhere in the row.
VIEWS_WITH_HIDDEN_ID = frozenset({"statements_view", "articles_view"})

SPEAKER_COLUMNS = frozenset({"speaker", "speaker_name"})
ARTICLE_COLUMNS = frozenset({"article", "article_title"})
COUNTRY_CODE_COLUMNS = frozenset({"country", "speaker_country"})

ISO_TIME = re.compile(r"^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2})(:\d{2}(\.\d+)?)?(Z|[+-]00:?00)?$")
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
ISO3 = re.compile(r"^[A-Z]{3}$")

# Human names of the canned queries' parameters, and the vocabulary each draws on.
PARAMETER_NAMES = {
    "q": "Search words",
    "label": "Label",
    "country": "Country",
    "speaker": "Speaker (name, part of it, or office)",
    "speaker_type": "Speaker type",
    "since": "From",
    "until": "Until",
    "doc_type": "Document type",
    "actor": "Actor (name or part of it)",
    "year": "Year",
    "kind": "Kind of figure",
    "counts": "What is counted",
    "stance": "Stance",
}
DATE_PARAMETERS = frozenset({"since", "until"})


def hidden_columns(columns: Iterable[str], table: str | None = None) -> list[str]:
    """The columns of a result that a person is not shown."""
    hidden = [c for c in columns if c in HIDDEN_COLUMNS or c.startswith(HIDDEN_PREFIX)]
    if table in VIEWS_WITH_HIDDEN_ID:
        # speaker_name (the actor's name) stays a filter; the speaker cell links to the actor.
        hidden += [c for c in columns if c in {"id", "duplicate_of", "speaker_name"}]
    return hidden


# --- readable values ------------------------------------------------------------------


def readable_date(value: str) -> str | None:
    """'2026-11-05T18:10:00Z' -> '5 Nov 2026, 18:10 UTC'; '2026-11-05' -> '5 Nov 2026';
    None for anything else."""
    timed = ISO_TIME.match(value)
    if timed:
        day = datetime.strptime(timed.group(1), "%Y-%m-%d")
        return f"{day.day} {day:%b %Y}, {timed.group(2)} UTC"
    if ISO_DATE.match(value):
        day = datetime.strptime(value, "%Y-%m-%d")
        return f"{day.day} {day:%b %Y}"
    return None


def readable_number(value: float) -> str:
    """58000.0 -> '58,000'; 0.3812 -> '0.38'; 1234.5 -> '1,234.5'."""
    if value.is_integer():
        return f"{value:,.0f}"
    if abs(value) < 1:
        return f"{value:.2f}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def readable_value(value: Any) -> str | None:
    """A date or a float as a person reads it; None leaves the value as it is."""
    if isinstance(value, float):
        return readable_number(value)
    if isinstance(value, str) and len(value) <= 32:
        return readable_date(value)
    return None


# --- cells --------------------------------------------------------------------------

RowUrl = Callable[[str, str], str]  # (table, key) -> the row page's address


def _field(row: Any, key: str) -> Any:
    try:
        return row[key]
    except (KeyError, IndexError):
        return None


def _link(url: str, text: str, title: str = "") -> str:
    hover = f' title="{escape(title, quote=True)}"' if title else ""
    return f'<a href="{escape(url, quote=True)}"{hover}>{escape(text, quote=True)}</a>'


def _listed(value: str) -> list[str]:
    """A JSON list (views) or a comma-separated list (group_concat) of ids."""
    if value.startswith("["):
        try:
            return [str(item) for item in json.loads(value) if item]
        except ValueError:
            return []
    return [item.strip() for item in value.split(",") if item.strip()]


def label_names(value: str) -> Markup:
    """Label ids as their names, each with its definition on hover."""
    return Markup(
        ", ".join(
            f'<span class="monitor-label-name" title="{escape(LABEL_DEFINITIONS.get(i, ""))}">'
            f"{escape(LABEL_NAMES.get(i, i))}</span>"
            for i in _listed(value)
        )
    )


def country_links(value: str, row_url: RowUrl) -> Markup:
    """ISO codes as the countries' names, each a link to its country page."""
    return Markup(
        ", ".join(_link(row_url("countries", code), country_name(code)) for code in _listed(value))
    )


def statement_key(row: Any, table: str | None) -> str | None:
    """The id of the statement a result row shows, if it shows one."""
    if table in ("statements", "statements_view"):
        return _field(row, "id")
    if _field(row, "found_in") == "statement":  # the search query's statement rows
        return _field(row, "item_id")
    return _field(row, "statement_id")


def render_cell_html(
    row: Any, value: Any, column: str, table: str | None, row_url: RowUrl
) -> Markup | None:
    """The cell as a person should see it, or None for Datasette's own rendering."""
    if value is None or value == "":
        return None
    if isinstance(value, str):
        linked = _linked_cell(row, value, column, table, row_url)
        if linked is not None:
            return linked
    readable = readable_value(value)
    return Markup(escape(readable)) if readable is not None else None


def _linked_cell(
    row: Any, value: str, column: str, table: str | None, row_url: RowUrl
) -> Markup | None:
    actor_id = _field(row, "speaker_actor_id")
    statement_id = statement_key(row, table)
    article_id = _field(row, "article_id")
    if column in SPEAKER_COLUMNS and actor_id:
        return Markup(_link(row_url("actors", actor_id), value, "The speaker's page"))
    if column in ARTICLE_COLUMNS and article_id:
        anchor = f"#s-{statement_id}" if statement_id else ""
        return Markup(_link(row_url("articles", article_id) + anchor, value, "The article"))
    if column == "title" and table == "articles_view" and _field(row, "id"):
        return Markup(_link(row_url("articles", _field(row, "id")), value, "The article"))
    if column == "content" and statement_id and table != "statements":
        return Markup(_link(row_url("statements", statement_id), value, "The statement's page"))
    if column == "labels" or (column == "label" and value in LABEL_NAMES):
        return label_names(value)
    if column == "countries":
        return country_links(value, row_url)
    if column == "stance" and value in STANCE_DEFINITIONS:
        return Markup(f'<span title="{escape(STANCE_DEFINITIONS[value])}">{escape(value)}</span>')
    iso3 = _field(row, "iso3")
    if column == "country" and iso3 and table is None:
        return Markup(_link(row_url("countries", iso3), value, "The country's page"))
    if column in COUNTRY_CODE_COLUMNS and ISO3.match(value) and table != "countries":
        return Markup(_link(row_url("countries", value), country_name(value), value))
    return None


# --- canned-query forms ------------------------------------------------------------


def vocabularies(countries: Iterable[tuple[str, str]]) -> dict[str, list[dict[str, str]]]:
    """Dropdown options per parameter name: value, text and a definition on hover.
    ``countries`` are (iso3, name) pairs of the countries the database knows about."""
    return {
        "label": [
            {"value": label.id, "text": label.name, "title": label.definition} for label in CODEBOOK
        ],
        "stance": [
            {"value": stance, "text": stance, "title": STANCE_DEFINITIONS[stance]}
            for stance in STANCES
        ],
        "speaker_type": [
            {"value": kind, "text": kind.replace("_", " "), "title": ""} for kind in SPEAKER_TYPES
        ],
        "doc_type": [
            {"value": kind, "text": kind.replace("_", " "), "title": ""} for kind in DOC_TYPES
        ],
        "kind": [{"value": kind, "text": kind, "title": ""} for kind in FIGURE_KINDS],
        "country": [
            {"value": iso3, "text": name, "title": iso3}
            for iso3, name in sorted(countries, key=lambda pair: pair[1])
        ],
    }


def form_fields(
    values: Mapping[str, Any], options: Mapping[str, list[dict[str, str]]]
) -> list[dict[str, Any]]:
    """One field per parameter of a canned query: a dropdown where a vocabulary
    exists, a date picker for dates, a text box otherwise."""
    fields = []
    for name, value in values.items():
        choices = options.get(name)
        if choices is not None and value and value not in {c["value"] for c in choices}:
            # A name typed into the address (country=Afghanistan) is still shown as chosen.
            match = [c for c in choices if c["text"].lower() == str(value).lower()]
            value = match[0]["value"] if match else value
            if not match:
                choices = [*choices, {"value": value, "text": value, "title": ""}]
        kind = "select" if choices is not None else "date" if name in DATE_PARAMETERS else "text"
        fields.append(
            {
                "name": name,
                "label": PARAMETER_NAMES.get(name, name.replace("_", " ")),
                "value": value or "",
                "kind": kind,
                "options": choices or [],
            }
        )
    return fields


# --- the codebook page --------------------------------------------------------------


@lru_cache(maxsize=2)
def _doc_rows(path: Path) -> dict[str, list[str]]:
    """The cells of docs/codebook.md's table rows, by the label id in the first cell."""
    if not path.exists():
        return {}
    rows = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if cells and re.fullmatch(r"`[a-z_]+`", cells[0]):
            rows[cells[0].strip("`")] = cells
    return rows


def codebook_page(path: Path = CODEBOOK_DOC) -> dict[str, Any]:
    """Every label and stance with its definition, and for labels the typical cues
    and what the label is not. Ids, names and definitions come from
    ``monitor.codebook``; cues and counter-examples from docs/codebook.md (its
    table columns 4 and 5), so neither is written twice."""
    rows = _doc_rows(path)
    labels = []
    for label in CODEBOOK:
        cells = rows.get(label.id, [])
        labels.append(
            {
                "id": label.id,
                "name": label.name,
                "definition": label.definition,
                "cues": cells[3] if len(cells) > 3 else "",
                "not_this": cells[4].replace("`", "") if len(cells) > 4 else "",
            }
        )
    stances = [{"id": s, "definition": STANCE_DEFINITIONS[s]} for s in STANCES]
    return {"labels": labels, "stances": stances}
