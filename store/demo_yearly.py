"""The yearly part of the demo dataset: PAR INDEX with its fields, SIPAS, reform tasks."""
from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd

from metrics import catalogue
from metrics.periods import Period
from store import demo_766, demo_points
from store.demo import COLUMNS, DemoGenerator, _integer_scale, _row, _sigmoid
from store.demo_calibration import calibrated

TASK_STATES = ("tasks_on_time", "tasks_late", "tasks_in_progress", "tasks_overdue")


def last_assessed_year(until: Period) -> int:
    """PAR INDEX and SIPAS for a year are announced in April of the next."""
    return until.start.year - 1 if until.start.month >= 4 else until.start.year - 2


def _score_members(gen: DemoGenerator, metric_id: str, kind: str, year: int):
    need = (lambda u: u.par_ranked) if (metric_id == "par_index" and kind == "ministry") else (lambda u: True)
    return gen.members(kind, date(year, 12, 31), need)


def _base_scores(gen, metric_id, kind, year, members, previous, mean0, drift, spread, noise):
    base = {}
    for u in members:
        r = gen.rng(u.entity_id, metric_id, year)
        tr = gen.traits[u.entity_id]
        before = [previous[p] for p in (u.predecessors or (u.entity_id,)) if p in previous]
        if before:
            base[u.entity_id] = np.mean(before) + drift + 0.8 * tr.trend + r.normal(0, noise)
        else:
            base[u.entity_id] = mean0 + spread * tr.quality + r.normal(0, noise)
    return {e: float(np.clip(v, 60, 99.5)) for e, v in base.items()}


def generate_scores(gen: DemoGenerator, problems: list[str]) -> list[tuple]:
    rows, totals = [], {}
    first, last = int(gen.config["first_year"]), last_assessed_year(gen.until)
    for metric_id, spec in gen.config["scores"].items():
        metric = catalogue.get(metric_id)
        for kind in (k for k in ("province", "ministry") if metric.applies_to(k) and k in spec):
            previous: dict[str, float] = {}
            mean0, drift = spec[kind]
            for year in range(first, last + 1):
                members = _score_members(gen, metric_id, kind, year)
                base = _base_scores(gen, metric_id, kind, year, members, previous,
                                    mean0, drift, spec["spread"], spec["noise"])
                regions = {u.entity_id: u.region_id for u in members} if kind == "province" else None
                values, missed = calibrated(gen, metric_id, str(year), kind, base, regions)
                problems += missed
                period = Period(date(year, 1, 1), "year")
                rows += [_row(e, metric_id, period, round(float(v), 2)) for e, v in values.items()]
                totals |= {(e, metric_id, year): round(float(v), 2) for e, v in values.items()}
                if metric_id == "par_index":
                    rows += _par_fields(gen, members, values, period)
                previous = values
    return rows + demo_points.generate(gen, totals)


def _par_fields(gen, members, values, period) -> list[tuple]:
    """Field scores around the total, their mean equal to it (the fields' maximum points are
    not published, so the demo weighs them equally)."""
    rows = []
    for u in members:
        fields = catalogue.components("par_index", kind=u.kind, unit="pct")
        r = gen.rng(u.entity_id, "par-fields", period.key)
        offsets = r.normal(0, 3.0, len(fields))
        offsets -= offsets.mean()
        scores = np.clip(values[u.entity_id] + offsets, 40, 100)
        scores += values[u.entity_id] - scores.mean()
        rows += [_row(u.entity_id, f.id, period, round(float(min(s, 100)), 2)) for f, s in zip(fields, scores)]
    return rows


def generate_tasks(gen: DemoGenerator) -> list[tuple]:
    """Tasks assigned to each agency and where they stand; the current year is still running,
    so many tasks are in progress. Published national totals are reproduced exactly."""
    rows = []
    for year in range(gen.months[0].start.year, gen.until.start.year + 1):
        day = min(date(year, 12, 31), gen.until.end)
        done_share = 1.0 if year < gen.until.start.year else gen.until.start.month / 12
        period = Period(date(year, 1, 1), "year")
        units = [u for kind in ("province", "ministry") for u in gen.members(kind, day)]
        counts = {m: _yearly_counts(gen, units, m, year) for m in ("tasks_assigned", "reform_documents", "procedures_time_cut")}
        for u in units:
            assigned = counts["tasks_assigned"][u.entity_id]
            states = _task_states(gen, u, year, assigned, done_share)
            rows.append(_row(u.entity_id, "tasks_assigned", period, float(assigned)))
            rows += [_row(u.entity_id, m, period, float(n)) for m, n in zip(TASK_STATES, states)]
            rows.append(_row(u.entity_id, "reform_documents", period, float(counts["reform_documents"][u.entity_id])))
            rows.append(_row(u.entity_id, "procedures_time_cut", period, float(counts["procedures_time_cut"][u.entity_id])))
        if ("vn", "task_groups", period.key) not in gen.published_keys:
            rows.append(_row("vn", "task_groups", period, float(gen.rng("vn", "task_groups", year).poisson(55))))
    return rows


