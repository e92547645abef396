"""What the published record gives once read and settled: the coverage of each index by year
("PAR INDEX 2023: 31 of 63 provinces published"), and why rows were set aside.

    python -m store.record_report [--en]     # prints both
"""
from __future__ import annotations

import sys
from collections import Counter
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from l10n import t
from metrics import catalogue
from store.published_record import Record, read_record
from store.record_conflicts import Settled, settle
from store.reference import load_reference

INDEXES = ("par_index", "sipas", "index766")

# Why a row of the record is not in the store: each code's words are l10n/strings.yaml's
# record_reason_<code>, in both languages (the data page shows them).
REASON_CODES = (
    "needs_metric", "no_metric", "government_tasks", "old_classification", "count_without_metric", "no_place",
    "partial_period", "snapshot", "period_uncertain", "period_unclear", "period_missing", "not_a_number",
    "unit_unclear", "field_max_unknown", "max_disagrees", "not_in_scheme", "direction_only", "out_of_range", "several_places",
    "unknown_place", "spam_mirror", "unknown_publisher", "before_first_year", "rate_without_counts", "not_calibrated",
)
REASONS = {code: (t(f"record_reason_{code}", "vi"), t(f"record_reason_{code}", "en")) for code in REASON_CODES}


@dataclass(frozen=True)
class Coverage:
    metric_id: str
    year: int
    kind: str
    published: int
    of: int

    def label(self, lang: str = "vi") -> str:
        return t("record_coverage_line", lang, metric=catalogue.get(self.metric_id).label(lang), year=self.year,
                 published=self.published, of=self.of, kinds=t(f"coverage_kinds_{self.kind}", lang))


@lru_cache(maxsize=1)
def _entities():
    return load_reference().entities


def _in_force(kind: str, year: int, metric_id: str) -> int:
    """How many units a yearly ranking of that year covers: the provinces or ranked ministries at its end."""
    entities = _entities()
    day = date(year, 12, 31).isoformat()
    live = entities[(entities.entity_kind == kind) & (entities.valid_from <= day) & (entities.valid_to >= day)]
    if kind == "ministry" and metric_id == "par_index":
        live = live[live.par_index_status == "ranked"]
    return len(live)


def coverage(settled: Settled) -> list[Coverage]:
    """Per index, kind and year: the places with a published yearly score or rank."""
    kinds = dict(zip(_entities().entity_id, _entities().entity_kind))
    seen: dict[tuple, set] = {}
    for item in [*settled.figures, *settled.ranks]:
        kind = kinds.get(item.entity_id)
        if item.metric_id in INDEXES and item.period.grain == "year" and kind in ("province", "ministry"):
            seen.setdefault((item.metric_id, item.period.start.year, kind), set()).add(item.entity_id)
    return [Coverage(m, y, k, len(ids), _in_force(k, y, m)) for (m, y, k), ids in sorted(seen.items())]


def summary(record: Record, settled: Settled, lang: str = "vi") -> list[str]:
    used = {(x.line.file, x.line.line) for x in [*record.figures, *record.ranks, *record.facts]}
    out = [f"{record.lines} rows, {len(used)} used: {len(settled.figures)} figures, {len(settled.ranks)} ranks, "
           f"{len(record.facts)} facts; {len(settled.conflicts)} conflicts; {len(record.documents)} source pages; "
           f"{record.lines - len(used)} rows set aside"]
    for reason, n in Counter(s.reason for s in record.set_aside).most_common():
        out.append(f"  set aside, {REASONS[reason][1 if lang == 'en' else 0]}: {n}")
    out += [c.label(lang) for c in coverage(settled)]
    return out


def main(argv: list[str] | None = None) -> int:
    lang = "en" if argv and "--en" in argv else "vi"
    record = read_record()
    for line in summary(record, settle(record), lang):
        print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
