"""The gender a first name is usually given, for resolving "he" and "she".

The text is the first witness of a person's gender (an honorific, "spokeswoman",
the pronouns used right after the name); a first name is the fallback when the
text shows none, so that "she said" is not given to a man named two lines up.

The names come from nomquamgender (Van Buskirk, Clauset and Larremore, 2023:
about 720,000 names from 36 registers in many countries, MIT licence). Only its
data file is read: importing the package would load pandas and keep the whole
table in memory. A name counts only when its registers agree (at least
``MIN_SHARE`` of records one way) over enough records (``MIN_RECORDS``): "Jean",
"Andrea" or "Kim" tell nothing, and a rare spelling is not trusted.

Reading the 22 MB file takes about two seconds, so the names kept are written
once to a small cache file and read from there afterwards.
"""

from __future__ import annotations

import functools
import importlib.util
import json
import os
import tempfile
import unicodedata
from importlib import metadata
from pathlib import Path

PACKAGE = "nomquamgender"
MIN_RECORDS = 20  # records a name must have in the registers to be trusted
MIN_SHARE = 0.9  # share of those records that must give it one gender


def _cache_file() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    version = metadata.version(PACKAGE)
    return Path(base) / "migration-monitor" / f"first-names-{version}-{MIN_RECORDS}-{MIN_SHARE}.tsv"


def _from_package() -> dict[str, str]:
    spec = importlib.util.find_spec(PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        return {}
    data = Path(next(iter(spec.submodule_search_locations))) / "name_data.json"
    # Each entry: [registers, records, share of records that give it as a woman's name, ...].
    names = json.loads(data.read_text(encoding="utf-8"))
    kept = {}
    for name, entry in names.items():
        records, female_share = entry[1], entry[2]
        if records < MIN_RECORDS or name.startswith(("&", "#")):
            continue
        if female_share >= MIN_SHARE:
            kept[name] = "f"
        elif female_share <= 1 - MIN_SHARE:
            kept[name] = "m"
    return kept


def _write_cache(path: Path, names: dict[str, str]) -> None:
    """Written to a temporary file and renamed, so that a reader never sees half a file;
    a cache that cannot be written (read-only home) only costs the next process time."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(
            "w", encoding="utf-8", dir=path.parent, delete=False, suffix=".part"
        ) as handle:
            handle.writelines(f"{name}\t{gender}\n" for name, gender in names.items())
        os.replace(handle.name, path)
    except OSError:
        return


@functools.cache
def first_name_genders() -> dict[str, str]:
    """Lower-cased first name -> ``m`` or ``f``, for names the registers agree on."""
    try:
        path = _cache_file()
    except metadata.PackageNotFoundError:
        return {}
    try:
        with path.open(encoding="utf-8") as handle:
            return dict(line.rstrip("\n").split("\t", 1) for line in handle if "\t" in line)
    except OSError:
        pass
    names = _from_package()
    if names:
        _write_cache(path, names)
    return names


def gender_of_first_name(full_name: str) -> str | None:
    """``m``, ``f`` or None for a person's name; a single word is a surname and tells nothing."""
    parts = full_name.split()
    if len(parts) < 2:
        return None
    first = parts[0].strip(".,").lower()
    if len(first) < 2:  # an initial
        return None
    genders = first_name_genders()
    # "Andrés", "Zoë": the registers spell most names without their accents.
    return genders.get(first) or genders.get(_without_accents(first))


def _without_accents(word: str) -> str:
    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))
