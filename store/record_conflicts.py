"""Where pages of the published record disagree: the figure kept, the others recorded.

For each place, metric and period, the pages that give it are ranked (record_sources.preference:
an official site over a newspaper over a mirror; then the earlier page, the release before the
articles quoting it). The first is kept. A page giving the same figure (within rounding)
corroborates it; one giving another figure is a conflict, kept beside it with both numbers.
Ranks are settled the same way, then checked against the kept scores: a rank that puts a place
above one with a higher score, or level with one with another score, cannot be right with it.
Until no such pair is left, the rank in most of them gives way (of two, the lower page's).
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from itertools import combinations

from store.published_record import Figure, Rank, Record
from store.record_sources import preference

SAME = 0.005   # figures printed to two decimals: closer than this is the same figure


@dataclass(frozen=True)
class Conflict:
    kept: Figure | Rank
    other: Figure | Rank
    reason: str          # 'lower_source' | 'later_page' | 'contradicts_scores'


@dataclass
class Settled:
    figures: list[Figure] = field(default_factory=list)
    ranks: list[Rank] = field(default_factory=list)
    corroborations: dict[tuple, list[Figure | Rank]] = field(default_factory=dict)
    conflicts: list[Conflict] = field(default_factory=list)


def _key(x: Figure | Rank) -> tuple:
    return (x.entity_id, x.metric_id, x.period.key)


def _why(kept, other) -> str:
    return "lower_source" if (other.doc.publisher.rank or 9) > (kept.doc.publisher.rank or 9) else "later_page"


def _candidates(items) -> dict[tuple, list]:
    """Each key's pages, best first."""
    groups = defaultdict(list)
    for item in items:
        groups[_key(item)].append(item)
    return {k: sorted(v, key=lambda x: preference(x.doc)) for k, v in groups.items()}


def _settle(items, same) -> tuple[list, dict, list[Conflict]]:
    kept, corroborating, conflicts = [], {}, []
    for key, found in _candidates(items).items():
        best = found[0]
        kept.append(best)
        for other in found[1:]:
            if same(best, other):
                corroborating.setdefault(key, []).append(other)
            else:
                conflicts.append(Conflict(best, other, _why(best, other)))
    return kept, corroborating, conflicts


def _contradictions(ranks: list[Rank], scores: dict[tuple, Figure]) -> list[tuple[Rank, Rank]]:
    """Pairs of ranks in one ranking that no ordering of the kept scores allows."""
    by_ranking = defaultdict(list)
    for r in ranks:
        if _key(r) in scores:
            by_ranking[(r.metric_id, r.period.key, r.entity_kind)].append(r)
    pairs = []
    for members in by_ranking.values():
        for a, b in combinations(members, 2):
            sa, sb = scores[_key(a)].value, scores[_key(b)].value
            # equal printed scores may rank apart (more decimals decide); other ties may not
            if (sa - sb) * (b.rank - a.rank) < -SAME or (a.rank == b.rank and abs(sa - sb) >= SAME):
                pairs.append((a, b))
    return pairs


def settle(record: Record) -> Settled:
    """The record with one figure and one rank per place, metric and period, and every conflict."""
    out = Settled()
    out.figures, corroborating, out.conflicts = _settle(record.figures, lambda a, b: abs(a.value - b.value) < SAME)
    ranks, corroborating_ranks, rank_conflicts = _settle(record.ranks, lambda a, b: a.rank == b.rank)
    out.corroborations = {**corroborating, **{("rank", *k): v for k, v in corroborating_ranks.items()}}
    out.conflicts += rank_conflicts
    scores = {_key(f): f for f in out.figures}
    waiting = {k: v[1:] for k, v in _candidates(record.ranks).items()}
    while pairs := _contradictions(ranks, scores):
        count = defaultdict(int)
        for a, b in pairs:
            count[id(a)] += 1
            count[id(b)] += 1
        loser = max((r for pair in pairs for r in pair), key=lambda r: (count[id(r)], preference(r.doc)))
        partner = next(b if a is loser else a for a, b in pairs if loser in (a, b))
        ranks = [r for r in ranks if r is not loser]
        # the next page's rank for that place, if another page gave one, is tried in its stead
        others = [r for r in waiting.get(_key(loser), []) if r.rank != loser.rank]
        out.conflicts = [c for c in out.conflicts if c.kept is not loser]
        if others:
            ranks.append(others[0])
            waiting[_key(loser)] = others[1:]
            out.conflicts += [Conflict(others[0], r, _why(others[0], r)) for r in others[1:]]
        out.conflicts.append(Conflict(others[0] if others else partner, loser, "contradicts_scores"))
    out.ranks = ranks
    return out
