"""Chart builders of the overview, rankings, trends and peers pages: what the figures draw
(order, colours, labels, ties, bands, targets, hollow estimated points) and the texts beside them."""
from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from charts import peers as peer_charts
from charts import ranking as rank_charts
from charts import slides
from charts import template as tpl
from charts import trend as trend_charts
from metrics import catalogue, profiles, rankings, values
from metrics.rankings import PeerSummary
from metrics.targets import Headline

PAR = catalogue.get("par_index")
I766 = catalogue.get("index766")
ONLINE = catalogue.get("online_procedures")


def ranked_frame(values=(96.91, 88.5, 88.5, 72.25), estimated=(False, True, False, False)) -> pd.DataFrame:
    ids = ["ha-noi", "tuyen-quang-2025", "hue", "ca-mau-2025"][: len(values)]
    names = ["Hà Nội", "Tuyên Quang", "Huế", "Cà Mau"][: len(values)]
    ranks = pd.Series(values).round(2).rank(method="min", ascending=False).astype(int)
    return pd.DataFrame({
        "rank": ranks, "entity_id": ids, "entity_name": names, "entity_name_en": ["Hanoi", "Tuyen Quang", "Hue", "Ca Mau"][: len(values)],
        "region_id": ["dbsh", "tdmnpb", "btb-dhmt", "dbscl"][: len(values)], "value": list(values),
        "numerator": [None] * len(values), "denominator": [None] * len(values),
        "status": ["published", "demo", "demo", "demo"][: len(values)], "estimated": list(estimated),
        "previous_rank": [2, 1, 4, None][: len(values)], "rank_change": [1, -1, 1, None][: len(values)],
        "change": [1.39, -0.5, 0.0, None][: len(values)],
        "band_vi": [PAR.band_for(v).label_vi for v in values], "band_en": [PAR.band_for(v).label_en for v in values],
    })


# --- ranks, arrows ------------------------------------------------------------------------------

def test_tied_ranks_are_marked():
    assert rank_charts.rank_labels([1, 2, 2, 4]) == ["1", "2=", "2=", "4"]
    assert rank_charts.rank_labels([1, None]) == ["1", "–"]


@pytest.mark.parametrize("change, arrow", [(3, "▲3"), (-2, "▼2"), (0, "–"), (None, ""), (float("nan"), "")])
def test_rank_arrows(change, arrow):
    assert rank_charts.rank_arrow(change) == arrow


# --- ranking bar --------------------------------------------------------------------------------

def test_ranking_bar_sorted_best_on_top_with_ties_and_highlight():
    fig = rank_charts.ranking_bar(ranked_frame(), PAR, "vi", "Chỉ số CCHC (PAR INDEX) — Năm 2024", highlight="hue")
    bar = fig.data[0]
    assert list(bar.y) == ["1  Hà Nội", "2=  Tuyên Quang*", "2=  Huế", "4  Cà Mau"]
    assert list(fig.layout.yaxis.categoryarray) == list(bar.y) and fig.layout.yaxis.autorange == "reversed"
    assert list(bar.marker.color) == [tpl.MUTED, tpl.MUTED, tpl.HIGHLIGHT, tpl.MUTED]
    assert bar.text[0].startswith("96,91%") and "▲1" in bar.text[0] and "▼1" in bar.text[1]
    assert bar.text[2].startswith("<b>88,50%</b>")
    assert fig.layout.title.text.startswith("Chỉ số CCHC")
    assert fig.layout.separators == ",."


def test_ranking_bar_draws_the_par_index_groups_and_766_bands():
    labels = [a.text for a in rank_charts.ranking_bar(ranked_frame(), PAR, "vi", "t").layout.annotations]
    assert labels == ["Nhóm A<br>≥ 90%", "Nhóm B<br>≥ 80%", "Nhóm C<br>≥ 70%", "Dưới 70%"]
    fig = rank_charts.ranking_bar(ranked_frame(), I766, "en", "t")
    assert [a.text for a in fig.layout.annotations] == ["Excellent<br>≥ 90", "Not banded (50–90)", "Weak"]
    assert len(fig.layout.shapes) >= 3  # shaded bands and the threshold lines


