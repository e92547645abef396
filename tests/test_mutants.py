"""Tests written to kill the mutants that survived `make mutate`: each pins a behaviour a user or
a caller relies on that no other test held exactly (docs/mutation-survivors.md lists the
mutants that cannot be told apart, with the reason)."""
from __future__ import annotations

import io
from datetime import date, datetime

import numpy as np
import pandas as pd
import pytest
from openpyxl import load_workbook

from charts import template as tpl
from exports import tables
from l10n import t
from ui import labels

# --- exports.tables: what the CSV and XLSX downloads hold, cell by cell -------------------------


def _book(df: pd.DataFrame, sources: pd.DataFrame | None = None, formats: dict | None = None):
    sources = pd.DataFrame({"Nguồn": ["766/QĐ-TTg (23/06/2022)"]}) if sources is None else sources
    return load_workbook(io.BytesIO(tables.to_xlsx(df, sources, "Dữ liệu minh họa", "vi", formats)))


def test_csv_is_utf8_with_one_bom_crlf_lines_and_no_index():
    data = tables.to_csv(pd.DataFrame({"Tỉnh": ["Hà Giang", "Huế"], "Giá trị": [96.91, 1818.0]}))
    assert data.startswith(b"\xef\xbb\xbf") and not data.startswith(b"\xef\xbb\xbf\xef\xbb\xbf")
    assert data[3:].decode("utf-8") == "Tỉnh,Giá trị\r\nHà Giang,96.91\r\nHuế,1818.0\r\n"


def test_formulas_are_neutralised_in_object_and_string_columns_only():
    mixed = pd.Series([1, "=1+1", None], dtype=object)
    text = pd.Series(["@SUM(A1)", "ok"], dtype="string")
    assert list(tables.neutralised(pd.DataFrame({"a": mixed})).a)[:2] == [1, "'=1+1"]
    assert list(tables.neutralised(pd.DataFrame({"t": text})).t) == ["'@SUM(A1)", "ok"]
    numbers = pd.DataFrame({"n": [-2.0, 3.0]})  # a negative number is not a formula
    assert list(tables.neutralised(numbers).n) == [-2.0, 3.0]
    for cell in ("=x", "+1", "-1", "@x", "\t=x", "\r=x"):
        assert tables.is_formula_like(cell), cell
    assert not tables.is_formula_like("1-2") and not tables.is_formula_like(5)


def test_xlsx_cells_have_their_types_and_formats():
    frame = pd.DataFrame({
        "Số": pd.Series([1818, 5], dtype="int64"), "Tỷ lệ": [96.91, np.float64(1.5)],
        "Ngày": pd.to_datetime(["2025-10-05", "2024-01-31"]), "Đạt": [True, False],
        "Ghi chú": ["=HYPERLINK(1)", None], "Thiếu": pd.array([pd.NA, 3], dtype="Int64"),
    })
    sheet = _book(frame).worksheets[0]
    assert [c.value for c in sheet[1]] == list(frame.columns)
    row = sheet[2]
    assert (row[0].value, row[0].number_format) == (1818, "#,##0") and type(row[0].value) is int
    assert (row[1].value, row[1].number_format) == (96.91, "#,##0.00") and type(row[1].value) is float
    assert row[2].value == datetime(2025, 10, 5) and row[2].number_format == "dd/mm/yyyy"
    assert row[3].value is True and row[3].number_format == "General"
    assert row[4].value == "=HYPERLINK(1)" and row[4].data_type == "s" and row[4].quotePrefix
    assert row[5].value is None and sheet[3][5].value == 3
    assert sheet[3][4].value is None and not sheet[3][4].quotePrefix
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref == "A1:F3"


def test_xlsx_number_formats_from_the_caller_win_and_empty_cells_keep_none():
    sheet = _book(pd.DataFrame({"Tỷ lệ": [96.91, None]}), formats={"Tỷ lệ": '0.00"%"'}).worksheets[0]
    assert sheet["A2"].number_format == '0.00"%"' and sheet["A3"].value is None
    assert sheet["A3"].number_format == "General"


