"""Chart builders of the online services, Project 06 and tasks pages (fig.data, titles, Vietnamese
labels, sorted order), and the answers metrics/ (services, targets, tasks, provenance) gives them, on the session test store."""
from __future__ import annotations

import pandas as pd
import pytest

import charts
from charts import slides
from charts import template as tpl
from charts.coverage import coverage_bar, coverage_trend, target_bullets, targets_table
from charts.matrix import p06_heatmap, p06_rollout_chart, services_table
from charts.tasks import overdue_bars, task_status_bars, task_table
from charts.trend import spread
from l10n import has
from metrics import catalogue, places, provenance, services, targets, tasks
from metrics.rankings import ranking
from metrics.services import p06_matrix, p06_services
from metrics.sql import VIEW_EXAMPLES
from metrics.trends import trend

charts.register()
ONLINE = catalogue.get("online_procedures")


@pytest.fixture(scope="module")
def ranked_2023(store):
    return ranking(store, "online_procedures", "2023", "province", "time", "year")


# --- online services -------------------------------------------------------------------------

def test_coverage_bar_is_sorted_best_first_with_counts_and_the_chosen_place_highlighted(ranked_2023):
    fig = coverage_bar(ranked_2023, ONLINE, "vi", "TTHC cung cấp trực tuyến — Năm 2023", highlight="ha-giang",
                       national=90.0, national_label="Cả nước", with_counts=True)
    bar = fig.data[0]
    assert list(bar.y) == list(ranked_2023.entity_name)
    shown = [round(v, 2) for v in bar.x]  # places equal to the shown precision are tied, by name
    assert shown == sorted(shown, reverse=True)
    i = list(ranked_2023.entity_id).index("ha-giang")
    assert bar.text[i] == "96,91%  (1.818/1.876)"
    assert bar.marker.color[i] == tpl.HIGHLIGHT
    assert {c for j, c in enumerate(bar.marker.color) if j != i} == {tpl.MUTED}
    assert fig.layout.title.text == "TTHC cung cấp trực tuyến — Năm 2023"
    assert fig.layout.separators == ",."
    assert any("Cả nước 90,00%" == a.text for a in fig.layout.annotations)
    assert fig.layout.height >= 26 * len(ranked_2023)


def test_coverage_bar_in_english_uses_english_names_and_separators(ranked_2023):
    fig = coverage_bar(ranked_2023, ONLINE, "en", "Procedures online", with_counts=True)
    i = list(ranked_2023.entity_id).index("ha-giang")
    assert fig.data[0].y[i] == "Ha Giang"
    assert fig.data[0].text[i] == "96.91%  (1,818/1,876)"
    assert fig.layout.separators == ".,"


def test_spread_keeps_end_labels_apart():
    assert spread([98.3, 98.2, 94.9], 5, ceiling=98.3) == pytest.approx([98.3, 93.3, 88.3])
    assert spread([10.0, 50.0], 5, ceiling=50.0) == [10.0, 50.0]
    assert spread([], 5, ceiling=None) == []


def test_coverage_trend_names_each_line_at_its_end(store):
    series = trend(store, "online_procedures", ["ha-giang"], "province", "year", "time", None, "2025")
    fig = coverage_trend(series, ONLINE, "vi", "Hà Giang", highlight="ha-giang")
    names = {t.name for t in fig.data}
    assert {"Hà Giang", "Cả nước"} <= names
    assert fig.layout.showlegend is False
    labels = [a.text for a in fig.layout.annotations]
    assert any(text.startswith("Hà Giang: ") and text.endswith("%") for text in labels)
    nation = next(t for t in fig.data if t.name == "Cả nước")
    assert nation.line.dash == "dash"


@pytest.fixture(scope="module")
def progress_2024(store):
    return targets.target_progress(store, "province", "2024", "2025")


