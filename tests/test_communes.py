"""The communes of the 2025 map: the committed list is the package's, every commune sits in one
of the 34 provinces, and a store built with --communes holds their monthly demo figures from
2025-07 (rates from their counts, 766 groups adding up to the index, centred on the province)
while every province and ministry figure stays what a store without communes holds."""
from __future__ import annotations

import shutil
from datetime import date

import duckdb
import numpy as np
import pandas as pd
import pytest
import yaml
from ingest_cases.corpus import csv_bytes, row

from ingest import import_plan, prepare, undo
from ingest.resolve import load as load_resolver
from metrics import catalogue
from metrics.db import Store
from metrics.paths import DATA_DIR
from metrics.periods import parse
from store.communes import FIRST_MONTH, from_package, generate_commune_demo, provinces_2025, read_communes

COMMUNE_METRICS = {"dossiers_online", "dossiers_full_online", "dossiers_synced", "dossiers_on_time",
                   "dossiers_digitised", "dossiers_paid_online", "dossiers_e_result", "index766", "index766_transparency", "index766_progress",
                   "index766_digitisation", "index766_online", "index766_payment", "index766_satisfaction"}
# Units per province under the resolutions of 16/06/2025 (Nghị quyết 1656–1687/NQ-UBTVQH15).
KNOWN_COUNTS = {"ha-noi": 126, "ho-chi-minh-2025": 168, "thanh-hoa": 166, "phu-tho-2025": 148, "hue": 40}


@pytest.fixture(scope="module")
def communes() -> pd.DataFrame:
    return read_communes()


def _query(path, sql: str, params=None) -> pd.DataFrame:
    con = duckdb.connect(str(path), read_only=True)
    try:
        return con.execute(sql, params or []).df()
    finally:
        con.close()


# -- the list ----------------------------------------------------------------------------------
def test_the_committed_csv_is_what_the_package_gives(communes):
    pd.testing.assert_frame_equal(communes, from_package(), check_dtype=False)


def test_3321_units_each_in_one_of_the_34_provinces(communes):
    assert len(communes) == 3321
    assert communes.unit_type.value_counts().to_dict() == {"xã": 2621, "phường": 687, "đặc khu": 13}
    assert communes.code.str.fullmatch(r"\d{5}").all() and communes.code.is_unique
    assert (communes.entity_id == "xa-" + communes.code).all()
    provinces = provinces_2025()
    assert len(provinces) == 34
    assert set(communes.parent_id) == set(provinces.entity_id)
    assert (communes.parent_id == communes.province_code.map(provinces.entity_id)).all()
    per_province = communes.parent_id.value_counts()
    assert per_province.sum() == 3321 and per_province.between(38, 168).all()
    assert {p: per_province[p] for p in KNOWN_COUNTS} == KNOWN_COUNTS


def test_names_keep_their_unit_type_and_read_in_ascii_english(communes):
    prefixes = communes.unit_type.str[0].str.upper() + communes.unit_type.str[1:] + " "
    assert all(n.startswith(p) for n, p in zip(communes.name_vi, prefixes))
    assert communes.name_en.map(str.isascii).all()
    hoan_kiem = communes.set_index("code").loc["00070"]
    assert (hoan_kiem.name_vi, hoan_kiem.name_en, hoan_kiem.parent_id) == ("Phường Hoàn Kiếm", "Hoan Kiem Ward", "ha-noi")
    assert not communes.duplicated(["parent_id", "name_vi"]).any()


def test_a_metric_for_communes_must_be_monthly_and_apply_to_provinces():
    entries = yaml.safe_load((DATA_DIR / "metrics.yaml").read_text(encoding="utf-8"))["metrics"]
    entry = next(e for e in entries if e["id"] == "dossiers_online")
    bad = [dict(entry, id="a", entity_kinds=["commune"]), dict(entry, id="b", grain="year")]
    bad[1]["entity_kinds"] = ["province", "commune"]
    with pytest.raises(catalogue.CatalogueError) as err:
        catalogue.validate(bad)
    assert len(err.value.problems) == 2
    assert {m.id for m in catalogue.catalogue().values() if m.applies_to("commune")} == COMMUNE_METRICS


# -- the store built with --communes --------------------------------------------------------------
def test_the_store_says_how_many_communes_it_holds(commune_store_path, store_path):
    info = "SELECT value FROM store_info WHERE key = 'communes'"
    assert _query(commune_store_path, info).value.tolist() == ["3321"]
    assert _query(store_path, info).value.tolist() == ["0"]
    entities = _query(commune_store_path, """
        SELECT c.entity_id, c.parent_id, p.entity_kind AS parent_kind, p.valid_to, c.valid_from, s.successor_id
        FROM kpi_entities c JOIN kpi_entities p ON p.entity_id = c.parent_id
        JOIN entity_successor s ON s.entity_id = c.entity_id WHERE c.entity_kind = 'commune'""")
    assert len(entities) == 3321
    assert (entities.parent_kind == "province").all() and (entities.successor_id == entities.entity_id).all()
    assert (entities.valid_to.dt.year == 9999).all() and (entities.valid_from.dt.date == FIRST_MONTH).all()