def test_xlsx_sources_sheet_layout_and_widths():
    sources = pd.DataFrame({"Nguồn": ["766/QĐ-TTg (23/06/2022)", "876/QĐ-BNV (10/11/2022)"], "Số": [3, 4]})
    book = _book(pd.DataFrame({"x": ["a" * 80], "y": [1]}), sources)
    named = book["Nguồn"]
    assert (named["A1"].value, named["B1"].value) == ("Trạng thái", "Dữ liệu minh họa") and named["A1"].font.b
    assert [named["A3"].value, named["B3"].value] == ["Nguồn", "Số"] and named["A3"].font.b
    assert [named["A4"].value, named["A5"].value, named["B5"].value] == [sources.Nguồn[0], sources.Nguồn[1], 4]
    assert named["B4"].number_format == "#,##0"
    data = book.worksheets[0]
    assert data.column_dimensions["A"].width == tables.MAX_WIDTH  # long text is capped
    assert named.column_dimensions["B"].width == len("Dữ liệu minh họa") + 2
    assert data.column_dimensions["B"].width == 10  # short columns get the minimum
    head = data["A1"]
    assert head.font.b and head.font.color.rgb.endswith("FFFFFF") and head.alignment.wrap_text
    # white on the chart's highlight blue, a solid fill, text centred in the row's height
    assert (head.fill.fill_type, head.fill.fgColor.rgb) == ("solid", "00" + tpl.HIGHLIGHT.lstrip("#"))
    assert head.alignment.vertical == "center"


def test_an_empty_table_still_gives_a_workbook():
    book = _book(pd.DataFrame(), pd.DataFrame({"Nguồn": []}))
    assert list(book.worksheets[0].values) == []
    assert list(book["Nguồn"].values) == [("Trạng thái", "Dữ liệu minh họa"), (None, None), ("Nguồn", None)]


def test_xlsx_in_english_names_its_sheets_in_english():
    book = load_workbook(io.BytesIO(tables.to_xlsx(pd.DataFrame({"a": [1]}), pd.DataFrame({"Source": ["x"]}),
                                                   "Demo data", "en")))
    assert book.sheetnames == ["Data", "Sources"] and book["Sources"]["A1"].value == "Status"
    assert _book(pd.DataFrame({"a": [1]})).sheetnames == ["Dữ liệu", "Nguồn"]


def test_cell_values_are_plain_python():
    assert tables._cell_value(np.int64(3)) == 3 and type(tables._cell_value(np.int64(3))) is int
    assert tables._cell_value(pd.NA) is None and tables._cell_value(pd.NaT) is None
    assert tables._cell_value(float("nan")) is None and tables._cell_value(None) is None
    assert tables._cell_value(pd.Timestamp("2025-01-02")) == datetime(2025, 1, 2)
    assert tables._cell_value(date(2025, 1, 2)) == date(2025, 1, 2) and tables._cell_value("x") == "x"


# --- ui.labels: the page's words, outside a running page ------------------------------------------


@pytest.mark.parametrize("lang, whole, name", [("vi", "xã, phường của Hà Nội", "Hà Nội"),
                                              ("en", "communes of Hanoi", "Hanoi")])
def test_communes_of_a_province_are_named_in_the_language(lang, whole, name):
    assert labels.kind_plural("commune", lang, "ha-noi") == whole
    assert labels.province_name("ha-noi", lang) == name


@pytest.mark.parametrize("lang, whole", [("vi", "cơ quan, đơn vị của Bộ Quốc phòng"),
                                         ("en", "agencies of Ministry of National Defence")])
def test_the_agencies_of_a_ministry_are_named_by_the_ministry(lang, whole):
    assert labels.kind_plural("agency", lang, "mod") == whole


def test_an_unknown_province_is_shown_by_its_id():
    assert labels.province_name("khong-co", "vi") == "khong-co"


