"""Names as typed -> the store's ids: places valid for the period, metrics, source documents.

Places are matched by metrics.names.place_key (no diacritics, case or 'Tỉnh'/'TP.' prefix), on
their Vietnamese and English names, full names, aliases ('TP HCM', 'BR-VT'), ministries'
abbreviations ('BTP') and ids. Among the units with that name, the one in force at the end of
the period is chosen: 'Tuyên Quang' for 2024-03 is the old province, for 2025-09 the merged one.
A name whose unit had gone by then is followed through the lineage to its successor, with a
notice ('Hà Giang' for 2025-09 -> Tuyên Quang).
"""
from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from datetime import date, datetime

import pandas as pd

from ingest import sql
from ingest.parse import Problem, parse_date
from metrics import catalogue
from metrics.catalogue import Metric
from metrics.names import fold, place_key
from metrics.periods import Period

AGGREGATE_WORDS = ("tong", "tong cong", "cong", "ca nuoc", "toan quoc", "tong so")
EXTRA_PREFIXES = ("uy ban nhan dan tinh ", "uy ban nhan dan thanh pho ", "ubnd tinh ", "ubnd tp ",
                  "ubnd ", "uy ban nhan dan ", "bo ")


def _day(value) -> date:
    """A plain date from a DATE column (pandas may hand back a Timestamp, a datetime or a date)."""
    if isinstance(value, datetime):
        return value.date()
    return value if isinstance(value, date) else pd.Timestamp(value).date()


@dataclass(frozen=True)
class Place:
    entity_id: str
    kind: str
    name: str
    name_en: str
    valid_from: date
    valid_to: date


@dataclass(frozen=True)
class Resolved:
    place: Place
    notice: tuple[str, dict] | None = None   # ('merged_into', params) when the lineage was followed


class PlaceIndex:
    def __init__(self, entities: pd.DataFrame, lineage: pd.DataFrame):
        self.places = {r.entity_id: Place(r.entity_id, r.entity_kind, r.name_vi, r.name_en,
                                          _day(r.valid_from), _day(r.valid_to))
                       for r in entities.itertuples()}
        self.successors = lineage.groupby("predecessor_id").successor_id.apply(list).to_dict()
        self.predecessors = lineage.groupby("successor_id").predecessor_id.apply(list).to_dict()
        self.by_key: dict[str, list[str]] = {}
        for r in entities.itertuples():
            names = [r.name_vi, r.name_en, r.full_name_vi, r.entity_id, r.abbr, r.code]
            names += str(r.aliases or "").split(";")
            for name in names:
                if isinstance(name, str) and name.strip():
                    self._add(place_key(name), r.entity_id)
                    if r.entity_kind == "ministry" and place_key(name).startswith("bo "):
                        self._add(place_key(name)[3:], r.entity_id)

    def _add(self, key: str, entity_id: str) -> None:
        ids = self.by_key.setdefault(key, [])
        if entity_id not in ids:
            ids.append(entity_id)

    def _candidates(self, text: str) -> list[str]:
        key = place_key(text)
        if key in self.by_key:
            return self.by_key[key]
        folded = fold(text)
        for prefix in EXTRA_PREFIXES:
            if folded.startswith(prefix) and place_key(folded[len(prefix):]) in self.by_key:
                return self.by_key[place_key(folded[len(prefix):])]
        return []

    def is_aggregate(self, text: str) -> bool:
        ids = self._candidates(text)
        return place_key(text) in AGGREGATE_WORDS or (bool(ids) and all(self.places[i].kind == "nation" for i in ids))

    def _in_force(self, entity_id: str, day: date) -> bool:
        p = self.places[entity_id]
        return p.valid_from <= day <= p.valid_to

    def _successor_at(self, entity_id: str, day: date) -> str | None:
        seen, todo = set(), [entity_id]
        while todo:
            current = todo.pop(0)
            if current in seen:
                continue
            seen.add(current)
            if current != entity_id and self._in_force(current, day):
                return current
            todo += self.successors.get(current, [])
        return None

    def resolve(self, text: str, period: Period) -> Resolved:
        """The unit in force at the end of the period; Problem('unknown_place'|'not_yet') if none."""
        ids = [i for i in self._candidates(text) if self.places[i].kind != "nation"]
        if not ids:
            raise Problem("unknown_place", raw=text, hint=self.hint(text))
        day = period.end
        for entity_id in ids:
            if self._in_force(entity_id, day):
                return Resolved(self.places[entity_id])
        for entity_id in ids:
            successor = self._successor_at(entity_id, day)
            if successor:
                place = self.places[successor]
                return Resolved(place, ("merged_into", {
                    "raw": text, "successor": place.name, "since": f"{place.valid_from:%d/%m/%Y}",
                    "period": period.label("vi")}))
        later = self.places[ids[0]]
        former = ", ".join(self.places[p].name for p in self.predecessors.get(later.entity_id, []))
        raise Problem("not_yet", name=later.name, since=f"{later.valid_from:%d/%m/%Y}",
                      period=period.label("vi"), former=former or "—")

    def hint(self, text: str) -> str:
        close = difflib.get_close_matches(place_key(text), list(self.by_key), n=3, cutoff=0.75)
        names = list(dict.fromkeys(self.places[self.by_key[k][0]].name for k in close))
        return f" Có phải: {', '.join(names)}?" if names else ""

    def names(self, kind: str | None = None) -> list[Place]:
        return [p for p in self.places.values() if p.kind != "nation" and (kind is None or p.kind == kind)]


