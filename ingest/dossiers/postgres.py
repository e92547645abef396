"""Reading a one-stop system's live PostgreSQL database incrementally, by its last-updated column.

Each sync reads the rows updated since the last watermark (less a safety lag, for transactions
that commit a little after the time they stamp), in one snapshot-consistent COPY to a temporary
CSV, and takes them as one batch (ingest.dossiers.write): the same checks as a file, the same
dossier seen again stored once, and the new watermark (the latest updated_at read) committed in
the store together with the records, so an interrupted sync changes nothing and the next one
reads the same rows again. The table's columns are mapped like a file's headers.
"""
from __future__ import annotations

import tempfile
from datetime import datetime, timedelta
from pathlib import Path

import duckdb
import psycopg
from psycopg import sql

from ingest.dossiers.mapping import map_headers
from ingest.dossiers.read import read_csv
from ingest.dossiers.write import Imported, write_records
from l10n import t

LAG = timedelta(minutes=5)
COLUMNS_SQL = """SELECT column_name FROM information_schema.columns
                 WHERE table_schema = %s AND table_name = %s ORDER BY ordinal_position"""


def watermark(store: Path, source: str) -> datetime | None:
    """The latest updated_at taken from `source` so far (None before its first sync)."""
    con = duckdb.connect(str(store), read_only=True)
    try:
        if not con.execute("SELECT count(*) FROM duckdb_tables() WHERE table_name = 'dossier_sync'").fetchone()[0]:
            return None
        row = con.execute("SELECT watermark FROM dossier_sync WHERE source = ?", [source]).fetchone()
        return row[0] if row else None
    finally:
        con.close()


def _copy_rows(dsn: str, schema: str, table: str, since: datetime | None, out: Path) -> int:
    """Write the rows updated since `since` (all rows if None) to `out` as CSV; how many."""
    with psycopg.connect(dsn) as pg:
        columns = [r[0] for r in pg.execute(COLUMNS_SQL, (schema, table)).fetchall()]
        if not columns:
            raise ValueError(f"{schema}.{table} does not exist or has no columns")
        mapping = map_headers(columns)
        updated = mapping.columns.get("updated_at")
        if updated is None:
            raise ValueError(f"{schema}.{table} has no last-updated column (ngay_cap_nhat, updated_at ...)")
        where = sql.SQL("") if since is None else sql.SQL(" WHERE {} >= {}").format(sql.Identifier(updated), sql.Literal(since - LAG))
        statement = sql.SQL("COPY (SELECT * FROM {}.{}{} ORDER BY {}) TO STDOUT WITH (FORMAT csv, HEADER true)").format(
            sql.Identifier(schema), sql.Identifier(table), where, sql.Identifier(updated))
        with pg.cursor() as cur, open(out, "wb") as f:
            with cur.copy(statement) as copy:
                for data in copy:
                    f.write(data)
            return max(cur.rowcount, 0)


def sync(store: Path, dsn: str, table: str = "ho_so", schema: str = "public", source: str | None = None,
         who: str = "sync", now: datetime | None = None) -> Imported:
    """One incremental sync of `schema.table` at `dsn` into the store; the batch written (its
    batch_id None when nothing had changed). Refused, with every problem, on a bad record."""
    source = source or f"postgresql:{schema}.{table}"
    since = watermark(Path(store), source)
    with tempfile.TemporaryDirectory(prefix="dossier-sync-") as tmp:
        out = Path(tmp) / "rows.csv"
        if not _copy_rows(dsn, schema, table, since, out):
            return Imported(None)
        # the batch's name, as the import page lists it (in Vietnamese, like every batch's file)
        name = t("dossier_sync_since", "vi", table=f"{schema}.{table}", since=f"{since:%d/%m/%Y %H:%M}") if since \
            else f"{schema}.{table}"
        return write_records(Path(store), lambda con: read_csv(con, out), origin="postgresql", name=name,
                             sha256=None, who=who, sync_source=source, now=now)