def test_the_kinds_and_periods_in_words():
    assert labels.kind_plural("province", "vi") == "tỉnh, thành phố" and labels.kind_plural("commune", "vi") == "xã, phường"
    assert labels.kind_label("ministry", "en") == "Ministry"
    assert labels.period_text("2026-10", "vi") == "tháng 10/2026" and labels.period_text("2024", "vi") == "năm 2024"
    assert labels.period_text("2026-10", "en") == "Oct 2026"
    assert labels.subtitle("Tỉnh, thành phố", None, "", "Tháng 10/2026") == "Tỉnh, thành phố · Tháng 10/2026"
    assert (labels.boundary_label("vi", "time"), labels.boundary_label("vi", "2025")) == ("bản đồ tại thời điểm", "bản đồ 2025")


# --- metrics.rankings: every column of a ranking, every field of a peer summary -----------------

from metrics import catalogue  # noqa: E402
from metrics.rankings import leaders_and_laggards, movers_at, peer_summary, ranking  # noqa: E402
from tests import oracle  # noqa: E402

CASES = [("index766", "2026-10", "month"), ("tasks_late", "2025", "year")]


@pytest.mark.parametrize("metric, period, grain", CASES)
def test_every_column_of_a_ranking_matches_the_store(store, store_path, metric, period, grain):
    expected = oracle.ranked(store_path, metric, period, "province")
    ranked = ranking(store, metric, period, "province", "2025", grain)
    assert {"rank", "entity_id", "entity_name", "entity_name_en", "region_id", "value", "numerator", "denominator",
            "status", "estimated", "region_rank", "previous_value", "previous_rank", "rank_change", "change", "band_vi",
            "band_en", "places"} <= set(ranked.columns)
    assert len(ranked) == len(expected.places) and set(ranked.places) == {len(expected.places)}
    assert list(zip(ranked["rank"], ranked.entity_name)) == sorted(zip(ranked["rank"], ranked.entity_name))
    assert "index" not in ranked.columns and list(ranked.index) == list(range(len(ranked)))
    # whole ranks, and <NA> where there is none (a float column would show 3.0 and NaN)
    assert {str(ranked[c].dtype) for c in ("rank", "region_rank", "previous_rank", "rank_change")} == {"Int64"}
    for row in ranked.itertuples():
        e = row.entity_id
        now, before = expected.places[e], expected.previous.get(e)
        assert (row.rank, row.region_rank) == (expected.rank[e], expected.region_rank[e])
        assert row.value == pytest.approx(now.value) and bool(row.estimated) is now.estimated and row.status == "demo"
        if before is None:
            assert pd.isna(row.previous_rank) and pd.isna(row.rank_change) and pd.isna(row.previous_value)
        else:
            assert row.previous_rank == expected.previous_rank[e] and row.rank_change == expected.change(e)
            assert row.previous_value == pytest.approx(before.value) and row.change == pytest.approx(now.value - before.value)
        band = catalogue.get(metric).band_for(now.value)
        assert (row.band_vi, row.band_en) == ((band.label_vi, band.label_en) if band else (None, None))


def test_a_ranking_of_one_essential_service_is_of_that_service_now_and_before(store, store_path):
    # Project 06's service 24 alone: the place's figure and its previous month's are the service's
    expected = oracle.ranked(store_path, "p06_service_online", "2026-10", "province", dimension="24")
    ranked = ranking(store, "p06_service_online", "2026-10", "province", dimension="24")
    assert len(ranked) == len(expected.places) and len(expected.previous) == len(expected.places)
    for row in ranked.itertuples():
        assert row.value == pytest.approx(expected.places[row.entity_id].value)
        assert row.previous_value == pytest.approx(expected.previous[row.entity_id].value)
        assert (row.rank, row.previous_rank) == (expected.rank[row.entity_id], expected.previous_rank[row.entity_id])


def test_a_commune_moves_among_the_communes_of_its_province(commune_store_path):
    from metrics.db import Store

    communes = Store(commune_store_path)
    ranked = ranking(communes, "index766_digitisation", "2025-09", "commune", parent="lai-chau")
    before = ranking(communes, "index766_digitisation", "2025-08", "commune", parent="lai-chau")
    assert len(ranked) == len(before) == 38  # Lai Châu's communes, ranked among themselves
    previous = dict(zip(before.entity_id, before["rank"]))
    assert {r.entity_id: r.previous_rank for r in ranked.itertuples()} == previous
    assert ranked.previous_rank.max() <= 38