def _yearly_counts(gen, units, metric_id, year) -> dict[str, int]:
    spec_key = {"tasks_assigned": "assigned", "reform_documents": "documents", "procedures_time_cut": "time_cut"}[metric_id]
    out = {}
    for u in units:
        tr = gen.traits[u.entity_id]
        size = (tr.volume / gen.config["volume"][u.kind]["median"]) ** 0.3
        mean = gen.config["tasks"][u.kind][spec_key] * size * (1 + 0.05 * (year - 2022))
        out[u.entity_id] = int(gen.rng(u.entity_id, metric_id, year).poisson(mean))
    fixed = {u.entity_id: int(gen.facts.values.query(
        "entity_id == @u.entity_id and metric_id == @metric_id and period == @p").value.iloc[0])
        for u in units for p in [str(year)] if (u.entity_id, metric_id, p) in gen.published_keys}
    out.update(fixed)
    total = gen.facts.total(metric_id, str(year))
    if total is not None:
        free = [e for e in out if e not in fixed]
        scaled = _integer_scale(np.array([out[e] for e in free]), int(total) - sum(fixed.values()))
        out.update({e: int(v) for e, v in zip(free, scaled)})
    return out


def _task_states(gen, unit, year, assigned, done_share) -> list[int]:
    q = gen.traits[unit.entity_id].quality
    on_time = _sigmoid(1.0 + 0.7 * q + 0.15 * (year - 2022))
    late, overdue = (1 - on_time) * 0.5, (1 - on_time) * 0.35
    in_progress = (1 - on_time) * 0.15
    if done_share < 1:  # tasks not yet due are in progress, not late
        on_time, late, overdue = on_time * done_share, late * done_share, overdue * done_share
        in_progress = 1 - on_time - late - overdue
    p = np.array([on_time, late, in_progress, overdue])
    return list(gen.rng(unit.entity_id, "task-states", year).multinomial(assigned, p / p.sum()))


def generate(gen: DemoGenerator, service_ids: list[int]) -> tuple[pd.DataFrame, list[str]]:
    """Every demo observation (published keys left out) and the facts calibration could not meet."""
    monthly = gen.calibrate_yearly_ratios(_drop_gaps(gen, gen.generate_dossier_rates()))
    index766, problems = demo_766.generate(gen)
    other = pd.DataFrame(index766 + gen.generate_p06(service_ids)
                         + generate_scores(gen, problems) + generate_tasks(gen), columns=COLUMNS)
    frame = pd.concat([monthly, other], ignore_index=True)
    ratio = frame.numerator.notna() & frame.denominator.gt(0)
    frame.loc[ratio, "value"] = 100.0 * frame.loc[ratio, "numerator"] / frame.loc[ratio, "denominator"]
    keys = list(zip(frame.entity_id, frame.metric_id, frame.period))
    frame = frame[[k not in gen.published_keys for k in keys]]
    return frame.reset_index(drop=True), problems


def _drop_gaps(gen, monthly: pd.DataFrame) -> pd.DataFrame:
    """Leave a few place-months unreported, as real reporting does (before calibration, so the
    published years still add up), but never in a year a published figure names the place."""
    r = gen.rng("gaps")
    place_months = monthly[["entity_id", "period"]].drop_duplicates()
    years_with_facts = {(e, p) for e, _, p in gen.published_keys}
    keep = []
    for row in place_months.itertuples():
        covered = (row.entity_id, row.period[:4]) in years_with_facts
        keep.append(covered or r.random() >= gen.config["gap_share"])
    kept = place_months[keep]
    return monthly.merge(kept, on=["entity_id", "period"])
