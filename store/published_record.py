"""The published record (data/published_record/*.csv, 639 figures found in public pages) read into
what the store keeps: figures, ranks without scores, facts the demo must reproduce (group
counts, changes, bounds, bottom lists, ranges), every page as a source document, and every row
that cannot be used set aside with its reason. Which catalogue metric each printed metric is,
and how to read it, is data/published_record/metric_map.csv; who published each page,
publishers.csv. Conflicts between pages are settled in record_conflicts.py.

    record = read_record()
    record.figures, record.ranks, record.facts, record.set_aside, record.documents
    python -m store.record_report            # what was read, kept, set aside and why; coverage
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from metrics import catalogue
from metrics.periods import Period
from store.record_places import RecordPlaces, split_names
from store.record_sources import RECORD_DIR, Document, document
from store.record_values import Unread, labelled_counts, number, numbers, period, rank

FILES = ("par_index_provinces.csv", "par_index_ministries.csv", "sipas_provinces.csv", "index766.csv",
         "online_services.csv", "p06.csv", "tasks.csv")
KIND_OF_FILE = {"par_index_ministries.csv": "ministry"}
FIELD_MAX_POINTS = 20   # no PAR INDEX field is worth more: a unitless field value above it is a percentage
VALUE_ROLES = ("score", "rate", "component", "field", "field_pct", "field_points", "average", "regional_average")


@dataclass(frozen=True)
class Line:
    """One row of a record file, with what metric_map.csv says of its metric."""
    file: str
    line: int                 # the line in the CSV file (the header is line 1)
    entity: str
    metric: str
    period: str
    value: str
    rank: str
    rank_of: str
    quote: str
    url: str
    page_date: str
    note: str
    role: str
    metric_id: str
    max: str
    reason: str


@dataclass(frozen=True)
class Figure:
    entity_id: str
    metric_id: str
    period: Period
    value: float | None
    numerator: float | None
    denominator: float | None
    doc: Document
    line: Line
    note: str = ""


@dataclass(frozen=True)
class Rank:
    entity_id: str
    metric_id: str
    period: Period
    rank: int
    rank_of: int | None
    doc: Document
    line: Line
    entity_kind: str = "province"     # ranks are among provinces or among ministries


@dataclass(frozen=True)
class Fact:
    kind: str                 # count_ge | count_lt | count_rose | count_fell | change | bottom | range | bound
    metric_id: str
    period: Period
    entity_kind: str
    entity_ids: tuple[str, ...]
    values: tuple[float, ...]  # the threshold and count, the change, the bound, min and max …
    doc: Document
    line: Line
    comparison: str = ""


@dataclass(frozen=True)
class SetAside:
    line: Line
    reason: str
    detail: str = ""


@dataclass
class Record:
    figures: list[Figure] = field(default_factory=list)
    ranks: list[Rank] = field(default_factory=list)
    facts: list[Fact] = field(default_factory=list)
    set_aside: list[SetAside] = field(default_factory=list)
    documents: dict[str, Document] = field(default_factory=dict)
    lines: int = 0


def read_lines(record_dir: Path = RECORD_DIR) -> list[Line]:
    """Every row of the record files joined to metric_map.csv (a row it does not list is an error)."""
    mapping = pd.read_csv(record_dir / "metric_map.csv", dtype=str, keep_default_na=False)
    known = {(r.file, r.metric): r for r in mapping.itertuples()}
    out = []
    for name in FILES:
        frame = pd.read_csv(record_dir / name, dtype=str, keep_default_na=False)
        for i, r in enumerate(frame.itertuples(index=False), start=2):
            m = known.get((name, r.metric))
            if m is None:
                raise KeyError(f"{name} line {i}: metric “{r.metric}” is not in metric_map.csv")
            out.append(Line(name, i, r.entity, r.metric, r.period, r.value, r.rank, r.rank_of, r.quote, r.url,
                            r.page_date, r.note, m.role, m.metric_id, m.max, m.reason))
    return out


class _Reader:
    def __init__(self, places: RecordPlaces, record: Record):
        self.places, self.record = places, record

    def aside(self, line: Line, reason: str, detail: str = "") -> None:
        self.record.set_aside.append(SetAside(line, reason, detail))

    def _kind(self, line: Line) -> str:
        return KIND_OF_FILE.get(line.file, "province")

    def _place(self, line: Line, name: str, at: Period) -> str | None:
        if line.role == "regional_average":
            return self.places.region(name)
        average = line.role in ("average", "change") or line.metric_id in ("par_index", "sipas", "index766")
        found = self.places.aggregate(name, self._kind(line), average)
        return found if found or line.role == "average" else self.places.entity(name, at.end)

    def _value(self, line: Line, metric) -> tuple[float | None, str]:
        value = number(line.value, count=metric.unit == "count")
        if value is None:
            return None, ""
        top = float(line.max) if line.max else None
        if line.role == "field" and value <= FIELD_MAX_POINTS:
            return None, "unit_unclear"
        if line.role == "field_points":
            if top is None:
                return None, "field_max_unknown"
            return 100.0 * value / top, f"công bố {line.value}/{line.max} điểm"
        return value, ""

    def read(self, line: Line) -> None:
        if line.reason:
            return self.aside(line, line.reason)
        doc = document(line.url, line.page_date)
        if doc is None or doc.publisher.rank is None:
            return self.aside(line, "spam_mirror" if doc else "unknown_publisher", doc.publisher.name_vi if doc else line.url)
        at = period(line.period)
        if isinstance(at, Unread):
            return self.aside(line, at.reason, line.period)
        metric = catalogue.catalogue().get(line.metric_id)
        if metric is None:
            return self.aside(line, "needs_metric", line.metric_id)
        self.record.documents[doc.source_id] = doc
        handler = getattr(self, f"_{line.role}", None) or (self._figure if line.role in VALUE_ROLES else None)
        handler(line, metric, at, doc)

    def _figure(self, line, metric, at, doc) -> None:
        names = split_names(line.entity)
        if len(names) != 1:
            return self.aside(line, "several_places")
        entity_id = self._place(line, names[0], at)
        if entity_id is None:
            return self.aside(line, "unknown_place", line.entity)
        if not line.value.strip() and line.rank.strip() and line.role in ("score", "field", "field_pct"):
            return self._rank(line, metric, at, doc)   # the page gave the rank, not the score
        value, note = self._value(line, metric)
        if value is None:
            return self.aside(line, note or "not_a_number", line.value)
        if line.role == "rate" and at.grain != "year":
            # a month's or quarter's figures are counts, summed into years and merged provinces:
            # a rate printed without its counts cannot join them
            return self.aside(line, "rate_without_counts", line.value)
        top = float(line.max) if line.role == "component" and line.max else (metric.max_value or 100.0)
        if line.role == "component":
            scheme = metric.max_at(at.start, self.places.kind(entity_id))
            if scheme is None:
                return self.aside(line, "not_in_scheme", f"{metric.id} {at.key}")
            if line.max and abs(scheme - top) > 1e-9:
                return self.aside(line, "max_disagrees", f"{line.max} ≠ {scheme:g}")
            top = scheme
        if not 0 <= value <= top:
            return self.aside(line, "out_of_range", f"{line.value} (0–{top:g})")
        self.record.figures.append(Figure(entity_id, metric.id, at, value, None, None, doc, line, note))
        ranked = line.role in ("score", "field", "field_pct", "field_points")
        if ranked and (r := rank(line.rank, _int(line.rank_of))) is not None:
            self.record.ranks.append(Rank(entity_id, metric.id, at, r, _int(line.rank_of), doc, line,
                                          self.places.kind(entity_id)))

    def _rank(self, line, metric, at, doc) -> None:
        entity_id = self.places.entity(line.entity, at.end)
        if entity_id is None:
            return self.aside(line, "unknown_place", line.entity)
        found = rank(line.rank, _int(line.rank_of))
        if found is None:
            return self.aside(line, "not_a_number", line.rank)
        self.record.ranks.append(Rank(entity_id, metric.id, at, found, _int(line.rank_of), doc, line,
                                      self.places.kind(entity_id)))

    def _fact(self, line, kind, metric, at, doc, ids=(), values=(), comparison="", entity_kind=None) -> None:
        self.record.facts.append(Fact(kind, metric.id, at, entity_kind or self._kind(line), tuple(ids), tuple(values),
                                      doc, line, comparison))

    def _group_counts(self, line, metric, at, doc) -> None:
        counts = dict(labelled_counts(line.value))
        a, b, c = (counts.get(k) for k in ("A", "B", "C"))
        a = counts.get(">90%", a)
        b = counts.get("80–90%", b)
        c = counts.get("<80%", c)
        if a is None and c is None:
            return self.aside(line, "not_a_number", line.value)
        if a is not None:
            self._fact(line, "count_ge", metric, at, doc, values=(90, a))
        if a is not None and b is not None:
            self._fact(line, "count_ge", metric, at, doc, values=(80, a + b))
        if c is not None:
            self._fact(line, "count_lt", metric, at, doc, values=(80, c))

    def _change(self, line, metric, at, doc) -> None:
        value = number(line.value)
        entity_id = self._place(line, line.entity, at)
        if value is None or entity_id is None:
            return self.aside(line, "not_a_number" if value is None else "unknown_place", line.value)
        self._fact(line, "change", metric, at, doc, (entity_id,), (value,))

    def _places_listed(self, line, at) -> list[str] | None:
        """The listed places found; an unknown name is set aside (with the line) by name."""
        names = split_names(line.entity)
        ids = [self.places.entity(n, at.end) for n in names]
        unknown = [n for n, i in zip(names, ids) if i is None]
        if unknown:
            self.aside(line, "unknown_place", "; ".join(unknown))
        found = [i for i in ids if i]
        return found or None

    def _bound(self, line, metric, at, doc) -> None:
        raw = line.value.strip()
        value = number(raw.lstrip("<>"))
        if value is None or raw[:1] not in "<>":
            return self.aside(line, "not_a_number", raw)
        ids = self._places_listed(line, at)
        if ids is None:
            return
        self._fact(line, "bound", metric, at, doc, ids, (value,), raw[0])

    def _bottom_set(self, line, metric, at, doc) -> None:
        ids = self._places_listed(line, at)
        if ids is None:
            return
        self._fact(line, "bottom", metric, at, doc, ids, (len(split_names(line.entity)),))

    def _range(self, line, metric, at, doc) -> None:
        found = numbers(line.value)
        if len(found) < 2 or None in found[:2]:
            return self.aside(line, "not_a_number", line.value)
        self._fact(line, "range", metric, at, doc, values=tuple(found[:2]))

    def _count_fact(self, line, metric, at, doc) -> None:
        found = numbers(line.value)
        if len(found) != 2 or None in found:
            return self.aside(line, "not_a_number", line.value)
        self._fact(line, "count_rose", metric, at, doc, values=(found[0],))
        self._fact(line, "count_fell", metric, at, doc, values=(found[1],))

    def _counts(self, line, metric, at, doc) -> None:
        found = [number(p, count=True) for p in line.value.split("/")]
        entity_id = self.places.entity(line.entity, at.end)
        if len(found) != 3 or None in found or entity_id is None:
            return self.aside(line, "not_a_number" if entity_id else "unknown_place", line.value)
        _received, handled, on_time = found
        self.record.figures.append(Figure(entity_id, metric.id, at, 100.0 * on_time / handled, on_time, handled, doc, line,
                                          f"{line.value}: đúng hạn / đã giải quyết"))


def _int(text) -> int | None:
    text = str(text or "").strip()
    return int(text) if text.isdigit() else None


def read_record(record_dir: Path = RECORD_DIR, places: RecordPlaces | None = None) -> Record:
    """Every line of the record read: each is a figure, rank or fact, or set aside with a reason."""
    record = Record()
    reader = _Reader(places or RecordPlaces(), record)
    lines = read_lines(record_dir)
    record.lines = len(lines)
    for line in lines:
        reader.read(line)
    return record
