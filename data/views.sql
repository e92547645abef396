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

-- The same observations in the 2025 boundaries (34 provinces, 17 ministries), read from the
-- roll-up the pages read (place_values, written by store/sql.py: the one place the 2025 map is
-- worked out). A merged unit's figure before its merger adds up its former units' counts and
-- numerators; a score is the mean of its former units and is marked estimated, as is a figure
-- where a former unit is missing. One row per observation's key, at the grain it was reported
-- at; communes (no former units) and the national aggregates as they are.
CREATE VIEW kpi_observations_2025 AS
WITH reported AS (  -- the keys observations give in the 2025 map: what the view has rows for
    SELECT DISTINCT o.metric_id, o.grain, s.successor_id AS entity_id, o.dimension_id, o.period
    FROM observations o JOIN entity_successor s USING (entity_id)
)
SELECT v.entity_id, e.name_vi AS entity_name, e.entity_kind, e.region_id, v.metric_id,
       v.dimension_id, v.period, v.grain, v.period_start, v.value, v.numerator, v.denominator,
       v.status, v.source_ids, v.parts, v.parts_expected, v.estimated
FROM place_values v
JOIN reported r USING (metric_id, grain, entity_id, dimension_id, period)
JOIN entities e ON e.entity_id = v.entity_id
WHERE v.boundary = CASE WHEN e.entity_kind = 'commune' THEN 'time' ELSE '2025' END
UNION ALL
SELECT o.entity_id, e.name_vi, e.entity_kind, e.region_id, o.metric_id, o.dimension_id, o.period,
       o.grain, o.period_start, o.value, o.numerator, o.denominator, o.status, [o.source_id],
       1, 1, false
FROM observations o JOIN entities e USING (entity_id)
WHERE e.entity_kind = 'nation';

CREATE VIEW kpi_quality_flags AS
SELECT f.*, e.name_vi AS entity_name FROM quality_flags f LEFT JOIN entities e USING (entity_id);

CREATE VIEW kpi_sources AS
SELECT s.*,
       (SELECT count(*) FROM observations o WHERE o.source_id = s.source_id) AS observations
FROM sources s;

CREATE VIEW kpi_targets AS
SELECT t.*, s.number AS source_number, s.issued_on AS source_date FROM targets t JOIN sources s USING (source_id);
