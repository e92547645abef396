"""The receiving units of a province or ministry for the demo records: its agencies, its public
administration centre and (from 07/2025) its communes, or a ministry's one-stop desks, each with
a lasting strength and a share of the place's dossiers."""
from __future__ import annotations

import zlib
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

import numpy as np
import pandas as pd

from store.communes import FIRST_MONTH, read_communes

COMMUNE_SIZE = {"xã": 1.0, "phường": 1.8, "đặc khu": 0.6}


@dataclass(frozen=True)
class Unit:
    unit_id: str
    unit_name: str
    unit_kind: str          # commune | agency | province | ministry
    commune_id: str | None
    level: str              # which procedures it handles: commune | agency | ministry
    sectors: tuple[str, ...] | None
    weight: float           # share of the place's dossiers (normalised by the caller)
    strength: float         # lasting difference from the place (logit scale)


@lru_cache(maxsize=1)
def _communes() -> pd.DataFrame:
    return read_communes()


def _strengths(keys: list[str], weights: np.ndarray, spread: float, seed: int) -> np.ndarray:
    raw = np.array([np.random.default_rng([seed, zlib.crc32(k.encode())]).normal() for k in keys]) * spread
    return raw - (raw * weights).sum() / weights.sum()


def units_of(entity_id: str, kind: str, code: str, month: date, cfg: dict) -> list[Unit]:
    """The units receiving the dossiers of `entity_id` (a province with GSO `code`, or a ministry
    with abbreviation `code`) in the month starting `month`."""
    seed, spread = int(cfg["seed"]), float(cfg["unit_spread"])
    if kind == "ministry":
        desks = cfg["ministry_units"]
        w = np.array([d["weight"] for d in desks], float)
        s = _strengths([f"{entity_id}/{d['code']}" for d in desks], w, spread, seed)
        return [Unit(f"000.00.{d['code']}.G{code}", f"{d['name']}", "ministry", None, "ministry",
                     tuple(d["sectors"]), wi, si) for d, wi, si in zip(desks, w, s)]
    communes = _communes()
    mine = communes[communes.parent_id == entity_id] if month >= FIRST_MONTH else communes.iloc[:0]
    local = 1.0 - (cfg["commune_share"] if len(mine) else 0.0)
    agencies = cfg["agencies"]
    w = np.array([a["weight"] for a in agencies], float)
    w = w / w.sum() * local * (1 - cfg["centre_share"])
    s = _strengths([f"{entity_id}/{a['code']}" for a in agencies], w, spread, seed)
    units = [Unit(f"000.00.{a['code']}.H{code}", a["name"], "agency", None, "agency", tuple(a["sectors"]), wi, si)
             for a, wi, si in zip(agencies, w, s)]
    centre = cfg["centre"]
    units.append(Unit(f"000.00.{centre['code']}.H{code}", centre["name"], "province", None, "agency", None,
                      local * cfg["centre_share"], 0.0))
    if len(mine):
        size = mine.unit_type.map(COMMUNE_SIZE).fillna(1.0).to_numpy()
        size = size * np.exp(0.4 * np.array([np.random.default_rng([seed, zlib.crc32(c.encode())]).normal()
                                             for c in mine.entity_id]))
        size = size / size.sum() * cfg["commune_share"]
        # the same records whether or not the store holds the communes: their strength is drawn
        # here, not read from the communes' demo figures
        strength = _strengths(list(mine.entity_id), size, spread, seed)
        units += [Unit(f"{c.code}.H{code}", c.name_vi, "commune", c.entity_id, "commune", None, float(wi), float(si))
                  for c, wi, si in zip(mine.itertuples(), size, strength)]
    return units
