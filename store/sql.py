"""Every statement that writes the store's derived tables, and the rule they follow: how a figure
is made from observations at every grain, in the map of the time and in the 2025 map.

Read `place_values_insert_sql` top to bottom to see how a figure is made. It is the one place the
2025 map is worked out: the pages read its roll-ups, and so does the analysts' view
kpi_observations_2025 (data/views.sql). Only catalogue values (checked) and grain names become
SQL text; the metrics written are a bound list ($metrics).
"""
from __future__ import annotations

from metrics.catalogue import NATIONAL_KINDS
from metrics.periods import GRAIN_ORDER

# The observation columns, in the order of the table (data/schema.sql).
OBS_COLUMNS = ("entity_id", "metric_id", "dimension_id", "period", "grain", "period_start", "value",
               "numerator", "denominator", "status", "source_id", "note", "batch_id")

PERIOD_KEY = {
    "year": "strftime(period_start, '%Y')",
    "quarter": "strftime(period_start, '%Y') || '-Q' || CAST(quarter(period_start) AS VARCHAR)",
    "month": "strftime(period_start, '%Y-%m')",
}
PERIOD_END = {
    "year": "INTERVAL 1 YEAR", "quarter": "INTERVAL 3 MONTH", "month": "INTERVAL 1 MONTH",
}
# A figure made of several: demo if any part is demo, else computed from dossier records if any
# part is, else published.
STATUS = "CASE WHEN bool_or(status = 'demo') THEN 'demo' WHEN bool_or(status = 'records') THEN 'records' ELSE 'published' END"
# A figure's sources are a list of source ids (sorted, each once): one observation's, the union of
# the observations it was rolled up from, the union of the places it adds up.
ONE_SOURCE = "CASE WHEN source_id IS NULL THEN []::VARCHAR[] ELSE [source_id] END"
SOURCE_LIST = "list_sort(list(DISTINCT source_id) FILTER (WHERE source_id IS NOT NULL))"
SOURCE_LISTS = "list_sort(list_distinct(flatten(list(source_ids))))"
# A figure made of several places: ratio of sums, sum of counts, mean of scores.
COMBINE = {
    "ratio": "CASE WHEN count(numerator) = count(*) AND sum(denominator) > 0 THEN 100.0 * sum(numerator) / sum(denominator) END",
    "count": "sum(value)",
    "score": "avg(value)",
}


def _finer_or_equal(grain: str) -> str:
    """SQL list of the grains that roll up into `grain`: ('month', 'quarter') for 'quarter'."""
    return "(" + ", ".join(f"'{g}'" for g, order in GRAIN_ORDER.items() if order <= GRAIN_ORDER[grain]) + ")"


