"""Series over time: a metric for chosen places beside the nation and their regions, as values or
as the change since a period, and the national lines of several metrics."""
from __future__ import annotations

import pandas as pd

from l10n import t
from metrics import catalogue, sql
from metrics.values import aggregate_values, aggregate_values_many, entity_values, grains_for

SERIES_COLUMNS = ["series_id", "series_name", "series_name_en", "series_kind", "period",
                  "period_start", "value", "numerator", "denominator", "status", "estimated"]


def trend(store, metric_id: str, entity_ids: list[str], kind: str, grain: str | None = None,
          boundary: str = "2025", first: str | None = None, last: str | None = None,
          with_nation: bool = True, regions: list[str] | None = None,
          regions_of_entities: bool = True, parent: str | None = None) -> pd.DataFrame:
    """A metric over time for chosen places, with the national line and regional lines.

    Columns: series_id (entity id, 'nation' or 'region-<id>'), series_name, series_name_en,
    series_kind ('entity' | 'nation' | 'region'), period, period_start, value, numerator,
    denominator, status, estimated. Regions: those asked, plus (for provinces) the regions of
    the chosen places unless regions_of_entities is False. Communes (parent: their province)
    are drawn against the province as a whole, which takes the national line's place.
    """
    frames = []
    places = entity_values(store, metric_id, grain, boundary, kind, first, last, parent=parent)
    chosen = places[places.entity_id.isin(entity_ids)]
    if not chosen.empty:
        frames.append(chosen.assign(series_id=chosen.entity_id, series_name=chosen.entity_name,
                                    series_name_en=chosen.entity_name_en, series_kind="entity"))
    if with_nation:
        nation = aggregate_values(store, metric_id, kind, "nation", grain, boundary, first, last, parent=parent)
        if kind == "commune" and not places.empty:  # the province's line from the communes' first month
            nation = nation[nation.period >= places.period.min()]
        name_vi, name_en = _whole(store, kind, parent)
        frames.append(nation.assign(series_id="nation", series_name=name_vi, series_name_en=name_en,
                                    series_kind="nation"))
    wanted = set(regions or [])
    if regions_of_entities and kind == "province":
        wanted |= set(chosen.region_id.dropna())
    if wanted:
        names = store.query(sql.REGIONS_SQL)
        region = aggregate_values(store, metric_id, kind, "region", grain, boundary, first, last)
        region = region[region.group_id.isin(wanted)].merge(names, left_on="group_id", right_on="region_id")
        frames.append(region.assign(series_id="region-" + region.group_id, series_name=region.name_vi,
                                    series_name_en=region.name_en, series_kind="region"))
    if not frames:
        return pd.DataFrame(columns=SERIES_COLUMNS)
    out = pd.concat([f.reindex(columns=SERIES_COLUMNS) for f in frames], ignore_index=True)
    return out.sort_values(["series_kind", "series_id", "period"]).reset_index(drop=True)


def _whole(store, kind: str, parent: str | None) -> tuple[str, str]:
    """The name of the line the places are set against (vi, en)."""
    if kind == "commune":
        names = store.query(sql.ENTITY_NAMES_SQL, {"id": parent})
        if not names.empty:
            return (t("line_whole_province", "vi", province=names.name_vi.iloc[0]),
                    t("line_whole_province", "en", province=names.name_en.iloc[0]))
        key = "line_whole_province_unnamed"
    else:
        key = "line_whole_country" if kind == "province" else "line_all_ministries"
    return t(key, "vi"), t(key, "en")


def change_since(series: pd.DataFrame, start: str) -> pd.DataFrame:
    """Each series as its change since `start` (the first period at or after it with a value)."""
    out = []
    for _, s in series[series.period >= start].groupby("series_id", sort=False):
        s = s.sort_values("period")
        out.append(s.assign(value=s.value - s.value.iloc[0]))
    return pd.concat(out, ignore_index=True) if out else series.iloc[0:0]


def national_trends(store, metric_ids: list[str], kind: str, grain: str, boundary: str = "2025",
                    first: str | None = None, last: str | None = None) -> pd.DataFrame:
    """National figures of several metrics over time, long.

    Columns: metric_id, label_vi, label_en, unit, period, period_start, value, status,
    estimated, source_ids.
    """
    shown = [m for m in metric_ids if catalogue.get(m).applies_to(kind) and grain in grains_for(m)]
    columns = ["metric_id", "label_vi", "label_en", "unit", "period", "period_start", "value", "status",
               "estimated", "source_ids"]
    if not shown:
        return pd.DataFrame(columns=columns)
    frame = aggregate_values_many(store, shown, kind, "nation", grain, boundary, first, last)
    labels = pd.DataFrame([dict(metric_id=m.id, label_vi=m.label_vi, label_en=m.label_en, unit=m.unit)
                           for m in map(catalogue.get, shown)])
    frame = frame.merge(labels, on="metric_id")
    order = {m: i for i, m in enumerate(shown)}  # the order asked, as before
    return frame.sort_values(["metric_id", "period"], key=lambda c: c.map(order) if c.name == "metric_id" else c
                             ).reset_index(drop=True)[columns]