def test_a_region_keeps_national_ranks_and_the_national_count(store, store_path):
    expected = oracle.ranked(store_path, "index766", "2026-10", "province")
    ranked = ranking(store, "index766", "2026-10", "province", region="tay-nguyen")
    assert set(ranked.region_id) == {"tay-nguyen"} and set(ranked.places) == {len(expected.places)}
    assert {r.entity_id: r.rank for r in ranked.itertuples()} == {
        e: expected.rank[e] for e, p in expected.places.items() if p.region_id == "tay-nguyen"}


def test_no_figures_give_an_empty_ranking_with_a_rank_column(store):
    ranked = ranking(store, "index766", "1999-01", "province")
    assert ranked.empty and "rank" in ranked and str(ranked["rank"].dtype) == "Int64"


def test_ministries_have_no_region_rank(store):
    ranked = ranking(store, "index766", "2026-10", "ministry")
    assert len(ranked) == 17 and ranked.region_rank.isna().all()


@pytest.mark.parametrize("n", [3, 5])
def test_leaders_and_laggards_are_the_first_and_last_n(store, n):
    ranked = ranking(store, "index766", "2026-10", "province", grain="month")
    top, bottom = leaders_and_laggards(store, "index766", "2026-10", "province", n=n, grain="month")
    assert list(top.entity_id) == list(ranked.entity_id[:n]) and list(bottom.entity_id) == list(ranked.entity_id[-n:])


def test_with_fewer_places_than_asked_the_laggards_are_empty(store):
    top, bottom = leaders_and_laggards(store, "index766", "2026-10", "ministry", n=17)
    assert len(top) == 17 and bottom.empty and list(bottom.columns) == list(top.columns)


def _region_and_nation(expected: oracle.Ranked, metric: str, region: str) -> tuple[float, float]:
    how = catalogue.get(metric).place_agg
    values = [p.value for p in expected.places.values()]
    regional = [p.value for p in expected.places.values() if p.region_id == region]
    pick = (lambda v: sum(v)) if how == "sum" else (lambda v: sum(v) / len(v))
    return pick(regional), pick(values)


@pytest.mark.parametrize("metric, period, grain", CASES)
def test_every_field_of_a_peer_summary(store, store_path, metric, period, grain):
    expected = oracle.ranked(store_path, metric, period, "province")
    sign = 1 if catalogue.get(metric).higher_is_better else -1
    for entity in sorted(expected.places)[:34:5] + [expected.best().entity_id]:
        s = peer_summary(store, metric, entity, period, "province", "2025", grain)
        me, nxt, best = expected.places[entity], expected.next_above(entity), expected.best()
        before = expected.previous.get(entity)
        region, nation = _region_and_nation(expected, metric, me.region_id)
        assert (s.entity_id, s.entity_name, s.status, s.estimated) == (entity, me.name, "demo", me.estimated)
        assert (s.rank, s.places, s.region_id, s.region_rank) == (expected.rank[entity], len(expected.places),
                                                                  me.region_id, expected.region_rank[entity])
        assert s.region_places == sum(p.region_id == me.region_id for p in expected.places.values())
        assert s.value == pytest.approx(me.value) and s.region_value == pytest.approx(region)
        assert s.national_value == pytest.approx(nation)
        assert (s.best_entity, s.best_value) == (best.name, pytest.approx(best.value))
        assert s.gap_to_best == pytest.approx(sign * (best.value - me.value))
        if nxt is None:
            assert (s.next_entity, s.next_value, s.gap_to_next) == (None, None, None) and s.rank == 1
        else:
            assert (s.next_entity, s.next_value) == (nxt.name, pytest.approx(nxt.value))
            assert s.gap_to_next == pytest.approx(sign * (nxt.value - me.value))
        assert s.previous_value == (None if before is None else pytest.approx(before.value))
        assert s.previous_rank == expected.previous_rank.get(entity)


