"""Annotations in the store: the built-in ones written by the build from data/, and the editors'
ones (ingest.events writes them) carried over when the store is rebuilt.

Built-in ones, from what data/ already says:
- each merger day of lineage (provinces 01/07/2025, ministries 01/03/2025) with its resolution;
- each directing document (a legal document of sources.csv with its date) on the metrics that
  cite it, as their definition's source or as the document that sets one of their targets
  (766/QĐ-TTg on the 766 index, 76/NQ-CP on the rates it sets targets for).
"""
from __future__ import annotations

from pathlib import Path

from store.carry import previous_store
from store.swap import transaction

COLUMNS = ("annotation_id", "starts_on", "ends_on", "entity_kind", "entity_id", "metric_id", "text_vi", "text_en",
           "source_id", "origin", "created_by", "created_at", "updated_by", "updated_at")

BUILT_IN_MERGERS = """
WITH days AS (
    SELECT e.entity_kind AS kind, l.effective_date AS day, min(l.source_id) AS source_id
    FROM lineage l JOIN entities e ON e.entity_id = l.successor_id
    GROUP BY e.entity_kind, l.effective_date
), counted AS (
    SELECT d.*,
           (SELECT count(*) FROM entities x WHERE x.entity_kind = d.kind AND x.valid_from < d.day
                                              AND x.valid_to >= d.day - INTERVAL 1 DAY) AS before,
           (SELECT count(*) FROM entities x WHERE x.entity_kind = d.kind AND x.valid_from <= d.day
                                              AND x.valid_to >= d.day) AS after
    FROM days d
)
INSERT INTO annotations (annotation_id, starts_on, entity_kind, text_vi, text_en, source_id, origin)
SELECT 'merger-' || kind || '-' || strftime(day, '%Y-%m-%d'), day, kind,
       CASE kind WHEN 'province' THEN 'Sắp xếp đơn vị hành chính cấp tỉnh: ' || before || ' tỉnh, thành phố thành ' || after
                 ELSE 'Sắp xếp bộ, cơ quan ngang bộ: ' || before || ' thành ' || after END,
       CASE kind WHEN 'province' THEN 'Provinces merged: ' || before || ' into ' || after
                 ELSE 'Ministries reorganised: ' || before || ' into ' || after END,
       source_id, 'built-in'
FROM counted
"""
BUILT_IN_DOCUMENTS = """
INSERT INTO annotations (annotation_id, starts_on, metric_id, text_vi, text_en, source_id, origin)
SELECT 'document-' || s.source_id || '-' || m.metric_id, s.issued_on, m.metric_id,
       'Ban hành ' || coalesce(s.number, s.source_id) || ': ' || s.title_vi,
       coalesce(s.number, s.source_id) || ' issued: ' || coalesce(s.title_en, s.title_vi),
       s.source_id, 'built-in'
FROM sources s
JOIN (SELECT metric_id, source_id FROM metrics UNION SELECT metric_id, source_id FROM targets) m
  ON m.source_id = s.source_id
WHERE s.kind = 'legal' AND s.issued_on IS NOT NULL
"""


def run(con, sql: str, params: list | None = None) -> None:
    """Execute one statement and finish its result (DuckDB refuses the next one before)."""
    con.execute(sql, params or []).fetchall()


def write_built_ins(con) -> int:
    """Write the built-in annotations into a store being built (after its reference tables)."""
    run(con, BUILT_IN_MERGERS)
    run(con, BUILT_IN_DOCUMENTS)
    return int(con.execute("SELECT count(*) FROM annotations").fetchall()[0][0])


def carry(old_store: Path, con) -> int:
    """Copy the editors' annotations and their history from the store about to be replaced into
    the new one (the build holds the store's lock meanwhile); how many annotations were carried."""
    with previous_store(old_store, con, "previous_notes") as tables:
        if not tables or "annotations" not in tables:
            return 0
        with transaction(con):
            carried = con.execute(f"INSERT INTO annotations SELECT {', '.join(COLUMNS)} FROM previous_notes.annotations "
                                  "WHERE origin = 'editor'").fetchall()[0][0]
            run(con, "INSERT INTO annotation_history SELECT * FROM previous_notes.annotation_history")
        return int(carried)
