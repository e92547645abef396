"""Which places meet a rule's condition on one metric in one period, with the figures that show it:
below its target, fell N places or more, changed by more than X points, more than N overdue
tasks, no figures by day D of the next month, a quality flag raised.

Every check reads the answering layer (metrics/) in the 2025 map, as the dashboard shows by
default, and returns alerts.ledger.Finding rows; `only` limits a check to the places a batch
touched (None: every place in the scope)."""
from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta

import pandas as pd

from alerts import sql
from alerts.ledger import Finding
from alerts.rules import Rule, scope_kind
from metrics import catalogue, provenance, rankings, targets
from metrics.periods import parse

BOUNDARY = "2025"
FIGURE_COLUMNS = ("entity_name", "entity_name_en", "parent_id", "value", "numerator", "denominator", "status",
                  "estimated", "rank", "previous_rank", "rank_change", "previous_value", "change", "places")


@dataclass(frozen=True)
class Scope:
    """The places a rule watches: a kind, within a region or a province (communes), or one place."""
    kind: str
    parent: str | None = None
    region: str | None = None
    entity: str | None = None

    def keep(self, frame: pd.DataFrame, only: set[str] | None = None) -> pd.DataFrame:
        if self.region:
            frame = frame[frame.region_id == self.region]
        if self.entity:
            frame = frame[frame.entity_id == self.entity]
        if only is not None:
            frame = frame[frame.entity_id.isin(only)]
        return frame


class Context:
    """What one evaluation pass reads from the store, each once: places, sources, rankings."""

    def __init__(self, store):
        self.store = store
        self._memo: dict = {}

    def _once(self, key, make):
        if key not in self._memo:
            self._memo[key] = make()
        return self._memo[key]

    def entities(self) -> pd.DataFrame:
        return self._once("entities", lambda: self.store.query(sql.ENTITIES))

    def sources(self) -> pd.DataFrame:
        return self._once("sources", lambda: self.store.query(sql.SOURCES).set_index("source_id"))

    def ranked(self, metric_id: str, period: str, scope: Scope) -> pd.DataFrame:
        return self._once(("ranked", metric_id, period, scope.kind, scope.parent), lambda: rankings.ranking(
            self.store, metric_id, period, scope.kind, BOUNDARY, parent=scope.parent))

    def scope(self, rule: Rule) -> Scope:
        kinds = dict(zip(self.entities().entity_id, self.entities().entity_kind))
        kind = scope_kind(rule, kinds)
        if rule.scope == "region":
            return Scope(kind, region=rule.scope_value)
        if rule.scope == "communes":
            return Scope(kind, parent=rule.scope_value)
        if rule.scope == "place":
            parents = dict(zip(self.entities().entity_id, self.entities().parent_id))
            parent = parents.get(rule.scope_value) if kind == "commune" else None
            return Scope(kind, parent=parent if isinstance(parent, str) else None, entity=rule.scope_value)
        return Scope(kind)

    def source_list(self, source_ids) -> list[dict]:
        """The documents behind a figure: number, title, date, and the import batch that brought it."""
        known = self.sources()
        out = []
        for sid in provenance.ids_in(source_ids):
            if sid == provenance.DEMO_SOURCE or sid not in known.index:
                continue
            row = known.loc[sid]
            out.append(dict(source_id=sid, number=_text(row.number) or sid, title_vi=_text(row.title_vi),
                            title_en=_text(row.title_en), issued_on=row.issued_on, batch_id=_text(row.batch_id)))
        return out


def _text(value) -> str | None:
    return value if isinstance(value, str) and value else None


def _finding(rule: Rule, ctx: Context, row, metric_id: str, period: str, **extra) -> Finding:
    figures = {c: row[c] for c in FIGURE_COLUMNS if c in row}
    figures.update(kind=ctx.scope(rule).kind, threshold=rule.threshold,
                   sources=ctx.source_list(row.get("source_ids")), **extra)
    return Finding(rule.rule_id, rule.condition, row["entity_id"], metric_id, period, figures)


def _ranked_rows(ctx: Context, rule: Rule, metric_id: str, period: str, only) -> pd.DataFrame:
    """The ranking of the rule's places on the metric (empty with its columns when nobody has a figure)."""
    scope = ctx.scope(rule)
    ranked = ctx.ranked(metric_id, period, scope)
    if ranked.empty:
        return pd.DataFrame(columns=["entity_id", *FIGURE_COLUMNS, "region_id", "source_ids"])
    return scope.keep(ranked, only)


def below_target(ctx: Context, rule: Rule, metric_id: str, period: str, only=None) -> list[Finding]:
    scope = ctx.scope(rule)
    goal = targets.target_for(ctx.store, metric_id, scope.kind, period)
    rows = _ranked_rows(ctx, rule, metric_id, period, only)
    if goal is None or rows.empty:
        return []
    sign = 1 if goal["comparison"] == ">=" else -1
    gap = sign * (rows.value - goal["value"])
    number = goal["source_number"] if isinstance(goal["source_number"], str) else goal["source_id"]
    return [_finding(rule, ctx, row, metric_id, period, target_value=goal["value"], target_year=int(goal["year"]),
                     target_comparison=goal["comparison"], target_source=number, target_gap=g)
            for (_, row), g in zip(rows.iterrows(), gap) if pd.notna(g) and g < 0]