def test_commune_figures_are_monthly_demo_from_2025_07_for_the_chosen_metrics(commune_store_path):
    obs = _query(commune_store_path, """
        SELECT metric_id, min(period_start) AS first, max(period_start) AS last, count(*) AS n,
               count(DISTINCT entity_id) AS places, bool_and(grain = 'month') AS monthly,
               bool_and(status = 'demo' AND source_id = 'demo') AS demo
        FROM observations o JOIN entities e USING (entity_id) WHERE e.entity_kind = 'commune' GROUP BY ALL""")
    assert set(obs.metric_id) == COMMUNE_METRICS
    assert (obs["first"].dt.date == FIRST_MONTH).all() and (obs["last"].dt.date == date(2026, 10, 1)).all()
    assert obs.monthly.all() and obs.demo.all() and (obs.places == 3321).all()
    scores = obs[obs.metric_id.str.startswith("index766")]
    assert (scores.n == 3321 * 16).all()  # no gaps in the index; a few in the dossier counts
    assert obs[~obs.metric_id.str.startswith("index766")].n.between(0.97 * 3321 * 16, 3321 * 16 - 1).all()


def test_commune_rates_come_from_their_counts(commune_store_path):
    ratios = _query(commune_store_path, """
        SELECT o.metric_id, o.value, o.numerator, o.denominator FROM observations o
        JOIN entities e USING (entity_id) JOIN metrics m USING (metric_id)
        WHERE e.entity_kind = 'commune' AND m.kind = 'ratio'""")
    assert ratios.denominator.gt(0).all() and ratios.numerator.between(0, ratios.denominator).all()
    assert np.allclose(ratios.value, 100 * ratios.numerator / ratios.denominator, rtol=0, atol=1e-9)
    assert (ratios.numerator % 1 == 0).all() and (ratios.denominator % 1 == 0).all()
    nested = _query(commune_store_path, """
        SELECT count(*) AS n FROM observations f JOIN observations o USING (entity_id, period)
        WHERE f.metric_id = 'dossiers_full_online' AND o.metric_id = 'dossiers_online'
          AND f.entity_id LIKE 'xa-%' AND f.numerator > o.numerator""")
    assert nested.n.iloc[0] == 0


def test_commune_766_groups_add_up_to_the_index(commune_store_path):
    groups = {g.id: g.max_value for g in catalogue.components("index766")}
    wide = _query(commune_store_path, """
        PIVOT (SELECT entity_id, period, metric_id, value FROM observations
               WHERE entity_id LIKE 'xa-%' AND metric_id LIKE 'index766%')
        ON metric_id USING any_value(value)""")
    assert np.allclose(wide[list(groups)].sum(axis=1).round(2), wide.index766, rtol=0, atol=1e-9)
    assert wide.index766.between(0, 100).all()
    for group, top in groups.items():
        assert wide[group].between(0, top).all(), group


def test_a_provinces_communes_centre_on_the_provinces_own_figure(commune_store_path):
    # the provinces of the demo dossier sample have their communes' figures from records instead
    sampled = yaml.safe_load((DATA_DIR / "dossier_demo.yaml").read_text(encoding="utf-8"))["sample"]["entities"]
    centred = _query(commune_store_path, """
        WITH c AS (SELECT e.parent_id, o.metric_id, o.period, median(o.value) AS median
                   FROM observations o JOIN entities e USING (entity_id)
                   WHERE e.entity_kind = 'commune' AND NOT list_contains(?, e.parent_id) GROUP BY ALL)
        SELECT c.metric_id, c.median, p.value AS province, COALESCE(m.max_value, 100) AS scale
        FROM c JOIN observations p ON p.entity_id = c.parent_id AND p.metric_id = c.metric_id
             AND p.period = c.period
        JOIN metrics m ON m.metric_id = c.metric_id""", [sampled])
    assert len(centred) > 0.95 * 32 * 16 * len(COMMUNE_METRICS)  # a province's unreported month has none
    assert ((centred["median"] - centred.province).abs() <= 0.1 * centred.scale).all()
    sizes = _query(commune_store_path, """
        SELECT e.unit_type, median(o.denominator) AS dossiers FROM observations o JOIN entities e USING (entity_id)
        WHERE e.entity_kind = 'commune' AND o.metric_id = 'dossiers_online' GROUP BY ALL""").set_index("unit_type")
    assert sizes.dossiers["phường"] > sizes.dossiers["xã"] > sizes.dossiers["đặc khu"]


