"""A form's reporting unit and its rows, as places of the store.

The title block names the province or ministry ("UBND TỈNH TUYÊN QUANG", "BỘ TƯ PHÁP") and, under
it, the office that wrote the report ("SỞ TƯ PHÁP"). Rows name, within that province:
  communes and wards, with or without "UBND", "xã", "phường":  "UBND xã Lũng Cú", "Lũng Cú";
  departments and other units ("Sở Tư pháp", "Trung tâm Phục vụ hành chính công", "Công an
  tỉnh"; districts before July 2025): agencies of the province (entity kind 'agency', parent the
  province), added to the store the first time a form names them, so that an office can rank
  its own departments. A ministry's rows (its Cục, Vụ, Tổng cục) are agencies of the ministry.
The total row is the province or ministry when the rows are units, the reporting office itself
when they are its fields of work. A row that matches nothing is a problem naming it.
"""
from __future__ import annotations

import difflib
from dataclasses import dataclass
from datetime import date

from ingest.forms import sql
from ingest.forms.base import Indexes, Problem
from ingest.forms.title import Line
from ingest.forms.words import starts_with, words
from metrics.periods import Period

OFFICE_PREFIXES = ("uy ban nhan dan", "ubnd", "uy ban")
COMMUNE_TYPES = ("xa", "phuong", "dac khu", "thi tran")
DISTRICT_TYPES = ("huyen", "thi xa", "thanh pho", "quan")
AGENCY_TYPES = ("so", "ban quan ly", "ban dan toc", "ban", "van phong", "thanh tra", "trung tam", "cong an",
                "tong cuc", "chi cuc", "cuc", "vu", "kho bac", "bao hiem xa hoi", "ngan hang", "dien luc", "vien",
                "bo chi huy", "doi", "phong", "chi nhanh", "tram", "ho dong", "hoi dong", "quy", "toa an",
                "vien kiem sat", "cang vu", "ban chi dao")
NEW_AGENCY_NOTE = "Thêm khi nhập báo cáo {file}"
MERGER_DAY = date(2025, 7, 1)   # communes of the two-level map exist from here; districts end


@dataclass(frozen=True)
class Unit:
    entity_id: str
    kind: str                       # 'province' | 'ministry' | 'commune' | 'agency'
    name: str
    parent_id: str | None = None
    unit_type: str | None = None
    is_new: bool = False            # an agency the store does not have yet


def _strip_office(key: str) -> str:
    found = starts_with(key, OFFICE_PREFIXES)
    return key[len(found):].strip() if found else key


def _slug(key: str) -> str:
    return key.replace(" ", "-")


def _tidy(name: str, type_words: str) -> str:
    """'SỞ TƯ PHÁP' -> 'Sở Tư pháp': a name typed in capitals, in the usual case."""
    if name != name.upper():
        return name
    parts = name.lower().split()
    head = len(type_words.split())
    return " ".join([parts[0].capitalize(), *parts[1:head], *(p.capitalize() if i == 0 else p
                                                                for i, p in enumerate(parts[head:]))])


