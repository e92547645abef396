"""Every SQL statement the answering layer runs: lookups in the roll-up tables the store is built
with (store/sql.py says how a figure is made), and reads of the reference tables.

Only catalogue values (checked) become SQL text; everything a user chooses is a bound parameter
($metric, $dimension, $kind ...).
"""
from __future__ import annotations

from metrics.catalogue import Metric
from metrics.periods import GRAIN_ORDER


def check_grain(metric: Metric, grain: str) -> None:
    if grain not in GRAIN_ORDER or GRAIN_ORDER[grain] < GRAIN_ORDER[metric.grain]:
        raise ValueError(f"{metric.id} is reported by {metric.grain}: it cannot be shown by {grain}")


METRIC_PERIODS_SQL = "SELECT grain, period FROM metric_periods WHERE metric_id = $metric ORDER BY grain, period"


# Targets of one metric ($metric) or of all ($metric NULL) that apply to a kind of place.
TARGETS_SQL = """
SELECT t.*, s.number AS source_number, s.issued_on AS source_date, s.title_vi AS source_title_vi
FROM targets t JOIN sources s USING (source_id)
WHERE ($metric IS NULL OR t.metric_id = $metric) AND (t.entity_kind = 'all' OR t.entity_kind = $kind)
ORDER BY t.metric_id, t.year, t.entity_kind = 'all'  -- in one year, the target made for the kind comes first
"""
# How many of the places a ranking covers have a published figure or rank for a metric and period:
# the provinces or ministries in force at the period's end (the ministries the PAR INDEX ranks).
COVERAGE_SQL = """
WITH members AS (
    SELECT entity_id FROM entities
    WHERE entity_kind = $kind AND valid_from <= CAST($day AS DATE) AND valid_to >= CAST($day AS DATE)
      AND (entity_kind <> 'ministry' OR $metric <> 'par_index' OR par_index_status = 'ranked')
), published AS (
    SELECT entity_id FROM observations WHERE metric_id = $metric AND period = $period AND status = 'published'
    UNION SELECT entity_id FROM published_ranks WHERE metric_id = $metric AND period = $period
)
SELECT (SELECT count(*) FROM members) AS places,
       (SELECT count(*) FROM members WHERE entity_id IN (SELECT entity_id FROM published)) AS published
"""
# Per yearly index, kind and year: the same count, for the data page's table.
COVERAGE_BY_YEAR_SQL = """
WITH published AS (
    SELECT metric_id, period, entity_id FROM observations
    WHERE status = 'published' AND grain = 'year' AND list_contains($metrics, metric_id)
    UNION SELECT metric_id, period, entity_id FROM published_ranks WHERE list_contains($metrics, metric_id)
)
SELECT p.metric_id, p.period, e.entity_kind, count(DISTINCT p.entity_id) AS published
FROM published p JOIN entities e USING (entity_id)
WHERE e.entity_kind IN ('province', 'ministry')
GROUP BY ALL ORDER BY p.metric_id, e.entity_kind, p.period
"""
SET_ASIDE_SQL = "SELECT * FROM published_set_aside ORDER BY file, line"

SOURCES_SQL = "SELECT * FROM kpi_sources ORDER BY kind, issued_on DESC NULLS LAST, source_id"
QUALITY_FLAGS_SQL = "SELECT * FROM kpi_quality_flags ORDER BY kind, metric_id, period"
STORE_INFO_SQL = "SELECT key, value FROM store_info"
ENTITIES_SQL = "SELECT * FROM kpi_entities WHERE ($kind IS NULL OR entity_kind = $kind) ORDER BY entity_kind, entity_name"
P06_SERVICES_SQL = "SELECT * FROM p06_services ORDER BY service_id"
STATUS_COUNTS_SQL = """
SELECT o.metric_id, o.status, count(*) AS observations, list_sort(list(DISTINCT o.source_id)) AS source_ids,
       min(o.period_start) AS first_period, max(o.period_start) AS last_period
FROM observations o WHERE list_contains($metrics, o.metric_id) GROUP BY ALL ORDER BY 1, 2
"""
BATCHES_SQL = "SELECT * FROM import_batches ORDER BY imported_at DESC"


ENTITY_NAMES_SQL = "SELECT name_vi, name_en FROM entities WHERE entity_id = $id"
REGIONS_SQL = "SELECT region_id, name_vi, name_en, short_vi FROM regions ORDER BY rowid"


