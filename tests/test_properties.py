"""Property-based tests (Hypothesis) of the invariants the product stands on, each against an
oracle written here in plain pandas or Python:
- a ratio over places or months is the ratio of the sums (never the mean of the rates);
- rankings respect ties (equal at the shown precision share a rank, the next rank is skipped)
  and the metric's direction;
- the 2025 map adds up the merged units (the real test store's roll-ups against the raw figures
  of the time and the lineage of data/province_lineage.csv);
- Vietnamese numbers survive format -> parse;
- importing the same file twice changes nothing the second time.

Small stores are built from generated figures with tests/mini_store.py (the real reference data
and catalogue); each example costs a build, so those properties run a few dozen examples."""
from __future__ import annotations

import csv
import io
import os
import shutil
import tempfile
from datetime import date
from pathlib import Path

import duckdb
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ingest import import_plan, prepare
from ingest.parse import parse_number
from l10n.formatting import format_number, format_value
from metrics import catalogue
from metrics.db import Store
from metrics.paths import DATA_DIR
from metrics.rankings import ranking
from metrics.values import aggregate_values, entity_values
from tests.ingest_cases.helpers import file_hash, observations
from tests.mini_store import make_mini_store


def examples(n: int) -> int:
    """n examples; a fifth under mutation testing (make mutate runs these per mutant)."""
    return max(2, n // 5) if os.environ.get("MUTANT_UNDER_TEST") else n


SLOW = settings(max_examples=examples(6), deadline=None, suppress_health_check=[HealthCheck.too_slow])
# Two regions' worth of provinces of the time, with merged pairs among them (Hà Giang and Tuyên
# Quang became Tuyên Quang; Lào Cai and Yên Bái became Lào Cai) and one unmerged (Hà Nội).
PLACES = ["ha-giang", "tuyen-quang", "lao-cai", "yen-bai", "ha-noi", "cao-bang", "lang-son"]
MONTHS = ["2024-01", "2024-02", "2024-03"]
HEAD = ["entity_id", "metric_id", "dimension_id", "period", "grain", "value", "numerator", "denominator",
        "status", "source_id"]


def _store_from(rows: list[dict]) -> tuple[Store, Path]:
    folder = Path(tempfile.mkdtemp(prefix="prop-"))
    figures = folder / "observations.csv"
    with open(figures, "w", newline="", encoding="utf-8") as out:
        writer = csv.DictWriter(out, HEAD)
        writer.writeheader()
        writer.writerows(rows)
    return Store(make_mini_store(folder / "mini.duckdb", figures)), folder


counts = st.tuples(st.integers(0, 2000), st.integers(0, 2000)).map(lambda nd: (min(nd), max(nd)))


@st.composite
def rate_figures(draw):
    """dossiers_online for a few places and months: numerator <= denominator, zeros included."""
    places = draw(st.lists(st.sampled_from(PLACES), min_size=2, max_size=len(PLACES), unique=True))
    rows = []
    for place in places:
        for month in draw(st.lists(st.sampled_from(MONTHS), min_size=1, max_size=3, unique=True)):
            n, d = draw(counts)
            rows.append(dict(entity_id=place, metric_id="dossiers_online", dimension_id="", period=month,
                             grain="month", value="", numerator=n, denominator=d, status="demo", source_id="demo"))
    return rows


def _ratio(frame: pd.DataFrame) -> float | None:
    d = frame.denominator.sum()
    return None if d == 0 else 100 * frame.numerator.sum() / d


def _close(a, b) -> bool:
    return (a is None and (b is None or pd.isna(b))) or (a is not None and b is not None and abs(a - b) < 1e-9)


@SLOW
@given(rate_figures())
def test_a_ratio_over_places_or_months_is_the_ratio_of_the_sums(rows):
    store, folder = _store_from(rows)
    try:
        raw = pd.DataFrame(rows)
        nation = aggregate_values(store, "dossiers_online", "province", "nation", "month", "time")
        for month, group in raw.groupby("period"):
            shown = nation[nation.period == month]
            assert _close(_ratio(group), shown.value.iloc[0] if len(shown) else None), (month, group)
        quarter = entity_values(store, "dossiers_online", "quarter", "time", "province", "2024-Q1", "2024-Q1")
        for place, group in raw.groupby("entity_id"):
            shown = quarter[quarter.entity_id == place]
            assert _close(_ratio(group), shown.value.iloc[0] if len(shown) else None), (place, group)
        # the 2025 map: a merged province's month adds up its former units' counts
        merged = entity_values(store, "dossiers_online", "month", "2025", "province", "2024-01", "2024-03")
        for new, old in (("tuyen-quang-2025", {"ha-giang", "tuyen-quang"}), ("lao-cai-2025", {"lao-cai", "yen-bai"})):
            for month, group in raw[raw.entity_id.isin(old)].groupby("period"):
                shown = merged[(merged.entity_id == new) & (merged.period == month)]
                assert _close(_ratio(group), shown.value.iloc[0] if len(shown) else None), (new, month)
    finally:
        store.close()
        shutil.rmtree(folder, ignore_errors=True)


@st.composite
def scored_places(draw):
    """One yearly figure per place for a higher-is-better score and a lower-is-better count, from
    a few distinct values so that ties are common (and some differ only past two decimals)."""
    places = draw(st.lists(st.sampled_from(PLACES), min_size=2, max_size=len(PLACES), unique=True))
    scores = st.sampled_from([80.0, 80.001, 80.004, 85.5, 90.0, 90.006, 72.25])
    late = st.integers(0, 4)
    rows = []
    for place in places:
        rows.append(dict(entity_id=place, metric_id="par_index", dimension_id="", period="2024", grain="year",
                         value=draw(scores), numerator="", denominator="", status="demo", source_id="demo"))
        rows.append(dict(entity_id=place, metric_id="tasks_late", dimension_id="", period="2024", grain="year",
                         value=draw(late), numerator="", denominator="", status="demo", source_id="demo"))
    return rows


@SLOW
@given(scored_places())
def test_rankings_respect_ties_and_direction(rows):
    store, folder = _store_from(rows)
    try:
        for metric in ("par_index", "tasks_late"):
            higher = catalogue.get(metric).higher_is_better
            given_values = {r["entity_id"]: round(float(r["value"]), 2) for r in rows if r["metric_id"] == metric}
            ranked = ranking(store, metric, "2024", "province", "time")
            assert len(ranked) == len(given_values)
            for row in ranked.itertuples():
                mine = given_values[row.entity_id]
                better = sum((v > mine) if higher else (v < mine) for v in given_values.values())
                assert row.rank == 1 + better, (metric, row.entity_id, given_values)
            shown = [given_values[e] for e in ranked.entity_id]  # best first
            assert shown == sorted(shown, reverse=higher)
    finally:
        store.close()
        shutil.rmtree(folder, ignore_errors=True)


# --- the 2025 map of the real test store against the raw figures of the time ----------------------

def _lineage() -> dict[str, set[str]]:
    parts: dict[str, set[str]] = {}
    for row in csv.DictReader(open(DATA_DIR / "province_lineage.csv", encoding="utf-8")):
        parts.setdefault(row["successor_id"], set()).add(row["predecessor_id"])
    return parts


LINEAGE = _lineage()
MAP_METRICS = [m for m in ("dossiers_online", "dossiers_on_time", "index766", "par_index", "tasks_late",
                           "tasks_assigned", "sipas", "p06_services")]
PERIODS = {"month": [f"{y}-{m:02d}" for y in (2023, 2024, 2025) for m in range(1, 13) if f"{y}-{m:02d}" < "2025-07"],
           "year": ["2022", "2023", "2024"]}


@settings(max_examples=examples(30), deadline=None)
@given(st.sampled_from(MAP_METRICS), st.data())
def test_the_2025_map_adds_up_the_merged_units(store_path, metric_id, data):
    metric = catalogue.get(metric_id)
    period = data.draw(st.sampled_from(PERIODS[metric.grain]))
    con = duckdb.connect(str(store_path), read_only=True)
    try:
        raw = con.execute("SELECT entity_id, value, numerator, denominator FROM kpi_observations WHERE metric_id = ? "
                          "AND period = ? AND dimension_id = '' AND entity_kind = 'province'", [metric_id, period]).df()
        shown = con.execute("SELECT entity_id, value, parts, estimated FROM kpi_observations_2025 WHERE metric_id = ? "
                            "AND period = ? AND dimension_id = '' AND entity_kind = 'province'", [metric_id, period]).df()
    finally:
        con.close()
    raw = raw.set_index("entity_id")
    assert not shown.empty
    for row in shown.itertuples():
        former = LINEAGE.get(row.entity_id, {row.entity_id})  # an unmerged province keeps its id
        old = raw.loc[sorted(former & set(raw.index))]
        assert row.parts == len(old)
        if metric.kind == "ratio":
            expected = 100 * old.numerator.sum() / old.denominator.sum()
        elif metric.kind == "count":
            expected = old.value.sum()
        else:  # a score: the mean of the former units', marked estimated when there were several
            expected = old.value.mean()
            assert bool(row.estimated) is (len(former) > 1)
        assert row.value == pytest.approx(expected, rel=1e-9), (row.entity_id, period, old)


# --- numbers written the Vietnamese way --------------------------------------------------------

@settings(max_examples=examples(100))
@given(st.decimals(min_value=-10**9, max_value=10**9, places=2, allow_nan=False), st.integers(0, 2))
def test_vietnamese_numbers_survive_format_then_parse(number, decimals):
    value = round(float(number), decimals)
    written = format_number(value, decimals, "vi")
    read = parse_number(written)
    assert read.value == pytest.approx(value, abs=1e-9), written
    assert read.decimals == (decimals if "," in written else 0)


@settings(max_examples=examples(100))
@given(st.decimals(min_value=0, max_value=100, places=2, allow_nan=False))
def test_a_rate_written_as_a_percentage_reads_back(number):
    written = format_value(float(number), "pct", "vi")  # "96,91%"
    read = parse_number(written)
    assert read.percent and read.value == pytest.approx(float(number), abs=1e-9), written


# --- the same file twice -----------------------------------------------------------------------

@pytest.fixture(scope="module")
def mini_path(tmp_path_factory):
    return make_mini_store(tmp_path_factory.mktemp("mini-import") / "mini.duckdb")


NAMES = {"ha-noi": "Hà Nội", "cao-bang": "Cao Bằng", "lang-son": "Lạng Sơn", "ha-giang": "Hà Giang"}


@st.composite
def monthly_files(draw):
    rows = []
    for place in draw(st.lists(st.sampled_from(sorted(NAMES)), min_size=1, max_size=4, unique=True)):
        n, d = draw(st.tuples(st.integers(0, 5000), st.integers(1, 5000)).map(lambda nd: (min(nd), max(nd))))
        month = draw(st.sampled_from(["01/2024", "02/2024", "05/2024"]))
        rows.append((NAMES[place], "dossiers_online", month, "", format_number(n, 0, "vi"), format_number(d, 0, "vi"),
                     "Báo cáo 12/BC-VPCP ngày 10/06/2024"))
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow(["Địa phương", "Chỉ tiêu", "Kỳ", "Giá trị", "Tử số", "Mẫu số", "Văn bản nguồn"])
    keys = set()
    for r in rows:  # one figure per place and month
        if (r[0], r[2]) not in keys:
            keys.add((r[0], r[2]))
            writer.writerow(r)
    return buffer.getvalue().encode("utf-8")


def _preview(path: Path, data: bytes):
    store = Store(path)
    try:
        return prepare(store, "lan-2.csv", data, today=date(2026, 11, 15))
    finally:
        store.close()


@settings(max_examples=examples(8), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(monthly_files())
def test_importing_the_same_file_twice_changes_nothing_the_second_time(mini_path, data):
    with tempfile.TemporaryDirectory(prefix="twice-") as folder:
        path = Path(folder) / "kpi.duckdb"
        shutil.copyfile(mini_path, path)
        first = _preview(path, data)
        assert first.ok, [(i.row, i.column, i.code) for i in first.errors]
        written = import_plan(path, first, who="test")
        assert written.added + written.changed == first.plan.count("add") + first.plan.count("change") > 0
        after_first, hashed = observations(path), file_hash(path)
        second = _preview(path, data)
        assert second.ok and {s.action for s in second.plan.steps} == {"leave"}
        again = import_plan(path, second, who="test")
        assert (again.batch_id, again.added, again.changed) == (None, 0, 0)
        assert observations(path) == after_first and file_hash(path) == hashed
