"""Alerts and the monthly report, delivered without anyone opening the dashboard.

Rules (a metric or all headline metrics, a scope, a condition, recipients) and subscriptions (a
place or the monthly report, in Vietnamese or English) are kept in the store (registry). After
every import and undo (ingest.write calls evaluate.after_batch) and on the schedule (schedule),
the conditions are checked (conditions), what fired is recorded with its figures in the ledger
beside the store (ledger) with one message per person (messages, texts, links), and the outbox
is sent over SMTP (delivery, settings); the monthly deck goes out on its day (monthly).
`python -m alerts run-due` does one pass; `python -m alerts scheduler` runs beside the server.
"""
