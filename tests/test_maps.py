"""The map builders (charts.maps): every province drawn once, coloured by the metric's bands or
direction, the missing ones visibly missing, hover with value and status, the archipelagos and
the attribution on every map; and their exports (PNG/SVG/deck) drawn offline."""
from __future__ import annotations

import io
from pathlib import Path

import pandas as pd
import pytest

import charts
from charts import map_colours, maps
from charts.map_colours import MISSING_FILL
from exports import deck, images
from metrics import catalogue, geo

charts.register()
needs_chromium = pytest.mark.skipif(not Path("/usr/bin/chromium").exists(),
                                    reason="/usr/bin/chromium is not installed (apt-get install chromium)")


def frame(store, metric_id="par_index", period="2024", boundary="time", grain="year") -> pd.DataFrame:
    return geo.map_values(store, metric_id, period, boundary, grain)


def painted(fig) -> list[str]:
    return [c for t in fig.data if t.type == "choropleth" and t.name != "" for c in t.locations]


def with_gaps(values: pd.DataFrame, n: int = 3) -> pd.DataFrame:
    out = values.copy()
    out.loc[out.index[:n], ["value", "status", "rank", "band_vi", "band_en"]] = None
    return out


def test_each_province_is_painted_once_and_the_missing_ones_grey(store):
    values = with_gaps(frame(store))
    fig = maps.choropleth(values, geo.boundaries("63"), catalogue.get("par_index"), "vi", "PAR INDEX 2024",
                          highlight="ha-giang")
    assert sorted(painted(fig)) == sorted(values.code)
    grey = [t for t in fig.data if t.type == "choropleth" and t.colorscale[0][1] == MISSING_FILL]
    assert len(grey) == 1 and sorted(grey[0].locations) == sorted(values.code[:3])
    assert "Không có số liệu" in grey[0].hovertext[0]
    features = sum(len(t.geojson["features"]) for t in fig.data if t.type == "choropleth")
    assert features == 63 + 1  # the geometry is sent once, plus the highlight's outline
    legend = [t.name for t in fig.data if t.type == "scattergeo" and t.showlegend is not False]
    assert legend == ["Nhóm A (≥ 90%)", "Nhóm B (≥ 80%)", "Nhóm C (≥ 70%)", "Dưới 70%", "Không có số liệu"]


def test_band_colours_follow_the_bands_best_darkest():
    metric = catalogue.get("par_index")
    colours, legend = map_colours.colour_plan(pd.Series([95.0, 85.0, 75.0, 60.0, None]), metric, "vi")
    assert colours == [*map_colours.band_colours(4), None]
    assert colours[0] == "#0B3F7A" and colours[3] == map_colours.WORST_BAND
    assert legend.is_banded and legend.bands[0][0] == "Nhóm A (≥ 90%)"


def test_a_scale_runs_from_worst_to_best_whichever_way_the_metric_points():
    higher = catalogue.get("online_procedures")
    lower = next(m for m in catalogue.catalogue().values() if not m.higher_is_better and not m.bands)
    values = pd.Series([10.0, 20.0, 30.0])
    up, _ = map_colours.colour_plan(values, higher, "vi")
    down, _ = map_colours.colour_plan(values, lower, "vi")
    assert up[2] == down[0] == map_colours.SCALE[-1]  # the best figure is the darkest
    assert up[0] == down[2] == map_colours.SCALE[0]


def test_hover_says_value_rank_and_whether_published(store):
    values = frame(store)
    hovers = maps.hover_texts(values, catalogue.get("par_index"), "vi", {"par-2024": "876/QĐ-BNV (2025)"})
    published = [h for h, s in zip(hovers, values.status) if s == "published"]
    demo = [h for h, s in zip(hovers, values.status) if s == "demo"]
    assert published and all("Số liệu công bố" in h for h in published)
    assert demo and all("Dữ liệu minh họa" in h for h in demo)
    assert any("%" in h and "," in h and "Hạng 1/63" in h for h in hovers)
    english = maps.hover_texts(values, catalogue.get("par_index"), "en")
    assert any("Rank 1 of 63" in h for h in english)


