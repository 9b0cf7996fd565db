"""Small helpers every store module uses."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from contextlib import contextmanager

import sqlite_utils


@contextmanager
def transaction(db: sqlite_utils.Database) -> Iterator[None]:
    """One atomic unit of work: committed on success, rolled back on any error.

    sqlite-utils' own writes nest inside as savepoints, so they do not commit early.
    """
    with db.atomic():
        yield


def in_list(column: str, ids: list[str]) -> str:
    """``column in (?, ?, ...)`` with one placeholder per id."""
    return f"{column} in ({','.join('?' for _ in ids)})"


def stable_id(*parts: object) -> str:
    return hashlib.sha256("\x1f".join(str(p) for p in parts).encode("utf-8")).hexdigest()[:16]
