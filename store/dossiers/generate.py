"""Demo dossier records: deterministic, realistic, and consistent with the store's demo rates.

For each place (province or ministry, as it was then) and month, as many dossiers as the
store's demo counts of that month times `scale`, shared among receiving units (the provincial
agencies, the public administration centre, and from 07/2025 the communes; a ministry's desks)
and procedures (data/dossier_demo.yaml: the mix by level, legal times, fees). Each dossier is
filed online, settled on time, digitised ... with a probability centred on the place's demo rate
of the month, moved by the unit's lasting strength and
the procedure's: land and construction are slower, civil status is more often online. Counted
by data/dossiers.yaml, a place's records give back its demo rates within sampling noise, and
they improve as the demo improves. One partition at a time, so a national year (10^8 records)
never sits in memory. The same seed, places and months always give the same records.
"""
from __future__ import annotations

import zlib
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq
import yaml

from metrics.paths import DATA_DIR
from store.dossiers import dataset
from store.dossiers.places import Unit

RATES = ("dossiers_online", "dossiers_full_online", "dossiers_on_time", "dossiers_digitised",
         "dossiers_synced", "dossiers_paid_online", "dossiers_e_result")
ROW_GROUP = 32_768
CHANNELS = pa.array(["online", "in_person", "post"])
STATUSES = pa.array(["processing", "finished", "withdrawn"])
MINUTE = np.timedelta64(60_000_000, "us")
DAY = np.timedelta64(86_400_000_000, "us")


@lru_cache(maxsize=1)
def config(data_dir: Path = DATA_DIR) -> dict:
    return yaml.safe_load((data_dir / "dossier_demo.yaml").read_text(encoding="utf-8"))


def _logit(p):
    p = np.clip(p, 1e-4, 1 - 1e-4)
    return np.log(p / (1 - p))


def _sigmoid(x):
    return 1 / (1 + np.exp(-x))


@dataclass(frozen=True)
class Procedures:
    """Every procedure of data/dossier_demo.yaml, as arrays (one entry per procedure)."""
    code: pa.Array
    name: pa.Array
    sector: pa.Array
    level: np.ndarray
    sector_id: np.ndarray
    days: np.ndarray
    fee: np.ndarray
    weight: np.ndarray
    online: np.ndarray
    late: np.ndarray
    digital: np.ndarray


@lru_cache(maxsize=1)
def procedures() -> Procedures:
    cfg = config()
    rows, names = cfg["procedures"], cfg["sectors"]
    arr = {k: np.array([p[k] for p in rows]) for k in ("level", "days", "fee", "weight", "online", "late", "digital")}
    return Procedures(code=pa.array([p["code"] for p in rows]), name=pa.array([p["name"] for p in rows]),
                      sector=pa.array([names[p["sector"]][0] for p in rows]),
                      sector_id=np.array([p["sector"] for p in rows]), **arr)


def _unit_mix(units: list[Unit]) -> tuple[np.ndarray, dict[str, np.ndarray]]:
    """Per unit, the cumulative shares of the procedures it handles, and each procedure's
    lasting differences centred within the unit (they move dossiers between procedures, not the
    unit's rate)."""
    procs = procedures()
    handles = np.array([(procs.level == u.level) & (np.isin(procs.sector_id, u.sectors) if u.sectors else True)
                        for u in units])
    w = handles * procs.weight[None, :]
    w = w / w.sum(axis=1, keepdims=True)
    centred = {k: getattr(procs, k)[None, :] - (w * getattr(procs, k)[None, :]).sum(axis=1, keepdims=True)
               for k in ("online", "late", "digital")}
    return np.cumsum(w, axis=1), centred


def _rng(*keys) -> np.random.Generator:
    return np.random.default_rng([int(config()["seed"])] + [zlib.crc32(str(k).encode()) for k in keys])


def _received_times(r, n: int, month_start: datetime, online: np.ndarray) -> np.ndarray:
    """Office hours on working days for in-person filing; any time, mostly by day, online."""
    start = np.datetime64(month_start, "us")
    nxt = np.datetime64(f"{month_start.year + month_start.month // 12:04d}-{month_start.month % 12 + 1:02d}-01", "us")
    days = int((nxt - start) / DAY)
    day = r.integers(0, days, n)
    weekday = (start.astype("datetime64[D]").astype(int) + 3 + day) % 7  # 0 = Monday
    # in person: move weekend days to the Friday before
    day = np.where(~online & (weekday >= 5), day - (weekday - 4), day)
    day = np.clip(day, 0, days - 1)
    office = 7 * 60 + 30 + r.integers(0, 9 * 60 + 30, n)
    anytime = np.clip(r.normal(14 * 60, 260, n), 0, 24 * 60 - 1).astype(int)
    minutes = np.where(online, anytime, office)
    return start + day * DAY + minutes * MINUTE