class Places:
    def __init__(self, store, ref: Indexes, period: Period):
        self.store, self.ref, self.period = store, ref, period
        self._units: dict[str, list] = {}
        self.new: dict[str, Unit] = {}

    def _members(self, parent_id: str) -> list:
        if parent_id not in self._units:
            self._units[parent_id] = list(self.store.query(sql.UNITS_OF, {"parent": parent_id}).itertuples())
        return self._units[parent_id]

    def _resolve_place(self, text: str) -> Unit | None:
        try:
            resolved = self.ref.places.resolve(text, self.period)
        except Problem:
            return None
        p = resolved.place
        return Unit(p.entity_id, p.kind, p.name) if p.kind in ("province", "ministry") else None

    def _province_in(self, key: str) -> Unit | None:
        """'tinh tuyen quang' or 'so tu phap tinh tuyen quang' -> Tuyên Quang."""
        for word in ("tinh", "thanh pho"):
            if starts_with(key, (word,)):
                return self._resolve_place(key)
            if f" {word} " in f" {key} ":
                return self._resolve_place(word + " " + key.split(f" {word} ", 1)[1])
        return None

    def _commune_named(self, text: str) -> Unit | None:
        """A commune that heads its own report: unique by its name across the country, or None."""
        found = self.store.query(sql.COMMUNES_NAMED, {"names": [_strip_office_text(text).lower()]})
        if len(found) != 1:
            return None
        r = found.iloc[0]
        return Unit(r.entity_id, "commune", r.name_vi, r.parent_id)

    def context(self, lines: list[Line]) -> tuple[Unit | None, Unit | None]:
        """(province or ministry, the office that reports when it is one of their units or communes)."""
        context = office = None
        for line in lines:
            key = _strip_office(words(line.text))
            if context is None:
                ministry = self._resolve_place(line.text)
                found = ministry if ministry and ministry.kind == "ministry" else self._province_in(key)
                if found:
                    context = found
                    if starts_with(key, ("tinh", "thanh pho")) or found.kind == "ministry":
                        continue
                elif starts_with(key, COMMUNE_TYPES) and (commune := self._commune_named(line.text)):
                    parent = self.ref.places.places.get(commune.parent_id)
                    context = Unit(parent.entity_id, parent.kind, parent.name) if parent else None
                    office = commune
                    continue
            if context is not None and office is None:
                try:
                    office = self.row_unit(line.text, context)
                except Problem:
                    office = None
        return context, office

    def _commune(self, key: str, context: Unit) -> Unit | None:
        for r in self._members(context.entity_id):
            if r.entity_kind != "commune":
                continue
            full = words(r.name_vi)
            bare = _strip_type(full)
            if key in (full, bare):
                return Unit(r.entity_id, "commune", r.name_vi, context.entity_id, r.unit_type)
        return None

    def _agency(self, label: str, key: str, type_words: str, context: Unit) -> Unit:
        for suffix in (words(context.name), "tinh " + words(context.name), "thanh pho " + words(context.name)):
            if key.endswith(" " + suffix) and key != suffix:
                key = key[: -len(suffix) - 1].strip()
        for r in self._members(context.entity_id):
            if r.entity_kind == "agency" and words(r.name_vi) == key:
                return Unit(r.entity_id, "agency", r.name_vi, context.entity_id, r.unit_type)
        entity_id = f"{context.entity_id}.{_slug(key)}"
        if entity_id not in self.new:
            name = _tidy(_first_words(label, len(key.split())), type_words)
            unit_type = _first_words(label, len(type_words.split())).lower()
            self.new[entity_id] = Unit(entity_id, "agency", name, context.entity_id, unit_type, True)
        return self.new[entity_id]

    def row_unit(self, label: str, context: Unit) -> Unit:
        """The place a row names; Problem('form_unknown_unit' | 'form_commune_too_early' | …) if none."""
        full_key = words(label)
        key = _strip_office(full_key)
        label = label if key == full_key else _drop_words(label, len(full_key.split()) - len(key.split()))
        if context.kind == "province":
            commune = self._commune(key, context)
            if commune:
                return commune
            if starts_with(key, COMMUNE_TYPES):
                if self.period.end < MERGER_DAY:
                    raise Problem("form_commune_too_early", raw=label, period=self.period.label("vi"))
                raise Problem("form_unknown_commune", raw=label, province=context.name, hint=self._hint(key, context))
            district = starts_with(key, DISTRICT_TYPES)
            if district and not starts_with(key, ("thanh pho " + words(context.name),)):
                if self.period.start >= MERGER_DAY:
                    raise Problem("form_district_gone", raw=label)
                return self._agency(label, key, district, context)
        agency = starts_with(key, AGENCY_TYPES)
        if agency:
            return self._agency(label, key, agency, context)
        where = context.name
        raise Problem("form_unknown_unit", raw=label, where=where, hint=self._hint(key, context))

    def _hint(self, key: str, context: Unit) -> str:
        names = {words(r.name_vi): r.name_vi for r in self._members(context.entity_id)}
        names.update({_strip_type(k): v for k, v in list(names.items())})
        close = difflib.get_close_matches(key, list(names), n=3, cutoff=0.75)
        found = list(dict.fromkeys(names[k] for k in close))
        return f" Có phải: {', '.join(found)}?" if found else ""


def _strip_type(key: str) -> str:
    found = starts_with(key, COMMUNE_TYPES)
    return key[len(found):].strip() if found else key


def _drop_words(text: str, n: int) -> str:
    """The text without its first n words ('UBND xã Lũng Cú', 1 -> 'xã Lũng Cú')."""
    return " ".join(text.split()[n:])


def _first_words(text: str, n: int) -> str:
    """The text up to its n-th word, punctuation between words kept ('Sở Lao động - Thương binh
    và Xã hội tỉnh X', 7 -> 'Sở Lao động - Thương binh và Xã hội')."""
    out, count = [], 0
    for token in text.split():
        if count == n:
            break
        out.append(token)
        count += len(words(token).split())
    return " ".join(out)


def _strip_office_text(text: str) -> str:
    key = words(text)
    found = starts_with(key, OFFICE_PREFIXES)
    return _drop_words(text, len(found.split())) if found else text.strip()
