"""The engines that run the compiled KPI statement over a dataset version: DuckDB (one machine,
the default) and Spark (a cluster, or local mode in the tests), behind one small protocol.

Both read the same Parquet folders and run the same text (store/dossiers/compile.py); only
how they open the files differs. To run on a cluster, give SparkEngine a session built with
the cluster's master (`spark://host:7077`, `yarn`, `k8s://...`) and a dataset path every
executor can read (HDFS, S3 via s3a://, or a shared mount); see the README.
"""
from __future__ import annotations

from pathlib import Path
from typing import Protocol

from store.dossiers import dataset
from store.dossiers.compile import cube_columns, cube_sql
from store.dossiers.kpis import kpi_list


class Engine(Protocol):
    name: str

    def cube(self, version: Path, months: list[int] | None = None) -> list[tuple]:
        """The rows of cube_sql over the version's records (columns: compile.cube_columns)."""


class DuckDBEngine:
    name = "duckdb"

    def __init__(self, con=None, threads: int | None = None):
        import duckdb

        self.con = con or duckdb.connect(":memory:")
        if threads:
            self.con.execute(f"SET threads = {int(threads)}")

    def cube(self, version: Path, months: list[int] | None = None) -> list[tuple]:
        self.con.execute(f"CREATE OR REPLACE TEMP VIEW dossiers AS SELECT * FROM {dataset.relation_sql(version)}")
        return self.con.execute(cube_sql(kpi_list(), months)).fetchall()


def spark_session(master: str = "local[2]", app: str = "cchc-dossier-kpis", **conf):
    """A SparkSession for the KPIs: partition values kept as text, times read as written (the
    records' local times, no time zone shift), the UI off."""
    from pyspark.sql import SparkSession

    builder = (SparkSession.builder.master(master).appName(app)
               .config("spark.ui.enabled", "false")
               .config("spark.sql.session.timeZone", "UTC")
               .config("spark.sql.sources.partitionColumnTypeInference.enabled", "false")
               .config("spark.sql.shuffle.partitions", "8"))
    for key, value in conf.items():
        builder = builder.config(key, value)
    return builder.getOrCreate()


class SparkEngine:
    name = "spark"

    def __init__(self, session):
        self.spark = session

    def cube(self, version: Path | str, months: list[int] | None = None) -> list[tuple]:
        path = str(version)
        frame = self.spark.read.option("basePath", path).parquet(f"{path}/received_month=*/entity_id=*")
        frame.createOrReplaceTempView("dossiers")
        # collected as rows: PySpark does not fully support pandas 3 (toPandas)
        return [tuple(r) for r in self.spark.sql(cube_sql(kpi_list(), months)).collect()]


def keyed(rows: list[tuple]) -> dict[tuple, tuple]:
    """Cube rows by their key (month, place, unit, commune, sector, procedure, demo), to compare
    engines whatever order they return them in."""
    cols = cube_columns(kpi_list())
    key_n = cols.index("demo") + 1
    return {tuple(r[:key_n]): tuple(r[key_n:]) for r in rows}