def test_ranking_bar_keeps_63_provinces_readable():
    values = [90 - i * 0.3 for i in range(63)]
    frame = pd.concat([ranked_frame((v,), (False,)) for v in values], ignore_index=True)
    frame["rank"] = range(1, 64)
    frame["entity_id"] = [f"p{i}" for i in range(63)]
    fig = rank_charts.ranking_bar(frame, PAR, "vi", "t")
    assert fig.layout.height >= 22 * 63 and fig.layout.yaxis.dtick == 1
    assert tpl.HIGHLIGHT not in fig.data[0].marker.color  # no place chosen: one calm colour


def test_leaders_bar_colours_and_gap_row():
    frame = ranked_frame((99, 98, 70, 60), (False, False, False, False))
    fig = rank_charts.leaders_bar(frame.head(2), frame.tail(2), PAR, "vi", "t", places=34)
    assert list(fig.data[0].marker.color) == [tpl.GOOD, tpl.GOOD, tpl.MUTED, tpl.BAD, tpl.BAD]
    assert fig.data[0].y[2] == "⋯ 30 đơn vị khác"
    slide = rank_charts.bar_slide_data(fig, "ha-noi", "pct")
    assert slide["kind"] == "bar" and slide["highlight"] == "1  Hà Nội" and slide["series"][0][1][2] is None


def test_ranking_table_vietnamese_headers_and_formats():
    table = rank_charts.ranking_table(ranked_frame(), PAR, "vi", "province", {"dbsh": "Đồng bằng sông Hồng"})
    assert list(table.columns) == ["Hạng", "Tỉnh, thành phố", "Vùng", "Giá trị", "Thay đổi", "Hạng kỳ trước",
                                   "Thay đổi hạng", "Xếp loại", "Trạng thái"]
    first = table.iloc[0]
    assert (first["Giá trị"], first["Thay đổi"], first["Thay đổi hạng"], first["Trạng thái"]) == (
        "96,91%", "+1,39 điểm %", "▲1", "Công bố")
    assert table["Hạng"].tolist()[1:3] == ["2=", "2="] and table.iloc[1]["Tỉnh, thành phố"] == "Tuyên Quang*"
    assert table.iloc[3]["Thay đổi hạng"] == "mới" and table.iloc[0]["Xếp loại"] == "Nhóm A"
    english = rank_charts.ranking_table(ranked_frame(), ONLINE, "en", "ministry")
    assert "Numerator/denominator" in english.columns and english.iloc[0]["Value"] == "96.91%"


def test_movers_table():
    movers = pd.DataFrame([
        dict(metric_id="index766", period="2026-10", side="up", entity_name="Hưng Yên", entity_name_en="Hung Yen",
             change=1.22, rank_change=3),
        dict(metric_id="index766", period="2026-10", side="down", entity_name="Hà Nội", entity_name_en="Hanoi",
             change=-2.55, rank_change=0),
    ])
    row = rank_charts.movers_table(movers, "vi").iloc[0]
    assert row["Cải thiện nhiều nhất"] == "Hưng Yên: +1,22 điểm (▲3)"
    assert row["Giảm nhiều nhất"] == "Hà Nội: −2,55 điểm" and row["Kỳ"] == "Tháng 10/2026"


# --- trend lines ----------------------------------------------------------------------------------

def series_frame() -> pd.DataFrame:
    rows = []
    for sid, name, kind, base, est in (("tuyen-quang-2025", "Tuyên Quang", "entity", 70, True),
                                       ("ha-noi", "Hà Nội", "entity", 60, False),
                                       ("nation", "Cả nước", "nation", 65, False),
                                       ("region-tdmnpb", "Trung du và miền núi phía Bắc", "region", 66, False)):
        for i, period in enumerate(("2024-Q3", "2024-Q4", "2025-Q3", "2025-Q4")):
            rows.append(dict(series_id=sid, series_name=name, series_name_en=name, series_kind=kind, period=period,
                             period_start=pd.Timestamp(date(int(period[:4]), 3 * int(period[-1]) - 2, 1)),
                             value=base + 5 * i, status="demo", estimated=est and i < 2))
    return pd.DataFrame(rows)


