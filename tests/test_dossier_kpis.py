"""Each KPI definition on hand-made records with known answers: the boundary minute, a dossier
received in one month and settled in the next, withdrawn and unfinished ones, no fee; every
level (unit, commune, place, nation) a sum of the cube; the definitions checked on load."""
from __future__ import annotations

from datetime import datetime

import duckdb
import pandas as pd
import pytest

from metrics import catalogue
from metrics.dossier_kpis import validate
from store.dossiers import dataset, kpis
from store.dossiers.compile import cube_sql
from store.dossiers.merge import merge_batch
from tests.dossier_records import record

DUE = datetime(2026, 9, 14, 17, 0)


def values(tmp_path, records: list[dict]) -> pd.DataFrame:
    """The KPI values of `records` at every level: level, place_id, metric_id, period ->
    numerator, denominator."""
    con = duckdb.connect(":memory:")
    for r in records:
        r.setdefault("batch_id", "test")
        r.setdefault("_row", 1)
        if r["entity_id"] == "Đà Nẵng":
            r["entity_id"] = "da-nang-2025"
    con.register("hand", pd.DataFrame(records))
    con.execute("CREATE TABLE incoming AS SELECT * FROM hand")
    merged = merge_batch(con, tmp_path / "kpi.duckdb", None, "incoming")
    kpis.refresh_cube(con, merged.path)
    out = con.execute(kpis.values_sql()).df()
    return out.set_index(["level", "place_id", "metric_id", "period"])[["numerator", "denominator"]]


def pair(frame, metric, period, level="place", place="da-nang-2025"):
    key = (level, place, metric, period)
    return tuple(int(x) for x in frame.loc[key]) if key in frame.index else None


def test_on_time_at_the_boundary_minute(tmp_path):
    v = values(tmp_path, [record("early", finished_at=datetime(2026, 9, 14, 16, 59), due_at=DUE),
                          record("exact", finished_at=DUE, due_at=DUE),
                          record("late", finished_at=datetime(2026, 9, 14, 17, 1), due_at=DUE)])
    assert pair(v, "dossiers_on_time", "2026-09") == (2, 3)


def test_received_in_one_month_settled_in_the_next(tmp_path):
    v = values(tmp_path, [record("sep", received_at=datetime(2026, 9, 30, 23, 59), due_at=datetime(2026, 10, 2, 17, 0),
                                 finished_at=datetime(2026, 10, 1, 8, 0), e_result=False),
                          record("oct", received_at=datetime(2026, 10, 1, 0, 0), due_at=datetime(2026, 10, 5, 17, 0),
                                 finished_at=datetime(2026, 10, 6, 8, 0), channel="in_person", full_online=False)])
    assert pair(v, "dossiers_online", "2026-09") == (1, 1)       # counted where received
    assert pair(v, "dossiers_online", "2026-10") == (0, 1)
    assert pair(v, "dossiers_on_time", "2026-09") is None        # none settled in September
    assert pair(v, "dossiers_on_time", "2026-10") == (1, 2)      # both settled in October
    assert pair(v, "dossiers_e_result", "2026-10") == (1, 2)


def test_withdrawn_and_unfinished_dossiers(tmp_path):
    v = values(tmp_path, [record("done"),
                          record("withdrawn", status="withdrawn", finished_at=None, digitised=False),
                          record("open", status="processing", finished_at=None, synced=False)])
    assert pair(v, "dossiers_on_time", "2026-09") == (1, 1)      # only what was settled
    assert pair(v, "dossiers_e_result", "2026-09") == (1, 1)
    assert pair(v, "dossiers_online", "2026-09") == (3, 3)       # all three were received
    assert pair(v, "dossiers_digitised", "2026-09") == (2, 3)
    assert pair(v, "dossiers_synced", "2026-09") == (2, 3)


def test_full_online_and_fees(tmp_path):
    v = values(tmp_path, [record("a", full_online=True), record("b", full_online=False, paid_online=False),
                          record("c", full_online=False, paid_online=None), record("d", channel="post", full_online=False)])
    assert pair(v, "dossiers_full_online", "2026-09") == (1, 4)
    assert pair(v, "dossiers_paid_online", "2026-09") == (2, 3)  # c charges no fee
    assert pair(v, "dossiers_online", "2026-09") == (3, 4)