def test_a_peer_summary_is_on_the_2025_map_unless_told(store, store_path):
    # 2024 was ranked on 63 provinces; the default map shows it on the 34 of 2025 (Tuyên Quang with
    # Hà Giang), and a province merged away has no summary there
    expected = oracle.ranked(store_path, "par_index", "2024", "province", "2025")
    s = peer_summary(store, "par_index", "tuyen-quang-2025", "2024", "province")
    assert (s.rank, s.places, s.region_rank) == (expected.rank["tuyen-quang-2025"], 34,
                                                 expected.region_rank["tuyen-quang-2025"])
    assert peer_summary(store, "par_index", "ha-giang", "2024", "province") is None
    assert peer_summary(store, "par_index", "ha-giang", "2024", "province", "time").places == 63


def test_a_ministry_has_no_region_in_its_summary(store, store_path):
    expected = oracle.ranked(store_path, "dossiers_online", "2026-10", "ministry")
    s = peer_summary(store, "dossiers_online", "moha-2025", "2026-10", "ministry")
    assert (s.rank, s.places) == (expected.rank["moha-2025"], len(expected.places))
    assert (s.region_id, s.region_rank, s.region_places, s.region_value) == (None, None, 0, None)


def test_in_the_first_year_a_summary_has_no_previous_figure(store, store_path):
    expected = oracle.ranked(store_path, "par_index", "2021", "province")
    assert expected.previous == {}  # the first year of PAR INDEX in the store
    s = peer_summary(store, "par_index", "ha-noi", "2021", "province")
    assert (s.previous_value, s.previous_rank) == (None, None) and s.rank == expected.rank["ha-noi"]


def test_leaders_and_laggards_are_five_each_by_default(store):
    ranked = ranking(store, "index766", "2026-10", "province")
    top, bottom = leaders_and_laggards(store, "index766", "2026-10", "province")
    assert list(top.entity_id) == list(ranked.entity_id[:5]) and list(bottom.entity_id) == list(ranked.entity_id[-5:])


def test_movers_on_the_map_of_the_time_are_its_provinces(store, store_path):
    expected = oracle.ranked(store_path, "dossiers_online", "2025-03", "province", "time")
    up, down = oracle.movers(expected, "dossiers_online")
    moved = {r.side: r for r in movers_at(store, [("dossiers_online", "2025-03")], "province", "time").itertuples()}
    assert moved["up"].change == pytest.approx(up) and moved["down"].change == pytest.approx(down)
    for side in moved.values():
        assert side.entity_id in expected.places and side.rank == expected.rank[side.entity_id]


def test_a_place_without_a_figure_has_no_summary(store):
    assert peer_summary(store, "index766", "ha-noi", "1999-01", "province") is None
    assert peer_summary(store, "index766", "khong-co", "2026-10", "province") is None


def test_movers_keep_the_order_asked_and_skip_metrics_of_other_kinds(store):
    moved = movers_at(store, [("index766", "2026-10"), ("sipas", "2025"), ("dossiers_online", "2026-10")], "ministry")
    assert list(moved.columns) == ["metric_id", "period", "side", "entity_id", "entity_name", "entity_name_en", "value",
                                   "previous_value", "change", "rank", "previous_rank", "rank_change", "status"]
    assert list(zip(moved.metric_id, moved.side)) == [("index766", "up"), ("index766", "down"),
                                                      ("dossiers_online", "up"), ("dossiers_online", "down")]
    assert set(moved.period) == {"2026-10"} and set(moved.status) == {"demo"}
    empty = movers_at(store, [("sipas", "2025")], "ministry")  # SIPAS is for provinces only
    assert empty.empty and list(empty.columns) == list(moved.columns)


# --- metrics.rankings.movers_at: a side is left out when nobody moved that way ----------------