def targets_frame() -> pd.DataFrame:
    return pd.DataFrame([dict(year=2025, value=80.0, comparison=">=", source="76/NQ-CP", source_id="76/NQ-CP",
                              note_vi="", note_en="")])


def test_trend_lines_labels_ends_hollow_estimates_and_target():
    fig = trend_charts.trend_lines(series_frame(), ONLINE, "vi", "TTHC cung cấp trực tuyến — 2024–2025",
                                   targets=targets_frame())
    assert len(fig.data) == 4 and fig.layout.showlegend is False
    tuyen = next(t for t in fig.data if t.name == "Tuyên Quang")
    assert list(tuyen.marker.symbol) == ["circle-open", "circle-open", "circle", "circle"]
    nation = next(t for t in fig.data if t.name == "Cả nước")
    assert nation.line.color == tpl.NATIONAL and nation.line.dash == "dash"
    texts = [a.text for a in fig.layout.annotations]
    assert "Tuyên Quang 85,00%" in texts and "Hà Nội 75,00%" in texts
    assert "Mục tiêu 2025 ≥ 80% (76/NQ-CP)" in texts
    assert any(s.line.dash == "dot" and s.line.color == tpl.TARGET for s in fig.layout.shapes)
    assert "Sáp nhập tỉnh 01/07/2025" in texts
    # one tick per period with figures (the frame has none for Q1 and Q2 2025)
    assert list(fig.layout.xaxis.ticktext) == ["Q3/2024", "Q4/2024", "Q3/2025", "Q4/2025"]


def test_trend_lines_change_mode_has_no_target_and_signed_labels():
    series = series_frame()
    fig = trend_charts.trend_lines(series.assign(value=series.value - 60), ONLINE, "en", "t",
                                   targets=targets_frame(), change_from="2024-Q3")
    texts = [a.text for a in fig.layout.annotations]
    assert not any(t.startswith("Target") for t in texts)
    assert "Hà Nội +15.00 pp" in texts and fig.layout.yaxis.title.text == "Change since Q3 2024"


def test_ministries_mark_their_own_merger_date():
    fig = trend_charts.trend_lines(series_frame(), ONLINE, "en", "t", kind="ministry")
    texts = [a.text for a in fig.layout.annotations]
    assert "Ministries restructured 1 Mar 2025" in texts and "Provinces merged 1 Jul 2025" not in texts


def test_end_labels_never_overlap():
    ys = trend_charts.spread([1.0, 1.1, 1.15, 5.0], 0.5)
    ordered = sorted(ys)
    assert all(b - a >= 0.5 - 1e-9 for a, b in zip(ordered, ordered[1:]))
    assert ys[3] == 5.0


def test_period_ticks_are_few_and_vietnamese():
    months = [f"{y}-{m:02d}" for y in range(2022, 2027) for m in range(1, 13)][:58]
    _, texts = trend_charts.period_ticks(months, "vi")
    assert texts == ["T1/2022", "T1/2023", "T1/2024", "T1/2025", "T1/2026"]
    assert trend_charts.period_ticks(["2025-Q1", "2025-Q2"], "en")[1] == ["Q1 2025", "Q2 2025"]


def test_national_lines_mark_published_points():
    frame = pd.DataFrame([
        dict(metric_id="dossiers_full_online", label_vi="Hồ sơ trực tuyến toàn trình", label_en="Full online",
             unit="pct", period=p, period_start=pd.Timestamp(f"{p}-01-01"), value=v, status=s, estimated=False)
        for p, v, s in (("2023", 14.43, "demo"), ("2024", 18.54, "published"))])
    fig = trend_charts.national_lines(frame, "vi", "t")
    assert list(fig.data[0].marker.symbol) == ["circle", "diamond"]
    assert "Hồ sơ trực tuyến toàn trình 18,54%" in [a.text for a in fig.layout.annotations]
    categories, series = slides.line_series(frame, "vi", key="metric_id", name="label_vi")
    assert categories == ("2023", "2024") and series[0] == ("Hồ sơ trực tuyến toàn trình", (14.43, 18.54))


