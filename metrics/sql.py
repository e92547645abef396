"""Every SQL statement the metrics layer runs, built from fixed fragments chosen by the catalogue.

Only catalogue values (checked) and grain names become SQL text; everything a user chooses is a
bound parameter ($metric, $dimension, $kind ...). Read `entity_values_sql` top to bottom to see
how a figure is made: observations at the metric's own grain are rolled up to the grain asked
for (flows add up, stocks take the last period, scores average), a figure published at that
grain directly wins over the roll-up, and in the 2025 map the former units' figures are added up
(ratios as sum of numerators over sum of denominators) into the unit they became.
"""
from __future__ import annotations

from metrics.catalogue import Metric
from metrics.periods import GRAIN_ORDER

PERIOD_KEY = {
    "year": "strftime(period_start, '%Y')",
    "quarter": "strftime(period_start, '%Y') || '-Q' || CAST(quarter(period_start) AS VARCHAR)",
    "month": "strftime(period_start, '%Y-%m')",
}
PERIOD_END = {
    "year": "INTERVAL 1 YEAR", "quarter": "INTERVAL 3 MONTH", "month": "INTERVAL 1 MONTH",
}
ROLLUP = {  # how observations at a finer grain make one figure for a coarser period
    "sum": """sum(numerator) AS numerator, sum(denominator) AS denominator,
              sum(value) AS value""",
    "last": """arg_max(numerator, period_start) AS numerator, arg_max(denominator, period_start) AS denominator,
               arg_max(value, period_start) AS value""",
    "mean": """NULL::DOUBLE AS numerator, NULL::DOUBLE AS denominator, avg(value) AS value""",
}
STATUS = "CASE WHEN bool_or(status = 'demo') THEN 'demo' ELSE 'published' END"
# A figure made of several places: ratio of sums, sum of counts, mean of scores.
COMBINE = {
    "ratio": "CASE WHEN count(numerator) = count(*) AND sum(denominator) > 0 THEN 100.0 * sum(numerator) / sum(denominator) END",
    "count": "sum(value)",
    "score": "avg(value)",
}


def _check(metric: Metric, grain: str) -> None:
    if grain not in GRAIN_ORDER or GRAIN_ORDER[grain] < GRAIN_ORDER[metric.grain]:
        raise ValueError(f"{metric.id} is reported by {metric.grain}: it cannot be shown by {grain}")


def entity_values_sql(metric: Metric, grain: str, boundary: str) -> str:
    """One row per place and period. Params: $metric, $dimension, $first, $last (period keys)."""
    _check(metric, grain)
    ratio_value = "100.0 * numerator / denominator" if metric.is_ratio else "value"
    rollup = ROLLUP[metric.time_agg]
    native = f"""
        SELECT entity_id, dimension_id, {PERIOD_KEY[grain]} AS period,
               min(date_trunc('{grain}', period_start)) AS period_start, {rollup},
               {STATUS} AS status, string_agg(DISTINCT source_id, '; ') AS source_ids
        FROM obs WHERE grain = '{metric.grain}' AND '{metric.grain}' <> '{grain}'
        GROUP BY entity_id, dimension_id, {PERIOD_KEY[grain]}"""
    sql = f"""
    WITH obs AS (
        SELECT * FROM observations WHERE metric_id = $metric AND ($dimension IS NULL OR dimension_id = $dimension)
    ),
    native AS ({native}),
    direct AS (
        SELECT entity_id, dimension_id, period, period_start, numerator, denominator, value,
               status, source_id AS source_ids
        FROM obs WHERE grain = '{grain}'
    ),
    merged AS (
        SELECT COALESCE(d.entity_id, n.entity_id) AS entity_id,
               COALESCE(d.dimension_id, n.dimension_id) AS dimension_id,
               COALESCE(d.period, n.period) AS period,
               COALESCE(d.period_start, n.period_start) AS period_start,
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
        FULL JOIN (SELECT *, CASE WHEN numerator IS NOT NULL AND denominator > 0
                                  THEN {ratio_value} ELSE value END AS value_calc FROM native) n
          ON d.entity_id = n.entity_id AND d.dimension_id = n.dimension_id AND d.period = n.period
    ),
    ranged AS (
        SELECT * FROM merged
        WHERE ($first IS NULL OR period >= $first) AND ($last IS NULL OR period <= $last)
          AND entity_id NOT IN (SELECT entity_id FROM entities WHERE entity_kind = 'nation')
    ),
    {_boundary_cte(metric, grain, boundary)}
    SELECT b.entity_id, e.name_vi AS entity_name, e.name_en AS entity_name_en, e.entity_kind,
           e.region_id, e.code, e.abbr, b.dimension_id, b.period, b.period_start, b.value,
           b.numerator, b.denominator, b.status, b.estimated, b.parts, b.parts_expected, b.source_ids
    FROM bounded b JOIN entities e USING (entity_id)
    WHERE b.value IS NOT NULL AND ($kind IS NULL OR e.entity_kind = $kind)
    """
    return sql


