"""The settled published record as rows shaped like data/published*.csv, merged with them.

The curated files (data/published.csv and its companions) keep precedence: a record figure for a
key they already have is dropped, and listed as a conflict when its value differs. What is left
joins them, so that the build stores it, and the demo is calibrated to it, the same way.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pandas as pd

from metrics import catalogue
from metrics.paths import DATA_DIR
from store.published_record import read_record
from store.record_conflicts import SAME, Settled, settle
from store.record_sources import CLASS_WORDS, preference
from store.reference import read_csv

QUOTE_CHARS = 240
# The indices whose demo is calibrated place by place (store/demo_yearly.py, store/demo_766.py): the record's
# ranks, bottom lists, counts and bounds of them join the calibration; of other metrics they are
# kept as published rows the demo is not bent to (set_aside, reason 'not_calibrated').
# (metric: the grains calibrated)
CALIBRATED = {"par_index": ("year",), "sipas": ("year",), "index766": ("year", "month")}


@lru_cache(maxsize=1)
def first_year() -> int:
    """The first year of the demo data (data/demo.yaml): the record's figures before it are set
    aside, since no ranking of that year can be shown without the places it does not name."""
    import yaml

    return int(yaml.safe_load((DATA_DIR / "demo.yaml").read_text(encoding="utf-8"))["first_year"])


def _in_window(item) -> bool:
    return item.period.start.year >= first_year()


def _calibrated(item) -> bool:
    return item.period.grain in CALIBRATED.get(item.metric_id, ()) and _in_window(item)


def _quote(line) -> str:
    text = " ".join(str(line.quote).split())
    return text if len(text) <= QUOTE_CHARS else text[: QUOTE_CHARS - 1] + "…"


@lru_cache(maxsize=2)
def _record(record_dir: Path | None = None):
    return read_record(record_dir) if record_dir else read_record()


def settled_record(record_dir: Path | None = None) -> Settled:
    return settle(_record(record_dir))


def _subjects(settled: Settled) -> dict[str, str]:
    """Each page's short title: the metrics and years it gives ('PAR INDEX 2023, SIPAS 2023')."""
    given: dict[str, set] = {}
    for item in [*settled.figures, *settled.ranks]:
        given.setdefault(item.doc.source_id, set()).add((catalogue.get(item.metric_id).label_vi, item.period.label("vi")))
    return {sid: ", ".join(f"{m} {p.removeprefix('Năm ')}" for m, p in sorted(pairs)[:3]) for sid, pairs in given.items()}


def sources(settled: Settled, keep=lambda item: True) -> pd.DataFrame:
    """Every page a kept figure or rank comes from, shaped like data/sources.csv."""
    subjects, rows = _subjects(settled), []
    used = {item.doc.source_id: item.doc for item in [*settled.figures, *settled.ranks] if keep(item)}
    for sid, doc in sorted(used.items()):
        subject = subjects.get(sid, "")
        rows.append(dict(source_id=sid, number="", title_vi=doc.title(subject, "vi"), title_en=doc.title(subject, "en"),
                         issuer=doc.publisher.name_vi, issued_on=doc.page_date.isoformat() if doc.page_date else "",
                         url=doc.url, kind="press",
                         note=f"Bộ số liệu công bố (data/published_record); {CLASS_WORDS[doc.publisher.klass][0]}"))
    return pd.DataFrame(rows)


def figures(settled: Settled, curated: pd.DataFrame) -> tuple[pd.DataFrame, list[dict]]:
    """The record's figures not already curated (rows of published.csv), and the conflicts with the curated."""
    have = {(r.entity_id, r.metric_id, r.period): r for r in curated.itertuples()}
    rows, conflicts = [], []
    for f in (f for f in settled.figures if _in_window(f)):
        old = have.get((f.entity_id, f.metric_id, f.period.key))
        if old is not None:
            value = float(old.value) if old.value else None
            if value is not None and abs(value - f.value) >= SAME:
                conflicts.append(dict(entity_id=f.entity_id, metric_id=f.metric_id, period=f.period.key,
                                      kept_value=value, kept_source_id=old.source_id, other_value=f.value,
                                      other_source_id=f.doc.source_id,
                                      note_vi="Bộ số liệu công bố ghi khác; giữ số đã đối chiếu.",
                                      note_en="The published record differs; the checked figure is kept."))
            continue
        rows.append(dict(entity_id=f.entity_id, metric_id=f.metric_id, dimension_id="", period=f.period.key,
                         value=f.value if f.numerator is None else "", numerator=f.numerator or "",
                         denominator=f.denominator or "", stated_value="", source_id=f.doc.source_id,
                         note=_quote(f.line)))
    return pd.DataFrame(rows, columns=curated.columns).fillna(""), conflicts