# --- peers ----------------------------------------------------------------------------------------

def components_frame() -> pd.DataFrame:
    return pd.DataFrame([
        dict(metric_id="index766_transparency", label_vi="Công khai, minh bạch", label_en="Transparency", max_value=18,
             value=17.19, region_value=16.08, national_value=16.19, best_value=17.84, best_entity="Lạng Sơn", status="demo"),
        dict(metric_id="index766_digitisation", label_vi="Số hóa hồ sơ", label_en="Digitisation", max_value=22,
             value=20.59, region_value=19.9, national_value=19.83, best_value=21.67, best_entity="Đồng Tháp", status="demo"),
        dict(metric_id="index766_online", label_vi="Cung cấp dịch vụ trực tuyến", label_en="Online", max_value=22,
             value=21.23, region_value=20.07, national_value=19.88, best_value=21.77, best_entity="Lâm Đồng", status="demo"),
    ])


def test_component_dots_sorted_by_share_with_labelled_markers():
    fig = peer_charts.component_dots(components_frame(), "score", "vi", "Tuyên Quang: Chỉ số phục vụ (766)", "Tuyên Quang", "TD&MNPB")
    place = next(t for t in fig.data if t.name == "Tuyên Quang")
    assert [y.split("  ")[0] for y in place.y] == ["Cung cấp dịch vụ trực tuyến", "Công khai, minh bạch", "Số hóa hồ sơ"]
    assert place.marker.color == tpl.HIGHLIGHT and "<b>96,5%</b>" in place.y[0]
    assert {a.text for a in fig.layout.annotations} == {"Tuyên Quang", "TD&MNPB", "Cả nước", "Cao nhất"}
    assert fig.layout.showlegend is False and fig.layout.xaxis.ticksuffix == "%"
    hover = next(t for t in fig.data if t.name == "Cao nhất").hovertext[0]
    assert "Lâm Đồng: 21,77/22 điểm" in hover


def test_components_table_formats():
    table = peer_charts.components_table(components_frame().assign(previous_value=17.0, change=0.19), "score", "vi")
    row = table.iloc[0]
    assert row["Giá trị"] == "17,19/18 điểm" and row["Cao nhất (đơn vị)"] == "17,84 (Lạng Sơn)"
    assert row["Thay đổi"] == "+0,19 điểm" and row["Trạng thái"] == "Minh họa"


def summary(**changes) -> PeerSummary:
    base = dict(entity_id="tuyen-quang-2025", entity_name="Tuyên Quang", value=95.36, status="demo", estimated=False,
                rank=11, places=34, region_id="tdmnpb", region_rank=3, region_places=10, region_value=91.14,
                national_value=90.4, best_entity="Lạng Sơn", best_value=98.79, next_entity="Nghệ An", next_value=95.41,
                gap_to_next=0.05, gap_to_best=3.43, previous_value=95.05, previous_rank=10)
    return PeerSummary(**(base | changes))


def test_gap_texts():
    assert peer_charts.gap_texts(summary(), I766, "vi") == [
        "Cần thêm hơn 0,05 điểm để vượt Nghệ An.", "Cách đơn vị dẫn đầu (Lạng Sơn) 3,43 điểm."]
    assert peer_charts.gap_texts(summary(rank=1, next_entity=None, gap_to_next=None), I766, "en") == ["Ranked first."]
    assert peer_charts.gap_texts(summary(), ONLINE, "en", name_of={"Nghệ An": "Nghe An", "Lạng Sơn": "Lang Son"}.get)[0] == \
        "Needs more than 0.05 pp to overtake Nghe An."


