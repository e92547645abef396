"""How data/geo/provinces_63.geojson and provinces_34.geojson were made from the boundary source.

The source is Open Development Mekong's "Địa phận tỉnh" (Department of Survey and Mapping of Viet
Nam, CC BY-SA 4.0) as TopoJSON (data/geo/README.md says where it came from). Run by hand when the
source changes, never at build or run time:

    python -m store.geometry_source SOURCE_DIR

SOURCE_DIR holds `provinces_63_odm_original.topo.json` (the unsimplified arcs) and
`provinces_63.geojson` (whose `odm_gid` -> `code` table names the source's features). Why these
steps:
- Each border is one TopoJSON arc shared by its two provinces; simplifying the arc once (not each
  polygon) keeps neighbours' borders identical, so no gaps or overlaps appear between them.
- TOLERANCE_DEG (0.005°, about 550 m) is a third of a pixel on a 1080-pixel slide showing the
  whole country, and the files become a fraction of the source's size: every map sent to a
  browser carries its geometry.
- Islets under MIN_ISLAND_KM2 are dropped, except in the Hoàng Sa and Trường Sa archipelagos,
  which are kept whole: they are Vietnam's and must be drawn wherever the country is.
- Rings wind clockwise (exterior) as D3 and Plotly's geo maps expect; RFC 7946's
  counter-clockwise winding makes Plotly paint the whole frame.
"""
from __future__ import annotations

import argparse
import json
import math
import sys
from pathlib import Path

from shapely import make_valid
from shapely.geometry import LineString, MultiPolygon, Polygon, mapping, shape
from shapely.geometry.polygon import orient
from shapely.ops import unary_union

from metrics.paths import DATA_DIR

GEO_DIR = DATA_DIR / "geo"
TOLERANCE_DEG = 0.005
DECIMALS = 3
MIN_ISLAND_KM2 = 1.0
ARCHIPELAGO_MERGE_DEG = 0.01
KM2_PER_DEG2_AT_EQUATOR = 111.32**2
# lon_min, lat_min, lon_max, lat_max of the two archipelagos (kept whole, however small).
ARCHIPELAGOS = {"hoang_sa": (111.0, 15.6, 113.0, 17.3), "truong_sa": (111.4, 6.5, 117.2, 11.8)}


def decoded_arcs(topology: dict) -> list[list[tuple[float, float]]]:
    """The topology's arcs as lon/lat points (quantised, delta-encoded arcs decoded)."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def simplified(arc: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """Douglas-Peucker on one arc, ends kept, coordinates rounded; a closed arc (an island ring)
    keeps at least four points."""
    line = LineString(arc).simplify(TOLERANCE_DEG, preserve_topology=False)
    points = [(round(x, DECIMALS), round(y, DECIMALS)) for x, y in line.coords]
    points = [p for i, p in enumerate(points) if i == 0 or p != points[i - 1]]
    if arc[0] == arc[-1] and len(points) < 4:
        step = max(1, len(arc) // 4)
        points = [(round(x, DECIMALS), round(y, DECIMALS)) for x, y in arc[::step]] + [points[0]]
    return points


def ring(indices: list[int], arcs: list[list[tuple[float, float]]]) -> list[tuple[float, float]]:
    """A ring stitched from arc indices (~i means arc i reversed), each arc's first point shared
    with the previous arc's last."""
    points: list[tuple[float, float]] = []
    for index in indices:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(arc if not points else arc[1:])
    return points


def polygons(geometry: dict, arcs) -> list[Polygon]:
    parts = [geometry["arcs"]] if geometry["type"] == "Polygon" else geometry["arcs"]
    out = []
    for part in parts:
        rings = [ring(r, arcs) for r in part]
        if len(rings[0]) >= 4:
            out.append(Polygon(rings[0], [r for r in rings[1:] if len(r) >= 4]))
    return out


def area_km2(polygon: Polygon) -> float:
    lat = polygon.centroid.y
    return polygon.area * KM2_PER_DEG2_AT_EQUATOR * math.cos(math.radians(lat))


def in_archipelago(polygon: Polygon) -> bool:
    x, y = polygon.representative_point().coords[0]
    return any(x0 <= x <= x1 and y0 <= y <= y1 for x0, y0, x1, y1 in ARCHIPELAGOS.values())


def clean(parts: list[Polygon]) -> MultiPolygon:
    """Valid polygons only (make_valid can return lines where rounding met two points)."""
    valid = []
    for part in parts:
        fixed = make_valid(part) if not part.is_valid else part
        pieces = getattr(fixed, "geoms", [fixed])
        valid.extend(p for p in pieces if isinstance(p, Polygon) and not p.is_empty)
    return MultiPolygon(valid)


