-- The KPI store. Built by `python -m metrics.build` from the CSV/YAML files beside this one.
-- Tables hold facts; the kpi_* views (views.sql) are the documented surface for analysts.

CREATE TABLE store_info (key TEXT PRIMARY KEY, value TEXT NOT NULL);

CREATE TABLE regions (
    region_id TEXT PRIMARY KEY,
    name_vi   TEXT NOT NULL,
    name_en   TEXT NOT NULL,
    short_vi  TEXT NOT NULL
);

-- Every province, ministry and national aggregate, as it was during [valid_from, valid_to], and
-- (built with --communes) the communes, wards and special zones of the 2025 map.
-- A unit that a merger left unchanged keeps one row with no valid_to; a unit formed by a merger
-- is a new row (its code is not always the code of the old unit with the same name).
-- A commune's name_vi keeps its type ('Phường Hoàn Kiếm'); parent_id is its province.
-- An agency is a department or other unit of a province or ministry ('Sở Tư pháp', a Cục), added
-- by the import of a report form that names it (note says which); parent_id is that province
-- or ministry, so that an office can rank its own departments.
CREATE TABLE entities (
    entity_id     TEXT PRIMARY KEY,
    entity_kind   TEXT NOT NULL CHECK (entity_kind IN ('province', 'ministry', 'nation', 'commune', 'agency')),
    code          TEXT,
    abbr          TEXT,
    name_vi       TEXT NOT NULL,
    name_en       TEXT NOT NULL,
    full_name_vi  TEXT,
    unit_type     TEXT,
    region_id     TEXT REFERENCES regions (region_id),
    parent_id     TEXT,             -- a commune's province, an agency's province or ministry; else NULL
    valid_from    DATE NOT NULL DEFAULT DATE '1900-01-01',
    valid_to      DATE NOT NULL DEFAULT DATE '9999-12-31',
    par_index_status TEXT,
    aliases       TEXT,
    note          TEXT,
    batch_id      TEXT              -- the import batch that added the unit (an agency); NULL for data/
);

-- Which former units formed each new one (63 -> 34 provinces on 2025-07-01; 22 -> 17 ministries
-- and ministerial-level agencies on 2025-03-01).
CREATE TABLE lineage (
    predecessor_id TEXT NOT NULL REFERENCES entities (entity_id),
    successor_id   TEXT NOT NULL REFERENCES entities (entity_id),
    effective_date DATE NOT NULL,
    source_id      TEXT,
    PRIMARY KEY (predecessor_id, successor_id)
);

CREATE TABLE sources (
    source_id  TEXT PRIMARY KEY,
    number     TEXT,
    title_vi   TEXT NOT NULL,
    title_en   TEXT,
    issuer     TEXT,
    issued_on  DATE,
    url        TEXT,
    kind       TEXT NOT NULL CHECK (kind IN ('legal', 'report', 'press', 'project')),
    note       TEXT,
    batch_id   TEXT             -- the import batch that added the document; NULL for data/sources.csv
);

CREATE TABLE metrics (
    metric_id      TEXT PRIMARY KEY,
    label_vi       TEXT NOT NULL,
    label_en       TEXT NOT NULL,
    description_vi TEXT NOT NULL,
    description_en TEXT NOT NULL,
    unit           TEXT NOT NULL,
    direction      TEXT NOT NULL,
    kind           TEXT NOT NULL,
    place_agg      TEXT NOT NULL,
    time_agg       TEXT NOT NULL,
    grain          TEXT NOT NULL,
    metric_group   TEXT NOT NULL,
    parent_id      TEXT,
    max_value      DOUBLE,
    numerator_vi   TEXT,
    denominator_vi TEXT,
    dimension      TEXT,
    source_id      TEXT REFERENCES sources (source_id),
    entity_kinds   TEXT NOT NULL
);

CREATE TABLE targets (
    target_id   TEXT PRIMARY KEY,
    metric_id   TEXT NOT NULL REFERENCES metrics (metric_id),
    entity_kind TEXT NOT NULL,      -- 'province', 'ministry' or 'all'
    scope       TEXT NOT NULL CHECK (scope IN ('each', 'aggregate')),
    comparison  TEXT NOT NULL CHECK (comparison IN ('>=', '<=')),
    value       DOUBLE NOT NULL,
    year        INTEGER NOT NULL,   -- the target applies to this year's figures and later
    source_id   TEXT NOT NULL REFERENCES sources (source_id),
    note_vi     TEXT,
    note_en     TEXT
);

CREATE TABLE p06_services (
    service_id  INTEGER PRIMARY KEY,
    name_vi     TEXT NOT NULL,
    name_en     TEXT NOT NULL,
    short_vi    TEXT NOT NULL,      -- the name on a heatmap column ('Cấp, đổi thẻ CCCD')
    short_en    TEXT NOT NULL,
    handled_by  TEXT
);