def _metric_list(metric_ids) -> str:
    """Catalogue ids as an SQL list literal, so DuckDB prunes row groups by metric as it does for
    `metric_id = $metric` (a bound list in list_contains is not pushed down to the scan)."""
    from metrics import catalogue

    ids = [catalogue.get(m).id for m in metric_ids]  # unknown ids raise here, never reach SQL
    return "(" + ", ".join(f"'{m}'" for m in ids) + ")"


# The lookups the metrics layer makes, for one metric or several at once. $grain NULL: every
# grain; $dimension NULL: every breakdown; $periods NULL: every period (else a list of keys);
# $first/$last: a range of keys; $kind NULL: every kind; $parent: a province, for its communes.

def place_values_sql(metric_ids) -> str:
    """Figures per place. Params: $grain, $boundary, $dimension, $periods, $first, $last, $kind,
    $parent."""
    return f"""
    SELECT v.metric_id, v.grain, v.entity_id, e.name_vi AS entity_name, e.name_en AS entity_name_en,
           e.entity_kind, e.region_id, e.code, e.abbr, v.dimension_id, v.period, v.period_start, v.value,
           v.numerator, v.denominator, v.status, v.estimated, v.parts, v.parts_expected, v.source_ids,
           e.parent_id
    FROM place_values v JOIN entities e USING (entity_id)
    WHERE v.metric_id IN {_metric_list(metric_ids)} AND ($grain IS NULL OR v.grain = $grain)
      AND v.boundary = $boundary AND ($dimension IS NULL OR v.dimension_id = $dimension)
      AND ($periods IS NULL OR list_contains($periods, v.period))
      AND ($first IS NULL OR v.period >= $first) AND ($last IS NULL OR v.period <= $last)
      AND ($kind IS NULL OR e.entity_kind = $kind) AND ($parent IS NULL OR e.parent_id = $parent)
    ORDER BY v.metric_id, v.period, v.entity_id, v.dimension_id
    """


def group_values_sql(metric_ids) -> str:
    """National or regional figures. Params: $grain, $boundary, $kind, $level, $dimension,
    $periods, $first, $last."""
    return f"""
    SELECT metric_id, grain, group_id, period, period_start, value, numerator, denominator, places,
           status, estimated, source_ids
    FROM group_values
    WHERE metric_id IN {_metric_list(metric_ids)} AND ($grain IS NULL OR grain = $grain)
      AND boundary = $boundary AND kind = $kind AND level = $level AND dimension_id = $dimension
      AND ($periods IS NULL OR list_contains($periods, period))
      AND ($first IS NULL OR period >= $first) AND ($last IS NULL OR period <= $last)
    ORDER BY metric_id, group_id, period
    """


def province_of_communes_sql(metric_ids) -> str:
    """What group_values_sql answers for the communes of a province: the province's own figures.
    Params: $parent, $grain, $dimension, $periods, $first, $last."""
    return f"""
    SELECT metric_id, grain, 'all' AS group_id, period, period_start, value, numerator, denominator,
           (SELECT count(*) FROM entities WHERE parent_id = $parent) AS places, status, estimated,
           source_ids
    FROM place_values
    WHERE metric_id IN {_metric_list(metric_ids)} AND ($grain IS NULL OR grain = $grain)
      AND boundary = 'time' AND entity_id = $parent AND dimension_id = $dimension
      AND ($periods IS NULL OR list_contains($periods, period))
      AND ($first IS NULL OR period >= $first) AND ($last IS NULL OR period <= $last)
    ORDER BY metric_id, period
    """