def test_target_bullets_show_track_achieved_bar_and_target_tick(progress_2024):
    rows = [f"row {i}" for i in range(len(progress_2024))]
    fig = target_bullets(progress_2024, "vi", "Thực hiện so với mục tiêu", rows, "Thực hiện", "Mục tiêu")
    track, actual, value, target = fig.data
    assert list(track.x) == [100] * len(rows)
    assert list(target.x) == list(progress_2024.target)
    colours = dict(zip(progress_2024.target_id, actual.marker.color))
    assert colours["dossiers_full_online-2024-province"] == tpl.BAD  # 18,54% against 30%
    assert "Mục tiêu ≥30%" in target.text
    assert dict(zip(progress_2024.target_id, value.text))["dossiers_full_online-2024-province"] == "18,54%"
    assert list(fig.layout.xaxis.ticktext) == ["0%", "20%", "40%", "60%", "80%", "100%"]


def test_targets_table_formats_every_column(progress_2024):
    headers = {k: k for k in ("metric", "scope", "target", "year", "document", "actual", "gap", "met", "note")}
    labels = {m: catalogue.get(m).label_vi for m in progress_2024.metric_id}
    table = targets_table(progress_2024, ["doc"] * len(progress_2024), labels, ["scope"] * len(progress_2024),
                          headers, ("Đạt", "Chưa đạt"), "vi")
    row = table[table.target == "≥30%"].iloc[0]
    assert (row.metric, row.year, row.actual, row.met) == ("Hồ sơ trực tuyến toàn trình", "2024", "18,54%", "Chưa đạt")
    assert row.gap == "−11,46 điểm %"


# --- Project 06 ------------------------------------------------------------------------------

STATES = ("Chưa trực tuyến", "Một phần tỉnh cũ", "Đã toàn trình")


def _heatmap(store, period, boundary, lang="vi"):
    cells, services = p06_matrix(store, period, boundary)
    short = dict(zip(services.service_id.astype(int), services.short_vi if lang == "vi" else services.short_en))
    return cells, services, p06_heatmap(cells, services, lang, "Ma trận", short, STATES, "{share} đơn vị cũ")


def test_heatmap_rows_sorted_by_services_online_with_row_and_column_totals(store):
    cells, services, fig = _heatmap(store, "2025-10", "2025")
    heat = fig.data[0]
    assert len(heat.x) == 25 and heat.x[8] == "9. Đăng ký khai sinh"
    assert len(heat.y) == 34
    totals = [sum(v for v in row if v == v) for row in heat.z]
    assert totals == sorted(totals, reverse=True)
    texts = [a.text for a in fig.layout.annotations]
    assert sum(t.endswith("/25") for t in texts) == 34           # a total per province
    assert sum(t.endswith("/34") for t in texts) == 25           # a total per service
    assert (heat.zmin, heat.zmax) == (0, 1)
    assert list(heat.colorbar.ticktext) == [STATES[0], STATES[2]]  # no partial cell after July 2025


def test_heatmap_shows_partial_values_for_merged_units_before_july_2025(store):
    cells, services, fig = _heatmap(store, "2025-03", "2025")
    z = [v for row in fig.data[0].z for v in row]
    assert any(0 < v < 1 for v in z)
    assert list(fig.data[0].colorbar.ticktext) == list(STATES)
    assert any("đơn vị cũ" in h for row in fig.data[0].hovertext for h in row)


def test_heatmap_in_the_map_of_the_time_has_63_provinces_before_the_merger(store):
    _, _, fig = _heatmap(store, "2025-03", "time", "en")
    assert len(fig.data[0].y) == 63
    assert fig.data[0].x[0] == "1. Old ID number"


def test_services_table_counts_as_x_of_y(store):
    _, services = p06_matrix(store, "2025-10", "2025")
    table = services_table(services, "vi", {k: k for k in ("no", "service", "handled_by", "places_online", "share")})
    assert len(table) == 25
    assert table.places_online.str.fullmatch(r"\d+/34").all()
    assert table.share.str.endswith("%").all()