-- The groups of the 766 index in each scheme: five from 08/2022, six from 2024 (online payment
-- scored on its own); the catalogue's maxima (data/metrics.yaml) say the same, tests check.
CREATE TABLE index766_groups (
    group_no   INTEGER NOT NULL,
    metric_id  TEXT NOT NULL,
    name_vi    TEXT NOT NULL,
    name_en    TEXT NOT NULL,
    max_points DOUBLE NOT NULL,
    valid_from DATE NOT NULL,
    valid_to   DATE NOT NULL,
    PRIMARY KEY (metric_id, valid_from)
);

CREATE TABLE import_batches (
    batch_id     TEXT PRIMARY KEY,
    imported_by  TEXT NOT NULL,
    imported_at  TIMESTAMP NOT NULL,
    file_name    TEXT NOT NULL,
    file_sha256  TEXT NOT NULL,
    source_id    TEXT,
    rows_added   INTEGER NOT NULL,
    rows_changed INTEGER NOT NULL,
    undone_at    TIMESTAMP
);

-- One figure: a place, a metric, a period. Ratios keep numerator and denominator; value is
-- computed from them when both are known (rates are never typed in twice).
-- period: 'YYYY', 'YYYY-Qn' or 'YYYY-MM'; dimension_id breaks a metric down (the 25 Project 06
-- services), '' otherwise.
CREATE TABLE observations (
    entity_id    TEXT NOT NULL REFERENCES entities (entity_id),
    metric_id    TEXT NOT NULL REFERENCES metrics (metric_id),
    dimension_id TEXT NOT NULL DEFAULT '',
    period       TEXT NOT NULL,
    grain        TEXT NOT NULL CHECK (grain IN ('month', 'quarter', 'year')),
    period_start DATE NOT NULL,
    value        DOUBLE,
    numerator    DOUBLE,
    denominator  DOUBLE,
    status       TEXT NOT NULL CHECK (status IN ('published', 'demo', 'records')),  -- records: computed from dossier records
    source_id    TEXT REFERENCES sources (source_id),
    note         TEXT,
    batch_id     TEXT,
    PRIMARY KEY (entity_id, metric_id, dimension_id, period)
);

-- What an import replaced, so that a batch can be undone exactly.
CREATE TABLE observation_history (
    batch_id     TEXT NOT NULL,
    action       TEXT NOT NULL CHECK (action IN ('added', 'changed')),
    entity_id    TEXT NOT NULL,
    metric_id    TEXT NOT NULL,
    dimension_id TEXT NOT NULL,
    period       TEXT NOT NULL,
    grain        TEXT,
    period_start DATE,
    value        DOUBLE,
    numerator    DOUBLE,
    denominator  DOUBLE,
    status       TEXT,
    source_id    TEXT,
    note         TEXT,
    old_batch_id TEXT
);

-- A disagreement found in a source: a stated rate that its own counts do not give, published
-- figures that do not add up. Both numbers are kept.
CREATE TABLE quality_flags (
    flag_id        TEXT PRIMARY KEY,
    entity_id      TEXT,
    metric_id      TEXT,
    period         TEXT,
    kind           TEXT NOT NULL,
    stated_value   DOUBLE,
    computed_value DOUBLE,
    source_id      TEXT,
    message_vi     TEXT NOT NULL,
    message_en     TEXT NOT NULL,
    batch_id       TEXT             -- the import batch whose form got its sums wrong; NULL for data/
);

-- What is published besides figures, for the pages and the analysts: ranks (with or without a
-- published score; -1 last, -n somewhere in the bottom n), counts of places over a threshold, and
-- the rows of the published record (data/published_record) that the store does not use, with why.
CREATE TABLE published_ranks (
    metric_id TEXT NOT NULL, period TEXT NOT NULL, entity_kind TEXT NOT NULL, entity_id TEXT NOT NULL,
    rank INTEGER NOT NULL, source_id TEXT, note TEXT
);
CREATE TABLE published_counts (
    fact_id TEXT PRIMARY KEY, metric_id TEXT NOT NULL, period TEXT NOT NULL, entity_kind TEXT NOT NULL,
    kind TEXT NOT NULL, threshold DOUBLE, count INTEGER NOT NULL, source_id TEXT, note_vi TEXT, note_en TEXT
);
CREATE TABLE published_set_aside (
    file TEXT NOT NULL, line INTEGER NOT NULL, entity TEXT, metric TEXT, period TEXT, value TEXT,
    reason TEXT NOT NULL, reason_vi TEXT NOT NULL, reason_en TEXT NOT NULL, url TEXT, quote TEXT
);

