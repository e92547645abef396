"""The metrics layer's rules on a small store built from a fixture: ratio of sums, roll-ups,
ties and direction, boundaries, zero denominators, a published aggregate winning."""
from __future__ import annotations

import pytest

from metrics.db import Store
from metrics.rankings import ranking
from metrics.values import aggregate_values, entity_values, periods
from tests.mini_store import make_mini_store


@pytest.fixture(scope="module")
def mini(tmp_path_factory):
    store = Store(make_mini_store(tmp_path_factory.mktemp("mini") / "mini.duckdb"))
    yield store
    store.close()


def _value(frame, entity_id, period):
    row = frame[(frame.entity_id == entity_id) & (frame.period == period)]
    assert len(row) == 1, f"{entity_id} {period}: {len(row)} rows"
    return row.iloc[0]


def test_a_ratio_over_several_places_is_the_ratio_of_sums(mini):
    region = aggregate_values(mini, "dossiers_online", "province", "region", "month", "time", "2024-01", "2024-01")
    tdmnpb = region[region.group_id == "tdmnpb"].iloc[0]
    # Hà Giang 1/2 and Tuyên Quang 99/100: (1 + 99) / (2 + 100), not the mean of 50% and 99%
    assert tdmnpb.value == pytest.approx(100 * 100 / 102)
    assert (tdmnpb.numerator, tdmnpb.denominator) == (100, 102)


def test_a_flow_ratio_over_months_is_the_ratio_of_sums(mini):
    year = entity_values(mini, "dossiers_online", "year", "time", first="2024", last="2024")
    assert _value(year, "ha-giang", "2024").value == pytest.approx(100 * 4 / 6)
    # a missing month (Hà Nội has no February) leaves the months that were reported
    assert _value(year, "ha-noi", "2024").value == pytest.approx(100 * 40 / 80)


def test_a_stock_ratio_takes_the_last_month_of_the_period(mini):
    year = entity_values(mini, "online_procedures", "year", "time", first="2024", last="2024")
    assert _value(year, "ha-giang", "2024").value == pytest.approx(90.0)


def test_a_zero_denominator_gives_no_rate_and_no_error(mini):
    months = entity_values(mini, "dossiers_online", "month", "time", first="2024-02", last="2024-02")
    assert "tuyen-quang" not in set(months.entity_id)
    assert _value(months, "ha-giang", "2024-02").value == pytest.approx(75.0)


def test_ties_share_a_rank_and_the_next_rank_is_skipped(mini):
    ranked = ranking(mini, "par_index", "2024", "province", "time")
    assert list(zip(ranked.entity_id, ranked["rank"])) == [
        ("ha-giang", 1), ("ha-noi", 2), ("tuyen-quang", 2), ("cao-bang", 4)]


def test_lower_is_better_metrics_rank_the_smallest_first(mini):
    ranked = ranking(mini, "tasks_overdue", "2024", "province", "time")
    assert list(ranked.entity_id[:2]) == ["ha-noi", "tuyen-quang"]
    assert list(ranked["rank"]) == [1, 1, 3, 4]
    assert ranked.entity_id.iloc[-1] == "cao-bang"


def test_the_2025_map_adds_up_the_merged_units(mini):
    month = entity_values(mini, "dossiers_online", "month", "2025", "province", "2024-01", "2024-01")
    merged = _value(month, "tuyen-quang-2025", "2024-01")
    assert (merged.numerator, merged.denominator) == (100, 102)
    assert not merged.estimated and merged.parts == merged.parts_expected == 2
    assert "ha-giang" not in set(month.entity_id)


def test_a_merged_units_score_is_an_estimated_mean(mini):
    year = entity_values(mini, "par_index", "year", "2025", "province", "2024", "2024")
    merged = _value(year, "tuyen-quang-2025", "2024")
    assert merged.value == pytest.approx(87.5) and merged.estimated


def test_a_year_across_the_merger_sums_old_and_new_units_in_the_2025_map(mini):
    year = entity_values(mini, "dossiers_online", "year", "2025", "province", "2025", "2025")
    assert _value(year, "tuyen-quang-2025", "2025").value == pytest.approx(50.0)
    tasks = entity_values(mini, "tasks_assigned", "year", "2025", "province", "2024", "2025")
    assert _value(tasks, "tuyen-quang-2025", "2024").value == 70  # 40 + 30: counts add up


def test_the_map_of_the_time_keeps_the_old_units(mini):
    month = entity_values(mini, "dossiers_online", "month", "time", "province", "2024-01", "2024-01")
    assert {"ha-giang", "tuyen-quang", "ha-noi"} <= set(month.entity_id)
    assert "tuyen-quang-2025" not in set(month.entity_id)


def test_a_published_aggregate_wins_over_the_computed_one(mini):
    region = aggregate_values(mini, "par_index", "province", "region", "year", "time", "2024", "2024")
    tdmnpb = region[region.group_id == "tdmnpb"].iloc[0]
    assert tdmnpb.value == 84.5 and tdmnpb.status == "published"
    assert list(tdmnpb.source_ids) == ["par-2024-regions"]


def test_scores_average_over_places(mini):
    nation = aggregate_values(mini, "par_index", "province", "nation", "year", "time", "2024", "2024")
    assert nation.value.iloc[0] == pytest.approx((90 + 85 + 85 + 80) / 4)


def test_incomplete_coarse_periods_are_not_offered(mini):
    assert periods(mini, "dossiers_online", "month")[-1] == "2025-07"
    assert "2025-Q3" not in periods(mini, "dossiers_online", "quarter")  # only July is in
    assert "2024-Q1" in periods(mini, "dossiers_online", "quarter")


def test_the_reader_follows_a_store_that_is_replaced(tmp_path):
    import os

    path = make_mini_store(tmp_path / "a.duckdb")
    store = Store(path)
    before = len(entity_values(store, "par_index", "year", "time", first="2024", last="2024"))
    other = tmp_path / "b.duckdb"
    make_mini_store(other)
    import duckdb

    from store import rollups

    con = duckdb.connect(str(other))
    con.execute("DELETE FROM observations WHERE entity_id = 'cao-bang'")
    rollups.refresh(con, ["par_index"])  # a writer refreshes the roll-ups of what it changed
    con.execute("CHECKPOINT")
    con.close()
    os.replace(other, path)
    after = len(entity_values(store, "par_index", "year", "time", first="2024", last="2024"))
    assert (before, after) == (4, 3)
    store.close()


def test_a_table_the_store_lacks_is_named_not_looked_up_among_python_variables(mini):
    """An older store without a newer table (annotations, published_ranks) must fail by naming the
    table: with DuckDB's replacement scans on, the name was looked up among metrics.db's globals
    (`annotations` from `from __future__ import annotations`, `pd`) and the error spoke of those."""
    import duckdb

    with pytest.raises(duckdb.CatalogException, match="Table with name pd does not exist"):
        mini.query("SELECT * FROM pd")
