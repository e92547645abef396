"""Online public services and Project 06: the 25 essential services by province, their national
rollout, and whether a rate's own counts give the rate shown."""
from __future__ import annotations

import pandas as pd

from metrics import sql
from metrics.values import entity_values


def p06_services(store) -> pd.DataFrame:
    """The 25 essential services. Columns: service_id, name_vi, name_en, short_vi, short_en (the
    names on a heatmap column), handled_by."""
    return store.query(sql.P06_SERVICES_SQL)


def p06_matrix(store, period: str, boundary: str = "2025") -> tuple[pd.DataFrame, pd.DataFrame]:
    """Which of the 25 essential services each province offers fully online in a month.

    Returns (cells, services). cells columns: entity_id, entity_name, entity_name_en, region_id,
    service_id (int), online (0-1 share: 1 = offered; for a 2025 unit before its merger, the
    share of its former units offering it), status. services columns: service_id, name_vi,
    name_en, handled_by, provinces_online (how many places offer it), share (%).
    """
    cells = entity_values(store, "p06_service_online", "month", boundary, "province", period, period,
                          dimension=None)
    services = p06_services(store)
    if not cells.empty:
        cells = cells.assign(service_id=cells.dimension_id.astype(int), online=cells.value / 100)
        counts = cells.groupby("service_id").online.agg(provinces_online="sum", places="count").reset_index()
        services = services.merge(counts, on="service_id", how="left")
        services["share"] = 100 * services.provinces_online / services.places
    return cells, services


def p06_rollout(store, boundary: str = "2025") -> pd.DataFrame:
    """Project 06 nationally, month by month: how far the 25 essential services have spread.

    Columns: period, period_start, places (provinces reporting), services_avg (services offered
    fully online per province, 0-25; a merged 2025 unit before its merger counts the share of its
    former units), pair_share (% of province-service pairs online), complete (how many provinces
    offer all of them), all_share (% of provinces offering all of them), status.
    """
    places = entity_values(store, "p06_services", "month", boundary, "province")
    columns = ["period", "period_start", "places", "services_avg", "pair_share", "complete", "all_share", "status"]
    if places.empty:
        return pd.DataFrame(columns=columns)
    total = len(p06_services(store)) or 25
    places = places.assign(services=places.value / 100 * total, complete=places.value >= 100 - 1e-9,
                           is_demo=places.status == "demo")
    out = places.groupby(["period", "period_start"], as_index=False).agg(
        places=("entity_id", "count"), services_avg=("services", "mean"), numerator=("numerator", "sum"),
        denominator=("denominator", "sum"), complete=("complete", "sum"), all_share=("complete", "mean"),
        is_demo=("is_demo", "any"))
    # a rate over places is the ratio of the sums, never the mean of the places' rates
    out["pair_share"] = 100 * out.numerator / out.denominator.where(out.denominator > 0)
    out["all_share"] = 100 * out.all_share
    out["status"] = out.is_demo.map({True: "demo", False: "published"})
    return out[columns].sort_values("period").reset_index(drop=True)


def counts_match(value, numerator, denominator, tolerance: float = 0.01) -> bool:
    """True when a rate's own counts give the rate shown (so '1.818/1.876 — 96,91%' is honest);
    False when either count is missing or a published rate overrides computed counts."""
    if any(v is None or pd.isna(v) for v in (value, numerator, denominator)) or not denominator:
        return False
    return abs(100 * numerator / denominator - value) < tolerance
