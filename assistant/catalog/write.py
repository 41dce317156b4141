"""Writing catalog.db: create the schema's tables with sqlite-utils and bulk-insert rows.

Rows arrive already sorted by the build, so the file's content is deterministic.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import sqlite_utils

from assistant.catalog.schema import INDEXES, PRIMARY_KEYS, SCHEMA_VERSION, TABLES

Row = dict[str, Any]


def write_catalog(path: Path, tables: Mapping[str, Iterable[Row]]) -> None:
    """Create a fresh catalog.db at ``path`` holding the given rows per table."""
    tmp = path.with_name(path.name + ".tmp")
    tmp.unlink(missing_ok=True)
    db = sqlite_utils.Database(tmp)
    try:
        _create_tables(db)
        meta = [{"key": "schema_version", "value": str(SCHEMA_VERSION)}]
        db.table("meta").insert_all([*meta, *tables.get("meta", ())])
        for name in TABLES:
            if name != "meta":
                db.table(name).insert_all(tables.get(name, ()), batch_size=2000)
        for table, columns in INDEXES:
            db.table(table).create_index(columns)
        if db.table("models").count:
            db.table("models").enable_fts(["id", "name"], create_triggers=False)
        db.execute("VACUUM")
    finally:
        db.close()
    tmp.replace(path)


def _create_tables(db: sqlite_utils.Database) -> None:
    """Create every table of the schema, empty, with its primary key."""
    for name, columns in TABLES.items():
        db.table(name).create(columns, pk=PRIMARY_KEYS.get(name))
