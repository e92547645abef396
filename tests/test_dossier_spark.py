"""The same compiled KPI statement on Spark (PySpark, local mode, Java from Debian) and on
DuckDB, over the same Parquet files: every value of the cube compared, all months and one."""
from __future__ import annotations

from datetime import datetime
from pathlib import Path

import duckdb
import pytest

from metrics.periods import month_range, parse
from store.dossiers import dataset, engines, sample
from store.dossiers.merge import merge_batch
from tests.dossier_records import record


@pytest.fixture(scope="session")
def spark():
    session = engines.spark_session("local[2]")
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


@pytest.fixture(scope="module")
def version(store_path, tmp_path_factory) -> Path:
    """A sample: demo records of Huế and the Ministry of Justice for three months (2026-07 to
    2026-09), plus hand-made records across a month's end, of a commune, withdrawn."""
    store = tmp_path_factory.mktemp("spark") / "kpi.duckdb"
    con = duckdb.connect(":memory:")
    con.execute(f"ATTACH '{store_path}' AS src (READ_ONLY)")
    con.execute("USE src")
    name, path = dataset.new_version(store)
    months = month_range(parse("2026-07").start, parse("2026-09").start)
    n = sample.write_demo(con, path, ["hue", "moj"], months, 0.04, datetime(2026, 9, 30, 23, 59))
    assert n > 1000
    con.execute("USE memory")
    hand = [record("S-1", received_at=datetime(2026, 9, 30, 16, 0), due_at=datetime(2026, 10, 2, 17, 0),
                   finished_at=datetime(2026, 10, 1, 9, 0)),
            record("S-2", commune_id="xa-20194", unit_kind="commune", status="withdrawn", finished_at=None),
            record("S-3", entity_id="da-nang-2025", paid_online=None, channel="post", full_online=False)]
    for r in hand:
        r["entity_id"] = "da-nang-2025" if r["entity_id"] == "Đà Nẵng" else r["entity_id"]
        r["batch_id"], r["_row"] = "hand", 1
    import pandas as pd

    con.register("hand", pd.DataFrame(hand))
    con.execute("CREATE TABLE incoming AS SELECT * FROM hand")
    merged = merge_batch(con, store, path, "incoming")
    return merged.path


def test_spark_gives_every_value_duckdb_gives(spark, version):
    duck = engines.keyed(engines.DuckDBEngine().cube(version))
    other = engines.keyed(engines.SparkEngine(spark).cube(version))
    assert len(duck) > 500
    assert duck.keys() == other.keys()
    differ = [k for k in duck if duck[k] != other[k]]
    assert not differ, differ[:5]
    assert (202610, "da-nang-2025") in {k[:2] for k in duck}  # S-1 settled in October


def test_spark_and_duckdb_agree_on_one_month(spark, version):
    duck = engines.keyed(engines.DuckDBEngine().cube(version, [202609]))
    other = engines.keyed(engines.SparkEngine(spark).cube(version, [202609]))
    assert duck == other and {k[0] for k in duck} == {202609}
