"""An independent oracle for what the pages should show: figures read straight from the store's
views with plain SQL, and ranks, rank changes, region ranks, gaps and movers worked out here in a
few lines of plain Python, not by metrics/ (whose answers the tests hold against these).

The rules written once more, on purpose, in their simplest form:
- a place's rank is 1 + the number of places strictly better at the shown precision (2 decimals),
  where better is higher or lower as the metric says; ties share a rank (1, 2=, 2=, 4);
- its rank change is its previous rank minus its rank (▲ up, ▼ down, – same);
- the next place is the place one rank above (the last of that rank in name order).
"""
from __future__ import annotations

from dataclasses import dataclass

import duckdb

from metrics import catalogue
from metrics.periods import parse

VIEW = {"2025": "kpi_observations_2025", "time": "kpi_observations"}


@dataclass(frozen=True)
class Place:
    entity_id: str
    name: str
    region_id: str | None
    value: float
    estimated: bool


def figures(store_path, metric_id: str, period: str, kind: str, boundary: str = "2025",
            dimension: str = "") -> dict[str, Place]:
    """Every place's figure for one metric and period, from the analysts' view of that map."""
    estimated = "estimated" if boundary == "2025" else "false"
    con = duckdb.connect(str(store_path), read_only=True)
    try:
        rows = con.execute(
            f"SELECT entity_id, entity_name, region_id, value, {estimated} FROM {VIEW[boundary]} "
            "WHERE metric_id = ? AND period = ? AND entity_kind = ? AND dimension_id = ? AND value IS NOT NULL",
            [metric_id, period, kind, dimension]).fetchall()
    finally:
        con.close()
    return {r[0]: Place(r[0], r[1], r[2], float(r[3]), bool(r[4])) for r in rows}


def _better(metric_id: str):
    higher = catalogue.get(metric_id).direction == "higher"
    return (lambda a, b: round(a, 2) > round(b, 2)) if higher else (lambda a, b: round(a, 2) < round(b, 2))


def ranks(places: dict[str, Place], metric_id: str) -> dict[str, int]:
    better = _better(metric_id)
    return {e: 1 + sum(better(o.value, p.value) for o in places.values()) for e, p in places.items()}


def region_ranks(places: dict[str, Place], metric_id: str) -> dict[str, int]:
    better = _better(metric_id)
    return {e: 1 + sum(better(o.value, p.value) for o in places.values() if o.region_id == p.region_id)
            for e, p in places.items()}


def rank_label(rank: int, all_ranks) -> str:
    return f"{rank}=" if list(all_ranks).count(rank) > 1 else str(rank)


def arrow(change: int | None) -> str:
    if change is None:
        return ""
    return f"▲{change}" if change > 0 else f"▼{-change}" if change < 0 else "–"


@dataclass(frozen=True)
class Ranked:
    """One metric in one period as the rankings page must show it."""
    places: dict[str, Place]
    rank: dict[str, int]
    region_rank: dict[str, int]
    previous_rank: dict[str, int]
    previous: dict[str, Place]

    def change(self, entity_id: str) -> int | None:
        before = self.previous_rank.get(entity_id)
        return None if before is None else before - self.rank[entity_id]

    def label(self, entity_id: str) -> str:
        return rank_label(self.rank[entity_id], self.rank.values())

    def next_above(self, entity_id: str) -> Place | None:
        mine = self.rank[entity_id]
        above = [e for e, r in self.rank.items() if r < mine]
        if not above:
            return None
        nearest = max(self.rank[e] for e in above)
        return self.places[max((e for e in above if self.rank[e] == nearest), key=lambda e: self.places[e].name)]

    def best(self) -> Place:
        return self.places[min(self.rank, key=lambda e: (self.rank[e], self.places[e].name))]


def ranked(store_path, metric_id: str, period: str, kind: str, boundary: str = "2025", dimension: str = "") -> Ranked:
    now = figures(store_path, metric_id, period, kind, boundary, dimension)
    before = figures(store_path, metric_id, parse(period).previous().key, kind, boundary, dimension)
    return Ranked(now, ranks(now, metric_id), region_ranks(now, metric_id), ranks(before, metric_id), before)


def movers(r: Ranked, metric_id: str) -> tuple[float | None, float | None]:
    """The biggest improvement and the biggest fall (as changes of the value, signed as the value
    moved), direction-aware: for a lower-is-better metric a fall of the value is an improvement."""
    sign = 1 if catalogue.get(metric_id).direction == "higher" else -1
    moved = {e: r.places[e].value - r.previous[e].value for e in r.places if e in r.previous}
    ups = [c for c in moved.values() if c * sign > 0]
    downs = [c for c in moved.values() if c * sign < 0]
    return (max(ups, key=lambda c: c * sign) if ups else None,
            min(downs, key=lambda c: c * sign) if downs else None)


def shown_sources(store_path, metric_id: str, period: str, kind: str, boundary: str = "2025",
                  lang: str = "vi") -> tuple[set[str], bool]:
    """The documents behind a ranking as a chart names them ('766/QĐ-TTg — Quyết định phê duyệt
    Bộ chỉ số… (23/06/2022)': number and short title, else the whole title, and date), the
    metric's own document included, and whether any figure is demo."""
    sources = "unnest(source_ids)" if boundary == "2025" else "source_id"
    con = duckdb.connect(str(store_path), read_only=True)
    try:
        ids = {r[0] for r in con.execute(
            f"SELECT DISTINCT {sources} FROM {VIEW[boundary]} WHERE metric_id = ? AND period = ? "
            "AND entity_kind = ? AND dimension_id = '' AND value IS NOT NULL", [metric_id, period, kind]).fetchall()}
        demo = con.execute(f"SELECT bool_or(status = 'demo') FROM {VIEW[boundary]} WHERE metric_id = ? "
                           "AND period = ? AND entity_kind = ? AND dimension_id = ''", [metric_id, period, kind]).fetchone()[0]
        ids = (ids | {catalogue.get(metric_id).source}) - {"demo"}  # demo is said by the mark, not as a source
        rows = con.execute("SELECT number, title_vi, title_en, strftime(issued_on, '%d/%m/%Y') FROM kpi_sources "
                           "WHERE source_id IN (SELECT unnest(?))", [sorted(i for i in ids if i)]).fetchall()
    finally:
        con.close()
    names = {_document(n, te if lang == "en" and te else tv) + (f" ({d})" if d else "") for n, tv, te, d in rows}
    return names, bool(demo)


def _document(number: str | None, title: str) -> str:
    """A document as a reader sees it: its number and its title cut before 70 characters at a
    word ('876/QĐ-BNV — Quyết định phê duyệt Đề án Xác định Chỉ số cải cách hành chính của…'), or
    its whole title when it has no number."""
    title = " ".join(title.split())
    if not number:
        return title
    if len(title) > 70:
        title = title[:70].rsplit(" ", 1)[0].rstrip(",;:—-") + "…"
    return f"{number} — {title}"