def test_deltas_read_the_right_way_in_streamlit():
    assert peer_charts.metric_delta(-0.33, "pct", "vi") == "-0,33 điểm %"  # ASCII minus: Streamlit shows a fall
    assert peer_charts.metric_delta(1.39, "pct", "vi") == "+1,39 điểm %"
    assert peer_charts.metric_delta(None, "pct", "vi") is None
    assert peer_charts.rank_delta(10, 11, "vi") == "-1 bậc" and peer_charts.rank_delta(14, 11, "en") == "+3 places"


def headline(**changes) -> Headline:
    base = dict(metric_id="online_procedures", period="2025", value=76.8, numerator=None, denominator=None,
                status="demo", estimated=False, previous_period="2024", previous_value=70.0, change=6.8,
                change_is_good=True, target_value=80.0, target_year=2025, target_comparison=">=",
                target_source="76/NQ-CP", target_gap=-3.2, meets_target=False, sources=None)
    return Headline(**(base | changes))


def test_target_text():
    assert peer_charts.target_text(headline(), ONLINE, "vi") == "Mục tiêu ≥ 80% (2025, 76/NQ-CP): chưa đạt, còn 3,20 điểm %"
    assert peer_charts.target_text(headline(target_gap=16.02, meets_target=True), ONLINE, "en") == \
        "Target ≥ 80% (2025, 76/NQ-CP): met, 16.02 pp above"
    assert peer_charts.target_text(headline(target_value=None, meets_target=None), ONLINE, "vi") is None


# --- on the test store ------------------------------------------------------------------------------

def test_ranking_bar_on_the_store_in_both_maps(store):
    from metrics.rankings import ranking

    for boundary, places in (("2025", 34), ("time", 63)):
        ranked = ranking(store, "par_index", "2024", "province", boundary)
        fig = rank_charts.ranking_bar(ranked, PAR, "vi", "t", highlight=ranked.entity_id.iloc[5])
        assert len(fig.data[0].y) == places
        values = [round(v, 2) for v in fig.data[0].x]  # places equal to 2 decimals are tied, by name
        assert values == sorted(values, reverse=True)
        assert fig.data[0].marker.color[5] == tpl.HIGHLIGHT


# --- the questions behind these charts (metrics/ (profiles, rankings, values)), on the test store ----------------------

def test_choose_period_falls_back_to_the_metric_own_grain(store):
    by_grain = values.periods_by_grain(store, "par_index")
    assert values.choose_period("par_index", "2026-10", by_grain) == "2025"
    assert values.choose_period("par_index", "2024", by_grain) == "2024"
    assert values.choose_period("index766", "2022-03", values.periods_by_grain(store, "index766")) is None


def test_components_of_a_place_add_up_to_its_index_and_carry_the_change(store):
    from metrics.values import entity_values

    groups = profiles.components_of(profiles.component_values(store, "index766", "province", "2026-10"),
                                      "tuyen-quang-2025")
    assert list(groups.max_value) == [18, 20, 22, 12, 10, 18]   # the six groups of the 2024 scheme
    total = entity_values(store, "index766", "month", "2025", "province", "2026-10", "2026-10")
    assert groups.value.sum() == pytest.approx(total.set_index("entity_id").value["tuyen-quang-2025"], abs=0.01)
    assert groups.share.between(0, 1).all() and groups.change.notna().all()
    assert (groups.best_value >= groups.value).all() and groups.region_value.notna().all()
    fields = profiles.components_of(profiles.component_values(store, "par_index", "ministry", "2025"), "mof-2025")
    assert len(fields) == 7 and fields.region_value.isna().all()  # ministries have no region


def test_movers_are_direction_aware(store):
    movers = rankings.movers_at(store, [("index766", "2026-10"), ("par_index", "2025")], "province")
    up = movers[movers.side == "up"]
    down = movers[movers.side == "down"]
    assert (up.change > 0).all() and (down.change < 0).all() and set(movers.metric_id) == {"index766", "par_index"}
