"""One score in one period of the demo calibrated to what was published about it: by the quick
moves of store/calibrate.py when they meet every fact, else exactly (store/calibrate_exact.py),
leaving out only the page facts that cannot hold together with the others (ranks read from
pages below the top run, the record's group counts). Each one left out is recorded, and the
build flags it on the data page.

    values, problems = calibrated(gen, "par_index", "2023", "province", base, regions)
"""
from __future__ import annotations

import zlib

from store import calibrate_exact
from store.calibrate import calibrate_scores, check_scores


def calibrated(gen, metric_id: str, period: str, kind: str, base: dict[str, float],
               regions: dict[str, str] | None) -> tuple[dict[str, float], list[str]]:
    """Values for every place of base, and the published facts they miss, in words. Facts left
    out go to gen.unreproduced as (metric_id, period, kind, tag)."""
    facts = gen.facts.score_facts(metric_id, period, kind, set(base), regions)
    if facts.is_empty():
        return dict(base), []
    seed = zlib.crc32(f"{metric_id}{period}{kind}".encode())
    values = calibrate_scores(base, facts, seed)
    missed = check_scores(values, facts)
    if not missed:
        return values, []
    deep = gen.facts.record_facts_to_relax(metric_id, period, kind)
    result = calibrate_exact.solve(base, facts, {tag: 1.0 for tag in sorted(deep)}, seed)
    if result.values is None:   # even the firm facts contradict each other: the nearest greedy values
        return values, [f"{metric_id} {period} {kind}: {p}" for p in missed]
    kept = gen.facts.score_facts(metric_id, period, kind, set(base), regions, without=frozenset(result.dropped))
    gen.unreproduced += [(metric_id, period, kind, tag) for tag in result.dropped]
    return result.values, [f"{metric_id} {period} {kind}: {p}" for p in check_scores(result.values, kept)]