def place_values_insert_sql(grain: str, boundary: str) -> str:
    """Every metric's figures per place and period at `grain`, in a boundary, into place_values.

    Read top to bottom to see how a figure is made: observations at the metric's own grain are
    rolled up to the grain asked for (flows add up, stocks take the last period, scores average;
    metrics.time_agg), a figure published at that grain directly wins over the roll-up, and in
    the 2025 map the former units' figures are added up (ratios as sum of numerators over sum of
    denominators, counts as sums, scores as means; metrics.kind) into the unit they became.
    Communes have no former units: they are kept once, under 'time'.
    """
    key = PERIOD_KEY[grain]
    rolled = {column: f"""CASE any_value(time_agg) WHEN 'sum' THEN sum({column})
                                   WHEN 'last' THEN arg_max({column}, period_start) END"""
              for column in ("numerator", "denominator")}
    communes = "AND e.entity_kind <> 'commune'" if boundary == "2025" else ""
    return f"""
    INSERT INTO place_values
    WITH obs AS (
        SELECT o.*, m.kind AS metric_kind, m.time_agg, m.grain AS native_grain
        FROM observations o JOIN metrics m USING (metric_id) JOIN entities e USING (entity_id)
        WHERE list_contains($metrics, o.metric_id) AND m.grain IN {_finer_or_equal(grain)}
          AND e.entity_kind <> 'nation' {communes}
    ),
    native AS (
        SELECT metric_id, entity_id, dimension_id, {key} AS period,
               min(date_trunc('{grain}', period_start)) AS period_start,
               {rolled["numerator"]} AS numerator, {rolled["denominator"]} AS denominator,
               CASE any_value(time_agg) WHEN 'sum' THEN sum(value)
                    WHEN 'last' THEN arg_max(value, period_start) ELSE avg(value) END AS value,
               any_value(metric_kind) AS metric_kind,
               {STATUS} AS status, {SOURCE_LIST} AS source_ids
        FROM obs WHERE grain = native_grain AND native_grain <> '{grain}'
        GROUP BY metric_id, entity_id, dimension_id, {key}
    ),
    direct AS (
        SELECT metric_id, entity_id, dimension_id, period, period_start, numerator, denominator,
               value, metric_kind, status, {ONE_SOURCE} AS source_ids
        FROM obs WHERE grain = '{grain}'
    ),
    merged AS (
        SELECT COALESCE(d.metric_id, n.metric_id) AS metric_id,
               COALESCE(d.entity_id, n.entity_id) AS entity_id,
               COALESCE(d.dimension_id, n.dimension_id) AS dimension_id,
               COALESCE(d.period, n.period) AS period,
               COALESCE(d.period_start, n.period_start) AS period_start,
               COALESCE(d.metric_kind, n.metric_kind) AS metric_kind,
               -- a figure published for the whole period wins; its counts come from the months
               -- when it gives none and the months agree with it
               COALESCE(d.numerator, CASE WHEN d.value IS NULL OR abs(d.value - n.value_calc) < 0.01
                                          THEN n.numerator END) AS numerator,
               COALESCE(d.denominator, CASE WHEN d.value IS NULL OR abs(d.value - n.value_calc) < 0.01
                                            THEN n.denominator END) AS denominator,
               COALESCE(d.value, n.value_calc) AS value,
               COALESCE(d.status, n.status) AS status,
               COALESCE(d.source_ids, n.source_ids) AS source_ids
        FROM direct d
        FULL JOIN (SELECT *, CASE WHEN metric_kind = 'ratio' AND numerator IS NOT NULL AND denominator > 0
                                  THEN 100.0 * numerator / denominator ELSE value END AS value_calc
                   FROM native) n
          ON d.metric_id = n.metric_id AND d.entity_id = n.entity_id
         AND d.dimension_id = n.dimension_id AND d.period = n.period
    ),
    {_boundary_cte(grain, boundary)}
    SELECT metric_id, '{grain}', '{boundary}', entity_id, dimension_id, period, period_start, value,
           numerator, denominator, status, estimated, parts, parts_expected, source_ids
    FROM bounded WHERE value IS NOT NULL
    """


def _boundary_cte(grain: str, boundary: str) -> str:
    if boundary != "2025":
        return """bounded AS (
        SELECT *, false AS estimated, 1 AS parts, 1 AS parts_expected FROM merged
    )"""
    return f"""mapped AS (
        SELECT s.successor_id, r.* FROM merged r JOIN entity_successor s ON s.entity_id = r.entity_id
    ),
    expected AS (
        SELECT s.successor_id, p.period, count(*) AS n
        FROM (SELECT DISTINCT period, period_start FROM mapped) p
        CROSS JOIN entity_successor s JOIN entities e ON e.entity_id = s.entity_id
        WHERE e.entity_kind <> 'commune' AND e.valid_to >= p.period_start
          AND e.valid_from <= p.period_start + {PERIOD_END[grain]} - INTERVAL 1 DAY
        GROUP BY ALL
    ),
    combined AS (
        SELECT metric_id, successor_id AS entity_id, dimension_id, period, min(period_start) AS period_start,
               any_value(metric_kind) AS metric_kind,
               CASE WHEN count(*) = 1 THEN any_value(value) ELSE {_combine("any_value(metric_kind)")} END AS value,
               sum(numerator) AS numerator, sum(denominator) AS denominator,
               {STATUS} AS status, {SOURCE_LISTS} AS source_ids,
               count(*) AS parts
        FROM mapped GROUP BY metric_id, successor_id, dimension_id, period
    ),
    bounded AS (
        SELECT c.*, COALESCE(x.n, c.parts) AS parts_expected,
               (c.metric_kind = 'score' AND c.parts > 1) OR c.parts < COALESCE(x.n, c.parts) AS estimated
        FROM combined c LEFT JOIN expected x ON x.successor_id = c.entity_id AND x.period = c.period
    )"""