def kept(parts: MultiPolygon, others: list) -> MultiPolygon:
    """Drop islets below MIN_ISLAND_KM2 (not touching another province, outside the archipelagos);
    the archipelagos' hundreds of reefs, each far below a pixel, become their clusters'
    outlines (reefs within ARCHIPELAGO_MERGE_DEG of each other drawn as one shape)."""
    biggest = max(parts.geoms, key=lambda p: p.area)
    out, reefs = [], []
    for part in parts.geoms:
        if part is not biggest and in_archipelago(part):
            reefs.append(part)
            continue
        small = part is not biggest and area_km2(part) < MIN_ISLAND_KM2
        if small and not any(part.distance(other) < TOLERANCE_DEG for other in others):
            continue
        out.append(part)
    if reefs:
        clusters = unary_union([r.buffer(ARCHIPELAGO_MERGE_DEG, 4) for r in reefs]).buffer(-ARCHIPELAGO_MERGE_DEG, 4)
        for cluster in getattr(clusters, "geoms", [clusters]):
            simple = cluster.simplify(TOLERANCE_DEG)
            coords = [(round(x, DECIMALS), round(y, DECIMALS)) for x, y in simple.exterior.coords]
            out.append(Polygon(coords))
    return clean(out)


def wound(geometry) -> dict:
    """GeoJSON geometry with clockwise exteriors (D3's convention), a Polygon if it is one."""
    parts = [orient(p, sign=-1.0) for p in getattr(geometry, "geoms", [geometry])]
    shaped = parts[0] if len(parts) == 1 else MultiPolygon(parts)
    out = mapping(shaped)
    return json.loads(json.dumps(out))  # tuples to lists


def feature(code: str, properties: dict, geometry) -> dict:
    return {"type": "Feature", "id": code, "properties": properties, "geometry": wound(geometry)}


def build(source: Path) -> tuple[dict, dict, dict[str, float]]:
    """(63 provinces, 34 provinces) as GeoJSON feature collections, and each of the 63's
    intersection over union with the source's 0.001° file (how far the simplification moved it)."""
    topology = json.loads((source / "provinces_63_odm_original.topo.json").read_text(encoding="utf-8"))
    named = json.loads((source / "provinces_63.geojson").read_text(encoding="utf-8"))
    by_gid = {f["properties"]["odm_gid"]: f["properties"] for f in named["features"]}
    arcs = [simplified(a) for a in decoded_arcs(topology)]
    shapes = {}
    for geometry in next(iter(topology["objects"].values()))["geometries"]:
        props = by_gid[geometry["properties"]["gid"]]
        shapes[props["code"]] = (props, clean(polygons(geometry, arcs)))
    reference = {code: shape(f["geometry"]) for code, f in
                 ((f["properties"]["code"], f) for f in named["features"])}
    old, overlap = [], {}
    for code, (props, parts) in sorted(shapes.items()):
        neighbours = [g for c, (_, g) in shapes.items() if c != code and g.envelope.intersects(parts.envelope)]
        parts = kept(parts, neighbours)
        shapes[code] = (props, parts)
        keep = {k: props[k] for k in ("code", "name", "name_ascii", "iso_3166_2", "new_province_code_2025",
                                      "new_province_2025")}
        old.append(feature(code, keep, parts))
        overlap[props["name"]] = parts.intersection(reference[code]).area / parts.union(reference[code]).area
    groups: dict[str, list] = {}
    for props, parts in shapes.values():
        groups.setdefault(props["new_province_code_2025"], []).append((props, parts))
    new = []
    for code, members in sorted(groups.items()):
        union = unary_union([parts for _, parts in members])
        name = next(p["new_province_2025"] for p, _ in members if p["code"] == code)
        ascii_name = next(p["name_ascii"] for p, _ in members if p["code"] == code)
        merged = sorted(members, key=lambda m: m[0]["code"])
        new.append(feature(code, {"code": code, "name": name, "name_ascii": ascii_name,
                                  "merged_from": ", ".join(p["name"] for p, _ in merged),
                                  "merged_from_codes": ", ".join(p["code"] for p, _ in merged)}, union))
    return ({"type": "FeatureCollection", "features": old}, {"type": "FeatureCollection", "features": new}, overlap)


def write(collection: dict, path: Path) -> int:
    text = json.dumps(collection, ensure_ascii=False, separators=(",", ":"))
    path.write_text(text + "\n", encoding="utf-8")
    return len(text.encode("utf-8")) + 1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", type=Path, help="folder with provinces_63_odm_original.topo.json")
    parser.add_argument("--out", type=Path, default=GEO_DIR)
    args = parser.parse_args(argv)
    old, new, overlap = build(args.source)
    args.out.mkdir(parents=True, exist_ok=True)
    for name, collection in (("provinces_63.geojson", old), ("provinces_34.geojson", new)):
        size = write(collection, args.out / name)
        points = sum(len(r) for f in collection["features"] for part in
                     (f["geometry"]["coordinates"] if f["geometry"]["type"] == "MultiPolygon"
                      else [f["geometry"]["coordinates"]]) for r in part)
        print(f"{name}: {len(collection['features'])} features, {points} points, {size:,} bytes")
    worst = sorted(overlap.items(), key=lambda kv: kv[1])[:5]
    print("lowest IoU against the 0.001° file: " + ", ".join(f"{n} {v:.3f}" for n, v in worst)
          + f"; median {sorted(overlap.values())[len(overlap) // 2]:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