# The figures reported for the whole country ('vn') in a period, of the metrics asked.
NATIONAL_OBSERVATIONS_SQL = """
SELECT metric_id, value, status, source_id
FROM observations
WHERE entity_id = 'vn' AND dimension_id = '' AND period = $period AND list_contains($metrics, metric_id)
"""
VIEW_COLUMNS_SQL = """
SELECT table_name AS view, column_name, data_type, ordinal_position AS position
FROM information_schema.columns
WHERE table_catalog = current_database() AND list_contains($views, table_name)
ORDER BY table_name, ordinal_position
"""
LINEAGE_SQL = """
SELECT l.successor_id AS entity_id, s.name_vi AS entity_name, s.name_en AS entity_name_en,
       min(l.effective_date) AS effective_date, list_sort(list(DISTINCT l.source_id)) AS source_ids,
       count(*) AS parts,
       string_agg(p.name_vi, ', ' ORDER BY p.name_vi) AS former_names,
       string_agg(p.name_en, ', ' ORDER BY p.name_en) AS former_names_en,
       string_agg(l.predecessor_id, ', ' ORDER BY l.predecessor_id) AS former_ids
FROM lineage l
JOIN entities s ON s.entity_id = l.successor_id
JOIN entities p ON p.entity_id = l.predecessor_id
WHERE ($kind IS NULL OR s.entity_kind = $kind)
GROUP BY l.successor_id, s.name_vi, s.name_en
ORDER BY s.name_vi
"""
# Annotations to draw for a metric and a kind of place: those of every metric or of this one, of
# every kind or of this one, of every place or of one of the places shown.
ANNOTATIONS_FOR_SQL = """
SELECT a.annotation_id, a.starts_on, a.ends_on, a.entity_kind, a.entity_id, a.metric_id, a.text_vi, a.text_en,
       a.source_id, s.number AS source_number, a.origin, a.created_by, a.created_at, a.updated_by, a.updated_at
FROM annotations a LEFT JOIN sources s ON s.source_id = a.source_id
WHERE (a.metric_id IS NULL OR a.metric_id = $metric)
  AND (a.entity_kind IS NULL OR a.entity_kind = $kind OR ($kind = 'commune' AND a.entity_kind = 'province'))
  AND (a.entity_id IS NULL OR list_contains($places, a.entity_id))
ORDER BY a.starts_on, a.annotation_id
"""
ANNOTATIONS_ALL_SQL = """
SELECT a.annotation_id, a.starts_on, a.ends_on, a.entity_kind, a.entity_id, e.name_vi AS entity_name,
       e.name_en AS entity_name_en, a.metric_id, a.text_vi, a.text_en, a.source_id, s.number AS source_number,
       a.origin, a.created_by, a.created_at, a.updated_by, a.updated_at
FROM annotations a
LEFT JOIN sources s ON s.source_id = a.source_id
LEFT JOIN entities e ON e.entity_id = a.entity_id
ORDER BY a.starts_on DESC, a.annotation_id
"""


# One runnable example per analysts' view (data/views.sql), shown on the data page.
VIEW_EXAMPLES = {
    'kpi_metrics': 'SELECT metric_id, label_vi, unit, grain\nFROM kpi_metrics\nORDER BY metric_group, metric_id;',
    'kpi_entities': "SELECT entity_id, entity_name, came_from, valid_from\nFROM kpi_entities\nWHERE entity_kind = 'province' AND came_from IS NOT NULL;",
    'kpi_observations': "SELECT entity_name, period, value, numerator, denominator, status, source_id\nFROM kpi_observations\nWHERE metric_id = 'online_procedures' AND period = '2023'\nORDER BY value DESC;",
    'kpi_observations_2025': "SELECT entity_name, period, value, estimated\nFROM kpi_observations_2025\nWHERE metric_id = 'par_index' AND period = '2024'\nORDER BY value DESC\nLIMIT 10;",
    'kpi_quality_flags': 'SELECT entity_name, metric_id, period, stated_value, computed_value, message_vi\nFROM kpi_quality_flags;',
    'kpi_sources': 'SELECT number, title_vi, issued_on, observations\nFROM kpi_sources\nORDER BY observations DESC;',
    'kpi_targets': 'SELECT metric_id, comparison, value, year, source_number, note_vi\nFROM kpi_targets\nORDER BY metric_id, year;',
    'kpi_dossiers': ("SELECT unit_name, count(*) AS overdue\nFROM kpi_dossiers\nWHERE entity_id = 'hue' AND status = 'processing'\n"
                     "  AND due_at < TIMESTAMP '2026-10-31 23:59'\nGROUP BY unit_name ORDER BY overdue DESC;"),
    'kpi_dossier_values': ("SELECT place_id, period, value, numerator, denominator\nFROM kpi_dossier_values\n"
                           "WHERE level = 'unit' AND metric_id = 'dossiers_on_time'\nORDER BY value LIMIT 10;"),
}
