"""The monthly report, delivered: from the configured day of each month, the previous month's
meeting deck (exports.monthly_deck) goes to every subscriber of the monthly report, in their
language, with the headline figures and what needs attention summarised in the body — once per
person and month, whoever subscribed before the month is over."""
from __future__ import annotations

import logging
from datetime import date, datetime
from pathlib import Path

from alerts import messages
from alerts.ledger import Finding, Ledger
from alerts.registry import subscriptions
from alerts.settings import Settings
from exports.monthly_deck import DeckError, monthly_deck
from metrics import catalogue, targets, values
from metrics.db import Store
from metrics.periods import last_complete_month, parse

log = logging.getLogger("alerts")
PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation"
DECK_METRICS = catalogue.collection("deck_headlines")
KIND, BOUNDARY = "province", "2025"


def report_period(today: date, day: int) -> str | None:
    """The month whose report is due today: last month, from day `day` on; None before it."""
    return last_complete_month(today).key if today.day >= int(day) else None


def summary(store, period: str) -> list:
    """The month's national headline figures (targets.Headline), the deck's first slide."""
    pairs = []
    for metric_id in DECK_METRICS:
        at = values.choose_period(metric_id, period, values.periods_by_grain(store, metric_id))
        if at is not None:
            pairs.append((metric_id, at))
    return targets.headlines(store, pairs, KIND, BOUNDARY)


def attention(ledger: Ledger, period: str) -> list[Finding]:
    """What fired for the month (and its year), newest first."""
    frame = ledger.firings(periods=[period, str(parse(period).start.year)])
    return [Finding(r.rule_id, r.condition, r.entity_id, r.metric_id, r.period, r.figures) for r in frame.itertuples()]


def queue_monthly(store_path: Path, config: Settings, today: date | None = None,
                  now: datetime | None = None) -> list[int]:
    """Put the due month's report in the outbox for every subscriber who has not had it; the new
    message ids. Nothing when it is not due yet, or the store has no figures for the month
    (logged; the next pass tries again)."""
    now = now or datetime.now()
    period = report_period(today or now.date(), config.monthly_day)
    if period is None:
        return []
    ledger = Ledger.beside(store_path)
    store = Store(store_path)
    try:
        waiting = [s for s in subscriptions(store) if s.topic == "monthly_report"
                   and not ledger.has_message(f"monthly:{period}:{s.email.lower()}")]
        if not waiting:
            return []
        if period not in values.periods(store, "dossiers_online", "month"):
            _waits(ledger, period, "the store has no figures for it yet")
            return []
        heads, fired, decks = summary(store, period), attention(ledger, period), {}
        outgoing = []
        for sub in waiting:
            if sub.lang not in decks:
                try:
                    decks[sub.lang] = monthly_deck(store, period, sub.lang, BOUNDARY)
                except DeckError as error:
                    _waits(ledger, period, str(error))
                    return []
            attachment = (f"hop-bcd-cchc_{period}.pptx", PPTX, decks[sub.lang])
            outgoing.append(messages.monthly_message(sub, period, heads, fired, config.base_url, attachment))
    finally:
        store.close()
    return ledger.add_messages(outgoing, now)


def _waits(ledger: Ledger, period: str, why: str) -> None:
    """Say once per month (not every pass) that its report cannot be made yet, and why."""
    if ledger.get("monthly_waits") != period:
        log.warning("alerts: the monthly report for %s waits: %s", period, why)
        ledger.put("monthly_waits", period)
