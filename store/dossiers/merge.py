"""Writing a batch of dossier records as a new version of the dataset: the same dossier seen
twice is stored once, its latest version (by updated_at) winning.

An incoming record is new (its id is not stored), a change (stored with an older updated_at, or
the same updated_at and other content), the same again (nothing to do), or older than what is
stored (ignored). Real records replace the demo records of a partition they land in, as
imported figures replace demo figures. What comes back says which months' KPIs must be worked
out again: the months received and settled of every record written, replaced or dropped.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from store.dossiers import dataset

CLASSIFY = """
CREATE OR REPLACE TEMP TABLE dossier_classified AS
SELECT i.*, o.dossier_id IS NOT NULL AS was_stored,
       CASE WHEN o.dossier_id IS NULL THEN 'added'
            WHEN i.updated_at > o.updated_at THEN 'changed'
            WHEN i.updated_at < o.updated_at THEN 'older'
            WHEN {same} THEN 'same'
            ELSE 'changed' END AS action
FROM dossier_latest i LEFT JOIN dossier_old_match o USING (dossier_id)
"""


@dataclass
class Merged:
    version: str | None = None        # None: nothing changed, no new version written
    path: Path | None = None
    counts: dict = field(default_factory=dict)   # added, changed, same, older
    months: list[int] = field(default_factory=list)  # yyyymm whose KPIs must be recomputed
    partitions_written: int = 0
    partitions_linked: int = 0


def _files(version: Path, parts) -> list[str]:
    return [str(f) for m, e in sorted(parts) for f in dataset.partition_dir(version, m, e).glob("*.parquet")]


def _list_literal(items: list[str]) -> str:
    return "[" + ", ".join("'" + s.replace("'", "''") + "'" for s in items) + "]"


def _months_of(con, relation: str) -> set[int]:
    rows = con.execute(f"""SELECT DISTINCT m FROM (
        SELECT year(received_at) * 100 + month(received_at) AS m FROM {relation}
        UNION SELECT year(finished_at) * 100 + month(finished_at) FROM {relation} WHERE finished_at IS NOT NULL)""").fetchall()
    return {int(r[0]) for r in rows if r[0] is not None}


def merge_batch(con, store: Path, old: Path | None, incoming: str) -> Merged:
    """Merge the records of the table `incoming` (every dossier column, batch_id set, and `_row`,
    the record's place in its source for ties) into a new version folder beside `store`."""
    cols = dataset.columns()
    old_rel = dataset.relation_sql(old)
    con.execute(f"""CREATE OR REPLACE TEMP TABLE dossier_latest AS
        SELECT {', '.join(cols)} FROM {incoming}
        QUALIFY row_number() OVER (PARTITION BY dossier_id ORDER BY updated_at DESC, _row DESC) = 1""")
    con.execute(f"""CREATE OR REPLACE TEMP TABLE dossier_old_match AS
        SELECT {', '.join(cols)}, received_month FROM {old_rel}
        WHERE dossier_id IN (SELECT dossier_id FROM dossier_latest)""")
    same = " AND ".join(f"i.{c} IS NOT DISTINCT FROM o.{c}" for c in cols if c not in ("dossier_id", "batch_id"))
    con.execute(CLASSIFY.format(same=same))
    counts = dict(con.execute("SELECT action, count(*) FROM dossier_classified GROUP BY 1").fetchall())
    counts = {k: int(counts.get(k, 0)) for k in ("added", "changed", "same", "older")}
    result = Merged(counts=counts)
    if not counts["added"] + counts["changed"]:
        return result
    con.execute(f"""CREATE OR REPLACE TEMP TABLE dossier_winners AS
        SELECT {', '.join(cols)}, strftime(received_at, '%Y-%m') AS received_month
        FROM dossier_classified WHERE action IN ('added', 'changed')""")
    con.execute("""CREATE OR REPLACE TEMP TABLE dossier_replaced AS
        SELECT * FROM dossier_old_match WHERE dossier_id IN (SELECT dossier_id FROM dossier_winners)""")
    touched = {tuple(r) for r in con.execute("""SELECT DISTINCT received_month, entity_id FROM dossier_winners
        UNION SELECT DISTINCT received_month, entity_id FROM dossier_replaced""").fetchall()}
    real = {tuple(r) for r in con.execute(f"""SELECT DISTINCT received_month, entity_id FROM dossier_winners
        WHERE batch_id IS DISTINCT FROM '{dataset.DEMO_BATCH}'""").fetchall()}
    existing = dataset.partitions(old)
    old_touched = touched & existing
    kept_rel = "dossier_kept"
    if old_touched:
        con.execute(f"""CREATE OR REPLACE TEMP TABLE dossier_kept AS
            SELECT {', '.join(cols)}, received_month
            FROM read_parquet({_list_literal(_files(old, old_touched))}, hive_partitioning = true, union_by_name = true,
                              hive_types = {{'received_month': VARCHAR, 'entity_id': VARCHAR}})
            WHERE dossier_id NOT IN (SELECT dossier_id FROM dossier_winners)""")
        real_list = _list_literal([f"{m}|{e}" for m, e in sorted(real)])
        con.execute(f"""CREATE OR REPLACE TEMP TABLE dossier_dropped AS
            SELECT * FROM dossier_kept WHERE batch_id = '{dataset.DEMO_BATCH}'
              AND list_contains({real_list}, received_month || '|' || entity_id)""")
        con.execute("DELETE FROM dossier_kept WHERE dossier_id IN (SELECT dossier_id FROM dossier_dropped)")
    else:
        kept_rel = None
    months = _months_of(con, "dossier_winners") | _months_of(con, "dossier_replaced")
    if kept_rel:
        months |= _months_of(con, "dossier_dropped")
    result.version, result.path = dataset.new_version(store)
    union = "SELECT * FROM dossier_winners" + (f" UNION ALL SELECT * FROM {kept_rel}" if kept_rel else "")
    out = str(result.path).replace("'", "''")
    file_cols = [c for c in cols if c not in dataset.PARTITIONS]
    con.execute(f"""COPY (SELECT {', '.join(file_cols)}, received_month, entity_id FROM ({union}) ORDER BY received_at)
        TO '{out}' (FORMAT parquet, PARTITION_BY (received_month, entity_id), OVERWRITE_OR_IGNORE,
                    FILENAME_PATTERN 'part-{{uuid}}', COMPRESSION zstd, ROW_GROUP_SIZE 32768)""")
    result.partitions_written = len(touched)
    if old is not None:
        result.partitions_linked = len(existing - touched)
        dataset.link_partitions(old, result.path, existing - touched)
    result.months = sorted(months)
    return result