def test_every_level_is_a_sum_of_the_cube(tmp_path):
    v = values(tmp_path, [record("p1"), record("p2", finished_at=datetime(2026, 9, 15, 8, 0)),
                          record("c1", unit_id="X1", unit_kind="commune", commune_id="xa-20194"),
                          record("m1", entity_id="moj", unit_id="G1", unit_kind="ministry")])
    assert pair(v, "dossiers_on_time", "2026-09") == (2, 3)
    assert pair(v, "dossiers_on_time", "2026-09", "commune", "xa-20194") == (1, 1)
    assert pair(v, "dossiers_on_time", "2026-09", "unit", "000.00.01.H48") == (1, 2)
    assert pair(v, "dossiers_on_time", "2026-09", "place", "moj") == (1, 1)
    assert pair(v, "dossiers_on_time", "2026-09", "nation", "vn") == (3, 4)


def test_the_compiled_statement_reads_as_the_definitions_say():
    text = cube_sql(list(catalogue.dossier_kpis().values()), [202609])
    assert ("SUM(CASE WHEN COALESCE(status = 'finished', FALSE) AND COALESCE(finished_at <= due_at, FALSE) "
            "THEN 1 ELSE 0 END) AS dossiers_on_time__num") in text
    assert "received_month IN ('2026-09')" in text  # the month's own files
    # settled in September from the files before: a range the engine can skip row groups by
    assert "finished_at >= TIMESTAMP '2026-09-01 00:00:00' AND finished_at < TIMESTAMP '2026-10-01 00:00:00'" in text
    assert "cube_sql" not in text and "{" not in text


def test_one_month_alone_gives_that_months_cells_of_the_whole(tmp_path):
    import duckdb

    rows = [record("a", received_at=datetime(2026, 8, 30, 9, 0), due_at=datetime(2026, 9, 3, 17, 0),
                   finished_at=datetime(2026, 9, 2, 9, 0)),
            record("b", received_at=datetime(2026, 9, 30, 9, 0), due_at=datetime(2026, 10, 3, 17, 0),
                   finished_at=datetime(2026, 10, 4, 9, 0)),
            record("c"), record("d", received_at=datetime(2026, 7, 1, 9, 0), status="processing", finished_at=None)]
    for r in rows:
        r.update(batch_id="test", _row=1, entity_id="da-nang-2025")
    con = duckdb.connect(":memory:")
    con.register("hand", pd.DataFrame(rows))
    con.execute("CREATE TABLE incoming AS SELECT * FROM hand")
    version = merge_batch(con, tmp_path / "kpi.duckdb", None, "incoming").path
    con.execute(f"CREATE VIEW dossiers AS SELECT * FROM {dataset.relation_sql(version)}")
    kpi = list(catalogue.dossier_kpis().values())
    whole = con.execute(cube_sql(kpi)).fetchall()
    for month in (202607, 202608, 202609, 202610):
        alone = con.execute(cube_sql(kpi, [month])).fetchall()
        assert sorted(alone) == sorted(r for r in whole if r[0] == month), month


def test_bad_definitions_are_all_reported_at_once():
    doc = {"fields": [{"name": "status", "type": "string", "vi": "a", "en": "a", "doc_vi": "a", "doc_en": "a",
                       "values": {"finished": ["x", "x"]}}],
           "kpis": [{"metric": "nope", "period_by": "received_at", "denominator": [], "numerator": [["status", "=", "finishd"]]},
                    {"metric": "dossiers_on_time", "period_by": "due", "denominator": [["colour", "=", 1]],
                     "numerator": [["status", "like", "x"]]}]}
    with pytest.raises(ValueError) as err:
        validate(doc, catalogue.catalogue())
    text = str(err.value)
    for expected in ("'nope' is not a metric", "'finishd' is not a value of status", "period_by must be",
                     "'colour' is not a dossier field", "op 'like'"):
        assert expected in text


def test_every_kpi_is_a_monthly_ratio_of_the_catalogue_and_every_field_is_documented():
    assert set(catalogue.dossier_kpis()) == {"dossiers_online", "dossiers_full_online", "dossiers_synced",
                                             "dossiers_digitised", "dossiers_paid_online", "dossiers_on_time",
                                             "dossiers_e_result"}
    readme = (dataset.__file__.rsplit("/store/", 1)[0] + "/README.md")
    text = open(readme, encoding="utf-8").read()
    for name in catalogue.dossier_fields():
        assert f"`{name}`" in text, f"README does not document the dossier field {name}"
    for metric in catalogue.dossier_kpis():
        assert f"`{metric}`" in text