def ranks(settled: Settled, curated: pd.DataFrame) -> pd.DataFrame:
    """The record's ranks (last as -1, a bottom list of n as -n), those not curated already."""
    have = {(r.metric_id, r.period, r.entity_id) for r in curated.itertuples()}
    rows = []
    for r in (r for r in settled.ranks if _calibrated(r)):
        if (r.metric_id, r.period.key, r.entity_id) in have:
            continue
        rank = -1 if r.rank_of and r.rank == r.rank_of else r.rank
        rows.append(dict(metric_id=r.metric_id, period=r.period.key, entity_kind=r.entity_kind, entity_id=r.entity_id,
                         rank=rank, source_id=r.doc.source_id, note=_quote(r.line)))
    return pd.DataFrame(rows, columns=curated.columns).astype(str)


def bottom_ranks(settled_facts, curated: pd.DataFrame) -> pd.DataFrame:
    """A published bottom list of n places as ranks -n (somewhere in the bottom n), not curated already."""
    have = {(r.metric_id, r.period, r.entity_id) for r in curated.itertuples()}
    rows = [dict(metric_id=f.metric_id, period=f.period.key, entity_kind=f.entity_kind, entity_id=e,
                 rank=str(-int(f.values[0])), source_id=f.doc.source_id, note=_quote(f.line))
            for f in settled_facts if f.kind == "bottom" and _calibrated(f) for e in f.entity_ids
            if (f.metric_id, f.period.key, e) not in have]
    return pd.DataFrame(rows, columns=curated.columns).astype(str)


def counts(record_facts, curated: pd.DataFrame) -> pd.DataFrame:
    """Group counts ('13 provinces in group A') as count facts, those not curated already."""
    have = {(r.metric_id, r.period, r.entity_kind, r.kind, r.threshold) for r in curated.itertuples()}
    rows = []
    # the best page first: another page's count of the same places is the same fact, or a conflict
    for f in sorted(record_facts, key=lambda f: preference(f.doc)):
        if f.kind not in ("count_ge", "count_lt") or not _calibrated(f):
            continue
        threshold = f"{f.values[0]:g}"
        key = (f.metric_id, f.period.key, f.entity_kind, f.kind, threshold)
        if key in have:
            continue
        have.add(key)
        rows.append(dict(fact_id=f"record-{f.metric_id}-{f.period.key}-{f.entity_kind}-{f.kind}-{threshold}",
                         metric_id=f.metric_id,
                         period=f.period.key, entity_kind=f.entity_kind, kind=f.kind, threshold=threshold,
                         count=str(int(f.values[1])), source_id=f.doc.source_id, note_vi=_quote(f.line),
                         note_en=_quote(f.line)))
    return pd.DataFrame(rows, columns=curated.columns).astype(str)


def bounds(record_facts, curated: pd.DataFrame) -> pd.DataFrame:
    """'<10', '>50' for the places listed, as bounds ('>' becomes '>=' a hundredth above)."""
    have = {(r.metric_id, r.period, r.entity_id) for r in curated.itertuples()}
    rows = []
    for f in record_facts:
        if f.kind != "bound" or not _calibrated(f):
            continue
        comparison, bound = ("<", f.values[0]) if f.comparison == "<" else (">=", f.values[0] + 0.01)
        rows += [dict(metric_id=f.metric_id, period=f.period.key, entity_id=e, comparison=comparison,
                      bound=f"{bound:g}", source_id=f.doc.source_id, note=_quote(f.line))
                 for e in f.entity_ids if (f.metric_id, f.period.key, e) not in have]
    return pd.DataFrame(rows, columns=curated.columns).astype(str)