STILL_OR_FALLING = """entity_id,metric_id,dimension_id,period,grain,value,numerator,denominator,status,source_id
ha-giang,dossiers_online,,2024-01,month,,50,100,demo,demo
ha-giang,dossiers_online,,2024-02,month,,40,100,demo,demo
cao-bang,dossiers_online,,2024-01,month,,60,100,demo,demo
cao-bang,dossiers_online,,2024-02,month,,60,100,demo,demo
lai-chau,dossiers_online,,2024-01,month,,70,100,demo,demo
lai-chau,dossiers_online,,2024-02,month,,65,100,demo,demo
ha-giang,tasks_late,,2023,year,5,,,demo,demo
ha-giang,tasks_late,,2024,year,2,,,demo,demo
cao-bang,tasks_late,,2023,year,3,,,demo,demo
cao-bang,tasks_late,,2024,year,3,,,demo,demo
"""


@pytest.fixture(scope="module")
def still_or_falling(tmp_path_factory):
    from metrics.db import Store
    from tests.mini_store import make_mini_store

    folder = tmp_path_factory.mktemp("movers")
    (folder / "figures.csv").write_text(STILL_OR_FALLING, encoding="utf-8")
    return Store(make_mini_store(folder / "mini.duckdb", folder / "figures.csv"))


def test_when_nobody_improved_there_is_no_up_mover_and_a_place_that_stayed_is_no_mover(still_or_falling):
    moved = movers_at(still_or_falling, [("dossiers_online", "2024-02")], "province", "time")
    # Hà Giang fell 10 points, Lai Châu 5, Cao Bằng stayed: only the biggest fall is shown
    assert list(zip(moved.side, moved.entity_id, moved.change)) == [("down", "ha-giang", pytest.approx(-10.0))]
    assert list(moved[["rank", "previous_rank", "rank_change"]].iloc[0]) == [3, 3, 0]


def test_when_nobody_got_worse_on_a_lower_is_better_count_there_is_no_down_mover(still_or_falling):
    moved = movers_at(still_or_falling, [("tasks_late", "2024")], "province", "time")
    # fewer late tasks is better: Hà Giang 5 → 2 improved, Cao Bằng stayed at 3
    assert list(zip(moved.side, moved.entity_id, moved.change)) == [("up", "ha-giang", pytest.approx(-3.0))]
    assert list(moved[["rank", "previous_rank", "rank_change"]].iloc[0]) == [1, 2, 1]


# --- page helpers: a place typed in the URL, the rank of a place outside the bars, the served figure

def test_a_place_in_the_url_is_found_by_id_name_or_former_unit():
    from ui.pickers import match_place

    ids = ["ha-noi", "tuyen-quang-2025"]  # the 2025 map
    english = {"ha-noi": "Hanoi", "tuyen-quang-2025": "Tuyen Quang"}
    assert match_place("ha-noi", ids, english) == "ha-noi"
    assert match_place("hanoi", ids, english) == "ha-noi"  # the name shown, in the page's language
    assert match_place("Hà Nội", ids, {}) == "ha-noi"  # the name in the store, with diacritics
    assert match_place("ha noi", ids, {}) == "ha-noi"  # and without
    assert match_place("ha-giang", ids, {}) == "tuyen-quang-2025"  # merged into Tuyên Quang in 2025
    assert match_place("Hà Giang", ids, {}) == "tuyen-quang-2025"
    # a former ministry by its id, which its name does not spell: Planning and Investment (mpi)
    # went into the Ministry of Finance on 1 March 2025
    assert match_place("mpi", ["mof-2025", "moha-2025"], {}) == "mof-2025"
    # a former unit whose successor is not among the options matches nothing
    assert match_place("ha-giang", ["ha-noi"], {}) is None
    assert match_place("khong co", ids, english) is None


def test_the_rank_of_a_place_outside_the_shown_bars():
    from charts.ranking import rank_of

    ranked = pd.DataFrame({"entity_id": ["a", "b", "c", "d"], "rank": [1, 2, 2, 4]})
    assert [rank_of(ranked, e) for e in ["a", "b", "d", "khong-co"]] == ["1", "2=", "4", "–"]


