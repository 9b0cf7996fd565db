"""The private database: everything about subscribers, kept out of the published file.

Datasette publishes the whole main database, and it runs any SQL a visitor
writes, so hiding a table or a column there cannot keep a secret. Digests (what
was sent to whom) and their deliveries (each recipient's address and outcome)
therefore live in a second file beside the database, ``<db stem>-private.db``,
created readable by its owner only and attached to every connection the monitor
opens as the schema ``private``. Datasette is only ever given the main file.

The private file also holds the key that values derived from an address are
computed with (delivery ids, the recipient part of a Message-ID): a plain hash
of an address can be checked against a guessed address; a keyed one cannot
without the key.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
from pathlib import Path

import sqlite_utils

SCHEMA = "private"
SUFFIX = "-private.db"
MAIL_KEY = "recipients"
"""Name of the key recipient-derived values are computed with."""

# name -> (column definitions, primary key). Plain DDL: sqlite-utils' table
# helpers only know the main schema.
TABLES: dict[str, tuple[dict[str, str], str]] = {
    "digests": (
        {
            "id": "TEXT",
            "subscription": "TEXT",
            "period_start": "TEXT",
            "period_end": "TEXT",
            "sent_at": "TEXT",
            "recipients": "TEXT",
            "item_ids": "TEXT",
            "message_id": "TEXT",
            "kind": "TEXT",
            "status": "TEXT",
        },
        "id",
    ),
    # One row per (digest, recipient): what exactly-once delivery is checked against.
    # The id is keyed_id(mail key, digest id, recipient).
    "digest_deliveries": (
        {
            "id": "TEXT",
            "digest_id": "TEXT REFERENCES digests(id)",
            "subscription": "TEXT",
            "recipient": "TEXT",
            "status": "TEXT",
            "error": "TEXT",
            "attempts": "INTEGER",
            "message_id": "TEXT",
            "updated_at": "TEXT",
        },
        "id",
    ),
    "mail_keys": ({"name": "TEXT", "key": "TEXT"}, "name"),
}

INDEXES: list[tuple[str, str]] = [
    ("digests", "subscription"),
    ("digest_deliveries", "digest_id"),
]


def private_path(main_file: str) -> str:
    """The private file that goes with the database file ``main_file``
    (an in-memory database gets an in-memory private one)."""
    if main_file in ("", ":memory:"):
        return ":memory:"
    main = Path(main_file)
    return str(main.with_name(main.stem + SUFFIX))


def main_file(db: sqlite_utils.Database) -> str:
    """The file of the connection's main database ('' when it is in memory)."""
    for _, name, file in db.execute("pragma database_list").fetchall():
        if name == "main":
            return file or ""
    return ""


def is_attached(db: sqlite_utils.Database) -> bool:
    return any(row[1] == SCHEMA for row in db.execute("pragma database_list").fetchall())


def attach_private(db: sqlite_utils.Database) -> str:
    """Attach the private file (created owner-only when new) as ``private``; its path."""
    path = private_path(main_file(db))
    if is_attached(db):
        return path
    if path != ":memory:" and not Path(path).exists():
        # Created here with mode 0600 so that SQLite (which keeps an existing file's
        # mode, and gives its -wal and -shm files the same) never makes it world-readable.
        os.close(os.open(path, os.O_CREAT | os.O_WRONLY, 0o600))
    db.execute(f"attach database ? as {SCHEMA}", [path])
    if path != ":memory:":
        db.execute(f"pragma {SCHEMA}.journal_mode = wal")
    return path


def ensure_private_shape(db: sqlite_utils.Database) -> None:
    """Attach the private file and create its tables and indexes when missing."""
    attach_private(db)
    for name, (columns, pk) in TABLES.items():
        definitions = ", ".join(f"[{column}] {kind}" for column, kind in columns.items())
        db.execute(
            f"create table if not exists {SCHEMA}.[{name}] ({definitions}, primary key ([{pk}]))"
        )
    for table, column in INDEXES:
        db.execute(
            f"create index if not exists {SCHEMA}.[idx_{table}_{column}] on [{table}] ([{column}])"
        )
    if _stored_key(db) is None:
        _create_key(db)


def _stored_key(db: sqlite_utils.Database) -> str | None:
    query = f"select key from {SCHEMA}.mail_keys where name = ?"
    row = db.execute(query, [MAIL_KEY]).fetchone()
    return row[0] if row else None


def _create_key(db: sqlite_utils.Database) -> None:
    # "or ignore": two processes opening a new database at once keep the first key.
    with db.conn:
        db.execute(
            f"insert or ignore into {SCHEMA}.mail_keys (name, key) values (?, ?)",
            [MAIL_KEY, secrets.token_hex(32)],
        )


def mail_key(db: sqlite_utils.Database) -> bytes:
    """The key for recipient-derived values: made once per private file (when the
    database is opened), never published."""
    stored = _stored_key(db)
    if stored is None:
        _create_key(db)
        stored = _stored_key(db)
    return bytes.fromhex(str(stored))


def keyed_id(key: bytes, *parts: object) -> str:
    """Like ``stable_id``, but an HMAC: only whoever holds ``key`` can recompute it."""
    message = "\x1f".join(str(part) for part in parts).encode("utf-8")
    return hmac.new(key, message, hashlib.sha256).hexdigest()[:16]
