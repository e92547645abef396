"""Bend generated demo values until they reproduce every published fact about one metric-period.

Published facts are sparse: a few values, the top five in order, the last place, regional and
national averages, how many places passed a threshold. The demo values of the other places are
moved (never the published ones) until all of them hold, then rounded to 2 decimals with the
rounding residual put back so that averages come out exactly as published.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

GAP = 0.05   # smallest distance kept between two places whose order is published


@dataclass
class ScoreFacts:
    """What is published about one score metric in one period, for one kind of entity."""
    fixed: dict[str, float] = field(default_factory=dict)
    top: list[str] = field(default_factory=list)           # ranks 1..k in order
    next_known: tuple[int, float] | None = None             # (rank, value) of a later published rank
    last: str | None = None
    bottom: set[str] = field(default_factory=set)           # somewhere in the bottom len(bottom)
    upper: dict[str, float] = field(default_factory=dict)   # value < bound
    lower: dict[str, float] = field(default_factory=dict)   # value >= bound
    group_means: dict[str, tuple[frozenset[str], float]] = field(default_factory=dict)
    overall_mean: float | None = None
    count_ge: list[tuple[float, int]] = field(default_factory=list)
    count_tags: list[str] = field(default_factory=list)     # each count's fact: a fact id, a place's rank, or ''
    count_above_mean: int | None = None
    ranked: dict[str, int] = field(default_factory=dict)    # later ranks published without a score

    def is_empty(self) -> bool:
        return not (self.fixed or self.top or self.last or self.bottom or self.upper or self.lower
                    or self.group_means or self.overall_mean is not None or self.count_ge or self.ranked)


def _bounds(x: dict[str, float], facts: ScoreFacts, free: set[str]) -> dict[str, tuple[float, float]]:
    ceiling = min((x[e] for e in facts.top), default=100.0) - GAP
    floor = x[facts.last] + GAP if facts.last in facts.fixed else min(x.values()) - 5.0
    out = {}
    for e in free:
        lo = max(floor, facts.lower.get(e, 0.0))
        hi = min(ceiling, facts.upper.get(e, 101.0) - 0.01, 100.0)
        lo = min(lo, hi - 0.5)
        out[e] = (lo, hi)
    return out


def _place_top(x: dict[str, float], facts: ScoreFacts, rng: np.random.Generator) -> None:
    """Give unpublished members of the top list values between their published neighbours."""
    top = facts.top
    for i, e in enumerate(top):
        if e in facts.fixed:
            continue
        above = x[top[i - 1]] if i else min(99.5, max(x.values()) + 0.5)
        below_fixed = next((facts.fixed[t] for t in top[i + 1:] if t in facts.fixed), None)
        if below_fixed is not None:
            k = next(j for j, t in enumerate(top[i + 1:], 1) if t in facts.fixed)
            x[e] = above - (above - below_fixed) / (k + 1)
        elif facts.next_known is not None:
            rank, value = facts.next_known
            x[e] = above - (above - value) / (rank - i)
        else:
            x[e] = above - rng.uniform(0.25, 1.2)


def _shift_to_mean(x, members, target, adjustable, bounds) -> None:
    """Move the adjustable places so the members average to target. Each is squeezed between
    its bounds through a logistic curve rather than clipped at them, so places keep their order
    and none piles up on a bound."""
    if not adjustable:
        return
    fixed_sum = sum(x[e] for e in members if e not in adjustable)
    # Unbounded coordinates (no clipping), so two places beyond a bound stay apart.
    z = {e: (x[e] - (bounds[e][0] + bounds[e][1]) / 2) / max((bounds[e][1] - bounds[e][0]) / 4, 0.1)
         for e in adjustable}

    def values(shift):
        return {e: bounds[e][0] + (bounds[e][1] - bounds[e][0]) / (1 + np.exp(-(z[e] + shift)))
                for e in adjustable}

    want = target * len(members) - fixed_sum
    lo_s, hi_s = -30.0, 30.0
    for _ in range(50):  # 60 / 2**50: far below the 0.01 the values are rounded to
        mid = (lo_s + hi_s) / 2
        lo_s, hi_s = (mid, hi_s) if sum(values(mid).values()) < want else (lo_s, mid)
    x.update({e: float(v) for e, v in values((lo_s + hi_s) / 2).items()})


def _order_tail(x, facts: ScoreFacts, free: set[str], rng) -> None:
    """Put the unpublished last place and the bottom group below everybody else."""
    others = [e for e in sorted(free) if e not in facts.bottom and e != facts.last]
    floor = min((x[e] for e in others), default=80.0)
    for e in sorted(facts.bottom - {facts.last}, key=lambda e: x[e], reverse=True):
        if e not in facts.fixed and x[e] >= floor:
            x[e] = floor - rng.uniform(GAP, 0.4)
        floor = min(floor, x[e])
    if facts.last and facts.last not in facts.fixed:
        lowest = min(x[e] for e in x if e != facts.last)
        if x[facts.last] >= lowest:
            x[facts.last] = lowest - rng.uniform(GAP, 0.6)


def _keeps_side(before, after, thresholds, bounds, in_bottom, tail_top) -> bool:
    """A partner may move from before to after: on the same side of every threshold, inside its
    bounds, and still above the published bottom places."""
    same_side = all((before >= t) == (after >= t) for t in thresholds)
    return same_side and bounds[0] <= after <= bounds[1] and (in_bottom or after > tail_top)


def _count_misses(x, facts) -> list[tuple[float, int]]:
    return [(t, wanted) for t, wanted in facts.count_ge if sum(v >= t for v in x.values()) != wanted]


def _enforce_count_ge(x, facts, free, bounds, groups, rng) -> None:
    """Move places across a threshold, each paired with a partner in the same group moved the
    other way by as much, so that the group's average holds and the partner stays on its side of
    every threshold. Thresholds interact (a published rank with its score is one: rank-1 places
    above it), so the passes repeat until all hold or nothing more can move."""
    tail = [x[e] for e in facts.bottom | ({facts.last} if facts.last else set())]
    tail_top = max(tail, default=0.0) + GAP
    thresholds = sorted({t for t, _ in facts.count_ge})
    for _ in range(40):
        misses = _count_misses(x, facts)
        if not misses:
            return
        moved = False
        for threshold, wanted in misses:
            count = sum(v >= threshold for v in x.values())
            if count == wanted:
                continue
            raising = count < wanted
            above = min((t for t in thresholds if t > threshold), default=101.0)
            below = max((t for t in thresholds if t < threshold), default=-1.0)
            pool = [e for e in sorted(free) if (x[e] < threshold) == raising and
                    (bounds[e][1] >= threshold + 0.02 if raising else bounds[e][0] < threshold - 0.02)]
            for e in sorted(pool, key=lambda p: abs(x[p] - threshold)):
                if raising:  # just over this threshold, not over the next one up
                    new = min(threshold + rng.uniform(0.01, 1.0) * min(1.0, (above - threshold) / 2), bounds[e][1])
                    if x[e] < below:
                        continue  # would cross a lower threshold too: another place is nearer
                else:
                    new = threshold - rng.uniform(0.01, 1.0) * min(1.0, (threshold - below) / 2)
                    if x[e] >= above:
                        continue
                delta = new - x[e]
                partners = [p for p in sorted(groups.get(e, free)) if p in free and p != e
                            and _keeps_side(x[p], x[p] - delta, thresholds, bounds[p], p in facts.bottom, tail_top)]
                if not partners:
                    continue
                p = max(partners, key=lambda q: x[q] - bounds[q][0]) if raising else min(partners, key=lambda q: x[q])
                x[e], x[p] = new, x[p] - delta
                moved = True
                break
        if not moved:
            return


def _rank_of(x: dict[str, float], e: str) -> int:
    """1 + how many places score strictly higher (ties share a rank)."""
    return 1 + sum(v > x[e] for k, v in x.items() if k != e)


def _place_ranked(x, facts: ScoreFacts) -> None:
    """Put each place published with a rank but no score between the places that rank just above
    and just below it (highest rank first, so the later ones see the earlier ones placed)."""
    for e, rank in sorted(facts.ranked.items(), key=lambda kv: kv[1]):
        if e in facts.fixed:
            continue
        others = sorted((v for k, v in x.items() if k != e), reverse=True)
        above = others[rank - 2] if rank >= 2 else others[0] + 2 * GAP
        below = others[rank - 1] if rank - 1 < len(others) else above - 2 * GAP
        x[e] = (above + below) / 2


def _round_exact(x, facts, free, groups_of_mean, rng) -> None:
    for e in x:
        x[e] = round(x[e], 2)
    targets = list(groups_of_mean.values())
    for members, target in targets:
        residual = round(target * len(members) - sum(x[e] for e in members), 2)
        pool = sorted((e for e in members if e in free), key=lambda e: (-x[e], e))
        steps = int(round(residual * 100))
        i = 0
        while steps and pool:
            e = pool[i % len(pool)]
            x[e] = round(x[e] + 0.01 * np.sign(steps), 2)
            steps -= int(np.sign(steps))
            i += 1


def calibrate_scores(base: dict[str, float], facts: ScoreFacts, seed: int) -> dict[str, float]:
    """Return values for every key of base that honour facts; published values are kept exactly.
    Sets of places are walked in sorted order: the random steps must not depend on the hash seed."""
    rng = np.random.default_rng(seed)
    x = {e: float(v) for e, v in base.items()}
    x.update(facts.fixed)
    _place_top(x, facts, rng)
    pinned = set(facts.fixed) | set(facts.top)
    free = set(x) - pinned
    groups = {}
    for members, _ in facts.group_means.values():
        for e in members:
            groups[e] = members
    means = dict(facts.group_means)
    covered = set().union(*[m for m, _ in means.values()]) if means else set()
    for _ in range(6):
        bounds = _bounds(x, facts, free)
        for e in sorted(free):  # a place beyond its bound goes a random step inside it, so none tie
            lo, hi = bounds[e]
            if x[e] > hi:
                x[e] = hi - rng.uniform(0.05, min(2.5, (hi - lo) / 2))
            elif x[e] < lo:
                x[e] = lo + rng.uniform(0.05, min(2.5, (hi - lo) / 2))
        for members, target in means.values():
            _shift_to_mean(x, members, target, [e for e in members if e in free], bounds)
        if facts.overall_mean is not None:
            rest = [e for e in sorted(free) if e not in covered] or sorted(free)
            _shift_to_mean(x, list(x), facts.overall_mean, rest, bounds)
        _order_tail(x, facts, free, rng)
    bounds = _bounds(x, facts, free)
    _enforce_count_ge(x, facts, free, bounds, groups, rng)
    _place_ranked(x, facts)
    if facts.overall_mean is not None and not (covered >= set(x)):
        means["__all__"] = (frozenset(x), facts.overall_mean)
    _round_exact(x, facts, free - facts.bottom - {facts.last} - set(facts.ranked), means, rng)
    return x


def check_scores(x: dict[str, float], facts: ScoreFacts) -> list[str]:
    """Every published fact the values fail, in words (empty when all hold)."""
    problems = []
    for e, v in facts.fixed.items():
        if abs(x[e] - v) > 1e-9:
            problems.append(f"{e}: {x[e]} instead of published {v}")
    ranked = sorted(x, key=lambda e: -x[e])
    for i, e in enumerate(facts.top):
        if ranked[i] != e and x[ranked[i]] != x[e]:
            problems.append(f"{e} should rank {i + 1}, ranks {ranked.index(e) + 1}")
    if facts.last and ranked[-1] != facts.last:
        problems.append(f"{facts.last} should be last")
    if facts.bottom and not facts.bottom <= set(ranked[-len(facts.bottom):]):
        problems.append(f"{sorted(facts.bottom)} should be the bottom {len(facts.bottom)}")
    for e, b in facts.upper.items():
        if not x[e] < b:
            problems.append(f"{e} should be below {b}")
    for e, b in facts.lower.items():
        if not x[e] >= b:
            problems.append(f"{e} should be at least {b}")
    for key, (members, target) in facts.group_means.items():
        mean = sum(x[e] for e in members) / len(members)
        if abs(mean - target) >= 0.005:
            problems.append(f"mean of {key} is {mean:.3f}, published {target}")
    covered = set().union(*[m for m, _ in facts.group_means.values()]) if facts.group_means else set()
    if facts.overall_mean is not None and not covered >= set(x):  # else implied by the groups
        mean = sum(x.values()) / len(x)
        if abs(mean - facts.overall_mean) >= 0.005:
            problems.append(f"overall mean is {mean:.3f}, published {facts.overall_mean}")
    for threshold, wanted in facts.count_ge:
        count = sum(v >= threshold for v in x.values())
        if count != wanted:
            problems.append(f"{count} places at or above {threshold}, published {wanted}")
    for e, rank in facts.ranked.items():
        if _rank_of(x, e) != rank:
            problems.append(f"{e} should rank {rank}, ranks {_rank_of(x, e)}")
    return problems


@dataclass
class RateFacts:
    """What is published about one ratio metric in one year: rates in %, counts as (num, den)."""
    fixed_rate: dict[str, float] = field(default_factory=dict)
    fixed_counts: dict[str, tuple[int, int]] = field(default_factory=dict)
    top: list[str] = field(default_factory=list)
    upper: dict[str, float] = field(default_factory=dict)
    aggregate: float | None = None   # sum(num) / sum(den) over every place, in %

    def is_empty(self) -> bool:
        return not (self.fixed_rate or self.fixed_counts or self.top or self.upper
                    or self.aggregate is not None)


def _logit(p):
    p = np.clip(p, 1e-4, 1 - 1e-4)
    return np.log(p / (1 - p))


def calibrate_rates(den: dict[str, int], rate: dict[str, float], facts: RateFacts,
                    seed: int) -> dict[str, tuple[int, int]]:
    """Yearly (numerator, denominator) per place that honour the facts. Rates are in %."""
    rng = np.random.default_rng(seed)
    den = dict(den)
    r = {e: float(v) for e, v in rate.items()}
    for e, (n, d) in facts.fixed_counts.items():
        den[e], r[e] = d, 100.0 * n / d
    r.update({e: v for e, v in facts.fixed_rate.items() if e not in facts.fixed_counts})
    fixed = set(facts.fixed_rate) | set(facts.fixed_counts)
    for i, e in enumerate(facts.top):
        if e not in fixed:
            r[e] = (r[facts.top[i - 1]] if i else max(r.values()) + 1) - rng.uniform(0.5, 2.0)
    free = [e for e in r if e not in fixed and e not in facts.top]
    ceiling = min((r[e] for e in facts.top), default=99.9) - 0.1
    caps = {e: min(ceiling, facts.upper.get(e, 101) - 0.05) for e in free}
    base = {e: _logit(r[e] / 100) for e in free}

    def rates_with(shift):
        # Squeezed under each cap rather than clipped at it, so the order of places survives.
        return {e: caps[e] / (1 + np.exp(-(base[e] + shift))) for e in free}

    if facts.aggregate is not None and free:
        fixed_num = sum(r[e] / 100 * den[e] for e in r if e not in free)
        want = facts.aggregate / 100 * sum(den.values())
        lo, hi = -12.0, 12.0
        for _ in range(80):
            mid = (lo + hi) / 2
            got = fixed_num + sum(v / 100 * den[e] for e, v in rates_with(mid).items())
            lo, hi = (mid, hi) if got < want else (lo, mid)
        r.update(rates_with((lo + hi) / 2))
    else:
        r.update(rates_with(0.0))
    counts = {e: (int(round(r[e] / 100 * den[e])), int(den[e])) for e in r}
    counts.update(facts.fixed_counts)
    if facts.aggregate is not None and free:
        total_den = sum(d for _, d in counts.values())
        want = int(round(facts.aggregate / 100 * total_den))
        gap = want - sum(n for n, _ in counts.values())
        biggest = max(free, key=lambda e: den[e])
        n, d = counts[biggest]
        counts[biggest] = (min(max(n + gap, 0), d), d)
    return counts
