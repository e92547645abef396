"""The demo of the 766 index: each group's points out of the maximum of its month's scheme (five
groups until 2023, six from 2024, data/metrics.yaml maxima), the index their sum to the hundredth,
calibrated to what was published: a group's points, a month's index and its ranks, a year's
index (the mean of its months) with its ranks.

    rows, problems = generate(gen)
"""
from __future__ import annotations

import numpy as np

from metrics import catalogue
from metrics.periods import Period, parse
from store.demo import INDEX766_START, DemoGenerator, _row, _sigmoid
from store.demo_calibration import calibrated

INDEX = "index766"


class _Place:
    """One place's months (rows) by groups (columns) of points; NaN where a group is not scored."""

    def __init__(self, unit, months: list[Period], groups, points: np.ndarray, caps: np.ndarray, fixed: np.ndarray):
        self.unit, self.months, self.groups = unit, months, groups
        self.points, self.caps, self.fixed = points, caps, fixed
        self.row = {p.key: i for i, p in enumerate(months)}

    def total(self, i: int) -> float:
        return float(np.nansum(self.points[i]))

    def set_total(self, i: int, target: float) -> str | None:
        """Move the month's groups that were not published so that they add up to target (in
        hundredths), each within 0 and its maximum, by its room to move; a problem if they cannot."""
        free = ~np.isnan(self.caps[i]) & np.isnan(self.fixed[i])
        if not free.any():
            return None   # every group published: their sum against the published index is a flag
        want = round(target * 100)
        delta = want / 100 - float(np.nansum(self.points[i]))
        room = np.where(free, (self.caps[i] - self.points[i]) if delta > 0 else self.points[i], 0.0)
        if room.sum() > 0:
            moved = self.points[i] + delta * room / room.sum()
            self.points[i] = np.where(free, np.clip(np.round(moved, 2), 0, self.caps[i]), self.points[i])
        left = want - int(round(np.nansum(np.round(self.points[i] * 100))))
        while left:   # what rounding left over, a hundredth at a time on the group with most room
            step = int(np.sign(left))
            room = np.where(free, (self.caps[i] - self.points[i]) if step > 0 else self.points[i], 0.0)
            j = int(np.argmax(room))
            if room[j] < 0.01 - 1e-9:
                return (f"{INDEX} {self.months[i].key} {self.unit.entity_id}: the groups add up to "
                        f"{np.nansum(self.points[i]):.2f}, not {target:.2f}")
            self.points[i, j] = round(self.points[i, j] + step / 100, 2)
            left -= step
        return None


def _published(gen: DemoGenerator) -> dict[tuple[str, str, str], float]:
    v = gen.facts.values
    mine = v[v.metric_id.str.startswith(INDEX) & (v.dimension_id == "")]
    return {(r.entity_id, r.metric_id, r.period): float(r.value) for r in mine.itertuples()}


def _places(gen: DemoGenerator, published) -> dict[str, _Place]:
    spec, out = gen.config["index766"], {}
    groups = catalogue.components(INDEX)
    for unit in gen.units.values():
        months = gen.unit_months(unit, since=INDEX766_START)
        if not months:
            continue
        t, tr = np.array([(p.start.year - 2022) + (p.start.month - 1) / 12 for p in months]), gen.traits[unit.entity_id]
        caps = np.array([[g.max_at(p.start, unit.kind) or np.nan for g in groups] for p in months], dtype=float)
        shares = np.column_stack([
            _sigmoid(spec["level"] + (r := gen.rng(unit.entity_id, g.id)).normal(0, 0.3) + spec["growth"] * t
                     + spec["spread"] * tr.quality + tr.trend * t + r.normal(0, spec["noise"], len(months)))
            for g in groups])
        fixed = np.array([[published.get((unit.entity_id, g.id, p.key), np.nan) for g in groups] for p in months])
        points = np.where(np.isnan(fixed), np.round(caps * shares, 2), fixed)
        out[unit.entity_id] = _Place(unit, months, groups, points, caps, fixed)
    return out


def _calibrate(gen, period: str, kind: str, base: dict[str, float], problems: list[str]) -> dict[str, float]:
    members = {u.entity_id: u for u in gen.members(kind, parse(period).end) if u.entity_id in base}
    regions = {e: u.region_id for e, u in members.items()} if kind == "province" else None
    values, missed = calibrated(gen, INDEX, period, kind, {e: v for e, v in base.items() if e in members}, regions)
    problems += missed
    return values


def _months_with_facts(gen) -> tuple[list[str], list[str]]:
    periods = sorted(gen.facts.periods_with_facts(INDEX))
    return [p for p in periods if parse(p).grain == "month"], [p for p in periods if parse(p).grain == "year"]


def _calibrate_months(gen, places, months: list[str], problems) -> None:
    for month in months:
        for kind in ("province", "ministry"):
            base = {e: p.total(p.row[month]) for e, p in places.items() if p.unit.kind == kind and month in p.row}
            for e, target in _calibrate(gen, month, kind, base, problems).items():
                if (problem := places[e].set_total(places[e].row[month], target)) is not None:
                    problems.append(problem)


def _calibrate_years(gen, places, years: list[str], fact_months: list[str], problems) -> None:
    """A year's index is the mean of its months: the months without published facts of their own
    move together so that the mean is the calibrated year's (to the hundredth)."""
    for year in years:
        for kind in ("province", "ministry"):
            rows = {e: [i for k, i in p.row.items() if k.startswith(f"{year}-")] for e, p in places.items()
                    if p.unit.kind == kind}
            base = {e: float(np.mean([places[e].total(i) for i in r])) for e, r in rows.items() if r}
            for e, target in _calibrate(gen, year, kind, base, problems).items():
                place = places[e]
                free = [i for i in rows[e] if place.months[i].key not in fact_months]
                want = round(target * 100 * len(rows[e])) - sum(round(place.total(i) * 100) for i in rows[e] if i not in free)
                now = [round(place.total(i) * 100) for i in free]
                shift = (want - sum(now)) / max(len(free), 1)
                targets = [int(round(n + shift)) for n in now]
                left = want - sum(targets)   # what rounding left over, a hundredth to each month
                for j in range(abs(left)):
                    targets[j % len(targets)] += int(np.sign(left))
                for i, hundredths in zip(free, targets):
                    if (problem := place.set_total(i, hundredths / 100)) is not None:
                        problems.append(problem)


def generate(gen: DemoGenerator) -> tuple[list[tuple], list[str]]:
    """Monthly rows of every group and the index (store.demo.COLUMNS), and the facts missed."""
    problems: list[str] = []
    published = _published(gen)
    places = _places(gen, published)
    months, years = _months_with_facts(gen)
    _calibrate_months(gen, places, months, problems)
    _calibrate_years(gen, places, years, months, problems)
    rows = []
    for e, place in places.items():
        for i, p in enumerate(place.months):
            rows += [_row(e, g.id, p, float(place.points[i, j])) for j, g in enumerate(place.groups)
                     if not np.isnan(place.caps[i, j])]
            rows.append(_row(e, INDEX, p, round(place.total(i), 2)))
    return rows, problems
