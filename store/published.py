"""Published figures (data/published*.csv): observations, quality flags, and the facts that
the demo data must reproduce."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pandas as pd

from l10n.formatting import format_count_of, format_value
from metrics import catalogue
from metrics.paths import DATA_DIR
from metrics.periods import parse
from store.calibrate import RateFacts, ScoreFacts
from store.reference import region_aggregate_id

STATED_TOLERANCE = 0.005  # a stated rate is rounded to 2 decimals: anything further is a disagreement


def tables(data_dir: Path = DATA_DIR) -> dict[str, pd.DataFrame]:
    """data/published*.csv, source_conflicts.csv and sources.csv with the published record merged in
    (store/record_frames.py): everything published that the build stores and calibrates to."""
    return _tables(str(data_dir))


@lru_cache(maxsize=2)
def _tables(data_dir: str) -> dict[str, pd.DataFrame]:
    from store.record_frames import merged  # the record reads the catalogue and reference files too

    return merged(Path(data_dir))


def _num(text: str) -> float | None:
    return float(text) if text not in ("", None) else None


def observations(data_dir: Path = DATA_DIR) -> tuple[pd.DataFrame, list[dict]]:
    """The published observations, rates computed from their counts, and the quality flags
    raised where a stated rate disagrees with its own counts."""
    rows, flags = [], []
    for r in tables(data_dir)["published.csv"].itertuples(index=False):
        metric = catalogue.get(r.metric_id)
        period = parse(r.period)
        num, den, value = _num(r.numerator), _num(r.denominator), _num(r.value)
        stated = _num(r.stated_value)
        if metric.is_ratio and num is not None and den:
            value = 100.0 * num / den
            if stated is not None and abs(stated - value) > STATED_TOLERANCE:
                flags.append(_stated_rate_flag(r, stated, value))
        elif value is None:
            value = stated
        rows.append(dict(entity_id=r.entity_id, metric_id=r.metric_id, dimension_id=r.dimension_id,
                         period=period.key, grain=period.grain, period_start=period.start,
                         value=value, numerator=num, denominator=den, status="published",
                         source_id=r.source_id, note=r.note or None, batch_id=None))
    return pd.DataFrame(rows), flags


def _stated_rate_flag(r, stated: float, computed: float) -> dict:
    return dict(
        flag_id=f"stated-rate:{r.entity_id}:{r.metric_id}:{r.period}", entity_id=r.entity_id,
        metric_id=r.metric_id, period=r.period, kind="stated_rate_mismatch",
        stated_value=stated, computed_value=round(computed, 4), source_id=r.source_id,
        message_vi=(f"Nguồn ghi tỷ lệ {format_value(stated, 'pct', 'vi')} nhưng "
                    f"{format_count_of(float(r.numerator), float(r.denominator), 'vi')} cho "
                    f"{format_value(computed, 'pct', 'vi')}. Bảng điều khiển dùng tỷ lệ tính từ số đếm."),
        message_en=(f"The source states {format_value(stated, 'pct', 'en')} but "
                    f"{format_count_of(float(r.numerator), float(r.denominator), 'en')} gives "
                    f"{format_value(computed, 'pct', 'en')}. The dashboard uses the rate computed from the counts."),
    )


def conflict_flags(data_dir: Path = DATA_DIR) -> list[dict]:
    """Where two sources give different figures: the one kept and the other, both recorded."""
    flags = []
    for i, r in enumerate(tables(data_dir)["source_conflicts.csv"].itertuples(index=False)):
        flags.append(dict(
            flag_id=f"conflict:{i}:{r.entity_id}:{r.metric_id}:{r.period}", entity_id=r.entity_id or None,
            metric_id=r.metric_id or None, period=r.period or None, kind="source_conflict",
            stated_value=_num(r.other_value), computed_value=_num(r.kept_value),
            source_id=r.kept_source_id or None,
            message_vi=f"{r.note_vi} (giữ theo {r.kept_source_id}; nguồn khác: {r.other_source_id})",
            message_en=f"{r.note_en} (kept from {r.kept_source_id}; other source: {r.other_source_id})",
        ))
    return flags


def aggregate_flags(published: pd.DataFrame, members_by_region: dict[str, int]) -> list[dict]:
    """A national average that the published regional averages cannot give (region sizes known)."""
    flags = []
    regional = published[published.entity_id.str.startswith("region-")]
    national = published[published.entity_id == "vn-province"]
    for (metric_id, period), group in regional.groupby(["metric_id", "period"]):
        if catalogue.get(metric_id).kind != "score" or len(group) < len(members_by_region):
            continue
        stated = national[(national.metric_id == metric_id) & (national.period == period)]
        if stated.empty:
            continue
        total = sum(members_by_region[e.removeprefix("region-")] for e in group.entity_id)
        implied = sum(v * members_by_region[e.removeprefix("region-")]
                      for e, v in zip(group.entity_id, group.value)) / total
        value = float(stated.value.iloc[0])
        if abs(implied - value) > STATED_TOLERANCE:
            flags.append(dict(
                flag_id=f"aggregate:{metric_id}:{period}", entity_id="vn-province", metric_id=metric_id,
                period=period, kind="aggregate_mismatch", stated_value=value, computed_value=round(implied, 4),
                source_id=stated.source_id.iloc[0],
                message_vi=(f"Trung bình cả nước công bố {format_value(value, 'pct', 'vi')}, nhưng trung bình của 6 vùng "
                            f"(theo số tỉnh) là {format_value(implied, 'pct', 'vi')}. Dữ liệu minh họa tái tạo đúng "
                            f"trung bình từng vùng."),
                message_en=(f"The published national average is {format_value(value, 'pct', 'en')}, but the six regional "
                            f"averages (weighted by provinces) give {format_value(implied, 'pct', 'en')}. Demo data "
                            f"reproduces each regional average."),
            ))
    return flags


@dataclass(frozen=True)
class PublishedFacts:
    """Everything published, indexed for the demo generator and the tests."""
    values: pd.DataFrame
    ranks: pd.DataFrame
    counts: pd.DataFrame
    bounds: pd.DataFrame

    @classmethod
    def load(cls, data_dir: Path = DATA_DIR) -> PublishedFacts:
        values, _ = observations(data_dir)
        merged = tables(data_dir)
        return cls(values, merged["published_ranks.csv"], merged["published_facts.csv"],
                   merged["published_bounds.csv"])

    def _values(self, metric_id: str, period: str) -> pd.DataFrame:
        v = self.values
        return v[(v.metric_id == metric_id) & (v.period == period) & (v.dimension_id == "")]

    def _ranks(self, metric_id: str, period: str, kind: str) -> pd.DataFrame:
        r = self.ranks
        return r[(r.metric_id == metric_id) & (r.period == period) & (r.entity_kind == kind)]

    def _bounds(self, metric_id: str, period: str, members: set[str]):
        b = self.bounds
        b = b[(b.metric_id == metric_id) & (b.period == period) & b.entity_id.isin(members)]
        upper = {r.entity_id: float(r.bound) for r in b.itertuples() if r.comparison == "<"}
        lower = {r.entity_id: float(r.bound) for r in b.itertuples() if r.comparison == ">="}
        return upper, lower

    def score_facts(self, metric_id: str, period: str, kind: str, members: set[str],
                    regions: dict[str, str] | None = None, without: frozenset = frozenset()) -> ScoreFacts:
        """Facts about a score for the given places (regions: entity -> region id, provinces);
        `without`: ranks (entity ids) left out, when the demo cannot reproduce them all."""
        vals = self._values(metric_id, period)
        fixed = {r.entity_id: float(r.value) for r in vals.itertuples() if r.entity_id in members}
        ranks = self._ranks(metric_id, period, kind)
        ranks = ranks[ranks.entity_id.isin(members) & ~ranks.entity_id.isin(without)]
        order = ranks.assign(rank=ranks["rank"].astype(int))
        ranked = order[order["rank"] > 0].sort_values("rank")
        # The consecutive run 1, 2, 3... is an order; a rank further down (Ninh Bình 11th) with a
        # published value means exactly rank-1 places score above that value.
        run = [r.entity_id for i, r in enumerate(ranked.itertuples(), 1) if r.rank == i]
        top = run
        later = ranked[~ranked.entity_id.isin(run)]
        last = next(iter(order[order["rank"] == -1].entity_id), None)
        bottom = set(order[order["rank"] < -1].entity_id)
        upper, lower = self._bounds(metric_id, period, members)
        group_means = {}
        for region_id in set((regions or {}).values()):
            row = vals[vals.entity_id == region_aggregate_id(region_id)]
            if not row.empty:
                group = frozenset(e for e in members if regions.get(e) == region_id)
                group_means[region_id] = (group, float(row.value.iloc[0]))
        overall = vals[vals.entity_id == f"vn-{kind}"]
        counts = self.counts
        counts = counts[(counts.metric_id == metric_id) & (counts.period == period) & (counts.entity_kind == kind)
                        & ~counts.fact_id.isin(without)]
        # "n places below t" is "all the others at or above t"
        count_ge = [(float(c.threshold), int(c["count"]) if c.kind == "count_ge" else len(members) - int(c["count"]))
                    for _, c in counts.iterrows() if c.kind in ("count_ge", "count_lt")]
        count_tags = [str(c.fact_id) for _, c in counts.iterrows() if c.kind in ("count_ge", "count_lt")]
        # above a published value printed to 2 decimals is at least 0.01 above it (0.005: no float edge)
        count_ge += [(fixed[r.entity_id] + 0.005, int(r.rank) - 1) for r in later.itertuples() if r.entity_id in fixed]
        count_tags += [r.entity_id for r in later.itertuples() if r.entity_id in fixed]
        # A count of n places at or above a threshold, when n is everybody, is a floor for all.
        known = [(int(r.rank), fixed[r.entity_id]) for r in later.itertuples() if r.entity_id in fixed]
        return ScoreFacts(fixed=fixed, top=top, next_known=min(known, default=None), last=last, bottom=bottom, upper=upper, lower=lower,
                          group_means=group_means,
                          overall_mean=float(overall.value.iloc[0]) if not overall.empty else None,
                          count_ge=count_ge, count_tags=count_tags,
                          ranked={r.entity_id: int(r.rank) for r in later.itertuples() if r.entity_id not in fixed})

    def rate_facts(self, metric_id: str, period: str, kind: str, members: set[str]) -> RateFacts:
        vals = self._values(metric_id, period)
        mine = vals[vals.entity_id.isin(members)]
        counts = {r.entity_id: (int(r.numerator), int(r.denominator))
                  for r in mine.itertuples() if r.numerator is not None and pd.notna(r.numerator)}
        rates = {r.entity_id: float(r.value) for r in mine.itertuples() if r.entity_id not in counts}
        ranks = self._ranks(metric_id, period, kind)
        ranks = ranks[ranks.entity_id.isin(members) & (ranks["rank"].astype(int) > 0)]
        top = list(ranks.assign(rank=ranks["rank"].astype(int)).sort_values("rank").entity_id)
        upper, _ = self._bounds(metric_id, period, members)
        overall = vals[vals.entity_id == f"vn-{kind}"]
        return RateFacts(fixed_rate=rates, fixed_counts=counts, top=top, upper=upper,
                         aggregate=float(overall.value.iloc[0]) if not overall.empty else None)

    def only(self, metric_id: str, period: str) -> PublishedFacts:
        """The facts of one metric and period (what repeated calibrations of it read, quickly)."""
        def mine(frame):
            return frame[(frame.metric_id == metric_id) & (frame.period == period)]
        return PublishedFacts(mine(self.values), mine(self.ranks), mine(self.counts), mine(self.bounds))

    def record_facts_to_relax(self, metric_id: str, period: str, kind: str) -> frozenset[str]:
        """Places whose rank comes from the published record (a page, source 'web-…') and lies below
        the top run 1, 2, 3… (a bottom list included): left out when the demo cannot reproduce them all."""
        ranks = self._ranks(metric_id, period, kind)
        ranks = ranks.assign(rank=ranks["rank"].astype(int))
        ranked = ranks[ranks["rank"] > 0].sort_values("rank")
        run = {r.entity_id for i, r in enumerate(ranked.itertuples(), 1) if r.rank == i}
        counts = self.counts
        counts = counts[(counts.metric_id == metric_id) & (counts.period == period) & (counts.entity_kind == kind)]
        return frozenset([r.entity_id for r in ranks.itertuples()
                          if r.entity_id not in run and str(r.source_id).startswith("web-")]
                         + [c for c in counts.fact_id if str(c).startswith("record-")])

    def total(self, metric_id: str, period: str) -> float | None:
        """A published national total (entity 'vn') for a count."""
        vals = self._values(metric_id, period)
        row = vals[vals.entity_id == "vn"]
        return None if row.empty else float(row.value.iloc[0])

    def periods_with_facts(self, metric_id: str) -> set[str]:
        keys = set(self.values[self.values.metric_id == metric_id].period)
        keys |= set(self.ranks[self.ranks.metric_id == metric_id].period)
        keys |= set(self.bounds[self.bounds.metric_id == metric_id].period)
        return keys
