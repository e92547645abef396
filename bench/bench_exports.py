"""Time the exports: the first PNG (cold engine: Chromium starts), the median of 10 later PNGs
(warm engine), and a 10-slide deck (native charts, one picture slide). Prints, asserts nothing.

    python -m bench.bench_exports
"""

from __future__ import annotations

import statistics
import time
from datetime import date

import plotly.graph_objects as go

import charts
from charts import template as tpl
from exports import deck, images

PLACES = [f"Tỉnh thử {i:02d}" for i in range(1, 35)]
VALUES = [round(60 + 40 * i / len(PLACES), 2) for i in range(len(PLACES))][::-1]
MONTHS = [f"{m:02d}/2025" for m in range(1, 11)]


def ranking() -> go.Figure:
    colours = [tpl.HIGHLIGHT if i == 5 else tpl.MUTED for i in range(len(PLACES))]
    return go.Figure(go.Bar(y=PLACES[::-1], x=VALUES[::-1], orientation="h", marker_color=colours))


def ten_slides() -> list[deck.SlideSpec]:
    source = "Nguồn: 766/QĐ-TTg (23/06/2022) · Dữ liệu minh họa"
    bar = deck.SlideSpec("Xếp hạng", "34 tỉnh", source, "bar", tuple(PLACES), (("Tỷ lệ", tuple(VALUES)),),
                         highlight=PLACES[5])
    line = deck.SlideSpec("Xu hướng", "3 đường", source, "line", tuple(MONTHS),
                          tuple((n, tuple(60.0 + i * k for i in range(10))) for n, k in
                                (("Tỉnh", 3), ("Cả nước", 2), ("Vùng", 2.5))))
    heat = go.Figure(go.Heatmap(z=[[i * j for i in range(10)] for j in range(8)]))
    picture = deck.SlideSpec("Bản đồ nhiệt", "8 bộ", source, "picture", figure=heat)
    return [bar, line] * 4 + [picture, bar]


def seconds(action) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def main() -> None:
    charts.register()
    fig = ranking()
    ctx = images.ChartContext("Tỷ lệ TTHC trực tuyến, tháng 10/2025", "34 tỉnh", ("766/QĐ-TTg",), True,
                              exported_on=date.today())
    ok, reason = images.export_available("en")
    if not ok:
        print(f"image export unavailable: {reason}")
        return
    first = seconds(lambda: images.to_png(fig, ctx))
    later = [seconds(lambda: images.to_png(fig, ctx)) for _ in range(10)]
    slides = ten_slides()
    build = seconds(lambda: deck.build_deck(slides, "Bộ slide thử", "Dữ liệu minh họa"))
    print(f"first PNG 1920x1080 (cold engine): {first:.2f} s")
    print(f"later PNG, median of 10 (warm):    {statistics.median(later):.3f} s "
          f"(min {min(later):.3f}, max {max(later):.3f})")
    print(f"10-slide deck (9 native, 1 picture): {build:.2f} s")


if __name__ == "__main__":
    main()