@pytest.mark.parametrize("geometry, boundary, period", [("34", "2025", "2025-10"), ("63", "time", "2024-Q4")])
def test_the_tile_map_has_one_square_per_province_and_the_archipelagos(store, geometry, boundary, period):
    values = with_gaps(frame(store, "online_procedures", period, boundary, None), 2)
    fig = maps.tile_map(values, geo.tiles(geometry), catalogue.get("online_procedures"), "vi", "TTHC")
    squares = [s for s in fig.layout.shapes if s.type == "rect"]
    assert len(squares) == len(values) + 2
    dotted = [s for s in squares if s.line.dash == "dot" and s.fillcolor == MISSING_FILL]
    assert len(dotted) == 2
    labels = " ".join(fig.data[0].text)
    assert "QĐ. Hoàng Sa" in labels and "QĐ. Trường Sa" in labels
    assert fig.layout.meta["tiles"]["rows"] > 12
    assert any("Open Development Mekong" in a.text for a in fig.layout.annotations)


def test_tile_labels_break_between_syllables():
    assert maps.tile_label("Quảng Ngãi") == "Quảng<br>Ngãi"
    assert maps.tile_label("Hà Nội") == "Hà Nội"
    assert maps.tile_label("Hồ Chí Minh", "TP HCM") == "TP HCM"


def test_exports_name_the_boundaries_and_drop_the_on_screen_note(store):
    values = frame(store, "online_procedures", "2025-10", "2025", "month")
    fig = maps.tile_map(values, geo.tiles("34"), catalogue.get("online_procedures"), "vi", "TTHC")
    ctx = images.ChartContext("TTHC", "34 tỉnh", ("Ranh giới tỉnh: Open Development Mekong, CC BY-SA 4.0",), True)
    out = images.figure_for_export(fig, ctx, images.SLIDE_SIZES["16:9"])
    notes = " ".join(a.text for a in out.layout.annotations)
    assert "Ranh giới tỉnh: Open Development Mekong, CC BY-SA 4.0" in notes
    assert not any(a.name == "screen-only" for a in out.layout.annotations)
    before, after = fig.data[0].textfont.size[0], out.data[0].textfont.size[0]
    assert after != before  # resized to the squares as the slide draws them


@needs_chromium
def test_both_maps_render_offline_to_png_svg_and_a_deck(store):
    from PIL import Image
    from pptx import Presentation

    values = frame(store)
    metric = catalogue.get("par_index")
    ctx = images.ChartContext("Chỉ số CCHC (PAR INDEX), năm 2024", "63 tỉnh, thành phố", ("876/QĐ-BNV",), True)
    choropleth = maps.choropleth(values, geo.boundaries("63"), metric, "vi", ctx.title)
    png = images.to_png(choropleth, ctx)
    picture = Image.open(io.BytesIO(png)).convert("RGB")
    assert picture.size == (1920, 1080)
    colours = {"#%02X%02X%02X" % c for _, c in picture.getcolors(1 << 20)}
    assert set(map_colours.band_colours(4)[:2]) <= colours  # provinces painted in band colours
    svg = images.to_svg(maps.tile_map(values, geo.tiles("63"), metric, "vi", ctx.title), ctx).decode()
    assert ">Quảng<" in svg and ">Giang<" in svg and "Trường Sa" in svg  # labels as text, diacritics kept
    slide = deck.SlideSpec(ctx.title, ctx.subtitle, "Nguồn: 876/QĐ-BNV", "picture", figure=choropleth)
    pptx = Presentation(io.BytesIO(deck.build_deck([slide], "Bản đồ", "PAR INDEX 2024")))
    assert any(shape.shape_type == 13 for shape in pptx.slides[-1].shapes)  # a picture
