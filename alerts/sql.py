"""Every statement the alerts run: on the store (the rules and subscriptions, and what a batch
touched) and on the ledger beside it (alerts/ledger.py: firings, the outbox, evaluations still to
do). Values are always bound; table names are fixed here."""
from __future__ import annotations

# --- the store (DuckDB): read through metrics.db.Store, written through store.swap ----------------
RULES = "SELECT * FROM alert_rules WHERE ($state IS NULL OR state = $state) ORDER BY created_at, rule_id"
SUBSCRIPTIONS = "SELECT * FROM subscriptions ORDER BY topic, entity_id, email"
INSERT_RULE = """
INSERT INTO alert_rules (rule_id, metrics, scope, scope_value, condition, threshold, recipients, lang,
                         state, note, created_by, created_at)
VALUES ($rule_id, $metrics, $scope, $scope_value, $condition, $threshold, $recipients, $lang, 'active',
        $note, $who, CAST($at AS TIMESTAMP))
"""
SET_RULE_STATE = """
UPDATE alert_rules SET state = $state, changed_by = $who, changed_at = CAST($at AS TIMESTAMP)
WHERE rule_id = $rule_id
"""
SUBSCRIPTION_EXISTS = """
SELECT subscription_id FROM subscriptions WHERE lower(email) = lower($email) AND topic = $topic AND entity_id = $entity
"""
INSERT_SUBSCRIPTION = """
INSERT INTO subscriptions (subscription_id, email, name, topic, entity_id, lang, created_by, created_at)
VALUES ($id, $email, $name, $topic, $entity, $lang, $who, CAST($at AS TIMESTAMP))
"""
DELETE_SUBSCRIPTION = "DELETE FROM subscriptions WHERE subscription_id = $id"
# What a batch wrote (or an undo put back): its history rows outlive the undo. successor_id: the
# place in the 2025 map whose figure the change moves (itself for a place still in force).
BATCH_TOUCHED = """
SELECT DISTINCT h.metric_id, h.period, h.entity_id, s.successor_id
FROM observation_history h JOIN entity_successor s USING (entity_id)
WHERE h.batch_id = $batch AND h.dimension_id = ''
"""
OBSERVED = """
SELECT DISTINCT entity_id FROM observations
WHERE metric_id = $metric AND period = $period AND dimension_id = '' AND value IS NOT NULL
"""
LAST_OBSERVED = """
SELECT entity_id, max(period) AS last_period FROM observations
WHERE metric_id = $metric AND grain = $grain AND dimension_id = '' AND value IS NOT NULL AND period < $period
GROUP BY entity_id
"""
SOURCES = "SELECT source_id, number, title_vi, title_en, issued_on, batch_id FROM sources"
REGIONS = "SELECT region_id, name_vi, name_en FROM regions"
ENTITIES = """
SELECT entity_id, entity_kind, name_vi, name_en, region_id, parent_id, valid_from, valid_to FROM entities
"""

