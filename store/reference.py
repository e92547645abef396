"""Reading the reference files under data/ into frames shaped like the store's tables."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from metrics.paths import DATA_DIR

FAR_PAST, FAR_FUTURE = "1900-01-01", "9999-12-31"
AGGREGATES = (  # whole-country totals; published national figures attach to these
    ("vn", "Cả nước", "Viet Nam"),
    ("vn-province", "Cả nước (các tỉnh, thành phố)", "All provinces"),
    ("vn-ministry", "Các bộ, cơ quan ngang bộ", "All ministries"),
)


def read_csv(name: str, data_dir: Path = DATA_DIR) -> pd.DataFrame:
    """A data/ CSV with every column as text (codes keep their leading zeros); '' for empty."""
    return pd.read_csv(data_dir / name, dtype=str, keep_default_na=False, encoding="utf-8")


@dataclass(frozen=True)
class ReferenceData:
    """The reference files as frames shaped like the store's tables."""
    regions: pd.DataFrame
    entities: pd.DataFrame
    lineage: pd.DataFrame


def _provinces(data_dir: Path) -> pd.DataFrame:
    p = read_csv("provinces.csv", data_dir)
    return pd.DataFrame({
        "entity_id": p.entity_id, "entity_kind": "province", "code": p.code, "abbr": "",
        "name_vi": p.name_vi, "name_en": p.name_en, "full_name_vi": p.full_name_vi,
        "unit_type": p.unit_type, "region_id": p.region_id,
        "valid_from": p.valid_from.replace("", FAR_PAST), "valid_to": p.valid_to.replace("", FAR_FUTURE),
        "par_index_status": "ranked", "aliases": p.aliases, "note": "",
    })


def _ministries(data_dir: Path) -> pd.DataFrame:
    m = read_csv("ministries.csv", data_dir)
    return pd.DataFrame({
        "entity_id": m.entity_id, "entity_kind": "ministry", "code": "", "abbr": m.abbr,
        "name_vi": m.name_vi, "name_en": m.name_en, "full_name_vi": m.name_vi,
        "unit_type": m.agency_type, "region_id": None,
        "valid_from": m.valid_from.replace("", FAR_PAST), "valid_to": m.valid_to.replace("", FAR_FUTURE),
        "par_index_status": m.par_index_status, "aliases": m.abbr, "note": m.note,
    })


def _aggregates(regions: pd.DataFrame) -> pd.DataFrame:
    rows = [dict(entity_id=i, entity_kind="nation", name_vi=vi, name_en=en, region_id=None)
            for i, vi, en in AGGREGATES]
    rows += [dict(entity_id=f"region-{r.region_id}", entity_kind="nation", name_vi=r.name_vi,
                  name_en=r.name_en, region_id=r.region_id) for r in regions.itertuples()]
    frame = pd.DataFrame(rows)
    frame["valid_from"], frame["valid_to"] = FAR_PAST, FAR_FUTURE
    return frame


def load_reference(data_dir: Path = DATA_DIR) -> ReferenceData:
    regions = read_csv("regions.csv", data_dir)
    entities = pd.concat([_provinces(data_dir), _ministries(data_dir), _aggregates(regions)],
                         ignore_index=True)
    lineage = pd.concat([read_csv("province_lineage.csv", data_dir),
                         read_csv("ministry_lineage.csv", data_dir)], ignore_index=True)
    return ReferenceData(regions=regions, entities=entities, lineage=lineage)


def region_aggregate_id(region_id: str) -> str:
    return f"region-{region_id}"
