"""The demo's points of a yearly index's components (the PAR INDEX: appraisal and survey, the
survey's SIPAS, leaders' survey and socio-economic impact), split from the index so that they
add up to it to the hundredth, each within the maximum of that year's scheme for that kind of
place, and around every published component (data/metrics.yaml maxima; data/demo.yaml points).

    rows = generate(gen, totals)      # totals: {(entity_id, metric_id, year): value}
"""
from __future__ import annotations

from datetime import date

import numpy as np

from metrics import catalogue
from metrics.periods import Period
from store.demo import DemoGenerator, _logit_of, _row, _sigmoid


class _Split:
    """One place's year: what is published of the components, and the range each can take."""

    def __init__(self, gen: DemoGenerator, entity_id: str, kind: str, year: int, totals: dict):
        self.gen, self.entity_id, self.kind, self.year, self.totals = gen, entity_id, kind, year, totals
        self.day = date(year, 1, 1)

    def parts(self, metric_id: str):
        return catalogue.components(metric_id, self.day, self.kind, unit="score")

    def published(self, metric_id: str) -> float | None:
        return self.gen.published_values.get((self.entity_id, metric_id, str(self.year)))

    def known(self, metric_id: str) -> float | None:
        """Published, or the sum of its parts when every part is known."""
        value = self.published(metric_id)
        if value is not None:
            return value
        parts = [self.known(m.id) for m in self.parts(metric_id)]
        return sum(parts) if parts and None not in parts else None

    def range(self, metric) -> tuple[float, float]:
        value = self.known(metric.id)
        if value is not None:
            return value, value
        parts = [self.range(m) for m in self.parts(metric.id)]
        top = metric.max_at(self.day, self.kind)
        if not parts:
            return 0.0, top
        return max(0.0, sum(lo for lo, _ in parts)), min(top, sum(hi for _, hi in parts))

    def centre(self, metric, total: float, top: float) -> float:
        """The share of its maximum a component starts from: the index's share, or the share of
        the index data/demo.yaml names for it (SIPAS points around the place's SIPAS)."""
        other = self.gen.config.get("points", {}).get("centre", {}).get(metric.id)
        value = self.totals.get((self.entity_id, other, self.year)) if other else None
        return value / catalogue.get(other).max_value if value is not None else total / top

    def split(self, metric_id: str, total: float) -> dict[str, float]:
        """The components' points (hundredths) adding up to total, recursively; {} when the
        published components leave nothing to fill or cannot add up (a quality flag says so)."""
        parts = self.parts(metric_id)
        if not parts:
            return {}
        top = catalogue.get(metric_id).max_at(self.day, self.kind)
        ranges = [self.range(m) for m in parts]
        free = [self.known(m.id) is None for m in parts]
        if not any(free) or not sum(lo for lo, _ in ranges) - 1e-9 <= total <= sum(hi for _, hi in ranges) + 1e-9:
            return {}
        r = self.gen.rng(self.entity_id, metric_id, "points", self.year)
        points = np.array([
            np.clip(round(m.max_at(self.day, self.kind)
                          * float(_sigmoid(_logit_of(self.centre(m, total, top)) + r.normal(0, 0.35))), 2), lo, hi)
            if f else lo for m, (lo, hi), f in zip(parts, ranges, free)])
        points = _fit(points, np.array(ranges), np.array(free), total)
        out = {}
        for m, p, f in zip(parts, points, free):
            if f:
                out[m.id] = float(p)
            out |= self.split(m.id, float(p))
        return out


def _fit(points: np.ndarray, ranges: np.ndarray, free: np.ndarray, total: float) -> np.ndarray:
    """Move the free points, each by its room within its range, until they add up to total in
    hundredths (what rounding leaves over goes a hundredth at a time where there is most room)."""
    lo, hi = ranges[:, 0], ranges[:, 1]
    want = round(total * 100)
    delta = want / 100 - points.sum()
    room = np.where(free, (hi - points) if delta > 0 else (points - lo), 0.0)
    if room.sum() > 0:
        points = np.where(free, np.clip(np.round(points + delta * room / room.sum(), 2), lo, hi), points)
    left = want - int(round(np.round(points * 100).sum()))
    while left:
        step = int(np.sign(left))
        room = np.where(free, (hi - points) if step > 0 else (points - lo), 0.0)
        j = int(np.argmax(room))
        if room[j] < 0.01 - 1e-9:
            break
        points[j] = round(points[j] + step / 100, 2)
        left -= step
    return points


def generate(gen: DemoGenerator, totals: dict[tuple[str, str, int], float]) -> list[tuple]:
    """The components' rows of every place-year whose index is in totals (demo or published)."""
    rows = []
    parents = {m.parent for m in catalogue.catalogue().values() if m.parent and m.unit == "score"
               and catalogue.get(m.parent).grain == "year" and catalogue.get(m.parent).parent is None}
    for (entity_id, metric_id, year), total in sorted(totals.items()):
        unit = gen.units.get(entity_id)
        if metric_id not in parents or unit is None:
            continue
        split = _Split(gen, entity_id, unit.kind, year, totals)
        period = Period(date(year, 1, 1), "year")
        rows += [_row(entity_id, m, period, round(v, 2)) for m, v in split.split(metric_id, total).items()]
    return rows
