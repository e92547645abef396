"""The communes, wards and special zones of the 2025 map, and their demo figures.

Since 1 July 2025 the 34 provinces are divided into 3,321 communes (xã), wards (phường) and
special zones (đặc khu), the second and last level of local government. data/communes.csv lists
them; it is written from the `vietnam-provinces` package by

    python -m store.communes --refresh-csv

and the build reads only that file (`python -m store.build --communes`).

Names keep their unit type: name_vi is 'Phường Hoàn Kiếm', as Vietnamese writes it. Bare names
repeat across the country (nine 'Tân An'), and a ward often bears its province's or a former
district's name ('Phường Lào Cai'), so the type is part of the name; the bare name is name_vi
without its first len(unit_type) + 1 characters. The ids are 'xa-' and the 5-digit GSO code:
all three types are 'cấp xã' units, and the code never changes with a name.

Demo figures: monthly from 2025-07, when the communes came into being, to the build's last month,
for the catalogue's metrics that apply to 'commune'. A province's communes centre on that
province's own demo figure for the month: on the logit scale their mean is the province's value.
Each commune keeps a lasting trait (better or worse run than its province, improving or
slipping), so a commune that leads one metric tends to lead the related ones. Dossier counts
follow the province's month (its season, its size), shared among its communes by size: wards
handle more than communes, wards of the centrally-run cities more still, special zones fewer.
"""
from __future__ import annotations

import argparse
import sys
import unicodedata
import zlib
from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd

from metrics import catalogue
from metrics.names import place_key
from metrics.paths import DATA_DIR
from metrics.periods import Period, month_range
from store.demo import COLUMNS, _logit_of, _sigmoid
from store.reference import FAR_FUTURE, read_csv

FIRST_MONTH = date(2025, 7, 1)
CSV_NAME = "communes.csv"
CSV_COLUMNS = ["entity_id", "code", "name_vi", "name_en", "unit_type", "province_code", "parent_id"]
UNIT_TYPES_EN = {"xã": "Commune", "phường": "Ward", "đặc khu": "Special Zone"}

# The shape of the demo (assumptions, not published figures).
COMMUNE_SHARE = 0.6      # share of a province's dossiers that its communes receive
SIZE = {"xã": 1.0, "phường": 1.8, "đặc khu": 0.6}
CITY_WARD = 1.5          # a ward of a centrally-run city is larger again
SIZE_SIGMA = 0.5         # spread of sizes within a type (log scale)
VOLUME_NOISE = 0.08      # month-to-month change of a commune's dossiers (log scale)
SPREAD = 0.6             # lasting difference from the province (logit scale, per standard deviation)
TREND_SD = 0.25          # improvement or slip per year (logit scale)
GROUP_SD = 0.3           # a commune's lasting strength in one 766 group
NOISE = {"ratio": 0.12, "score": 0.08}
# Pairs (part, whole) whose numerators nest: a dossier handled fully online was filed online.
NESTED = (("dossiers_full_online", "dossiers_online"),)


# -- the list of units -----------------------------------------------------------------------
def _ascii(text: str) -> str:
    text = text.replace("Đ", "D").replace("đ", "d").replace("’", "'").replace("‘", "'")
    text = text.replace("–", "-").replace("—", "-")
    text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    if not text.isascii():
        raise ValueError(f"no ASCII form for {text!r}")
    return text


def _name_en(bare: str, unit_type: str) -> str:
    """'Hoan Kiem Ward', 'Van Don Special Zone'; a numbered ward reads 'Ward 1 Bao Loc'."""
    kind = UNIT_TYPES_EN[unit_type]
    return f"{kind} {_ascii(bare)}" if bare[0].isdigit() else f"{_ascii(bare)} {kind}"


def provinces_2025(data_dir: Path = DATA_DIR) -> pd.DataFrame:
    """The 34 provinces in force from 1 July 2025 (data/provinces.csv rows with no end), by code."""
    p = read_csv("provinces.csv", data_dir)
    p = p[p.valid_to == ""].set_index("code")
    if not p.index.is_unique:
        raise ValueError(f"two provinces in force share a code: {sorted(p.index[p.index.duplicated()])}")
    return p


