"""Which provinces a map of a period draws, their boundaries and tile places, and one metric's
figure for each of them (missing ones included, so a map can show them as missing).

The geometry ships in data/geo/ (see its README for the source, licence and attribution): the 63
provinces until 30/06/2025 and the 34 from 01/07/2025, each feature keyed by its GSO `code`. A
code names one province within one set, but not across the two (15 is Yên Bái in the 63, Lào Cai
in the 34), so the join to the store's entity ids goes through the set: a province of the 63 is
one that existed before 01/07/2025, one of the 34 one that exists after it.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

import pandas as pd

from metrics.paths import DATA_DIR
from metrics.periods import parse

GEO_DIR = DATA_DIR / "geo"
MERGER = date(2025, 7, 1)  # the 34 provinces of Nghị quyết 202/2025/QH15 from this day
SETS = ("34", "63")
VALUE_COLUMNS = ("value", "numerator", "denominator", "status", "estimated", "source_ids", "rank", "places",
                 "band_vi", "band_en", "previous_value", "previous_rank", "rank_change", "change")


def geometry_set(boundary: str, period: str) -> str:
    """'34' or '63': the provinces a map of `period` draws. The 2025 map always draws the 34; the
    map of the time draws the 63 for a period that ended before 01/07/2025, else the 34 (a year
    2025 ends with the 34, whose figures there cover July to December)."""
    if boundary == "2025":
        return "34"
    return "63" if parse(period).end <= MERGER else "34"


@dataclass(frozen=True)
class Boundaries:
    """One set's GeoJSON FeatureCollection (`collection`), named by `id` ('provinces_34'): a
    cache key can name it instead of hashing ten thousand points. Read it, never change it.
    Feature `id` and `properties.code` are the GSO code; `properties.name` the Vietnamese name."""

    id: str
    collection: dict

    @property
    def codes(self) -> list[str]:
        return [f["properties"]["code"] for f in self.collection["features"]]


@lru_cache(maxsize=4)
def _read(name: str) -> str:
    return (GEO_DIR / name).read_text(encoding="utf-8")


@lru_cache(maxsize=2)
def boundaries(geometry: str) -> Boundaries:
    """The provinces of a set ('34' or '63') as shipped in data/geo/, read once per process."""
    name = f"provinces_{geometry}"
    return Boundaries(name, json.loads(_read(f"{name}.geojson")))


def tiles(geometry: str) -> pd.DataFrame:
    """The tile map's layout: one equal square per province at (col, row), row 0 at the top.
    Columns: code, col, row, label_vi (the name as drawn in a tile, '|' where it breaks)."""
    from io import StringIO

    return pd.read_csv(StringIO(_read(f"tiles_{geometry}.csv")), dtype={"code": str})


def _in_set(entities: pd.DataFrame, geometry: str) -> pd.DataFrame:
    valid_from = pd.to_datetime(entities.valid_from)
    valid_to = pd.to_datetime(entities.valid_to)
    merger = pd.Timestamp(MERGER)
    alive = valid_from < merger if geometry == "63" else valid_to >= merger
    return entities[alive & (entities.entity_kind == "province")]


def places(store, geometry: str) -> pd.DataFrame:
    """The provinces of a set as the store names them, in the geometry's order.
    Columns: code, entity_id, entity_name, entity_name_en, region_id."""
    from metrics.places import entities

    every = _in_set(entities(store, "province"), geometry)
    codes = boundaries(geometry).codes
    joined = pd.DataFrame({"code": codes}).merge(
        every[["code", "entity_id", "entity_name", "entity_name_en", "region_id"]], on="code", how="left")
    missing = joined[joined.entity_id.isna()].code.tolist()
    if missing:
        raise ValueError(f"provinces_{geometry}.geojson: codes {missing} match no province of the store")
    return joined


def map_values(store, metric_id: str, period: str, boundary: str = "2025", grain: str | None = None) -> pd.DataFrame:
    """One metric in one period for every province the map draws, best rank first, provinces
    without a figure last (value NaN, status None).

    Columns: code, entity_id, entity_name, entity_name_en, region_id, value, numerator,
    denominator, status ('published'/'demo'), estimated, source_ids, rank, places, band_vi,
    band_en, geometry ('34' or '63')."""
    from metrics.rankings import ranking

    geometry = geometry_set(boundary, period)
    ranked = ranking(store, metric_id, period, "province", boundary, grain)
    columns = ["entity_id", *[c for c in VALUE_COLUMNS if c in ranked]]
    out = places(store, geometry).merge(ranked[columns], on="entity_id", how="left")
    out["geometry"] = geometry
    return out.sort_values(["rank", "entity_name"], na_position="last").reset_index(drop=True)