class MetricIndex:
    def __init__(self, metrics: dict[str, Metric] | None = None):
        self.metrics = metrics or catalogue.catalogue()
        self.by_key: dict[str, str] = {}
        for m in self.metrics.values():
            for name in (m.id, m.label_vi, m.label_en):
                self.by_key.setdefault(_metric_key(name), m.id)

    def resolve(self, text: str) -> Metric:
        key = _metric_key(text)
        if key in self.by_key:
            return self.metrics[self.by_key[key]]
        raise Problem("unknown_metric", raw=text, hint=self.hint(text))

    def hint(self, text: str) -> str:
        close = difflib.get_close_matches(_metric_key(text), list(self.by_key), n=3, cutoff=0.7)
        names = list(dict.fromkeys(self.metrics[self.by_key[k]].label_vi for k in close))
        return f" Có phải: {', '.join(names)}?" if names else ""


def _metric_key(text: str) -> str:
    key = fold(text).replace("_", " ")
    key = re.sub(r"\(.*?\)|\[.*?\]|[%*:]", " ", key)
    return re.sub(r"\s+", " ", key).strip(" .,-")


@dataclass(frozen=True)
class SourceRef:
    source_id: str
    number: str | None
    title: str
    issued_on: date | None
    is_new: bool


NUMBER = re.compile(r"\b(\d+[a-zA-Z]?(?:/\d{4})?/[\wĐđ&\-]+(?:/[\wĐđ&\-]+)*)", re.UNICODE)


IMPORTED_NOTE = "Thêm khi nhập số liệu, đợt {batch}"


def _number_in(text: str) -> str | None:
    """'Báo cáo 125/BC-UBND ngày 05/10/2025' -> '125/BC-UBND' (a date is not a number)."""
    return next((m.group(1) for m in NUMBER.finditer(text) if re.search(r"[^\d/]", m.group(1))), None)


class SourceIndex:
    """Sources by id, number and title. A document number matches only the catalogue's own
    sources: report numbers such as 125/BC-UBND repeat from one agency to the next."""

    def __init__(self, sources: pd.DataFrame):
        self.sources = sources
        self.by_key: dict[str, str] = {}
        for r in sources.itertuples():
            imported = isinstance(r.batch_id, str)  # added by an import: its number may repeat
            for name in (r.source_id, None if imported else r.number, r.title_vi):
                if isinstance(name, str) and name.strip():
                    self.by_key.setdefault(fold(name), r.source_id)
        self._dates = {r.source_id: (_day(r.issued_on) if pd.notna(r.issued_on) else None)
                       for r in sources.itertuples()}

    def resolve(self, text: str) -> SourceRef:
        """An existing source (by id, number or title), or a new 'report' row to add."""
        text = re.sub(r"\s+", " ", str(text)).strip()
        number = _number_in(text)
        found = self.by_key.get(fold(text)) or (self.by_key.get(fold(number)) if number else None)
        if found:
            row = self.sources[self.sources.source_id == found].iloc[0]
            return SourceRef(found, row.number if isinstance(row.number, str) else None, row.title_vi,
                             self._dates.get(found), False)
        source_id = number if number and number not in self._dates else f"import-{_short_hash(text)}"
        return SourceRef(source_id, number, text, parse_date(text), True)

    def date_of(self, source_id: str | None) -> date | None:
        return self._dates.get(source_id)


def _short_hash(text: str) -> str:
    import hashlib

    return hashlib.sha1(fold(text).encode()).hexdigest()[:8]


@dataclass(frozen=True)
class Indexes:
    """What the store knows that a file's names are matched against."""
    places: PlaceIndex
    metrics: MetricIndex
    sources: SourceIndex
    services: frozenset[str]


def load(store) -> Indexes:
    """Everything resolution needs, read once from the store (anything with .query)."""
    return Indexes(PlaceIndex(store.query(sql.ENTITIES), store.query(sql.LINEAGE)), MetricIndex(),
                     SourceIndex(store.query(sql.SOURCES)),
                     frozenset(str(s) for s in store.query(sql.SERVICES).service_id))