def from_package(data_dir: Path = DATA_DIR) -> pd.DataFrame:
    """Every unit of the `vietnam-provinces` package as a row of data/communes.csv."""
    from vietnam_provinces import Province, Ward  # only to refresh the CSV: the build reads the CSV

    ours = provinces_2025(data_dir)
    parents = ours.entity_id
    for p in Province.iter_all():  # the same code must be the same province in both lists
        code = f"{int(p.code):02d}"
        if code in ours.index and place_key(p.name) != place_key(ours.name_vi[code]):
            raise ValueError(f"province {code} is {p.name!r} in the package, {ours.name_vi[code]!r} here")
    rows, unknown = [], set()
    for w in Ward.iter_all():
        unit_type = w.division_type.value
        prefix = unit_type[0].upper() + unit_type[1:] + " "
        name = " ".join(w.name.split())  # ten names in the package have a doubled space
        if not name.startswith(prefix):
            raise ValueError(f"{w.name!r} does not start with its unit type {unit_type!r}")
        province_code = f"{int(w.province_code):02d}"
        if province_code not in parents:
            unknown.add(province_code)
            continue
        code = f"{int(w.code):05d}"
        rows.append((f"xa-{code}", code, name, _name_en(name[len(prefix):], unit_type), unit_type,
                     province_code, parents[province_code]))
    if unknown:
        raise ValueError(f"province codes not in force in data/provinces.csv: {sorted(unknown)}")
    return pd.DataFrame(rows, columns=CSV_COLUMNS).sort_values("code", ignore_index=True)


def refresh_csv(data_dir: Path = DATA_DIR) -> Path:
    path = data_dir / CSV_NAME
    from_package(data_dir).to_csv(path, index=False, encoding="utf-8", lineterminator="\n")
    return path


def read_communes(data_dir: Path = DATA_DIR) -> pd.DataFrame:
    return read_csv(CSV_NAME, data_dir)


def commune_entities(communes: pd.DataFrame, data_dir: Path = DATA_DIR) -> pd.DataFrame:
    """Rows of the entities table. No aliases: a bare name such as 'Lào Cai' would compete with
    the province of that name where imports resolve places."""
    regions = provinces_2025(data_dir).set_index("entity_id").region_id
    return pd.DataFrame({
        "entity_id": communes.entity_id, "entity_kind": "commune", "code": communes.code,
        "name_vi": communes.name_vi, "name_en": communes.name_en, "full_name_vi": communes.name_vi,
        "unit_type": communes.unit_type, "region_id": communes.parent_id.map(regions),
        "parent_id": communes.parent_id, "valid_from": FIRST_MONTH.isoformat(), "valid_to": FAR_FUTURE,
    })


# -- demo figures ----------------------------------------------------------------------------
class _Layout:
    """Communes in a fixed order, their provinces, and the months: arrays are (commune, month)."""

    def __init__(self, communes: pd.DataFrame, months: list[Period], data_dir: Path):
        communes = communes.sort_values("entity_id", ignore_index=True)
        self.ids = communes.entity_id.to_numpy()
        self.provinces = np.array(sorted(communes.parent_id.unique()))
        self.province_of = np.searchsorted(self.provinces, communes.parent_id.to_numpy())
        self.per_province = np.bincount(self.province_of, minlength=len(self.provinces))
        self.months = months
        city = provinces_2025(data_dir).set_index("entity_id").unit_type.str.startswith("thành phố")
        self.unit_types = communes.unit_type.to_numpy()
        self.city_ward = (communes.unit_type == "phường").to_numpy() & communes.parent_id.map(city).to_numpy(bool)

    def province_sum(self, values: np.ndarray) -> np.ndarray:
        """Per province (rows) and month: the sum over its communes."""
        out = np.zeros((len(self.provinces),) + values.shape[1:])
        np.add.at(out, self.province_of, values)
        return out

    def centred(self, offsets: np.ndarray) -> np.ndarray:
        """Offsets less their province's mean, month by month: the communes centre on the province."""
        means = self.province_sum(offsets) / self.per_province[:, None]
        return offsets - means[self.province_of]


def _province_grid(province_demo: pd.DataFrame, metric_id: str, layout: _Layout, column: str) -> np.ndarray:
    """The provinces' figure by month (province, month); a month the province left unreported
    takes its nearest reported month."""
    rows = province_demo[province_demo.metric_id == metric_id]
    grid = rows.pivot(index="entity_id", columns="period", values=column)
    grid = grid.reindex(index=layout.provinces, columns=[p.key for p in layout.months])
    grid = grid.ffill(axis=1).bfill(axis=1)
    missing = grid.index[grid.isna().any(axis=1)]
    if len(missing):
        raise ValueError(f"no province demo for {metric_id} to centre the communes on: {list(missing)}")
    return grid.to_numpy(float)


def _frame(layout: _Layout, metric_id: str, value, numerator=None, denominator=None, keep=None) -> pd.DataFrame:
    n, t = len(layout.ids), len(layout.months)
    frame = pd.DataFrame({
        "entity_id": np.repeat(layout.ids, t), "metric_id": metric_id, "dimension_id": "",
        "period": np.tile([p.key for p in layout.months], n), "grain": "month",
        "period_start": np.tile(np.array([p.start for p in layout.months], dtype="datetime64[D]"), n),
        "value": np.ravel(value),
        "numerator": np.nan if numerator is None else np.ravel(numerator),
        "denominator": np.nan if denominator is None else np.ravel(denominator),
    })
    return frame if keep is None else frame[np.ravel(keep)]


