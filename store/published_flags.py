"""Quality flags about the published figures themselves and what the demo makes of them: a
published rank or count the demo's calibration leaves out (unreproduced_flags), published
components that do not add up to their published index (component_flags)."""
from __future__ import annotations

import pandas as pd

from l10n import t
from l10n.formatting import format_number, format_value
from metrics import catalogue
from metrics.periods import parse
from store.published import PublishedFacts


def _fact_words(tag: str, metric_id: str, period: str, facts: PublishedFacts, names: dict, lang: str) -> str:
    """A relaxable fact in words: 'Đồng Nai hạng 32 (87,04)' or '7 đơn vị từ 90 điểm trở lên'."""
    if tag.startswith("record-"):
        c = facts.counts[facts.counts.fact_id == tag].iloc[0]
        key = "unreproduced_count_fact_ge" if c.kind == "count_ge" else "unreproduced_count_fact_lt"
        return t(key, lang, threshold=format_number(float(c.threshold), 0, lang), count=c["count"])
    r = facts.ranks
    row = r[(r.metric_id == metric_id) & (r.period == period) & (r.entity_id == tag)]
    rank = int(row["rank"].iloc[0]) if not row.empty else 0
    place = names.get(tag, (tag, tag))[1 if lang == "en" else 0]
    v = facts.values
    value = v[(v.metric_id == metric_id) & (v.period == period) & (v.entity_id == tag)]
    score = f" ({format_number(float(value.value.iloc[0]), 2, lang)})" if not value.empty else ""
    if rank == -1:
        return t("unreproduced_last_fact", lang, place=place, score=score)
    if rank < -1:
        return t("unreproduced_bottom_fact", lang, place=place, n=-rank, score=score)
    return t("unreproduced_rank_fact", lang, place=place, rank=rank, score=score)


def unreproduced_flags(unreproduced: list[tuple], facts: PublishedFacts, names: dict[str, tuple[str, str]]) -> list[dict]:
    """Each published rank or count the demo leaves out, as a flag naming it in words: the data
    page lists it, and the ranking shown for that year is the demo's, not that page's.
    unreproduced: (metric_id, period, kind, tag); names: entity id -> (Vietnamese, English)."""
    flags = []
    for metric_id, period, _kind, tag in unreproduced:
        words = {lang: t("unreproduced_left_out", lang, period=period,
                         fact=_fact_words(tag, metric_id, period, facts, names, lang)) for lang in ("vi", "en")}
        count = tag.startswith("record-")
        if count:
            row = facts.counts[facts.counts.fact_id == tag]
            stated = row["count"]
        else:
            r = facts.ranks
            row = r[(r.metric_id == metric_id) & (r.period == period) & (r.entity_id == tag)]
            stated = row["rank"]
        flags.append(dict(
            flag_id=f"{'count' if count else 'rank'}-unreproduced:{metric_id}:{period}:{tag}",
            entity_id=None if count else tag, metric_id=metric_id, period=period,
            kind="count_not_reproduced" if count else "rank_not_reproduced",
            stated_value=float(stated.iloc[0]) if not row.empty else None, computed_value=None,
            source_id=row.source_id.iloc[0] if not row.empty else None,
            message_vi=words["vi"], message_en=words["en"]))
    return flags



def _half_unit(value: float) -> float:
    """Half the last printed decimal of a figure: 9 -> 0,5; 15,7 -> 0,05; 57,04 -> 0,005."""
    decimals = next((d for d in range(5) if abs(round(value, d) - value) < 1e-9), 4)
    return 0.5 * 10 ** -decimals


def component_flags(published: pd.DataFrame, kinds: dict[str, str]) -> list[dict]:
    """Where a place's published components in points cannot add up to its published index,
    beyond the rounding of the printed figures: all of them known (published, or made of
    published parts) and their sum another figure (Hòa Bình, PAR INDEX 2023: 57,04 appraisal and
    8,19 + 18,34 + 4,32 survey points give 87,89, the index is 86,89), or the published ones alone
    above it. kinds: entity id -> kind of place."""
    values = {(r.entity_id, r.metric_id, r.period): (float(r.value), _half_unit(float(r.value)), r.source_id)
              for r in published.itertuples() if r.dimension_id == "" and pd.notna(r.value)}

    def known(entity_id, metric_id, period):
        """(value, rounding) published, or summed from published parts; None if neither."""
        if (entity_id, metric_id, period) in values:
            return values[(entity_id, metric_id, period)][:2]
        parts = catalogue.components(metric_id, parse(period).start, kinds.get(entity_id), unit="score")
        found = [known(entity_id, m.id, period) for m in parts]
        return (sum(v for v, _ in found), sum(r for _, r in found)) if parts and None not in found else None

    flags = []
    for (entity_id, metric_id, period), (total, rounding, source_id) in sorted(values.items()):
        kind = kinds.get(entity_id)
        parts = catalogue.components(metric_id, parse(period).start, kind, unit="score") if kind else []
        given = [g for g in (known(entity_id, m.id, period) for m in parts) if g is not None]
        found, slack = sum(v for v, _ in given), rounding + sum(r for _, r in given)
        if not given or (found <= total + slack if len(given) < len(parts) else abs(found - total) <= slack):
            continue
        metric = catalogue.get(metric_id)
        words = {lang: dict(found=format_value(found, "score", lang), total=format_value(total, "score", lang),
                            metric=metric.label(lang), n=len(given), of=len(parts)) for lang in ("vi", "en")}
        flags.append(dict(
            flag_id=f"components:{entity_id}:{metric_id}:{period}", entity_id=entity_id, metric_id=metric_id,
            period=period, kind="components_mismatch", stated_value=total, computed_value=round(found, 4),
            source_id=source_id,
            message_vi=t("components_mismatch_flag", "vi", **words["vi"]),
            message_en=t("components_mismatch_flag", "en", **words["en"])))
    return flags