# --- the ledger (SQLite, beside the store) --------------------------------------------------------
LEDGER_SCHEMA = """
CREATE TABLE IF NOT EXISTS firings (
    firing_id  INTEGER PRIMARY KEY,
    event_key  TEXT NOT NULL UNIQUE,     -- the event: one rule, place, metric and period (or flag)
    rule_id    TEXT NOT NULL,
    condition  TEXT NOT NULL,
    entity_id  TEXT,
    metric_id  TEXT,
    period     TEXT,
    figures    TEXT NOT NULL,            -- JSON: the figures that made it fire
    cause      TEXT NOT NULL,            -- 'import:BATCH', 'undo:BATCH' or 'schedule'
    fired_at   TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS firings_period ON firings (period);
CREATE TABLE IF NOT EXISTS attachments (
    attachment_id INTEGER PRIMARY KEY,
    file_name  TEXT NOT NULL,
    mime       TEXT NOT NULL,
    content    BLOB NOT NULL,
    created_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS messages (
    message_id    INTEGER PRIMARY KEY,
    kind          TEXT NOT NULL CHECK (kind IN ('alert', 'monthly')),
    dedupe_key    TEXT NOT NULL UNIQUE,  -- never two messages for the same thing
    recipient     TEXT NOT NULL,
    lang          TEXT NOT NULL,
    subject       TEXT NOT NULL,
    body          TEXT NOT NULL,
    attachment_id INTEGER REFERENCES attachments (attachment_id),
    header_id     TEXT NOT NULL UNIQUE,  -- the Message-ID, the same on every attempt
    period        TEXT,
    created_at    TEXT NOT NULL,
    state         TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'sent', 'failed')),
    attempts      INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TEXT NOT NULL,
    last_error    TEXT,
    sent_at       TEXT
);
CREATE TABLE IF NOT EXISTS message_firings (
    message_id INTEGER NOT NULL REFERENCES messages (message_id),
    firing_id  INTEGER NOT NULL REFERENCES firings (firing_id),
    PRIMARY KEY (message_id, firing_id)
);
CREATE TABLE IF NOT EXISTS evaluations (
    batch_id  TEXT NOT NULL,
    action    TEXT NOT NULL CHECK (action IN ('import', 'undo')),
    queued_at TEXT NOT NULL,
    done_at   TEXT,
    error     TEXT,
    PRIMARY KEY (batch_id, action)
);
CREATE TABLE IF NOT EXISTS state (key TEXT PRIMARY KEY, value TEXT NOT NULL);
"""
INSERT_FIRING = """
INSERT OR IGNORE INTO firings (event_key, rule_id, condition, entity_id, metric_id, period, figures, cause, fired_at)
VALUES (:event_key, :rule_id, :condition, :entity_id, :metric_id, :period, :figures, :cause, :at)
"""
INSERT_ATTACHMENT = "INSERT INTO attachments (file_name, mime, content, created_at) VALUES (?, ?, ?, ?)"
INSERT_MESSAGE = """
INSERT OR IGNORE INTO messages (kind, dedupe_key, recipient, lang, subject, body, attachment_id, header_id,
                                period, created_at, next_attempt_at)
VALUES (:kind, :dedupe_key, :recipient, :lang, :subject, :body, :attachment_id, :header_id, :period, :at, :at)
"""
LINK_FIRING = "INSERT OR IGNORE INTO message_firings VALUES (?, ?)"
MESSAGE_EXISTS = "SELECT 1 FROM messages WHERE dedupe_key = ?"
DUE_MESSAGES = """
SELECT m.*, a.file_name, a.mime, a.content FROM messages m LEFT JOIN attachments a USING (attachment_id)
WHERE m.state = 'pending' AND m.next_attempt_at <= ? ORDER BY m.message_id
"""
MARK_SENT = "UPDATE messages SET state = 'sent', sent_at = ?, attempts = attempts + 1, last_error = NULL WHERE message_id = ?"
MARK_RETRY = "UPDATE messages SET attempts = ?, next_attempt_at = ?, last_error = ?, state = ? WHERE message_id = ?"
RETRY_FAILED = "UPDATE messages SET state = 'pending', attempts = 0, next_attempt_at = ? WHERE state = 'failed'"
QUEUE_EVALUATION = "INSERT OR IGNORE INTO evaluations (batch_id, action, queued_at) VALUES (?, ?, ?)"
EVALUATION_DONE = "UPDATE evaluations SET done_at = ?, error = NULL WHERE batch_id = ? AND action = ?"
EVALUATION_FAILED = "UPDATE evaluations SET error = ? WHERE batch_id = ? AND action = ?"
PENDING_EVALUATIONS = "SELECT batch_id, action FROM evaluations WHERE done_at IS NULL ORDER BY queued_at"
GET_STATE = "SELECT value FROM state WHERE key = ?"
SET_STATE = "INSERT OR REPLACE INTO state VALUES (?, ?)"
FIRINGS = """
SELECT * FROM firings
WHERE (:periods IS NULL OR period IN (SELECT value FROM json_each(:periods)))
  AND (:entity IS NULL OR entity_id = :entity)
ORDER BY fired_at DESC, firing_id DESC LIMIT :limit
"""
MESSAGES = """
SELECT message_id, kind, recipient, lang, subject, period, created_at, state, attempts, next_attempt_at,
       last_error, sent_at, attachment_id IS NOT NULL AS has_attachment
FROM messages ORDER BY message_id DESC LIMIT ?
"""
COUNTS = "SELECT state, count(*) AS n FROM messages GROUP BY state"
