"""Which province, ministry or commune a record names: by name (with or without diacritics or
"Tỉnh"/"TP."), id, GSO code or abbreviation, as it was on the day received ("Hà Giang" in June
2025 is Hà Giang; from July 2025 Hà Giang's dossiers belong to Tuyên Quang). Resolved once per
distinct value, then joined back."""
from __future__ import annotations

import re

import pandas as pd

from metrics.names import fold, place_key
from store.communes import read_communes

ENTITIES_SQL = """SELECT entity_id, entity_kind, name_vi, full_name_vi, code, abbr, aliases, valid_from, valid_to
                  FROM entities WHERE entity_kind IN ('province', 'ministry')"""


def _keys(row) -> set[str]:
    keys = {place_key(row.name_vi), fold(row.entity_id)}
    for value in (row.full_name_vi, row.code, row.abbr):
        if isinstance(value, str) and value:
            keys.add(place_key(value))
    if isinstance(row.aliases, str):
        keys |= {place_key(a) for a in re.split(r"[;,]", row.aliases) if a.strip()}
    return keys


def _index(frame: pd.DataFrame) -> dict[str, list]:
    index: dict[str, list] = {}
    for row in frame.itertuples():
        for key in _keys(row):
            index.setdefault(key, []).append(row)
    return index


def resolve_places(con, mapped: bool) -> None:
    """Fill dossier_parsed.entity_id from entity_id__raw and the day received."""
    if not mapped:
        return
    index = _index(con.execute(ENTITIES_SQL).df())
    pairs = con.execute("""SELECT DISTINCT entity_id__raw AS raw, CAST(received_at AS DATE) AS day
                           FROM dossier_parsed WHERE entity_id__raw IS NOT NULL""").df()
    out = []
    for raw, day in zip(pairs.raw, pairs.day):
        candidates = index.get(place_key(raw), [])
        when = pd.Timestamp(day) if pd.notna(day) else None
        valid = [c for c in candidates if when is None or pd.Timestamp(c.valid_from) <= when <= pd.Timestamp(c.valid_to)]
        if len(valid) == 1 or (valid and when is not None):
            out.append((raw, day, valid[0].entity_id))
        elif valid:  # no readable day (that cell is reported): any unit of that name will do
            out.append((raw, day, valid[-1].entity_id))
        elif not valid and candidates and when is not None:
            # a former unit named after its merger: its dossiers belong to the unit it became
            successor = con.execute("SELECT successor_id FROM lineage WHERE predecessor_id = ? AND effective_date <= ?",
                                    [candidates[0].entity_id, when.date()]).fetchone()
            if successor:
                out.append((raw, day, successor[0]))
    con.register("dossier_place_map", pd.DataFrame(out, columns=["raw", "day", "entity_id"]))
    con.execute("""UPDATE dossier_parsed p SET entity_id = m.entity_id FROM dossier_place_map m
                   WHERE m.raw = p.entity_id__raw AND m.day IS NOT DISTINCT FROM CAST(p.received_at AS DATE)""")
    con.unregister("dossier_place_map")


def _communes(con) -> pd.DataFrame:
    stored = con.execute("""SELECT entity_id, code, name_vi, parent_id FROM entities
                            WHERE entity_kind = 'commune'""").df()
    return stored if not stored.empty else read_communes()[["entity_id", "code", "name_vi", "parent_id"]]


def resolve_communes(con) -> None:
    """Fill dossier_parsed.commune_id: a commune of the row's province, by name, id or code."""
    communes = _communes(con)
    by_code = {str(c).zfill(5): e for c, e in zip(communes.code, communes.entity_id)}
    by_name = {(place_key(n), p): e for n, p, e in zip(communes.name_vi, communes.parent_id, communes.entity_id)}
    ids = set(communes.entity_id)
    pairs = con.execute("""SELECT DISTINCT commune_id__raw AS raw, entity_id FROM dossier_parsed
                           WHERE commune_id__raw IS NOT NULL""").df()
    out = []
    for raw, entity in zip(pairs.raw, pairs.entity_id):
        text = str(raw).strip()
        found = text if text in ids else by_code.get(text.zfill(5)) if text.isdigit() else by_name.get((place_key(text), entity))
        if found:
            out.append((raw, entity, found))
    con.register("dossier_commune_map", pd.DataFrame(out, columns=["raw", "entity_id", "commune_id"]))
    con.execute("""UPDATE dossier_parsed p SET commune_id = m.commune_id FROM dossier_commune_map m
                   WHERE m.raw = p.commune_id__raw AND m.entity_id IS NOT DISTINCT FROM p.entity_id""")
    con.unregister("dossier_commune_map")
