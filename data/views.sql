-- The documented SQL surface for analysts (README: "Querying the store"). Provinces carry their
-- Vietnamese names without the "Tỉnh"/"Thành phố" prefix; communes keep theirs ("Phường Hoàn
-- Kiếm": many share a bare name) and name their province in parent_id.

-- Every unit's 2025 successor: a unit still in force (every commune) maps to itself.
CREATE VIEW entity_successor AS
SELECT e.entity_id, COALESCE(l.successor_id, e.entity_id) AS successor_id
FROM entities e LEFT JOIN lineage l ON l.predecessor_id = e.entity_id;

CREATE VIEW kpi_metrics AS
SELECT metric_id, label_vi, label_en, description_vi, description_en, unit, direction, kind,
       place_agg, time_agg, grain, metric_group, parent_id, max_value, numerator_vi,
       denominator_vi, dimension, source_id, entity_kinds
FROM metrics;

CREATE VIEW kpi_entities AS
SELECT e.entity_id, e.name_vi AS entity_name, e.name_en AS entity_name_en, e.entity_kind, e.code,
       e.abbr, e.full_name_vi, e.unit_type, e.region_id, r.name_vi AS region, e.parent_id,
       e.valid_from, e.valid_to,
       (SELECT string_agg(l.successor_id, ', ' ORDER BY l.successor_id) FROM lineage l
         WHERE l.predecessor_id = e.entity_id) AS became,
       (SELECT string_agg(l.predecessor_id, ', ' ORDER BY l.predecessor_id) FROM lineage l
         WHERE l.successor_id = e.entity_id) AS came_from,
       e.par_index_status, e.aliases
FROM entities e LEFT JOIN regions r USING (region_id);

-- Observations with places as they were at the time.
CREATE VIEW kpi_observations AS
SELECT o.entity_id, e.name_vi AS entity_name, e.entity_kind, e.region_id, o.metric_id,
       o.dimension_id, o.period, o.grain, o.period_start, o.value, o.numerator, o.denominator,
       o.status, o.source_id, o.note, o.batch_id
FROM observations o JOIN entities e USING (entity_id);

-- The same observations in the 2025 boundaries (34 provinces, 17 ministries). A merged unit's
-- figure before its merger adds up its former units' counts and numerators; a score is the mean
-- of its former units and is marked estimated, as is a figure where a former unit is missing.
CREATE VIEW kpi_observations_2025 AS
WITH mapped AS (
    SELECT s.successor_id AS entity_id, o.*, e.valid_from, e.valid_to
    FROM observations o
    JOIN entity_successor s ON s.entity_id = o.entity_id
    JOIN entities e ON e.entity_id = o.entity_id
),
-- How many units a figure should add up: only a unit formed by a merger can miss a part (any
-- other unit, every commune among them, is its own one part, and counting it would cost a
-- cross join of every unit with every period).
expected AS (
    SELECT s.successor_id, o.metric_id, o.dimension_id, o.period, count(DISTINCT e.entity_id) AS n
    FROM (SELECT DISTINCT metric_id, dimension_id, period, grain, period_start FROM observations) o
    CROSS JOIN entity_successor s
    JOIN entities e ON e.entity_id = s.entity_id
    WHERE s.successor_id IN (SELECT successor_id FROM lineage)
      AND e.valid_to >= o.period_start
      AND e.valid_from <= o.period_start + CASE o.grain WHEN 'month' THEN INTERVAL 1 MONTH
                                                        WHEN 'quarter' THEN INTERVAL 3 MONTH
                                                        ELSE INTERVAL 1 YEAR END - INTERVAL 1 DAY
    GROUP BY ALL
),
summed AS (
    SELECT m.entity_id, m.metric_id, m.dimension_id, m.period, any_value(m.grain) AS grain,
           any_value(m.period_start) AS period_start, k.kind,
           count(*) AS parts,
           count(m.numerator) AS parts_with_counts,
           sum(m.numerator) AS numerator, sum(m.denominator) AS denominator,
           sum(m.value) AS value_sum, avg(m.value) AS value_mean, any_value(m.value) AS value_one,
           CASE WHEN bool_or(m.status = 'demo') THEN 'demo' WHEN bool_or(m.status = 'records') THEN 'records' ELSE 'published' END AS status,
           string_agg(DISTINCT m.source_id, '; ') AS source_id
    FROM mapped m JOIN metrics k USING (metric_id)
    GROUP BY m.entity_id, m.metric_id, m.dimension_id, m.period, k.kind
)
SELECT s.entity_id, e.name_vi AS entity_name, e.entity_kind, e.region_id, s.metric_id,
       s.dimension_id, s.period, s.grain, s.period_start,
       CASE
         WHEN s.parts = 1 THEN s.value_one
         WHEN s.kind = 'ratio' AND s.parts_with_counts = s.parts AND s.denominator > 0
           THEN 100.0 * s.numerator / s.denominator
         WHEN s.kind = 'count' THEN s.value_sum
         WHEN s.kind = 'score' THEN s.value_mean
       END AS value,
       s.numerator, s.denominator, s.status, s.source_id,
       s.parts, COALESCE(x.n, s.parts) AS parts_expected,
       (s.kind = 'score' AND s.parts > 1) OR s.parts < COALESCE(x.n, s.parts) AS estimated
FROM summed s
JOIN entities e ON e.entity_id = s.entity_id
LEFT JOIN expected x ON x.successor_id = s.entity_id AND x.metric_id = s.metric_id
     AND x.dimension_id = s.dimension_id AND x.period = s.period;

CREATE VIEW kpi_quality_flags AS
SELECT f.*, e.name_vi AS entity_name FROM quality_flags f LEFT JOIN entities e USING (entity_id);

CREATE VIEW kpi_sources AS
SELECT s.*,
       (SELECT count(*) FROM observations o WHERE o.source_id = s.source_id) AS observations
FROM sources s;

CREATE VIEW kpi_targets AS
SELECT t.*, s.number AS source_number, s.issued_on AS source_date FROM targets t JOIN sources s USING (source_id);