def partition(entity_id: str, month_start: datetime, n: int, rates: dict[str, float],
              units: list[Unit], snapshot: datetime) -> pa.Table:
    """One (place, month) partition of n demo dossiers as an Arrow table (dataset.file_schema)."""
    cfg = config()
    r = _rng(entity_id, f"{month_start:%Y-%m}")
    weight = np.array([u.weight for u in units])
    ui = r.choice(len(units), n, p=weight / weight.sum())
    # procedures: drawn within each unit's own list (inverse of its cumulative shares)
    cum, centred = _unit_mix(units)
    j = np.minimum((cum[ui] < r.random(n)[:, None]).sum(axis=1), cum.shape[1] - 1)
    procs = procedures()
    days, fee = procs.days[j].astype(float), procs.fee[j].astype(bool)
    off_online, off_late, off_digital = (centred[k][ui, j] for k in ("online", "late", "digital"))
    strength = np.array([u.strength for u in units])[ui]
    rate = {m: np.full(n, rates.get(m, np.nan)) for m in RATES}
    lg = {m: _logit(np.nan_to_num(v, nan=0.5)) for m, v in rate.items()}
    p_online = _sigmoid(lg["dossiers_online"] + off_online + strength)
    online = r.random(n) < p_online
    full_given_online = np.clip(rate["dossiers_full_online"] / np.maximum(rate["dossiers_online"], 1e-3), 0, 1)
    full = online & (r.random(n) < _sigmoid(_logit(full_given_online) + off_online + strength))
    post = ~online & (r.random(n) < cfg["post_share"])
    channel = np.where(online, 0, np.where(post, 2, 1))  # index into CHANNELS
    received = _received_times(r, n, month_start, online)
    legal = np.ceil(days * cfg["due_factor"]).astype(int)
    due = (received.astype("datetime64[D]") + legal).astype("datetime64[us]") + 17 * 60 * MINUTE
    due = np.maximum(due, received + 4 * 60 * MINUTE)
    on_time = r.random(n) < _sigmoid(lg["dossiers_on_time"] - off_late + strength)
    span = (due - received).astype(np.int64)
    early = received + (span * r.uniform(0.05, 1.0, n)).astype(np.int64).astype("timedelta64[us]")
    late_by = (r.exponential(0.3 * days + 1.0, n) * 86_400e6).astype(np.int64) + 60_000_000
    finished = np.where(on_time, early, due + late_by.astype("timedelta64[us]"))
    withdrawn = r.random(n) < cfg["withdrawn"]
    snap = np.datetime64(snapshot, "us")
    done = ~withdrawn & (finished <= snap)
    status = np.where(withdrawn, 2, np.where(done, 1, 0))  # index into STATUSES
    digital = off_digital + strength
    e_result = done & (r.random(n) < _sigmoid(lg["dossiers_e_result"] + digital))
    digitised = r.random(n) < _sigmoid(lg["dossiers_digitised"] + digital)
    synced = r.random(n) < _sigmoid(lg["dossiers_synced"] + 0.5 * strength)
    paid = r.random(n) < _sigmoid(lg["dossiers_paid_online"] + off_online + strength)
    last = np.where(done, finished, np.where(withdrawn, received + 2 * DAY, received))
    updated = np.minimum(last + (r.exponential(90, n) * 60e6).astype(np.int64).astype("timedelta64[us]"), snap)
    updated = np.maximum(updated, received)
    finished, updated = (x.astype("datetime64[s]").astype("datetime64[us]") for x in (finished, updated))
    take = pa.array(ui)

    def per_unit(attr):
        return pc.take(pa.array([getattr(u, attr) for u in units], pa.string()), take)

    codes = per_unit("unit_id")
    ids = _dossier_ids(codes, ui, received)
    mask_fin = ~done
    return pa.table({
        "dossier_id": ids,
        "unit_id": codes,
        "unit_name": per_unit("unit_name"),
        "unit_kind": per_unit("unit_kind"),
        "commune_id": per_unit("commune_id"),
        "procedure_code": pc.take(procs.code, pa.array(j)),
        "procedure_name": pc.take(procs.name, pa.array(j)),
        "sector": pc.take(procs.sector, pa.array(j)),
        "channel": pc.take(CHANNELS, pa.array(channel)),
        "full_online": pa.array(full),
        "received_at": pa.array(received, pa.timestamp("us")),
        "due_at": pa.array(due, pa.timestamp("us")),
        "finished_at": pa.array(finished, pa.timestamp("us"), mask=mask_fin),
        "status": pc.take(STATUSES, pa.array(status)),
        "e_result": pa.array(e_result),
        "paid_online": pa.array(paid, mask=~fee),
        "digitised": pa.array(digitised),
        "synced": pa.array(synced),
        "updated_at": pa.array(updated, pa.timestamp("us")),
        "batch_id": pa.array([dataset.DEMO_BATCH] * n, pa.string()),
    }).select(dataset.file_schema().names).cast(dataset.file_schema())


def _dossier_ids(codes: pa.Array, key: np.ndarray, received: np.ndarray) -> pa.Array:
    """'000.00.04.H46-250712-0031': the unit's code, the day, the dossier's number that day
    (key: the unit's index)."""
    day = received.astype("datetime64[D]").astype(np.int64)
    order = np.lexsort((received, day, key))
    seq = np.empty(len(codes), np.int64)
    k, d = key[order], day[order]
    new_group = np.r_[True, (k[1:] != k[:-1]) | (d[1:] != d[:-1])]
    starts = np.maximum.accumulate(np.where(new_group, np.arange(len(order)), 0))
    seq[order] = np.arange(len(order)) - starts + 1
    when = pc.strftime(pa.array(received, pa.timestamp("us")), format="%y%m%d")
    number = pc.utf8_lpad(pc.cast(pa.array(seq), pa.string()), 4, "0")
    return pc.binary_join_element_wise(codes, when, number, "-")


def write_partition(version: Path, entity_id: str, month_start: datetime, table: pa.Table) -> Path:
    out = dataset.partition_dir(version, f"{month_start:%Y-%m}", entity_id)
    out.mkdir(parents=True, exist_ok=True)
    path = out / "demo.parquet"
    # in the order received, in small row groups: a month's settled dossiers sit in few row
    # groups of the files before it, which a range on finished_at skips (store/dossiers/compile.py)
    pq.write_table(table.sort_by("received_at"), path, compression="zstd", row_group_size=ROW_GROUP)
    return path