def _combine(kind_sql: str) -> str:
    """The figure of several places, by the metric's kind (COMBINE)."""
    cases = " ".join(f"WHEN '{kind}' THEN {expression}" for kind, expression in COMBINE.items())
    return f"CASE {kind_sql} {cases} END"


def group_values_insert_sql(grain: str, boundary: str, level: str) -> str:
    """National or regional figures of every metric, kind of place and breakdown into
    group_values, made from place_values; a published aggregate (vn-province, region-dbsh ...)
    wins where there is one. The nation is made from places as they were at the time."""
    group = "e.region_id" if level == "region" else "'all'"
    published_id = "'region-' || a.group_id" if level == "region" else "'vn-' || a.kind"
    return f"""
    INSERT INTO group_values
    WITH places AS (
        SELECT v.*, e.entity_kind AS kind, {group} AS group_id, m.kind AS metric_kind
        FROM place_values v JOIN entities e USING (entity_id) JOIN metrics m USING (metric_id)
        WHERE list_contains($metrics, v.metric_id) AND v.grain = '{grain}' AND v.boundary = '{boundary}'
          AND e.entity_kind IN {NATIONAL_KINDS}
    ),
    computed AS (
        SELECT metric_id, kind, dimension_id, group_id, period, min(period_start) AS period_start,
               {_combine("metric_kind")} AS value, sum(numerator) AS numerator,
               sum(denominator) AS denominator, count(*) AS places, {STATUS} AS status,
               bool_or(estimated) AS estimated, {SOURCE_LISTS} AS source_ids
        FROM places WHERE group_id IS NOT NULL GROUP BY metric_id, metric_kind, kind, dimension_id, group_id, period
    )
    SELECT a.metric_id, '{grain}', '{boundary}', a.kind, '{level}', a.dimension_id, a.group_id, a.period,
           a.period_start, COALESCE(p.value, a.value), a.numerator, a.denominator, a.places,
           CASE WHEN p.value IS NOT NULL THEN 'published' ELSE a.status END,
           p.value IS NULL AND a.estimated,
           CASE WHEN p.value IS NOT NULL THEN [p.source_id] ELSE a.source_ids END
    FROM computed a
    LEFT JOIN observations p ON p.entity_id = {published_id} AND p.metric_id = a.metric_id
         AND p.dimension_id = a.dimension_id AND p.period = a.period AND p.grain = '{grain}'
    """


# The roll-up tables (data/schema.sql) are worked out once, when the store is built or an import
# lands (store.rollups), for every metric, grain and boundary, and kept sorted by metric, grain,
# boundary and period: a page's question is then a lookup that DuckDB answers from a few row
# groups, not a roll-up over the whole observations table.

ROLLUP_CLEAR = ("DELETE FROM place_values WHERE list_contains($metrics, metric_id)",
                "DELETE FROM group_values WHERE list_contains($metrics, metric_id)",
                "DELETE FROM metric_periods WHERE list_contains($metrics, metric_id)")


def metric_periods_insert_sql(grain: str) -> str:
    """The periods at `grain` for which each metric has any figure (a national one included).
    Params: $metrics."""
    return f"""
    INSERT INTO metric_periods
    SELECT DISTINCT o.metric_id, '{grain}', {PERIOD_KEY[grain]}
    FROM observations o JOIN metrics m USING (metric_id)
    WHERE list_contains($metrics, o.metric_id) AND m.grain IN {_finer_or_equal(grain)}
    """


ROLLUP_SORT = (
    "CREATE OR REPLACE TABLE metric_periods AS SELECT * FROM metric_periods ORDER BY metric_id, grain, period",
    "CREATE OR REPLACE TABLE place_values AS SELECT * FROM place_values ORDER BY metric_id, grain, boundary, period, entity_id",
    "CREATE OR REPLACE TABLE group_values AS SELECT * FROM group_values ORDER BY metric_id, grain, boundary, kind, level, period",
)