def test_rollout_is_a_ratio_of_sums_by_month(store):
    rollout = services.p06_rollout(store, "2025")
    assert rollout.period.iloc[0] == "2022-01" and rollout.period.iloc[-1] == "2026-10"
    assert rollout.pair_share.between(0, 100).all() and rollout.all_share.between(0, 100).all()
    row = rollout[rollout.period == "2025-03"].iloc[0]
    # a ratio of sums over the province-service pairs: in the 2025 map a merged unit counts the
    # pairs of its former units (denominator 50 or 75), so it is not the mean of the shares
    pairs = store.query("SELECT sum(numerator) AS n, sum(denominator) AS d, count(*) AS places "
                        "FROM kpi_observations_2025 WHERE metric_id = 'p06_services' AND period = '2025-03' "
                        "AND entity_kind = 'province'").iloc[0]
    assert row.places == pairs.places == 34
    assert row.pair_share == pytest.approx(100 * pairs.n / pairs.d, rel=1e-9)
    assert row.pair_share != pytest.approx(100 * row.services_avg / 25, abs=0.5)
    time = services.p06_rollout(store, "time")
    assert time[time.period == "2025-03"].places.iloc[0] == 63
    # in the map of the time every province has 25 pairs, so the two agree
    before = time[time.period == "2025-03"].iloc[0]
    assert before.pair_share == pytest.approx(100 * before.services_avg / 25, rel=1e-9)
    # the share of province-service pairs does not depend on the map
    assert time.set_index("period").pair_share.loc["2025-03"] == pytest.approx(row.pair_share)


def test_rollout_chart_has_two_named_lines_a_target_and_the_merger(store):
    rollout = services.p06_rollout(store, "2025")
    fig = p06_rollout_chart(rollout, "vi", "Triển khai", "Cặp tỉnh – dịch vụ", "Tỉnh đủ 25 dịch vụ",
                            "Bình quân {avg}/25", merger_label="Sáp nhập 01/07/2025", target=100.0,
                            target_label="Mục tiêu 100%")
    assert [t.name for t in fig.data] == ["Cặp tỉnh – dịch vụ", "Tỉnh đủ 25 dịch vụ"]
    texts = [a.text for a in fig.layout.annotations]
    assert "Sáp nhập 01/07/2025" in texts and "Mục tiêu 100%" in texts
    assert any(t.startswith("Cặp tỉnh – dịch vụ:<br>") and t.endswith("%") for t in texts)
    assert fig.layout.xaxis.tickformat == "%m/%Y"


# --- tasks -----------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def tasks_2024(store):
    return tasks.task_completion(store, "2024", "ministry", "2025")


def test_task_bars_stack_four_statuses_sorted_by_on_time_rate(tasks_2024):
    fig = task_status_bars(tasks_2024, "vi", "Nhiệm vụ", "đúng hạn")
    assert [t.name for t in fig.data] == ["Hoàn thành đúng hạn", "Hoàn thành quá hạn", "Đang thực hiện trong hạn",
                                          "Quá hạn chưa hoàn thành"]
    assert fig.layout.barmode == "stack"
    assert list(fig.data[0].y) == list(tasks_2024.entity_name)
    assert list(tasks_2024.on_time_rate) == sorted(tasks_2024.on_time_rate, reverse=True)
    assert [t.marker.color for t in fig.data] == [tpl.GOOD, tpl.REGIONAL, "#8FB3DE", tpl.BAD]
    assert fig.layout.annotations[0].text.endswith("% đúng hạn")


def test_task_table_and_overdue_bars(store, tasks_2024):
    headers = {k: k for k in ("rank", "agency", "assigned", "on_time", "late", "in_progress", "overdue",
                              "on_time_rate", "completion_rate", "status")}
    table = task_table(tasks_2024, "vi", headers, {"demo": "Minh họa", "published": "Công bố"})
    assert table["rank"].iloc[0] == "1" and table.on_time_rate.str.endswith("%").all()
    missed = tasks.missed_deadlines(store, "2026", "province", "2025")
    assert (missed.overdue > 0).all() and list(missed.overdue) == sorted(missed.overdue, reverse=True)
    fig = overdue_bars(missed, "vi", "Quá hạn", "Quá hạn", "Đang thực hiện")
    assert list(fig.data[0].y) == list(missed.entity_name)
    assert fig.data[0].marker.color == tpl.BAD


# --- answers of metrics.services, targets, tasks, provenance -------------------------------------------------------------------------