def test_a_figure_is_served_as_it_was_when_first_shown():
    import plotly.graph_objects as go

    from ui.chart_frame import served

    fig = go.Figure(go.Bar(x=["a"], y=[1]))
    first = served(fig)
    assert first.to_dict() == fig.to_dict()
    fig.update_layout(title_text="đổi sau")  # figures are shared and never changed: the first dict stays
    assert served(fig) is first and "title" not in first.to_dict()["layout"]


@pytest.mark.parametrize("lang, text", [("vi", "Chưa có số liệu"), ("en", "No figures")])
def test_no_data_is_said_in_the_language(lang, text):
    from streamlit.testing.v1 import AppTest

    def script(lang):
        from ui.chart_frame import no_data

        no_data(lang)

    at = AppTest.from_function(script, args=(lang,)).run()
    assert [(i.value, i.icon) for i in at.info] == [(t("no_data", lang), ":material/info:")]
    assert at.info[0].value.startswith(text)


# --- charts.ranking: the movers' table and the rank-change arrows, as the overview shows them --

MOVERS = pd.DataFrame([
    dict(metric_id="tasks_late", period="2025", side="up", entity_id="ha-noi", entity_name="Hà Nội",
         entity_name_en="Hanoi", change=-3.0, rank_change=2),
    dict(metric_id="index766", period="2026-10", side="up", entity_id="hue", entity_name="Huế",
         entity_name_en="Hue", change=1.25, rank_change=0),
    dict(metric_id="index766", period="2026-10", side="down", entity_id="lao-cai", entity_name="Lào Cai",
         entity_name_en="Lao Cai", change=-2.5, rank_change=-4),
    dict(metric_id="sipas", period="2025", side="down", entity_id="ca-mau", entity_name="Cà Mau",
         entity_name_en="Ca Mau", change=-1.5, rank_change=-1),
])


@pytest.mark.parametrize("lang, expected", [
    ("vi", {"columns": ["Chỉ tiêu", "Kỳ", "Cải thiện nhiều nhất", "Giảm nhiều nhất"], "data": [
        ["Hoàn thành quá hạn", "Năm 2025", "Hà Nội: −3 (▲2)", "—"],  # fewer late tasks: an improvement
        ["Chỉ số phục vụ (766)", "Tháng 10/2026", "Huế: +1,25 điểm", "Lào Cai: −2,50 điểm (▼4)"],
        ["Chỉ số hài lòng SIPAS", "Năm 2025", "—", "Cà Mau: −1,50 điểm % (▼1)"]]}),
    ("en", {"columns": ["Metric", "Period", "Improved most", "Fell most"], "data": [
        ["Completed late", "2025", "Hanoi: −3 (▲2)", "—"],
        ["Service index (Decision 766)", "Oct 2026", "Hue: +1.25 pts", "Lao Cai: −2.50 pts (▼4)"],
        ["SIPAS satisfaction index", "2025", "—", "Ca Mau: −1.50 pp (▼1)"]]}),
])
def test_the_movers_table_keeps_the_metrics_order_and_says_who_moved_in_the_language(lang, expected):
    from charts.ranking import movers_table

    table = movers_table(MOVERS, lang).to_dict("split")
    assert {"columns": table["columns"], "data": table["data"]} == expected


def test_a_rank_change_arrow_is_green_up_red_down_and_grey_level():
    from charts.ranking import _arrow_html

    assert [_arrow_html(c) for c in (3, -2, 0, pd.NA)] == [
        f"<span style='color:{tpl.GOOD}'>▲3</span>", f"<span style='color:{tpl.BAD}'>▼2</span>",
        f"<span style='color:{tpl.TEXT_SOFT}'>–</span>", ""]


def test_with_no_movers_the_table_still_has_its_four_columns():
    from charts.ranking import movers_table

    table = movers_table(MOVERS.iloc[0:0], "vi")
    assert table.empty and list(table.columns) == ["Chỉ tiêu", "Kỳ", "Cải thiện nhiều nhất", "Giảm nhiều nhất"]