def test_commune_figures_are_a_deterministic_function_of_the_province_demo(commune_store_path, communes):
    # the provinces of the demo dossier sample have their figures from records instead
    sampled = yaml.safe_load((DATA_DIR / "dossier_demo.yaml").read_text(encoding="utf-8"))["sample"]["entities"]
    stored = _query(commune_store_path, """
        SELECT o.entity_id, o.metric_id, o.period, o.value, o.numerator, o.denominator FROM observations o
        JOIN entities e USING (entity_id) WHERE e.entity_kind = 'commune' AND NOT list_contains(?, e.parent_id)
        ORDER BY ALL""", [sampled])
    province_demo = _query(commune_store_path, "SELECT * FROM observations WHERE status = 'demo'")
    config = yaml.safe_load((DATA_DIR / "demo.yaml").read_text(encoding="utf-8"))
    again = generate_commune_demo(communes, province_demo, parse("2026-10"), config)
    again = again[again.entity_id.isin(communes[~communes.parent_id.isin(sampled)].entity_id)]
    again = again[stored.columns].sort_values(list(stored.columns)).reset_index(drop=True)
    pd.testing.assert_frame_equal(stored, again, check_dtype=False)
    assert generate_commune_demo(communes, province_demo, parse("2025-06"), config).empty


def test_provinces_and_ministries_are_the_same_with_or_without_communes(commune_store_path, store_path):
    sql = """SELECT o.* FROM observations o JOIN entities e USING (entity_id)
             WHERE e.entity_kind <> 'commune' ORDER BY ALL"""
    pd.testing.assert_frame_equal(_query(commune_store_path, sql), _query(store_path, sql))
    entities = "SELECT * EXCLUDE (parent_id) FROM entities WHERE entity_kind <> 'commune' ORDER BY ALL"
    pd.testing.assert_frame_equal(_query(commune_store_path, entities), _query(store_path, entities))
    view = """SELECT * FROM kpi_observations_2025 WHERE entity_kind <> 'commune' AND metric_id = 'dossiers_online'
              ORDER BY entity_id, period"""
    pd.testing.assert_frame_equal(_query(commune_store_path, view), _query(store_path, view))


@pytest.mark.parametrize("which", ["store_path", "commune_store_path"])
def test_observations_are_stored_by_metric_and_period(which, request):
    """Sorted, so that DuckDB's block min/max skip the blocks of other metrics and periods."""
    order = _query(request.getfixturevalue(which), """
        SELECT metric_id, grain, period_start, entity_id FROM observations ORDER BY rowid""")
    assert order.equals(order.sort_values(list(order.columns), ignore_index=True))


# -- imports with a commune store ---------------------------------------------------------------
def test_place_names_still_resolve_to_provinces_and_ministries(commune_store_path):
    store = Store(commune_store_path)
    try:
        places = load_resolver(store).places
        current = store.query("""SELECT entity_id, name_vi, name_en, entity_kind FROM entities
                                 WHERE entity_kind IN ('province', 'ministry') AND valid_to > DATE '2025-09-30'""")
    finally:
        store.close()
    september = parse("2025-09")
    for p in current.itertuples():
        for name in (p.name_vi, p.name_en):
            assert places.resolve(name, september).place.entity_id == p.entity_id, name
    assert places.resolve("Phường Hoàn Kiếm", september).place.entity_id == "xa-00070"


def test_an_import_into_a_commune_store_writes_and_undoes(commune_store_path, tmp_path):
    path = tmp_path / "kpi.duckdb"
    shutil.copyfile(commune_store_path, path)
    before = _query(path, "SELECT * FROM observations ORDER BY ALL")
    rows = [row(place="Hà Nội", num="1.818", den="1.876"), row(place="xa-00070", num="90", den="100")]
    store = Store(path)
    try:
        preview = prepare(store, "bao-cao.csv", csv_bytes(rows), today=date(2026, 11, 15))
    finally:
        store.close()
    assert preview.ok, [(i.row, i.column, i.problem()) for i in preview.errors]
    written = import_plan(path, preview, who="test@example.gov.vn")
    imported = _query(path, "SELECT entity_id, value FROM observations WHERE batch_id IS NOT NULL ORDER BY ALL")
    assert imported.entity_id.tolist() == ["ha-noi", "xa-00070"] and imported.value.iloc[1] == 90
    undo(path, written.batch_id)
    pd.testing.assert_frame_equal(_query(path, "SELECT * FROM observations ORDER BY ALL"), before)