def merged(data_dir: Path = DATA_DIR) -> dict[str, pd.DataFrame]:
    """data/published*.csv with the published record's rows added (curated rows first), the
    record's pages as sources, and the conflicts between the record and the curated files."""
    record_dir = data_dir / "published_record"
    names = ("published.csv", "published_ranks.csv", "published_facts.csv", "published_bounds.csv",
             "source_conflicts.csv", "sources.csv")
    out = {name: read_csv(name, data_dir) for name in names}
    if not (record_dir / "metric_map.csv").exists():
        return out
    settled = settled_record(record_dir)
    facts = _record(record_dir).facts
    extra, conflicts = figures(settled, out["published.csv"])
    out["published.csv"] = pd.concat([out["published.csv"], extra.astype(str)], ignore_index=True)
    ranked = ranks(settled, out["published_ranks.csv"])
    out["published_ranks.csv"] = pd.concat([out["published_ranks.csv"], ranked,
                                            bottom_ranks(facts, pd.concat([out["published_ranks.csv"], ranked]))],
                                           ignore_index=True)
    out["published_facts.csv"] = pd.concat([out["published_facts.csv"], counts(facts, out["published_facts.csv"])],
                                           ignore_index=True)
    out["published_bounds.csv"] = pd.concat([out["published_bounds.csv"], bounds(facts, out["published_bounds.csv"])],
                                            ignore_index=True)
    record_conflicts = [dict(entity_id=c.other.entity_id, metric_id=c.other.metric_id, period=c.other.period.key,
                             kept_value=_value_of(c.kept), kept_source_id=c.kept.doc.source_id,
                             other_value=_value_of(c.other), other_source_id=c.other.doc.source_id,
                             note_vi=CONFLICT_WORDS[c.reason][0], note_en=CONFLICT_WORDS[c.reason][1])
                        for c in settled.conflicts]
    out["source_conflicts.csv"] = pd.concat([out["source_conflicts.csv"],
                                             pd.DataFrame(conflicts + record_conflicts).astype(str)], ignore_index=True)
    in_use = {x.doc.source_id for x in [*settled.figures, *settled.ranks, *facts] if _in_window(x)}
    out["sources.csv"] = pd.concat([out["sources.csv"],
                                    sources(settled, lambda item: item.doc.source_id in in_use).astype(str)],
                                   ignore_index=True)
    return out


CONFLICT_WORDS = {
    "lower_source": ("Trang khác (thứ bậc nguồn thấp hơn) ghi khác; giữ số của trang chính thức hơn.",
                     "Another page (a lower-ranked source) differs; the more official page's figure is kept."),
    "later_page": ("Trang đăng sau ghi khác; giữ số của trang đăng trước (bản công bố).",
                   "A later page differs; the earlier page's figure (the release) is kept."),
    "contradicts_scores": ("Thứ hạng trái với điểm số đã công bố của các nơi khác; không dùng.",
                           "The rank contradicts the published scores of other places; not used."),
}


def unused(record, settled: Settled) -> list[tuple]:
    """(line, reason) of what the record gives that the store does not use: figures before the
    first year, and the ranks, counts and bounds the demo is not calibrated to."""
    out = [(f.line, "before_first_year") for f in settled.figures if not _in_window(f)]
    out += [(r.line, "before_first_year" if not _in_window(r) else "not_calibrated")
            for r in settled.ranks if not _calibrated(r)]
    out += [(f.line, "before_first_year" if not _in_window(f) else "not_calibrated") for f in record.facts
            if f.kind in ("bottom", "count_ge", "count_lt", "bound") and not _calibrated(f)]
    out += [(f.line, "not_calibrated") for f in record.facts if f.kind in ("change", "range", "count_rose", "count_fell")]
    return out


def _value_of(item) -> float:
    return getattr(item, "value", None) if hasattr(item, "value") else item.rank


def set_aside(data_dir: Path = DATA_DIR) -> pd.DataFrame:
    """Every row of the record the store does not use, with its reason in both languages."""
    from store.record_report import REASONS

    record_dir = data_dir / "published_record"
    columns = ["file", "line", "entity", "metric", "period", "value", "reason", "reason_vi", "reason_en", "url", "quote"]
    if not (record_dir / "metric_map.csv").exists():
        return pd.DataFrame(columns=columns)
    record = _record(record_dir)
    found = [(s.line, s.reason) for s in record.set_aside] + unused(record, settled_record(record_dir))
    rows, seen = [], set()
    for line, reason in found:
        if (line.file, line.line, reason) in seen:
            continue
        seen.add((line.file, line.line, reason))
        rows.append(dict(file=line.file, line=line.line, entity=line.entity, metric=line.metric, period=line.period,
                         value=line.value or line.rank, reason=reason, reason_vi=REASONS[reason][0],
                         reason_en=REASONS[reason][1], url=line.url, quote=_quote(line)))
    return pd.DataFrame(rows, columns=columns).sort_values(["file", "line"], ignore_index=True)
