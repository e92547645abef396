"""The boundaries and tile layouts shipped in data/geo/, and their join to the store: valid,
non-overlapping shapes of the same country in both sets (the archipelagos included, rings wound
as Plotly's geo maps need), every feature one province of the store, every tile in its rough
geographic place; and which set a map of a period draws."""
from __future__ import annotations

import pytest
from shapely.geometry import shape
from shapely.ops import unary_union

from metrics import geo
from metrics.names import place_key
from store.geometry_source import ARCHIPELAGOS

SETS = {"34": 34, "63": 63}
OWNERS = {"hoang_sa": "48", "truong_sa": "56"}  # Đà Nẵng, Khánh Hòa in both sets


def shapes(geometry: str) -> dict:
    return {f["properties"]["code"]: shape(f["geometry"]) for f in geo.boundaries(geometry).collection["features"]}


@pytest.mark.parametrize("geometry", SETS)
def test_the_shapes_are_valid_do_not_overlap_and_wind_clockwise(geometry):
    found = shapes(geometry)
    assert len(found) == SETS[geometry]
    assert all(s.is_valid and s.geom_type in ("Polygon", "MultiPolygon") for s in found.values())
    union = unary_union(list(found.values()))
    assert sum(s.area for s in found.values()) == pytest.approx(union.area, rel=1e-9)
    for s in found.values():
        for part in getattr(s, "geoms", [s]):
            assert not part.exterior.is_ccw  # D3's winding: an RFC 7946 ring paints the whole frame
            assert all(ring.is_ccw for ring in part.interiors)


def test_both_sets_draw_the_same_country_with_its_archipelagos():
    old, new = unary_union(list(shapes("63").values())), unary_union(list(shapes("34").values()))
    assert old.symmetric_difference(new).area < 1e-9
    x0, y0, x1, y1 = new.bounds
    assert x0 < 102.2 and x1 > 116.9 and y0 < 7.0 and y1 > 23.3  # Trường Sa reaches 6,96 N, 116,9 E
    for geometry in SETS:
        found = shapes(geometry)
        for name, code in OWNERS.items():
            lon0, lat0, lon1, lat1 = ARCHIPELAGOS[name]
            inside = [p for p in found[code].geoms
                      if lon0 <= p.representative_point().x <= lon1 and lat0 <= p.representative_point().y <= lat1]
            assert len(inside) >= 3, (geometry, name)


def test_the_files_stay_small_enough_to_send_with_every_map():
    for geometry in SETS:
        assert len(geo._read(f"provinces_{geometry}.geojson").encode()) < 200_000


@pytest.mark.parametrize("geometry", SETS)
def test_every_feature_is_one_province_of_the_store(store, geometry):
    places = geo.places(store, geometry)
    assert len(places) == SETS[geometry] and places.entity_id.is_unique
    names = {f["properties"]["code"]: f["properties"]["name"] for f in geo.boundaries(geometry).collection["features"]}
    for row in places.itertuples():
        assert place_key(row.entity_name) == place_key(names[row.code]), (row.code, row.entity_name)
    if geometry == "34":
        assert "lao-cai-2025" in set(places.entity_id) and "yen-bai" not in set(places.entity_id)
    else:
        assert {"yen-bai", "ha-giang", "ha-noi"} <= set(places.entity_id) and "lao-cai-2025" not in set(places.entity_id)


@pytest.mark.parametrize("geometry", SETS)
def test_every_tile_is_one_province_in_its_rough_place(geometry):
    tiles = geo.tiles(geometry)
    centres = {code: s.centroid if s.geom_type == "Polygon" else max(s.geoms, key=lambda p: p.area).centroid
               for code, s in shapes(geometry).items()}
    assert sorted(tiles.code) == sorted(centres)
    assert not tiles.duplicated(["col", "row"]).any()
    # North at the top, west on the left: the squares keep the provinces' order on the ground.
    rows = tiles.set_index("code").row
    cols = tiles.set_index("code").col
    lat = {c: p.y for c, p in centres.items()}
    lon = {c: p.x for c, p in centres.items()}
    import pandas as pd

    def rank_corr(a: pd.Series, b: pd.Series) -> float:  # Spearman's, without scipy
        return a.rank().corr(b.rank())

    assert rank_corr(pd.Series(lat)[rows.index], rows) < -0.95
    assert rank_corr(pd.Series(lon)[cols.index], cols) > 0.75
    for code in tiles.code:  # no square more than two rows away from where its latitude puts it
        share = (max(lat.values()) - lat[code]) / (max(lat.values()) - min(lat.values()))
        assert abs(rows[code] - share * rows.max()) <= 2.5, code


@pytest.mark.parametrize("boundary, period, drawn", [
    ("2025", "2020", "34"), ("2025", "2025-06", "34"), ("time", "2025-06", "63"), ("time", "2025-Q2", "63"),
    ("time", "2024", "63"), ("time", "2025-07", "34"), ("time", "2025", "34"), ("time", "2026-Q1", "34"),
])
def test_which_provinces_a_map_draws(boundary, period, drawn):
    assert geo.geometry_set(boundary, period) == drawn


def test_map_values_has_every_province_with_missing_ones_last(store):
    from metrics.rankings import ranking

    for boundary, period, grain, size in (("time", "2024", "year", 63), ("2025", "2025-10", "month", 34)):
        frame = geo.map_values(store, "online_procedures", period, boundary, grain)
        ranked = ranking(store, "online_procedures", period, "province", boundary, grain)
        assert len(frame) == size and frame.value.notna().sum() == len(ranked)
        drawn = frame[frame.value.notna()]
        assert list(drawn.entity_id) == list(ranked.entity_id)
        assert frame.value.isna().cumsum().is_monotonic_increasing