def _commune_metrics() -> tuple[list[str], list[str], list[str]]:
    """The metrics for communes: ratios, 766-style groups (points out of a maximum) and totals
    that add their groups up. Anything else has no commune demo yet, and says so."""
    ratios, groups, totals = [], [], []
    for m in catalogue.catalogue().values():
        if not m.applies_to("commune"):
            continue
        parts = catalogue.components(m.id)
        if m.is_ratio:
            ratios.append(m.id)
        elif m.kind == "score" and parts and sum(p.max_value or 0 for p in parts) == m.max_value:
            totals.append(m.id)
        elif m.kind == "score" and m.max_value and m.parent:
            groups.append(m.id)
        else:
            raise ValueError(f"{m.id} applies to communes but the commune demo cannot generate it")
    for total in totals:
        if not {p.id for p in catalogue.components(total)} <= set(groups):
            raise ValueError(f"{total}: every group must apply to communes too")
    return ratios, groups, totals


def generate_commune_demo(communes: pd.DataFrame, province_demo: pd.DataFrame, until: Period,
                          config: dict, data_dir: Path = DATA_DIR) -> pd.DataFrame:
    """Monthly demo observations of every commune (store.demo.COLUMNS), from the province demo
    of the same build (its monthly rows of the communes' metrics)."""
    months = month_range(FIRST_MONTH, until.start)
    if not months:
        return pd.DataFrame(columns=COLUMNS)
    layout = _Layout(communes, months, data_dir)
    ratios, groups, totals = _commune_metrics()
    n, t = len(layout.ids), len(months)
    r = np.random.default_rng([int(config["seed"]), zlib.crc32(b"communes")])
    # Lasting traits, then the months; drawn in a fixed order so that the build is reproducible.
    size = np.exp(SIZE_SIGMA * r.normal(size=n)) * np.vectorize(SIZE.get)(layout.unit_types)
    size *= np.where(layout.city_ward, CITY_WARD, 1.0)
    quality, trend = r.normal(size=n), r.normal(0, TREND_SD, n)
    years = np.arange(t) / 12
    lasting = SPREAD * quality[:, None] + trend[:, None] * years[None, :]
    volume = (COMMUNE_SHARE * size / layout.province_sum(size)[layout.province_of])[:, None] \
        * np.exp(r.normal(0, VOLUME_NOISE, (n, t)))
    reported = r.random((n, t)) >= float(config["gap_share"])

    def share(centre, kind, extra=0.0):
        offsets = layout.centred(lasting + extra + r.normal(0, NOISE[kind], (n, t)))
        return _sigmoid(_logit_of(centre)[layout.province_of] + offsets)

    frames, numerators, denominators = [], {}, {}
    for metric_id in ratios:
        num_p, den_p = (_province_grid(province_demo, metric_id, layout, c) for c in ("numerator", "denominator"))
        denominators[metric_id] = np.maximum(np.round(den_p[layout.province_of] * volume), 1)
        numerators[metric_id] = np.round(share(num_p / den_p, "ratio") * denominators[metric_id])
    for part, whole in NESTED:
        if part in numerators and whole in numerators:
            numerators[part] = np.minimum(numerators[part], numerators[whole])
    for metric_id in ratios:
        num, den = numerators[metric_id], denominators[metric_id]
        frames.append(_frame(layout, metric_id, 100.0 * num / den, num, den, keep=reported))
    points = {}
    for metric_id in groups:
        top = catalogue.get(metric_id).max_value
        centre = _province_grid(province_demo, metric_id, layout, "value") / top
        points[metric_id] = np.round(top * share(centre, "score", r.normal(0, GROUP_SD, n)[:, None]), 2)
        frames.append(_frame(layout, metric_id, points[metric_id]))
    for metric_id in totals:
        total = sum(points[p.id] for p in catalogue.components(metric_id))
        frames.append(_frame(layout, metric_id, np.round(total, 2)))
    return pd.concat(frames, ignore_index=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="The communes of the 2025 map (data/communes.csv).")
    parser.add_argument("--refresh-csv", action="store_true",
                        help="rewrite data/communes.csv from the vietnam-provinces package")
    args = parser.parse_args(argv)
    if not args.refresh_csv:
        parser.print_help()
        return 2
    path = refresh_csv()
    print(f"Wrote {path}: {len(read_communes())} communes, wards and special zones")
    return 0


if __name__ == "__main__":
    sys.exit(main())