-- The roll-up tables, written by the build and by every import and undo from the observations
-- (store/sql.py says how): every metric's figure per place (place_values) and per group, the
-- nation or a region (group_values), at every grain it can be shown at and in both boundaries
-- ('time': places as they were; '2025': the 34 provinces and 17 ministries), and the periods
-- each metric has figures for. The pages' questions are lookups in them.
CREATE TABLE place_values (
    metric_id TEXT, grain TEXT, boundary TEXT, entity_id TEXT, dimension_id TEXT, period TEXT,
    period_start DATE, value DOUBLE, numerator DOUBLE, denominator DOUBLE, status TEXT,
    estimated BOOLEAN, parts BIGINT, parts_expected BIGINT, source_ids VARCHAR[]
);
CREATE TABLE metric_periods (metric_id TEXT, grain TEXT, period TEXT);
CREATE TABLE group_values (
    metric_id TEXT, grain TEXT, boundary TEXT, kind TEXT, level TEXT, dimension_id TEXT,
    group_id TEXT, period TEXT, period_start DATE, value DOUBLE, numerator DOUBLE,
    denominator DOUBLE, places BIGINT, status TEXT, estimated BOOLEAN, source_ids VARCHAR[]
);

-- An event to read the figures by (a document, a merger, a change of rules): a date, or a period
-- from starts_on to ends_on; optionally one kind of place, one place and one metric (NULL: all);
-- a text in both languages and its source document. Built-in ones are written by the build from
-- data/ (store/annotations.py); editors add, edit and delete theirs on the import page, and a
-- rebuild carries them over.
CREATE TABLE annotations (
    annotation_id TEXT PRIMARY KEY,
    starts_on     DATE NOT NULL,
    ends_on       DATE,
    entity_kind   TEXT,
    entity_id     TEXT,
    metric_id     TEXT,
    text_vi       TEXT NOT NULL,
    text_en       TEXT NOT NULL,
    source_id     TEXT,
    origin        TEXT NOT NULL CHECK (origin IN ('built-in', 'editor')),
    created_by    TEXT,
    created_at    TIMESTAMP,
    updated_by    TEXT,
    updated_at    TIMESTAMP
);

-- Every editor's change to an annotation, who and when (the row as it was after the change; a
-- deletion keeps the row as it was before).
CREATE TABLE annotation_history (
    annotation_id TEXT NOT NULL,
    action        TEXT NOT NULL CHECK (action IN ('add', 'edit', 'delete')),
    done_by       TEXT NOT NULL,
    done_at       TIMESTAMP NOT NULL,
    starts_on     DATE,
    ends_on       DATE,
    entity_id     TEXT,
    metric_id     TEXT,
    text_vi       TEXT,
    text_en       TEXT,
    source_id     TEXT
);

-- Alert rules (alerts/): editors make them on the page "Cảnh báo" or with `python -m alerts`;
-- kept with who made them and when, and carried into a rebuilt store (store/carry.py).
-- metrics: a metric id or 'collection:NAME' (data/metrics.yaml, collections: overview_tiles is
-- "all headline metrics"); scope: kind ('province'/'ministry'), region (a region id), place (an
-- entity id) or communes (a province id: its communes); threshold: the condition's N, X or day D.
CREATE TABLE alert_rules (
    rule_id     TEXT PRIMARY KEY,
    metrics     TEXT NOT NULL,
    scope       TEXT NOT NULL CHECK (scope IN ('kind', 'region', 'place', 'communes')),
    scope_value TEXT NOT NULL,
    condition   TEXT NOT NULL CHECK (condition IN ('below_target', 'rank_drop', 'change',
                                                   'overdue_tasks', 'no_figures', 'quality_flag')),
    threshold   DOUBLE,
    recipients  VARCHAR[] NOT NULL,
    lang        TEXT NOT NULL CHECK (lang IN ('vi', 'en')),
    state       TEXT NOT NULL CHECK (state IN ('active', 'paused', 'deleted')),
    note        TEXT,
    created_by  TEXT NOT NULL,
    created_at  TIMESTAMP NOT NULL,
    changed_by  TEXT,
    changed_at  TIMESTAMP
);

-- Who receives the alerts about a place (topic 'place', entity_id) or the monthly report
-- (topic 'monthly_report', entity_id ''), in Vietnamese or English.
CREATE TABLE subscriptions (
    subscription_id TEXT PRIMARY KEY,
    email      TEXT NOT NULL,
    name       TEXT,
    topic      TEXT NOT NULL CHECK (topic IN ('place', 'monthly_report')),
    entity_id  TEXT NOT NULL DEFAULT '',
    lang       TEXT NOT NULL CHECK (lang IN ('vi', 'en')),
    created_by TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    UNIQUE (email, topic, entity_id)
);