def _boundary_cte(metric: Metric, grain: str, boundary: str) -> str:
    if boundary != "2025":
        return """bounded AS (
        SELECT *, false AS estimated, 1 AS parts, 1 AS parts_expected FROM ranged
    )"""
    return f"""mapped AS (
        SELECT s.successor_id, r.* FROM ranged r JOIN entity_successor s ON s.entity_id = r.entity_id
    ),
    expected AS (
        SELECT s.successor_id, p.period, count(*) AS n
        FROM (SELECT DISTINCT period, period_start FROM mapped) p
        CROSS JOIN entity_successor s JOIN entities e ON e.entity_id = s.entity_id
        WHERE e.valid_to >= p.period_start
          AND e.valid_from <= p.period_start + {PERIOD_END[grain]} - INTERVAL 1 DAY
        GROUP BY ALL
    ),
    combined AS (
        SELECT successor_id AS entity_id, dimension_id, period, min(period_start) AS period_start,
               CASE WHEN count(*) = 1 THEN any_value(value) ELSE {COMBINE[metric.kind]} END AS value,
               sum(numerator) AS numerator, sum(denominator) AS denominator,
               {STATUS} AS status, string_agg(DISTINCT source_ids, '; ') AS source_ids,
               count(*) AS parts
        FROM mapped GROUP BY successor_id, dimension_id, period
    ),
    bounded AS (
        SELECT c.*, COALESCE(x.n, c.parts) AS parts_expected,
               ({"c.parts > 1" if metric.kind == "score" else "false"}) OR c.parts < COALESCE(x.n, c.parts) AS estimated
        FROM combined c LEFT JOIN expected x ON x.successor_id = c.entity_id AND x.period = c.period
    )"""


def aggregate_sql(metric: Metric, grain: str, boundary: str, level: str) -> str:
    """National or regional figures made from the places' figures, a published aggregate
    winning where there is one. Params as entity_values_sql plus $kind (required)."""
    group = "region_id" if level == "region" else "'all'"
    published_id = ("'region-' || a.group_id" if level == "region" else "'vn-' || $kind")
    places = entity_values_sql(metric, grain, boundary)
    return f"""
    WITH places AS ({places}),
    computed AS (
        SELECT {group} AS group_id, period, min(period_start) AS period_start,
               {COMBINE[metric.kind]} AS value, sum(numerator) AS numerator,
               sum(denominator) AS denominator, count(*) AS places, {STATUS} AS status,
               bool_or(estimated) AS estimated
        FROM places GROUP BY 1, period
    )
    SELECT a.group_id, a.period, a.period_start,
           COALESCE(p.value, a.value) AS value, a.numerator, a.denominator, a.places,
           CASE WHEN p.value IS NOT NULL THEN 'published' ELSE a.status END AS status,
           p.value IS NULL AND a.estimated AS estimated, p.source_id AS published_source
    FROM computed a
    LEFT JOIN observations p ON p.entity_id = {published_id} AND p.metric_id = $metric
         AND p.dimension_id = $dimension AND p.period = a.period AND p.grain = '{grain}'
    WHERE a.group_id IS NOT NULL
    ORDER BY a.group_id, a.period
    """


def observed_periods_sql(grain: str) -> str:
    """The periods (at a grain) for which a metric has any figure. Params: $metric."""
    return f"""SELECT DISTINCT {PERIOD_KEY[grain]} AS period FROM observations
               WHERE metric_id = $metric ORDER BY 1"""


TARGETS_SQL = """
SELECT t.*, s.number AS source_number, s.issued_on AS source_date, s.title_vi AS source_title_vi
FROM targets t JOIN sources s USING (source_id)
WHERE t.metric_id = $metric AND (t.entity_kind = 'all' OR t.entity_kind = $kind)
ORDER BY t.year
"""
SOURCES_SQL = "SELECT * FROM kpi_sources ORDER BY kind, issued_on DESC NULLS LAST, source_id"
QUALITY_FLAGS_SQL = "SELECT * FROM kpi_quality_flags ORDER BY kind, metric_id, period"
STORE_INFO_SQL = "SELECT key, value FROM store_info"
ENTITIES_SQL = "SELECT * FROM kpi_entities WHERE ($kind IS NULL OR entity_kind = $kind) ORDER BY entity_kind, entity_name"
P06_SERVICES_SQL = "SELECT * FROM p06_services ORDER BY service_id"
STATUS_COUNTS_SQL = """
SELECT o.metric_id, o.status, count(*) AS observations, string_agg(DISTINCT o.source_id, '; ') AS sources,
       min(o.period_start) AS first_period, max(o.period_start) AS last_period
FROM observations o WHERE list_contains($metrics, o.metric_id) GROUP BY ALL ORDER BY 1, 2
"""
BATCHES_SQL = "SELECT * FROM import_batches ORDER BY imported_at DESC"
