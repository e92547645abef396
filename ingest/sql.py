"""The statements an import runs. Values are always bound; table names are fixed here."""
from __future__ import annotations

from store import sql as store_sql

ENTITIES = """
SELECT entity_id, entity_kind, name_vi, name_en, full_name_vi, aliases, code, abbr,
       valid_from, valid_to
FROM entities ORDER BY entity_kind, valid_from, entity_id
"""
LINEAGE = "SELECT predecessor_id, successor_id, effective_date FROM lineage"
SOURCES = "SELECT source_id, number, title_vi, issued_on, kind, note, batch_id FROM sources"
SERVICES = "SELECT service_id FROM p06_services"

# The figures an import could touch: every key of the file's metrics and periods.
EXISTING = """
SELECT o.entity_id, o.metric_id, o.dimension_id, o.period, o.value, o.numerator, o.denominator,
       o.status, o.source_id, o.batch_id, s.issued_on AS source_date, s.number AS source_number
FROM observations o LEFT JOIN sources s USING (source_id)
WHERE list_contains($metrics, o.metric_id) AND list_contains($periods, o.period)
"""

OBS_COLUMNS = ", ".join(store_sql.OBS_COLUMNS)

# Within the write transaction; `incoming` is the batch's rows (a registered frame).
HISTORY_CHANGED = """
INSERT INTO observation_history
SELECT $batch, 'changed', o.entity_id, o.metric_id, o.dimension_id, o.period, o.grain, o.period_start,
       o.value, o.numerator, o.denominator, o.status, o.source_id, o.note, o.batch_id
FROM observations o JOIN incoming i
  ON o.entity_id = i.entity_id AND o.metric_id = i.metric_id AND o.dimension_id = i.dimension_id
 AND o.period = i.period
"""
HISTORY_ADDED = """
INSERT INTO observation_history (batch_id, action, entity_id, metric_id, dimension_id, period)
SELECT $batch, 'added', i.entity_id, i.metric_id, i.dimension_id, i.period
FROM incoming i WHERE NOT EXISTS (
    SELECT 1 FROM observations o WHERE o.entity_id = i.entity_id AND o.metric_id = i.metric_id
       AND o.dimension_id = i.dimension_id AND o.period = i.period)
"""
DELETE_REPLACED = """
DELETE FROM observations o WHERE EXISTS (
    SELECT 1 FROM incoming i WHERE o.entity_id = i.entity_id AND o.metric_id = i.metric_id
       AND o.dimension_id = i.dimension_id AND o.period = i.period)
"""
INSERT_INCOMING = f"""
INSERT INTO observations ({OBS_COLUMNS})
SELECT entity_id, metric_id, dimension_id, period, grain, CAST(period_start AS DATE),
       CAST(value AS DOUBLE), CAST(numerator AS DOUBLE), CAST(denominator AS DOUBLE), status,
       source_id, note, $batch
FROM incoming
"""
INSERT_SOURCE = """
INSERT INTO sources (source_id, number, title_vi, issued_on, kind, note, batch_id)
VALUES ($source_id, $number, $title, CAST($issued_on AS DATE), 'report', $note, $batch)
"""
INSERT_BATCH = """
INSERT INTO import_batches VALUES ($batch, $who, CAST($at AS TIMESTAMP), $file_name, $sha256,
                                   $source_id, $added, $changed, NULL)
"""
SET_INFO = "INSERT OR REPLACE INTO store_info VALUES ($key, $value)"

# Undo
BATCH = "SELECT * FROM import_batches WHERE batch_id = $batch"
HISTORY = "SELECT * FROM observation_history WHERE batch_id = $batch"
# Keys of this batch that a later batch, still in force, wrote again: undoing would lose its figures.
LATER_WRITES = """
SELECT h2.batch_id FROM observation_history h
JOIN observation_history h2 USING (entity_id, metric_id, dimension_id, period)
JOIN import_batches b2 ON b2.batch_id = h2.batch_id
JOIN import_batches b ON b.batch_id = h.batch_id
WHERE h.batch_id = $batch AND h2.batch_id <> $batch AND b2.undone_at IS NULL
  AND b2.imported_at > b.imported_at
GROUP BY h2.batch_id ORDER BY min(b2.imported_at), h2.batch_id
"""
BATCH_METRICS = "SELECT DISTINCT metric_id FROM observation_history WHERE batch_id = $batch ORDER BY 1"
UNDO_DELETE = """
DELETE FROM observations o WHERE o.batch_id = $batch
"""
UNDO_RESTORE = f"""
INSERT INTO observations ({OBS_COLUMNS})
SELECT entity_id, metric_id, dimension_id, period, grain, period_start, value, numerator,
       denominator, status, source_id, note, old_batch_id
FROM observation_history WHERE batch_id = $batch AND action = 'changed'
"""
UNDO_MARK = "UPDATE import_batches SET undone_at = CAST($at AS TIMESTAMP) WHERE batch_id = $batch"
UNDO_SOURCES = """
DELETE FROM sources s WHERE s.batch_id = $batch
  AND NOT EXISTS (SELECT 1 FROM observations o WHERE o.source_id = s.source_id)
"""
# What a report form adds beside its figures (ingest/forms): the agencies it names for the first
# time, before their figures (foreign key), and the arithmetic it got wrong, as quality flags.
INSERT_AGENCY = """
INSERT OR IGNORE INTO entities (entity_id, entity_kind, name_vi, name_en, full_name_vi, unit_type, region_id,
                                parent_id, note, batch_id)
VALUES ($entity_id, 'agency', $name_vi, $name_vi, $name_vi, $unit_type,
        (SELECT region_id FROM entities WHERE entity_id = $parent_id), $parent_id, $note, $batch)
"""
INSERT_FLAG = """
INSERT OR REPLACE INTO quality_flags (flag_id, entity_id, metric_id, period, kind, stated_value, computed_value,
                                      source_id, message_vi, message_en, batch_id)
VALUES ($flag_id, $entity_id, $metric_id, $period, 'form_arithmetic', $stated, $computed, $source_id,
        $message_vi, $message_en, $batch)
"""
UNDO_FLAGS = "DELETE FROM quality_flags WHERE batch_id = $batch"
UNDO_AGENCIES = """
DELETE FROM entities e WHERE e.batch_id = $batch
  AND NOT EXISTS (SELECT 1 FROM observations o WHERE o.entity_id = e.entity_id)
"""
BATCHES = """
SELECT b.*, s.number AS source_number, s.title_vi AS source_title
FROM import_batches b LEFT JOIN sources s USING (source_id)
ORDER BY b.imported_at DESC
"""
