"""Taking a batch of dossier records into the store, whole or not at all.

Under the store's import lock, on a copy of the store (store.swap): read the records,
check every cell (any problem refuses the batch), write a new version of the dataset (the latest
version of each dossier wins), work out the KPIs of the months the batch touched, replace their
observations, refresh their roll-ups, record the batch (and a sync's watermark), and swap the
copy in. The swap is the one commit point: an error or an interruption anywhere before it leaves
the store and the dataset it names exactly as they were (a half-written version folder is
never named by any store, and is deleted).
"""
from __future__ import annotations

import hashlib
import shutil
import time
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Callable

from ingest.dossiers import check
from ingest.dossiers.mapping import map_headers
from ingest.dossiers.read import Source, read_file
from ingest.write import locked
from l10n import t
from metrics import catalogue
from store import rollups
from store.dossiers import dataset, kpis
from store.dossiers.merge import merge_batch
from store.swap import copy_of, swap, transaction

INFO = "INSERT OR REPLACE INTO store_info VALUES (?, ?)"
MEMORY_LIMIT = "3GB"


class Refused(ValueError):
    """The batch was not taken: `problems` (at most check.MAX_SHOWN) of `total`."""

    def __init__(self, problems: list[check.Problem], total: int):
        self.problems, self.total = problems, total
        super().__init__(f"{total} problems: " + "; ".join(p.message_en for p in problems[:5]))

    def report(self, lang: str = "vi") -> str:
        head = t("dossier_refused", lang, total=self.total)
        return "\n".join([head] + [p.message(lang) for p in self.problems])


@dataclass
class Imported:
    batch_id: str | None            # None: nothing new (every record already stored)
    records: int = 0
    counts: dict = field(default_factory=dict)
    months: list[int] = field(default_factory=list)
    version: str | None = None
    seconds: float = 0.0
    watermark: datetime | None = None


def _info(con, key: str) -> str | None:
    row = con.execute("SELECT value FROM store_info WHERE key = ?", [key]).fetchone()
    return row[0] if row else None


def _incoming(con, batch_id: str) -> int:
    cols = []
    for name, f in catalogue.dossier_fields().items():
        if name == "batch_id":
            cols.append(f"'{batch_id}' AS batch_id")
        elif f.type == "bool" and f.required:
            cols.append(f"COALESCE({name}, FALSE) AS {name}")  # an empty yes/no cell is a no
        else:
            cols.append(name)
    con.execute(f"CREATE OR REPLACE TEMP TABLE dossier_incoming AS SELECT _row, {', '.join(cols)} FROM dossier_parsed")
    return con.execute("SELECT count(*) FROM dossier_incoming").fetchone()[0]


def write_records(store: Path, fill: Callable[..., Source], *, origin: str, name: str, sha256: str | None,
                  who: str, sync_source: str | None = None, now: datetime | None = None,
                  timings: dict | None = None) -> Imported:
    """The whole flow for one batch; `fill(con)` puts the records on the copy's connection and
    returns their Source. Refused (nothing written) when any record has a problem. `timings`,
    if given, gets the seconds of each step (read_check, parquet, kpis, swap)."""
    started, now = time.perf_counter(), now or datetime.now()
    timings = {} if timings is None else timings
    lap = [started]

    def step(name: str) -> None:
        timings[name] = time.perf_counter() - lap[0]
        lap[0] = time.perf_counter()
    store = Path(store)
    with locked(store), copy_of(store) as (con, tmp):
        # a batch of 10^7 records spills to disk beside the store rather than fill the machine
        con.execute(f"SET memory_limit = '{MEMORY_LIMIT}'")
        con.execute("SET temp_directory = ?", [str(store.with_name(store.name + ".tmpdir"))])
        kpis.ensure_tables(con)
        source = fill(con)
        mapping = map_headers(list(source.headers))
        if mapping.missing or mapping.doubled:
            raise Refused(*check.problems(con, mapping))
        check.parse(con, source, mapping)
        found, total = check.problems(con, mapping)
        if found:
            raise Refused(found, total)
        step("read_check")
        batch_id = f"hs-{now:%Y%m%d-%H%M%S}-{(sha256 or hashlib.sha256(name.encode()).hexdigest())[:8]}"
        records = _incoming(con, batch_id)
        old_name, old_previous = _info(con, "dossier_version"), _info(con, "dossier_previous_version")
        old = dataset.root(store) / old_name if old_name else None
        merged = merge_batch(con, store, old, "dossier_incoming")
        watermark = con.execute("SELECT max(updated_at) FROM dossier_incoming").fetchone()[0]
        step("parquet")
        result = Imported(None, records, merged.counts, merged.months, old_name, 0.0, watermark)
        if merged.version is None:
            result.seconds = time.perf_counter() - started
            return result
        try:
            with transaction(con):
                kpis.refresh_cube(con, merged.path, merged.months)
                kpis.write_observations(con, merged.months)
                kpis.create_views(con, merged.path)
                con.execute("""INSERT INTO dossier_batches VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                            [batch_id, origin, name, sha256, who, now, records, merged.counts["added"],
                             merged.counts["changed"], merged.counts["same"], merged.counts["older"],
                             ",".join(str(m) for m in merged.months), merged.version])
                if sync_source:
                    con.execute("INSERT OR REPLACE INTO dossier_sync VALUES (?, ?, ?, ?)",
                                [sync_source, watermark, batch_id, now])
                snapshot = max(filter(None, [_info(con, "dossier_snapshot"), watermark.isoformat(timespec="minutes")]))
                for key, value in {"dossier_version": merged.version, "dossier_previous_version": old_name,
                                   "dossier_snapshot": snapshot, "last_import_at": now.isoformat(timespec="seconds")}.items():
                    if value:
                        con.execute(INFO, [key, value])
                rollups.refresh(con, [k.metric for k in kpis.kpi_list()])
            step("kpis")
            swap(con, tmp, store)
            step("swap")
        except BaseException:
            shutil.rmtree(merged.path, ignore_errors=True)
            raise
        keep = {merged.version, old_name, old_previous}  # readers may still hold the two stores before
        dataset.prune(store, {k for k in keep if k})
    result.batch_id, result.version = batch_id, merged.version
    result.seconds = time.perf_counter() - started
    return result


def sha256_of(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def import_file(store: Path, path: Path, who: str = "cli", now: datetime | None = None,
                timings: dict | None = None) -> Imported:
    """Import one export (CSV, XLSX or Parquet) as one batch; Refused with every problem."""
    path = Path(path)
    return write_records(store, lambda con: read_file(con, path), origin="file", name=path.name,
                         sha256=sha256_of(path), who=who, now=now, timings=timings)
