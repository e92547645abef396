"""The alert rules and subscriptions in the store: which there are, and adding, pausing, deleting
them. Every write goes through the store's lock and copy-on-write swap (store.swap), like an
import, so readers never see half of one and a rebuild carries them over (store.carry)."""
from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import datetime
from pathlib import Path

import duckdb
import pandas as pd

from alerts import sql
from alerts.rules import STATES, Problem, Rule, Subscription, rule_problems, subscription_problems
from store import swap


class Refused(ValueError):
    """Nothing was written: every problem of the draft (alerts.rules.Problem)."""

    def __init__(self, problems: list[Problem]):
        super().__init__("; ".join(f"{p.field}: {p.key} {p.values}" for p in problems))
        self.problems = problems


class StoreTooOld(RuntimeError):
    """The store was built before alert rules existed: `make data` rebuilds it (imports are kept)."""


def rules(store, state: str | None = None) -> list[Rule]:
    """Every rule (or those in one state), oldest first; none in a store built before alerts."""
    try:
        frame = store.query(sql.RULES, {"state": state})
    except duckdb.CatalogException:
        return []
    return [_rule(r) for r in frame.to_dict("records")]


def subscriptions(store) -> list[Subscription]:
    try:
        frame = store.query(sql.SUBSCRIPTIONS)
    except duckdb.CatalogException:
        return []
    return [Subscription(subscription_id=r["subscription_id"], email=r["email"], topic=r["topic"],
                         entity_id=r["entity_id"] or None, lang=r["lang"], name=_text(r["name"]),
                         created_by=r["created_by"], created_at=r["created_at"]) for r in frame.to_dict("records")]


def reference(store) -> tuple[dict[str, str], set[str]]:
    """(entity id -> kind, region ids): what a rule's scope may name."""
    entities = store.query(sql.ENTITIES)
    return dict(zip(entities.entity_id, entities.entity_kind)), set(entities.region_id.dropna())


def add_rule(store_path: Path, draft: Rule, who: str, now: datetime | None = None) -> Rule:
    """Check the draft and write it as a new active rule made by `who`; Refused if it is wrong."""
    from metrics.db import Store

    reader = Store(store_path)
    try:
        problems = rule_problems(draft, *reference(reader))
    finally:
        reader.close()
    if problems:
        raise Refused(problems)
    now = now or datetime.now()
    rule_id = f"{now:%Y%m%d-%H%M%S}-{uuid.uuid4().hex[:6]}"
    _write(store_path, sql.INSERT_RULE, dict(
        rule_id=rule_id, metrics=draft.metrics, scope=draft.scope, scope_value=draft.scope_value,
        condition=draft.condition, threshold=draft.threshold if draft.spec.threshold else None,
        recipients=list(draft.recipients), lang=draft.lang, note=draft.note, who=who,
        at=now.isoformat(timespec="seconds")))
    return replace(draft, rule_id=rule_id, state="active", created_by=who, created_at=now)


def set_rule_state(store_path: Path, rule_id: str, state: str, who: str, now: datetime | None = None) -> None:
    """Pause, resume ('active') or delete a rule; a deleted rule stays in the store, with who and when."""
    if state not in STATES:
        raise ValueError(f"state must be one of {STATES}")
    now = now or datetime.now()
    _write(store_path, sql.SET_RULE_STATE, dict(rule_id=rule_id, state=state, who=who,
                                                at=now.isoformat(timespec="seconds")))


def subscribe(store_path: Path, draft: Subscription, who: str, now: datetime | None = None) -> str:
    """Add a subscription (or find the same one); its id. Refused if it is wrong."""
    from metrics.db import Store

    reader = Store(store_path)
    try:
        problems = subscription_problems(draft, reference(reader)[0])
    finally:
        reader.close()
    if problems:
        raise Refused(problems)
    now = now or datetime.now()
    entity = draft.entity_id if draft.topic == "place" else ""
    new_id = f"s-{uuid.uuid4().hex[:10]}"
    with swap.locked(store_path), swap.copy_of(Path(store_path)) as (con, tmp):
        try:
            found = con.execute(sql.SUBSCRIPTION_EXISTS, dict(email=draft.email, topic=draft.topic,
                                                              entity=entity)).fetchone()
        except duckdb.CatalogException:
            raise StoreTooOld(f"{store_path} has no alert tables: run `make data`") from None
        if found:
            return found[0]
        with swap.transaction(con):
            con.execute(sql.INSERT_SUBSCRIPTION, dict(id=new_id, email=draft.email.strip().lower(), name=draft.name,
                                                      topic=draft.topic, entity=entity, lang=draft.lang, who=who,
                                                      at=now.isoformat(timespec="seconds")))
        swap.swap(con, tmp, Path(store_path))
    return new_id


def unsubscribe(store_path: Path, subscription_id: str) -> None:
    _write(store_path, sql.DELETE_SUBSCRIPTION, {"id": subscription_id})


def _write(store_path: Path, statement: str, params: dict) -> None:
    store_path = Path(store_path)
    with swap.locked(store_path), swap.copy_of(store_path) as (con, tmp):
        try:
            with swap.transaction(con):
                con.execute(statement, params)
        except duckdb.CatalogException:
            raise StoreTooOld(f"{store_path} has no alert tables: run `make data`") from None
        swap.swap(con, tmp, store_path)


def _rule(r: dict) -> Rule:
    recipients = r["recipients"]
    return Rule(rule_id=r["rule_id"], metrics=r["metrics"], scope=r["scope"], scope_value=r["scope_value"],
                condition=r["condition"], threshold=None if pd.isna(r["threshold"]) else float(r["threshold"]),
                recipients=tuple(recipients) if recipients is not None else (), lang=r["lang"], state=r["state"],
                note=_text(r["note"]), created_by=r["created_by"], created_at=_time(r["created_at"]),
                changed_by=_text(r["changed_by"]), changed_at=_time(r["changed_at"]))


def _text(value) -> str | None:
    return value if isinstance(value, str) and value else None


def _time(value) -> datetime | None:
    return None if value is None or pd.isna(value) else pd.Timestamp(value).to_pydatetime()