def rank_drop(ctx: Context, rule: Rule, metric_id: str, period: str, only=None) -> list[Finding]:
    rows = _ranked_rows(ctx, rule, metric_id, period, only)
    fell = rows[rows.rank_change.notna() & (rows.rank_change.astype("Float64") <= -float(rule.threshold))]
    return [_finding(rule, ctx, row, metric_id, period, previous_period=parse(period).previous().key)
            for _, row in fell.iterrows()]


def change(ctx: Context, rule: Rule, metric_id: str, period: str, only=None) -> list[Finding]:
    rows = _ranked_rows(ctx, rule, metric_id, period, only)
    moved = rows[rows.change.notna() & (rows.change.abs() > float(rule.threshold))]
    return [_finding(rule, ctx, row, metric_id, period, previous_period=parse(period).previous().key)
            for _, row in moved.iterrows()]


def overdue_tasks(ctx: Context, rule: Rule, metric_id: str, period: str, only=None) -> list[Finding]:
    rows = _ranked_rows(ctx, rule, metric_id, period, only)
    late = rows[rows.value.notna() & (rows.value > float(rule.threshold))]
    return [_finding(rule, ctx, row, metric_id, period) for _, row in late.iterrows()]


def due_date(period: str, day: int) -> date:
    """When figures for a period are due: day D of the month after it ends."""
    after = parse(period).end + timedelta(days=1)
    return after.replace(day=int(day))


def due_period(metric_id: str, today: date, day: int) -> str:
    """The latest period of the metric's grain whose figures were due by today."""
    period = parse(f"{today.year}-{today.month:02d}").coarsen(catalogue.get(metric_id).grain).previous()
    while due_date(period.key, day) > today:
        period = period.previous()
    return period.key


def no_figures(ctx: Context, rule: Rule, metric_id: str, period: str, only=None) -> list[Finding]:
    scope = ctx.scope(rule)
    start, end = parse(period).start, parse(period).end
    places = ctx.entities().rename(columns={"name_vi": "entity_name", "name_en": "entity_name_en"})
    places = places[(places.entity_kind == scope.kind) & (pd.to_datetime(places.valid_from).dt.date <= start)
                    & (pd.to_datetime(places.valid_to).dt.date >= end)]
    if scope.parent:
        places = places[places.parent_id == scope.parent]
    places = scope.keep(places, only)
    received = set(ctx.store.query(sql.OBSERVED, {"metric": metric_id, "period": period}).entity_id)
    last = ctx.store.query(sql.LAST_OBSERVED, {"metric": metric_id, "grain": parse(period).grain, "period": period})
    last_of = dict(zip(last.entity_id, last.last_period))
    due = due_date(period, rule.threshold)
    return [_finding(rule, ctx, row, metric_id, period, due=due, last_period=last_of.get(row["entity_id"]))
            for _, row in places.iterrows() if row["entity_id"] not in received]


def quality_flag(ctx: Context, rule: Rule, metric_id: str, period: str | None = None, only=None) -> list[Finding]:
    """Every flag on the metric raised on a place of the scope (or on an aggregate of it: the
    nation, a region); period is not used (a flag is one event, whenever it was raised)."""
    scope = ctx.scope(rule)
    flags = provenance.quality_flags(ctx.store)
    flags = flags[flags.metric_id == metric_id]
    places = ctx.entities().set_index("entity_id")
    out = []
    for _, flag in flags.iterrows():
        entity = flag["entity_id"]
        place = places.loc[entity] if entity in places.index else None
        if place is None or not _flag_in_scope(entity, place.entity_kind, place.region_id, rule, scope):
            continue
        row = dict(entity_id=entity, entity_name=place.name_vi, entity_name_en=place.name_en,
                   source_ids=[flag["source_id"]])
        found = _finding(rule, ctx, row, metric_id, flag["period"], stated_value=flag["stated_value"],
                         computed_value=flag["computed_value"], message_vi=flag["message_vi"],
                         message_en=flag["message_en"], flag_kind=flag["kind"])
        out.append(replace(found, detail=flag["flag_id"]))
    return out


def _flag_in_scope(entity, kind, region, rule: Rule, scope: Scope) -> bool:
    if kind == "nation":  # the nation or a region: a rule on a kind or a region sees it
        return (rule.scope == "kind" and (entity in ("vn", f"vn-{scope.kind}") or
                                          (scope.kind == "province" and str(entity).startswith("region-"))))\
            or (rule.scope == "region" and entity == f"region-{scope.region}")
    if kind != scope.kind or (scope.entity and entity != scope.entity):
        return False
    return not scope.region or region == scope.region


CHECKS = {"below_target": below_target, "rank_drop": rank_drop, "change": change,
          "overdue_tasks": overdue_tasks, "no_figures": no_figures, "quality_flag": quality_flag}
