"""Export controls shown under a chart: slide size, PNG, SVG, CSV, XLSX, and "add to deck".

Images and files are made only when a button is clicked (Streamlit runs a callable `data` on
click), so a page rerun never waits for the rendering engine.
"""

from __future__ import annotations

import re
import unicodedata

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from exports import images, tables
from exports.deck import SlideSpec
from l10n import t
from ui import slide_basket

MIME = {"png": "image/png", "svg": "image/svg+xml", "csv": "text/csv",
        "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}


def slug(text: str) -> str:
    """ASCII file-name stem: "TTHC trực tuyến, tháng 10/2025" -> "tthc_truc_tuyen_thang_10_2025"."""
    plain = unicodedata.normalize("NFKD", text.replace("đ", "d").replace("Đ", "D"))
    plain = plain.encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9-]+", "_", plain).strip("_") or "chart"


def source_line(ctx: images.ChartContext) -> str:
    """The footnote of a slide: "Nguồn: 766/QĐ-TTg (23/06/2022); … · Dữ liệu minh họa"."""
    line = t("image_sources", ctx.lang) + "; ".join(ctx.sources) if ctx.sources else ""
    return " · ".join(part for part in (line, t("demo_badge", ctx.lang) if ctx.has_demo else "") if part)


def picture_slide(fig: go.Figure, ctx: images.ChartContext) -> SlideSpec:
    """A deck slide showing the figure as a picture, for charts without a native SlideSpec."""
    return SlideSpec(ctx.title, ctx.subtitle, source_line(ctx), "picture", figure=fig)


def modebar_config(ctx: images.ChartContext, size_key: str = images.DEFAULT_SIZE,
                   file_stem: str | None = None) -> dict:
    """`config` for st.plotly_chart: the modebar camera saves a slide-sized PNG (drawn at half
    size and scale 2, so the on-screen fonts come out large enough) named after the chart."""
    width, height = images.SLIDE_SIZES[size_key]
    return {
        "displaylogo": False,
        "toImageButtonOptions": {"format": "png", "filename": file_stem or slug(ctx.title),
                                 "width": width // 2, "height": height // 2, "scale": 2},
    }


def _sources_frame(ctx: images.ChartContext) -> pd.DataFrame:
    return pd.DataFrame({t('source', ctx.lang): list(ctx.sources)})


def chart_export_controls(fig: go.Figure, ctx: images.ChartContext, data: pd.DataFrame, key: str,
                          slide: SlideSpec | None = None, file_stem: str | None = None,
                          number_formats: dict[str, str] | None = None) -> None:
    """Render the export row under a chart. `key` must be unique on the page; `file_stem`
    (e.g. "online_procedures_2025-10") defaults to a slug of the title; `slide` defaults to a
    picture of `fig`."""
    lang = ctx.lang
    size_col, png_col, svg_col, csv_col, xlsx_col, add_col = st.columns(
        [1.4, 1, 1, 1, 1, 2.2], vertical_alignment="bottom")
    size_key = size_col.selectbox(t("export_size", lang), list(images.SLIDE_SIZES), key=f"{key}_size")
    stem = file_stem or slug(ctx.title)
    image_stem = stem if size_key == images.DEFAULT_SIZE else f"{stem}_{size_key.replace(':', 'x')}"
    ok, reason = images.export_available(lang)
    if ok:
        png_col.download_button("PNG", data=lambda: images.to_png(fig, ctx, size_key), key=f"{key}_png",
                                file_name=f"{image_stem}.png", mime=MIME["png"], on_click="ignore",
                                help=t("export_help", lang), icon=":material/image:")
        svg_col.download_button("SVG", data=lambda: images.to_svg(fig, ctx, size_key), key=f"{key}_svg",
                                file_name=f"{image_stem}.svg", mime=MIME["svg"], on_click="ignore",
                                help=t("export_help", lang))
    status = t("export_demo", lang) if ctx.has_demo else t("export_published", lang)
    csv_col.download_button("CSV", data=lambda: tables.to_csv(data, lang), key=f"{key}_csv",
                            file_name=f"{stem}.csv", mime=MIME["csv"], on_click="ignore",
                            icon=":material/table:")
    xlsx_col.download_button(
        "XLSX", key=f"{key}_xlsx", file_name=f"{stem}.xlsx", mime=MIME["xlsx"], on_click="ignore",
        data=lambda: tables.to_xlsx(data, _sources_frame(ctx), status, lang, number_formats),
    )
    add_col.button(t("export_add", lang), key=f"{key}_add", icon=":material/add_to_queue:",
                   on_click=slide_basket.add, args=(slide or picture_slide(fig, ctx), lang))
    if not ok:
        st.caption(f":material/info: {reason}")
