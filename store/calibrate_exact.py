"""Exact calibration of one score in one period: every published fact is a constraint of a small
mixed-integer program over the places' values in hundredths, solved by HiGHS (scipy.optimize.milp).

Every published value, order, rank, bottom list, bound, average and count holds exactly. Facts
printed by pages below the top run (the relaxable ones) may be left out, but only as few as the
published facts force (by weight). A feasible point decides which side of each threshold and
rank every place takes and which facts are kept; with those fixed, the values move as little as
they can from the generated ones (a convex, piecewise-linear cost: many small moves before one
large one). Each solve stops at a node limit, never a clock, so every machine gets the same.

    result = solve(base, facts, relaxable={tag: weight}, seed=...)
    result.values, result.dropped
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, milp
from scipy.sparse import coo_matrix

from store.calibrate import ScoreFacts

SEGMENTS = ((25, 1.0), (50, 2.0), (100, 4.0), (200, 8.0), (400, 16.0), (10_000, 32.0))  # hundredths, cost each
MARGIN = (1, 40)       # hundredths a free place keeps from a bound it is pushed against (drawn per place)
WINDOW = 3.0          # points a place may go below the lowest or above the highest generated or published value
NODE_LIMIT = 20_000   # branch-and-bound nodes per solve: a limit that gives the same answer on every machine
TIME_LIMIT = 120.0    # seconds per solve, a safeguard only
OVERALL = "\x00overall-mean"   # the national mean's tag when the regions' means imply it


@dataclass
class Result:
    values: dict[str, float] | None
    dropped: list[str] = field(default_factory=list)


class _Program:
    """Variables (integer hundredths per place, cost segments, binaries) and constraint rows."""

    def __init__(self):
        self.lo, self.hi, self.cost, self.integer = [], [], [], []
        self.rows, self.cols, self.vals, self.row_lo, self.row_hi = [], [], [], [], []

    def var(self, lo, hi, cost=0.0, integer=True) -> int:
        self.lo.append(lo), self.hi.append(hi), self.cost.append(cost), self.integer.append(int(integer))
        return len(self.lo) - 1

    def row(self, terms: dict[int, float], lo=-np.inf, hi=np.inf) -> None:
        r = len(self.row_lo)
        for c, v in terms.items():
            self.rows.append(r), self.cols.append(c), self.vals.append(v)
        self.row_lo.append(lo), self.row_hi.append(hi)

    def solve(self, cost=None, extra=()):
        """The solution vector, or None when the program (with the extra rows) is infeasible."""
        cost = np.array(self.cost if cost is None else cost, dtype=float)
        rows, cols, vals = list(self.rows), list(self.cols), list(self.vals)
        row_lo, row_hi = list(self.row_lo), list(self.row_hi)
        for terms, lo, hi in extra:
            r = len(row_lo)
            for c, v in terms.items():
                rows.append(r), cols.append(c), vals.append(v)
            row_lo.append(lo), row_hi.append(hi)
        constraints = []
        if row_lo:
            a = coo_matrix((vals, (rows, cols)), shape=(len(row_lo), len(self.lo))).tocsr()
            constraints = [LinearConstraint(a, row_lo, row_hi)]
        found = milp(cost, constraints=constraints, integrality=np.array(self.integer), bounds=Bounds(self.lo, self.hi),
                     options={"time_limit": TIME_LIMIT, "node_limit": NODE_LIMIT})
        return found.x if found.x is not None and found.status in (0, 1) else None


class _Model:
    """The program of one score-period: the places, the facts, which facts may be left out."""

    def __init__(self, base: dict[str, float], facts: ScoreFacts, relaxable: dict[str, float], margins: dict):
        self.p, self.facts, self.names, self.margin = _Program(), facts, sorted(base), margins
        self.fixed = {e: round(v * 100) for e, v in facts.fixed.items() if e in base}
        self.v, self.keep, self.weights = {}, {}, {}
        seen = list(base.values()) + list(facts.fixed.values())
        floor, ceiling = max(0, round((min(seen) - WINDOW) * 100)), min(10_000, round((max(seen) + WINDOW) * 100))
        for e in self.names:
            lo = max(floor, math.ceil(facts.lower.get(e, 0) * 100 - 1e-6))
            hi = min(ceiling, math.ceil(facts.upper.get(e, 101) * 100 - 1e-6) - 1)
            fixed = self.fixed.get(e)
            self.v[e] = self.p.var(fixed, fixed) if fixed is not None else self.p.var(lo, max(lo, hi))
            if fixed is None:
                self._distance(e, base[e] * 100)
        for tag, weight in relaxable.items():
            self.keep[tag] = self.p.var(0, 1)
            self.weights[tag] = weight
        self._order()
        self._means()
        self._counts()
        self._ranked()

    def _distance(self, e, target) -> None:
        terms = {self.v[e]: 1.0}
        for width, cost in SEGMENTS:
            terms[self.p.var(0, width, cost, integer=False)] = -1.0
            terms[self.p.var(0, width, cost, integer=False)] = 1.0
        self.p.row(terms, target, target)

    def gap(self, e) -> int:
        """What a free place keeps from a published bound it is pushed against (a published place: 1)."""
        return 1 if e in self.fixed else self.margin.get(e, 1)

    def _range(self, e) -> tuple[int, int]:
        return self.p.lo[self.v[e]], self.p.hi[self.v[e]]

    def _below(self, low, high, gap, tags=()) -> None:
        """v[low] + gap <= v[high], unless one of the facts tagged is left out (each big-M as
        small as the two ranges allow: the solver's relaxation stays tight)."""
        if low in self.fixed and high in self.fixed and not any(t in self.keep for t in tags):
            return   # two published values: their order is what it is
        big = max(0, self._range(low)[1] - self._range(high)[0] + gap)
        terms, slack = {self.v[low]: 1.0, self.v[high]: -1.0}, 0.0
        for tag in tags:
            if tag in self.keep:
                terms[self.keep[tag]] = terms.get(self.keep[tag], 0.0) + big
                slack += big
        self.p.row(terms, -np.inf, slack - gap)

    def _order(self) -> None:
        f = self.facts
        top = [e for e in f.top if e in self.v]
        for a, b in zip(top, top[1:]):
            self._below(b, a, self.gap(b))
        if top:
            for e in self.names:
                if e not in top:
                    self._below(e, top[-1], self.gap(e))
        if f.last in self.v:
            for e in self.names:
                if e != f.last:
                    self._below(f.last, e, self.gap(f.last), (f.last,))
        bottom = [e for e in sorted(f.bottom) if e in self.v]
        for b in bottom:   # the list fills the bottom places (a last place outside it cannot hold with it)
            for e in self.names:
                if e not in bottom:
                    self._below(b, e, 1, (b,))
            for other in bottom:   # a member left out of the list is no longer below the others
                if other != b and other in self.keep and b in self.keep:
                    big = max(0, self._range(b)[1] - self._range(other)[0] + 1)
                    terms = {self.v[b]: 1.0, self.v[other]: -1.0, self.keep[b]: big, self.keep[other]: -big}
                    self.p.row(terms, -np.inf, big - 1)

    def _means(self) -> None:
        """Each published mean within rounding of what it prints. The national one, when the
        regions' means cover every place, only where they allow it (regions and nation printed
        to two decimals may not agree: a flag says so); else the regions' hold."""
        f = self.facts
        means = [(sorted(m), target, None) for m, target in f.group_means.values()]
        covered = set().union(*[m for m, _ in f.group_means.values()]) if means else set()
        if f.overall_mean is not None:
            implied = covered >= set(self.names)
            if implied:
                self.keep[OVERALL] = self.p.var(0, 1)
                self.weights[OVERALL] = 1.0
            means.append((self.names, f.overall_mean, OVERALL if implied else None))
        for members, target, tag in means:
            members = [e for e in members if e in self.v]
            # the mean shows as published when it rounds to it: within half a hundredth
            total, slack = round(target * 100) * len(members), math.floor(0.5 * len(members) - 1e-9)
            terms = {self.v[e]: 1.0 for e in members}
            if tag is None:
                self.p.row(terms, total - slack, total + slack)
                continue
            big = float(sum(self._range(e)[1] for e in members) + total)   # kept (1): within; else free
            self.p.row(terms | {self.keep[tag]: -big}, total - slack - big, np.inf)
            self.p.row(terms | {self.keep[tag]: big}, -np.inf, total + slack + big)

    def _counts(self) -> None:
        tags = self.facts.count_tags or [""] * len(self.facts.count_ge)
        for (threshold, wanted), tag in zip(self.facts.count_ge, tags):
            line = math.ceil(threshold * 100 - 1e-6)
            terms, already = {}, 0
            for e in self.names:
                lo, hi = self._range(e)
                if lo >= line:
                    already += 1
                elif hi >= line:
                    a = self.p.var(0, 1)
                    terms[a] = 1.0
                    up, down = line + self.gap(e), line - self.gap(e)
                    self.p.row({self.v[e]: 1.0, a: -(up - lo)}, lo, np.inf)           # a=1: v >= line (+margin)
                    self.p.row({self.v[e]: 1.0, a: -(hi - down)}, -np.inf, down)     # a=0: v below line
            self._exactly(terms, wanted - already, tag)

    def _exactly(self, terms, wanted, tag) -> None:
        """sum(terms) == wanted, unless the fact tagged is left out."""
        if tag in self.keep:
            n = float(len(self.names) + 1)
            self.p.row(dict(terms) | {self.keep[tag]: -n}, wanted - n, np.inf)
            self.p.row(dict(terms) | {self.keep[tag]: n}, -np.inf, wanted + n)
        else:
            self.p.row(terms, wanted, wanted)

    def _ranked(self) -> None:
        for e, rank in self.facts.ranked.items():
            if e not in self.v or e in self.fixed:
                continue
            terms, above = {}, 0
            for other in self.names:
                if other == e:
                    continue
                low = self._range(other)[0] - self._range(e)[1]    # the least and most v[other] - v[e] can be
                high = self._range(other)[1] - self._range(e)[0]
                if low >= 1:
                    above += 1
                    continue
                if high <= -1:
                    continue
                y = self.p.var(0, 1)
                terms[y] = 1.0
                self.p.row({self.v[other]: 1.0, self.v[e]: -1.0, y: -(1 - low)}, low, np.inf)      # y=1: above e
                self.p.row({self.v[other]: 1.0, self.v[e]: -1.0, y: -(high + 1)}, -np.inf, -1)     # y=0: below e
            self._exactly(terms, rank - 1 - above, e)

    def values(self, x) -> dict[str, float]:
        return {e: round(x[self.v[e]]) / 100 for e in self.names}


def _margins(base, facts, seed) -> dict[str, int]:
    rng = np.random.default_rng(seed)
    return {e: int(rng.integers(*MARGIN)) for e in sorted(base) if e not in facts.fixed}


def _chosen(model: _Model, x) -> list:
    """Rows fixing every binary of x (which side of each threshold and rank, which facts kept)."""
    places = set(model.v.values())
    return [({j: 1.0}, round(x[j]), round(x[j])) for j, integer in enumerate(model.p.integer)
            if integer and j not in places]


def _feasible(model: _Model):
    """Values meeting every fact, else the most (weighted) relaxable facts; None if even the firm
    facts cannot hold together. No distance cost here: finding a point is quick, being near the
    generated values with every binary free is not."""
    zero = np.zeros(len(model.p.lo))
    x = model.p.solve(cost=zero, extra=[({model.keep[t]: 1.0}, 1, 1) for t in model.keep])
    if x is not None or not model.keep:
        return x
    for tag, k in model.keep.items():
        zero[k] = -model.weights[tag]
    return model.p.solve(cost=zero)


def solve(base: dict[str, float], facts: ScoreFacts, relaxable: dict[str, float] | None = None,
          seed: int = 0) -> Result:
    """Values for every key of base meeting every fact (relaxable ones left out only if they
    must be); Result.values is None when even the firm facts cannot hold together. The sides and
    facts kept come from a feasible point; with them fixed, the values nearest the generated ones
    (free places a few hundredths off the bounds they are pushed against, when there is room)."""
    relaxable = dict(relaxable or {})
    plain = _Model(base, facts, relaxable, {})
    x = _feasible(plain)
    if x is None:
        return Result(None)
    chosen = _chosen(plain, x)
    near = _Model(base, facts, relaxable, _margins(base, facts, seed)).p.solve(extra=chosen)
    if near is None:
        near = plain.p.solve(extra=chosen)
    x = x if near is None else near
    dropped = sorted(t for t, k in plain.keep.items() if x[k] < 0.5 and t != OVERALL)
    return Result(plain.values(x), dropped)
