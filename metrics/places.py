"""The places themselves: provinces, ministries and communes ever, the regions, and the lineage of
the 2025 reorganisations (who became whom)."""
from __future__ import annotations

import pandas as pd

from metrics import sql
from metrics.values import entity_values


def entities(store, kind: str | None = None) -> pd.DataFrame:
    """The kpi_entities view (all places ever, with what they became or came from)."""
    return store.query(sql.ENTITIES_SQL, {"kind": kind})


def regions(store) -> pd.DataFrame:
    """The six socio-economic regions. Columns: region_id, name_vi, name_en, short_vi."""
    return store.query(sql.REGIONS_SQL)


def lineage(store, kind: str | None = None) -> pd.DataFrame:
    """Units formed by the 2025 reorganisations and the units they came from.

    Columns: entity_id, entity_name, entity_name_en, effective_date, source_id, parts,
    former_names, former_names_en, former_ids.
    """
    return store.query(sql.LINEAGE_SQL, {"kind": kind})


def former_units(store, entity_id: str) -> pd.DataFrame:
    """The units a 2025 province or ministry was formed from (empty if none).
    Columns: entity_id, entity_name, entity_name_en, valid_to, merged_on (the new unit's first
    day: 2025-07-01 for provinces, 2025-03-01 for ministries)."""
    every = entities(store)
    me = every[every.entity_id == entity_id]
    columns = ["entity_id", "entity_name", "entity_name_en", "valid_to", "merged_on"]
    if me.empty or pd.isna(me.came_from.iloc[0]) or not str(me.came_from.iloc[0]).strip():
        return pd.DataFrame(columns=columns)
    ids = [part.strip() for part in str(me.came_from.iloc[0]).split(",") if part.strip()]
    parts = every[every.entity_id.isin(ids)].assign(merged_on=me.valid_from.iloc[0])
    return parts[columns].reset_index(drop=True)


def place_options(store, metric_id: str, kind: str, boundary: str = "2025", grain: str | None = None,
                  parent: str | None = None) -> pd.DataFrame:
    """The places with at least one figure for the metric, by name.

    Columns: entity_id, entity_name, entity_name_en, region_id, first_period, last_period,
    ended (its last figure is before the last period of the data: a province merged in 2025),
    came_from (ids of the former units, '' if none).
    """
    values = entity_values(store, metric_id, grain, boundary, kind, parent=parent)
    columns = ["entity_id", "entity_name", "entity_name_en", "region_id", "first_period", "last_period",
               "ended", "came_from"]
    if values.empty:
        return pd.DataFrame(columns=columns)
    spans = values.groupby(["entity_id", "entity_name", "entity_name_en"], dropna=False).agg(
        region_id=("region_id", "first"), first_period=("period", "min"), last_period=("period", "max")).reset_index()
    spans["ended"] = spans.last_period < values.period.max()
    lineage = entities(store, kind)[["entity_id", "came_from"]]
    spans = spans.merge(lineage, on="entity_id", how="left").fillna({"came_from": ""})
    return spans.sort_values(["entity_name", "first_period"]).reset_index(drop=True)[columns]
