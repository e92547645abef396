"""Which rules to check on what, and recording what fired: after an import or an undo, only the
metrics, periods and places the batch touched (and the period after, whose change and rank they
move); on the schedule, every active rule on each metric's latest period (the period due, for
"no figures"; every flag, for quality flags). New firings and their messages are written to the
ledger in one transaction; an event already recorded is never recorded or sent again."""
from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import pandas as pd

from alerts import conditions, messages, registry, settings, sql, texts
from alerts.ledger import Finding, Ledger
from alerts.rules import Rule
from metrics import catalogue, values
from metrics.db import Store
from metrics.periods import parse

log = logging.getLogger("alerts")


@dataclass(frozen=True)
class Task:
    """Check one rule on one metric and period (only: these places, None: the whole scope)."""
    rule: Rule
    metric_id: str
    period: str | None
    only: frozenset[str] | None = None


@dataclass(frozen=True)
class Evaluated:
    tasks: int
    findings: int
    new_firings: list[int]
    new_messages: list[int]


def scheduled_tasks(ctx: conditions.Context, rules: list[Rule], today: date) -> list[Task]:
    tasks = []
    for rule in rules:
        for metric_id in rule.metric_ids(ctx.scope(rule).kind):
            if rule.condition == "no_figures":
                period = conditions.due_period(metric_id, today, int(rule.threshold))
            elif rule.condition == "quality_flag":
                period = None
            else:
                period = values.latest_period(ctx.store, metric_id)
                if period is None:
                    continue
            tasks.append(Task(rule, metric_id, period))
    return tasks


def batch_tasks(ctx: conditions.Context, rules: list[Rule], touched: pd.DataFrame) -> list[Task]:
    """touched: metric_id, period, entity_id, successor_id (alerts.sql.BATCH_TOUCHED)."""
    tasks = []
    touched = touched.assign(grain=[parse(p).grain for p in touched.period])
    for rule in rules:
        if not rule.spec.after_import:
            continue
        for metric_id in rule.metric_ids(ctx.scope(rule).kind):
            grain = catalogue.get(metric_id).grain
            mine = touched[(touched.metric_id == metric_id) & (touched.grain == grain)]
            known = set(values.periods(ctx.store, metric_id))
            for period, rows in mine.groupby("period"):
                only = frozenset(rows.entity_id) | frozenset(rows.successor_id)
                after = parse(period).shift(1).key
                tasks += [Task(rule, metric_id, p, only) for p in (period, after) if p in known]
    return tasks


def findings_of(ctx: conditions.Context, tasks: list[Task]) -> list[Finding]:
    out, seen = [], set()
    for task in tasks:
        check = conditions.CHECKS[task.rule.condition]
        for finding in check(ctx, task.rule, task.metric_id, task.period, task.only):
            if finding.event_key not in seen:
                seen.add(finding.event_key)
                out.append(finding)
    return out


def _rule_words(store):
    entities = store.query(sql.ENTITIES)
    regions = store.query(sql.REGIONS)

    def words(rule: Rule, lang: str) -> str:
        names = dict(zip(entities.entity_id, entities.name_en if lang == "en" else entities.name_vi))
        region_names = dict(zip(regions.region_id, regions.name_en if lang == "en" else regions.name_vi))
        return texts.describe_rule(rule, names, region_names, lang)
    return words


def record(store_path: Path, store: Store, ctx: conditions.Context, tasks: list[Task], cause: str, now: datetime,
           config: settings.Settings | None = None) -> Evaluated:
    """Check the tasks and record what fired, with the messages to send, in one ledger transaction."""
    found = findings_of(ctx, tasks)
    if not found:
        return Evaluated(len(tasks), 0, [], [])
    config = config or settings.load()
    rules = {r.rule_id: r for r in registry.rules(store)}
    people = registry.subscriptions(store)
    words = _rule_words(store)
    fired, sent = Ledger.beside(store_path).record(
        found, lambda new: messages.compose_alerts(new, rules, people, config.base_url, words), cause, now)
    return Evaluated(len(tasks), len(found), fired, sent)


def evaluate_batch(store_path: Path, batch_id: str, action: str, now: datetime | None = None,
                   config: settings.Settings | None = None) -> Evaluated:
    """Check the active rules on what one batch touched; marks the queued evaluation done."""
    now = now or datetime.now()
    store = Store(store_path)
    try:
        rules = registry.rules(store, "active")
        ctx = conditions.Context(store)
        touched = store.query(sql.BATCH_TOUCHED, {"batch": batch_id})
        done = record(store_path, store, ctx, batch_tasks(ctx, rules, touched), f"{action}:{batch_id}", now, config)
    finally:
        store.close()
    Ledger.beside(store_path).evaluation_done(batch_id, action, now)
    return done


def evaluate_scheduled(store_path: Path, today: date | None = None, now: datetime | None = None,
                       config: settings.Settings | None = None) -> Evaluated:
    """Check every active rule on the latest figures (and the period due, for missing figures)."""
    now = now or datetime.now()
    store = Store(store_path)
    try:
        rules = registry.rules(store, "active")
        ctx = conditions.Context(store)
        return record(store_path, store, ctx, scheduled_tasks(ctx, rules, today or now.date()), "schedule", now, config)
    finally:
        store.close()


def after_batch(store_path: Path, batch_id: str, action: str, now: datetime | None = None) -> Evaluated | None:
    """The import's hook (ingest.write, after the swap): queue the evaluation, then do it. It never
    fails the import, which is already in: an error is logged and kept on the queued evaluation,
    and the scheduler's next pass does it again."""
    now = now or datetime.now()
    ledger = Ledger.beside(store_path)
    try:
        store = Store(store_path)
        try:
            if not registry.rules(store, "active"):
                return None  # no rule to check: nothing to queue either
        finally:
            store.close()
        ledger.queue_evaluation(batch_id, action, now)
        return evaluate_batch(store_path, batch_id, action, now)
    except Exception as error:  # noqa: BLE001 - the import stands; the scheduler retries the evaluation
        log.exception("alerts: evaluating %s %s failed; the scheduler will retry", action, batch_id)
        try:
            ledger.evaluation_failed(batch_id, action, f"{type(error).__name__}: {error}")
        except Exception:  # noqa: BLE001
            pass
        return None


def resume_pending(store_path: Path, now: datetime | None = None,
                   config: settings.Settings | None = None) -> list[Evaluated]:
    """Do the evaluations queued by imports and undos that did not finish (a crash, an error)."""
    ledger = Ledger.beside(store_path)
    if not ledger.exists():
        return []
    return [evaluate_batch(store_path, batch_id, action, now, config) for batch_id, action in ledger.pending_evaluations()]