def test_national_tasks_2023_are_the_published_figures(store):
    frame = tasks.national_tasks(store, "2023").set_index("metric_id")
    for metric_id, value in (("task_groups", 57), ("tasks_assigned", 4142), ("reform_documents", 5586)):
        assert frame.loc[metric_id, "value"] == value
        assert frame.loc[metric_id, "status"] == "published"
        assert frame.loc[metric_id, "source_ids"] == ["bcd-cchc-2024-02-02"]
        assert frame.loc[metric_id, "origin"] == "nation"
    statuses = sum(frame.loc[m, "value"] for m in ("tasks_on_time", "tasks_late", "tasks_in_progress", "tasks_overdue"))
    assert statuses == 4142  # the demo breakdown adds up to the published total
    later = tasks.national_tasks(store, "2026").set_index("metric_id")
    assert later.loc["tasks_assigned", "origin"] == "sum" and later.loc["task_groups", "origin"] == "nation"


def test_target_progress_uses_the_published_national_figures(store):
    provinces = targets.target_progress(store, "province", "2024", "2025").set_index("target_id")
    assert provinces.loc["dossiers_full_online-2024-all", "actual"] == pytest.approx(45.8)
    assert provinces.loc["dossiers_full_online-2024-province", "actual"] == pytest.approx(18.54)
    assert provinces.loc["online_procedures-2025", "source_number"] == "76/NQ-CP"
    assert not provinces.loc["dossiers_full_online-2024-province", "meets"]
    ministries = targets.target_progress(store, "ministry", "2024", "2025").set_index("target_id")
    assert ministries.loc["dossiers_full_online-2024-ministry", "actual"] == pytest.approx(63.47)
    assert "dossiers_full_online-2024-province" not in ministries.index


def test_flags_and_sources_of_ha_giang_2023(store):
    flags = provenance.flags_for(store, "ha-giang", "online_procedures", "2023")
    assert len(flags) == 1 and flags.stated_value.iloc[0] == pytest.approx(96.81)
    found = provenance.source_rows(store, ["bcd-cchc-2024-02-02", "demo"])
    assert list(found.source_id) == ["bcd-cchc-2024-02-02"] and "Báo Hà Giang" in found.issuer.iloc[0]


def test_counts_match():
    assert services.counts_match(96.9083, 1818, 1876)
    assert not services.counts_match(18.54, 100, 200)
    assert not services.counts_match(50.0, None, 2)


def test_view_columns_describe_every_documented_view(store):
    columns = provenance.view_columns(store)
    assert set(columns.view) == set(provenance.VIEWS) == set(VIEW_EXAMPLES)
    assert all(has(f"view_{view}") for view in provenance.VIEWS)
    observations = columns[columns.view == "kpi_observations"].column_name.tolist()
    assert {"entity_id", "metric_id", "period", "value", "status", "source_id"} <= set(observations)


def test_every_example_query_runs(store):
    for view, sql in VIEW_EXAMPLES.items():
        assert isinstance(store.query(sql), pd.DataFrame), view


def test_lineage_and_status_table(store):
    provinces = places.lineage(store, "province")
    assert len(provinces) == 23 and provinces.parts.sum() == 52
    tq = provinces.set_index("entity_id").loc["tuyen-quang-2025"]
    assert tq.former_names == "Hà Giang, Tuyên Quang" and str(tq.effective_date)[:10] == "2025-07-01"
    ministries = places.lineage(store, "ministry")
    assert str(ministries.effective_date.iloc[0])[:10] == "2025-03-01"
    status = provenance.status_table(store, ["online_procedures", "task_groups"]).set_index("metric_id")
    assert status.loc["online_procedures", "published"] == 1 and status.loc["online_procedures", "demo"] > 1000


def test_line_series_has_the_shape_of_a_line_slide(store):
    series = trend(store, "online_procedures", ["ha-giang"], "province", "year", "time", None, "2025")
    periods, lines = slides.line_series(series, "vi")
    assert periods == ("2022", "2023", "2024", "2025")
    assert all(len(values) == len(periods) for _, values in lines)
    assert "Hà Giang" in dict(lines)


def test_every_service_has_a_short_name_in_both_languages(store):
    services = p06_services(store)
    assert set(services.service_id) == set(range(1, 26))
    assert services.short_vi.str.len().gt(0).all() and services.short_en.str.len().gt(0).all()
