"""Keeping the imports when the store is rebuilt.

`python -m store.build` writes a new store from data/; imported figures live only in the
store. carry_imports copies them from the store about to be replaced into the new one before it
is swapped in: the batches, their history (so that undo still works), the source documents,
agencies and quality flags they added, and the figures still in force (they replace the rebuilt
figures with the same key); carry_alerts copies the alert rules and subscriptions (alerts/),
which live only in the store too. The build should hold the import lock (store.swap.locked)
from this call to its os.replace, so that no
import lands in between.
"""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from store.sql import OBS_COLUMNS
from store.swap import transaction

COLUMNS = ", ".join(OBS_COLUMNS)
KEYS = "o.entity_id = i.entity_id AND o.metric_id = i.metric_id AND o.dimension_id = i.dimension_id AND o.period = i.period"


@contextmanager
def previous_store(old_store: Path, con, alias: str = "previous") -> Iterator[set[str] | None]:
    """old_store attached read-only on con as `alias` while the block runs; gives the names of its
    tables, or None when there is no old store (a first build: nothing to carry)."""
    old_store = Path(old_store)
    if not old_store.exists():
        yield None
        return
    path = str(old_store.resolve()).replace("'", "''")
    con.execute(f"ATTACH '{path}' AS {alias} (READ_ONLY)")
    try:
        yield {name for (name,) in con.execute(
            "SELECT table_name FROM duckdb_tables() WHERE database_name = ?", [alias]).fetchall()}
    finally:
        con.execute(f"DETACH {alias}")


def _has_batch_column(con, table: str) -> bool:
    return bool(con.execute("""SELECT count(*) FROM information_schema.columns WHERE table_catalog = 'previous'
                               AND table_name = ? AND column_name = 'batch_id'""", [table]).fetchone()[0])


def carry_imports(old_store: Path, con) -> int:
    """Copy every import from old_store into the store open (writable) on con; the figures carried."""
    with previous_store(old_store, con) as tables:
        if tables is None or not con.execute("SELECT count(*) FROM previous.import_batches").fetchone()[0]:
            return 0
        with transaction(con):
            con.execute("""INSERT INTO sources SELECT * FROM previous.sources s
                           WHERE s.batch_id IS NOT NULL AND s.source_id NOT IN (SELECT source_id FROM sources)""")
            if _has_batch_column(con, "entities"):  # a store built before agencies has none to carry
                con.execute("""INSERT INTO entities SELECT * FROM previous.entities e
                               WHERE e.batch_id IS NOT NULL AND e.entity_id NOT IN (SELECT entity_id FROM entities)""")
            if _has_batch_column(con, "quality_flags"):
                con.execute("""INSERT INTO quality_flags SELECT * FROM previous.quality_flags f
                               WHERE f.batch_id IS NOT NULL AND f.flag_id NOT IN (SELECT flag_id FROM quality_flags)""")
            con.execute("INSERT INTO import_batches SELECT * FROM previous.import_batches")
            con.execute("INSERT INTO observation_history SELECT * FROM previous.observation_history")
            con.execute(f"""DELETE FROM observations o WHERE EXISTS (
                            SELECT 1 FROM previous.observations i WHERE i.batch_id IS NOT NULL AND {KEYS})""")
            carried = con.execute(f"""INSERT INTO observations ({COLUMNS})
                                      SELECT {COLUMNS} FROM previous.observations
                                      WHERE batch_id IS NOT NULL""").fetchone()[0]
            con.execute("""INSERT OR REPLACE INTO store_info
                           SELECT key, value FROM previous.store_info WHERE key = 'last_import_at'""")
        return int(carried)


ALERT_TABLES = ("alert_rules", "subscriptions")


def carry_alerts(old_store: Path, con) -> int:
    """Copy the alert rules and subscriptions from old_store into the store open on con (a store
    built before alerts existed has neither table: nothing to carry); the rows carried."""
    with previous_store(old_store, con) as present:
        if present is None:
            return 0
        carried = 0
        with transaction(con):
            for table in ALERT_TABLES:
                if table in present:  # fixed names, never user input
                    carried += con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM previous.{table}").fetchone()[0]
        return int(carried)
