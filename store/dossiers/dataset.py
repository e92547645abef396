"""Where dossier records live: a Parquet dataset beside the store, one folder per version.

    data/kpi.dossiers/<version>/received_month=2025-07/entity_id=hue/<file>.parquet

Partitioned by the month a dossier was received and by the province or ministry whose system
holds it (as it was then), so a month's or a province's question reads its files only. A new
version is a new folder: the partitions a batch touches are written anew (the latest version of
each dossier wins), the others are hard links to the previous version's files (no copy). The
store names the version it was computed from (store_info 'dossier_version') and its
`kpi_dossiers` view reads that folder: the store's atomic swap is the one commit point, so an
interrupted write leaves an unused folder behind and the previous state in force.
"""
from __future__ import annotations

import os
import shutil
import uuid
from datetime import datetime
from pathlib import Path

import pyarrow as pa

from metrics import catalogue

PARTITIONS = ("received_month", "entity_id")
ARROW_TYPES = {"string": pa.string(), "bool": pa.bool_(), "timestamp": pa.timestamp("us")}
SQL_TYPES = {"string": "VARCHAR", "bool": "BOOLEAN", "timestamp": "TIMESTAMP"}
DEMO_BATCH = "demo"


def columns() -> list[str]:
    """Every dossier field, in the catalogue's order (entity_id included)."""
    return list(catalogue.dossier_fields())


def file_schema() -> pa.Schema:
    """The columns inside a Parquet file (the partition columns live in the path)."""
    return pa.schema([(f.name, ARROW_TYPES[f.type]) for f in catalogue.dossier_fields().values()
                      if f.name not in PARTITIONS])


def sql_types() -> dict[str, str]:
    return {f.name: SQL_TYPES[f.type] for f in catalogue.dossier_fields().values()}


def root(store: Path) -> Path:
    """data/kpi.duckdb -> data/kpi.dossiers"""
    store = Path(store)
    return store.with_name(store.name.split(".")[0] + ".dossiers")


def new_version(store: Path) -> tuple[str, Path]:
    name = f"v{datetime.now():%Y%m%d-%H%M%S}-{uuid.uuid4().hex[:6]}"
    path = root(store) / name
    path.mkdir(parents=True)
    return name, path


def has_files(path: Path | None) -> bool:
    return path is not None and path.is_dir() and any(path.glob("*/*/*.parquet"))


def relation_sql(path: Path | None) -> str:
    """A FROM-clause relation of the version's records with their partition columns, or an
    empty relation of the same columns when the version holds none."""
    if not has_files(path):
        cols = ", ".join(f"CAST(NULL AS {t}) AS {c}" for c, t in sql_types().items())
        return f"(SELECT {cols}, CAST(NULL AS VARCHAR) AS received_month WHERE false)"
    glob = str(Path(path).resolve() / "*" / "*" / "*.parquet").replace("'", "''")
    return (f"read_parquet('{glob}', hive_partitioning = true, union_by_name = true, "
            "hive_types = {'received_month': VARCHAR, 'entity_id': VARCHAR})")


def partition_dir(version: Path, month: str, entity_id: str) -> Path:
    return version / f"received_month={month}" / f"entity_id={entity_id}"


def partitions(version: Path | None) -> set[tuple[str, str]]:
    """(received_month, entity_id) of every partition that holds files."""
    if version is None or not version.is_dir():
        return set()
    out = set()
    for d in version.glob("received_month=*/entity_id=*"):
        if any(d.glob("*.parquet")):
            out.add((d.parent.name.split("=", 1)[1], d.name.split("=", 1)[1]))
    return out


def link_partitions(old: Path, new: Path, keep: set[tuple[str, str]]) -> int:
    """Hard-link the files of the partitions `keep` from version `old` into `new`; the files linked."""
    n = 0
    for month, entity in sorted(keep):
        src, dst = partition_dir(old, month, entity), partition_dir(new, month, entity)
        dst.mkdir(parents=True, exist_ok=True)
        for f in src.glob("*.parquet"):
            try:
                os.link(f, dst / f.name)
            except OSError:  # another file system: copy instead
                shutil.copy2(f, dst / f.name)
            n += 1
    return n


def prune(store: Path, keep: set[str]) -> list[str]:
    """Delete the version folders not in `keep` (call under the store's import lock)."""
    base = root(store)
    gone = []
    if base.is_dir():
        for d in base.iterdir():
            if d.is_dir() and d.name.startswith("v") and d.name not in keep:
                shutil.rmtree(d, ignore_errors=True)
                gone.append(d.name)
    return gone


def copy_store(src: Path, dst_dir: Path) -> Path:
    """A copy of a store and of its dossier dataset in dst_dir (hard links: the versions are
    never changed once written)."""
    dst = Path(dst_dir) / Path(src).name
    shutil.copyfile(src, dst)
    if root(src).is_dir():
        shutil.copytree(root(src), root(dst), copy_function=os.link, dirs_exist_ok=True)
    return dst
