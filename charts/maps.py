"""Maps of one metric in one period: the provinces with their real boundaries (a choropleth) and
a tile map with one equal square per province in its rough geographic place. Pure Plotly, in the
"cchc" template: data in (metrics.geo.map_values), figure out.

Both draw every province of the set, the missing ones visibly missing; both show the Hoàng Sa
and Trường Sa archipelagos as Vietnam's (parts of Đà Nẵng and Khánh Hòa); both carry the
boundaries' attribution. The choropleth draws on Plotly's `geo` subplot with every base layer
hidden: plotly.js still asks for its world base map, which ui/ and exports/ point at a stub
shipped in static/geo/, so no request leaves the machine (see BASEMAP_URL).
"""
from __future__ import annotations

import math

import pandas as pd
import plotly.graph_objects as go

from charts import template as tpl
from charts.map_colours import BORDER, MISSING_FILL, MISSING_LINE, Legend, colour_plan, text_colour
from charts.trend import title_block
from l10n import t as text
from l10n.formatting import format_value, plotly_separators
from metrics.catalogue import Metric
from metrics.geo import Boundaries
from metrics.paths import ROOT
from metrics.provenance import ids_in

# plotly.js fetches `<topojsonURL>world_110m.json` for any geo subplot; Streamlit serves static/
# at app/static/ (relative to the page, so a base path behind a proxy still works) and Kaleido
# reads the same file from disk.
BASEMAP_URL = "app/static/geo/"
BASEMAP_DIR = ROOT / "static" / "geo"
LON_RANGE = (101.9, 117.4)  # the mainland and both archipelagos (Trường Sa reaches 116.9 E, 6.95 N)
LAT_RANGE = (6.4, 23.6)
# Dotted frames around the archipelagos (lon0, lat0, lon1, lat1) and where their names go.
ARCHIPELAGOS = {"map_hoang_sa": ((110.9, 15.6, 113.1, 17.3), (112.0, 17.35), "bottom center"),
                "map_truong_sa": ((111.3, 6.6, 117.2, 11.9), (114.25, 11.95), "bottom center")}
EAST_SEA = (112.6, 14.2)
HEADER_PX = 88  # title and a one-line legend above the map
FOOTER_PX = 52  # the attribution below it, in three short lines (a phone is 390 px wide)
TILE_PX = {"34": 52, "63": 44}
TILE_GAP = 0.05
OWNERS = {"map_hoang_sa_short": "48", "map_truong_sa_short": "56"}  # Đà Nẵng, Khánh Hòa (both sets)


def _is_missing(value) -> bool:
    return value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value))


def place_names(values: pd.DataFrame, lang: str) -> list[str]:
    """Names in lang, '*' after an estimated figure (a merged unit's past, re-expressed)."""
    column = "entity_name_en" if lang == "en" else "entity_name"
    estimated = values["estimated"] if "estimated" in values else pd.Series(False, index=values.index)
    return [f"{n}*" if e is True else n for n, e in zip(values[column], estimated)]


def hover_texts(values: pd.DataFrame, metric: Metric, lang: str,
                source_names: dict[str, str] | None = None) -> list[str]:
    """One hover text per row: name, value (and band), rank, published (with its document) or demo."""
    source_names = source_names or {}
    out = []
    for name, row in zip(place_names(values, lang), values.itertuples()):
        if _is_missing(row.value):
            out.append(f"<b>{name}</b><br>{text('map_missing', lang)}")
            continue
        band = getattr(row, "band_en" if lang == "en" else "band_vi", None)
        value = format_value(row.value, metric.unit, lang) + (f" · {band}" if isinstance(band, str) else "")
        lines = [f"<b>{name}</b>", value]
        if not _is_missing(getattr(row, "rank", None)):
            lines.append(text("map_rank", lang, rank=int(row.rank), places=int(row.places)))
        if row.status == "published":
            docs = [source_names.get(s, "") for s in ids_in(row.source_ids)]
            docs = [d for d in docs if d]
            lines.append(text("map_published", lang) + (f": {'; '.join(docs)}" if docs else ""))
        else:
            lines.append(text("map_demo", lang))
        if row.estimated is True:
            lines.append(text("map_estimated", lang))
        out.append("<br>".join(lines))
    return out


def _colorbar(metric: Metric, legend: Legend) -> dict:
    """A thin horizontal colour bar above the map, ticks in the metric's unit."""
    return dict(orientation="h", x=0, xanchor="left", y=1.0, yanchor="bottom", len=0.45, thickness=10,
                ticksuffix="%" if metric.unit == "pct" else "", ticklabelposition="outside top",
                outlinewidth=0, tickfont=dict(size=12, color=tpl.TEXT_SOFT))


def _legend_key(name: str, colour: str, dashed: bool = False, geo: bool = False) -> go.Scatter | go.Scattergeo:
    """A legend entry (a square of the colour) drawn by a trace with no points: every band is
    listed, whether or not a province falls in it, so the legend reads the same every period."""
    marker = dict(symbol="square", size=13, color=colour, line=dict(color=MISSING_LINE if dashed else colour, width=1))
    if geo:
        return go.Scattergeo(lon=[None], lat=[None], mode="markers", name=name, hoverinfo="skip", marker=marker)
    return go.Scatter(x=[None], y=[None], mode="markers", name=name, showlegend=True, hoverinfo="skip", marker=marker)


def _layout(fig: go.Figure, title: str, height: int, lang: str) -> None:
    heading, extra = title_block(title)
    fig.update_layout(
        title=heading, separators=plotly_separators(lang), height=height + extra,
        margin=dict(l=8, r=8, t=HEADER_PX + extra, b=FOOTER_PX), dragmode=False,
        legend=dict(orientation="h", x=0, xanchor="left", y=1.0, yanchor="bottom", itemclick=False,
                    itemdoubleclick=False, font=dict(size=12)),
    )
    fig.add_annotation(name="screen-only", text=text("map_attribution", lang).replace("|", "<br>"), xref="paper", yref="paper", x=0, y=0,
                       xanchor="left", yanchor="top", yshift=-6, showarrow=False, align="left",
                       font=dict(size=10, color=tpl.TEXT_SOFT))


def _subset(geometry: Boundaries, codes: list[str]) -> dict:
    wanted = set(codes)
    return {"type": "FeatureCollection",
            "features": [f for f in geometry.collection["features"] if f["properties"]["code"] in wanted]}


def _area(geometry: Boundaries, rows: pd.DataFrame, colour: str, name: str, hovers: list[str],
          line: str = BORDER, width: float = 0.6) -> go.Choropleth:
    """One colour over some provinces, with the geometry of those provinces only (so the map's
    geometry is sent once however many colours it has)."""
    return go.Choropleth(
        geojson=_subset(geometry, list(rows.code)), featureidkey="properties.code", locations=list(rows.code),
        z=[1] * len(rows), colorscale=[[0, colour], [1, colour]], showscale=False, name=name,
        showlegend=False, customdata=list(rows.entity_id), hovertext=hovers, hoverinfo="text",
        marker=dict(line=dict(color=line, width=width)))


def choropleth(values: pd.DataFrame, geometry: Boundaries, metric: Metric, lang: str, title: str,
               highlight: str | None = None, source_names: dict[str, str] | None = None,
               height: int = 640) -> go.Figure:
    """The provinces of `geometry` (metrics.geo.boundaries) coloured by `values`
    (metrics.geo.map_values: code, entity_id, names, value, status, band, rank ...).
    `highlight` (an entity id) is outlined; `source_names` maps source ids to document numbers
    for the hover text."""
    values = values.reset_index(drop=True)
    colours, legend = colour_plan(values.value, metric, lang)
    hovers = hover_texts(values, metric, lang, source_names)
    values = values.assign(fill=colours, hover=hovers)
    present = values[values.fill.notna()]
    fig = go.Figure()
    if legend.is_banded:
        for name, colour in legend.bands:
            rows = present[present.fill == colour]
            if not rows.empty:
                fig.add_trace(_area(geometry, rows, colour, name, list(rows.hover)))
            fig.add_trace(_legend_key(name, colour, geo=True))
    elif not present.empty:
        fig.add_trace(go.Choropleth(
            geojson=_subset(geometry, list(present.code)), featureidkey="properties.code",
            locations=list(present.code), z=list(present.value), zmin=legend.low, zmax=legend.high,
            colorscale=[list(stop) for stop in legend.colorscale], colorbar=_colorbar(metric, legend),
            customdata=list(present.entity_id), hovertext=list(present.hover), hoverinfo="text", name=metric.label(lang),
            marker=dict(line=dict(color=BORDER, width=0.6)), showlegend=False))
    missing = values[values.fill.isna()]
    if not missing.empty:
        fig.add_trace(_area(geometry, missing, MISSING_FILL, text("map_missing", lang), list(missing.hover),
                            line=MISSING_LINE, width=0.8))
        fig.add_trace(_legend_key(text("map_missing", lang), MISSING_FILL, dashed=True, geo=True))
    chosen = values[values.entity_id == highlight]
    if not chosen.empty:
        fig.add_trace(_area(geometry, chosen, "rgba(0,0,0,0)", "", list(chosen.hover), line=tpl.TEXT, width=2.4))
    _archipelagos_geo(fig, lang)
    fig.update_geos(visible=False, showframe=False, projection_type="mercator", bgcolor="rgba(0,0,0,0)",
                    lonaxis_range=list(LON_RANGE), lataxis_range=list(LAT_RANGE))
    _layout(fig, title, height, lang)
    fig.update_layout(meta={"map": "boundaries"})
    return fig


def _archipelagos_geo(fig: go.Figure, lang: str) -> None:
    """Dotted frames and names of Hoàng Sa and Trường Sa, and the East Sea's name."""
    lons, lats, names, spots, positions = [], [], [], [], []
    for key, ((x0, y0, x1, y1), spot, position) in ARCHIPELAGOS.items():
        lons += [x0, x1, x1, x0, x0, None]
        lats += [y0, y0, y1, y1, y0, None]
        names.append(text(key, lang))  # two lines: narrow enough for a phone
        spots.append(spot)
        positions.append(position)
    fig.add_trace(go.Scattergeo(lon=lons, lat=lats, mode="lines", hoverinfo="skip", showlegend=False,
                                line=dict(color=tpl.AXIS, width=1, dash="dot")))
    fig.add_trace(go.Scattergeo(
        lon=[s[0] for s in spots] + [EAST_SEA[0]], lat=[s[1] for s in spots] + [EAST_SEA[1]], mode="text",
        text=names + [text("map_east_sea", lang)], textposition=positions + ["middle center"], hoverinfo="skip",
        showlegend=False, textfont=dict(size=11, color=tpl.TEXT_SOFT, style="italic")))


def tile_label(name: str, short: str | None = None) -> str:
    """A name as drawn in a square: 'Quảng<br>Ngãi'; short names stay on one line."""
    name = short if isinstance(short, str) and short else name
    if len(name) <= 6 or " " not in name:
        return name
    words = name.split(" ")
    cut = min(range(1, len(words)), key=lambda i: abs(len(" ".join(words[:i])) - len(" ".join(words[i:]))))
    return " ".join(words[:cut]) + "<br>" + " ".join(words[cut:])


def tile_map(values: pd.DataFrame, tiles: pd.DataFrame, metric: Metric, lang: str, title: str,
             highlight: str | None = None, source_names: dict[str, str] | None = None) -> go.Figure:
    """One square per province at its place in `tiles` (metrics.geo.tiles: code, col, row),
    coloured by `values` (metrics.geo.map_values). The 34-province map shows each value in its
    square; the 63's squares are too small for it (the value is in the hover text)."""
    geometry = values.geometry.iloc[0] if "geometry" in values and len(values) else "34"
    cells = tiles.merge(values.drop(columns=[c for c in ("col", "row") if c in values]), on="code", how="left")
    colours, legend = colour_plan(cells.value, metric, lang)
    cells = cells.assign(fill=colours, hover=hover_texts(cells, metric, lang, source_names))
    tile = TILE_PX.get(geometry, 48)
    size = round(tile * (0.22 if geometry == "34" else 0.21), 1)
    right = int(cells.col.max()) + 1
    shapes, xs, ys, labels, fonts, sizes = [], [], [], [], [], []
    short_column = "short_en" if lang == "en" else "short_vi"
    for name, colour, row in zip(place_names(cells, lang), colours, cells.itertuples()):
        fill = colour or MISSING_FILL
        line = dict(color=tpl.TEXT, width=2.4) if row.entity_id == highlight else (
            dict(color=MISSING_LINE, width=1, dash="dot") if colour is None else dict(width=0))
        shapes.append(dict(type="rect", x0=row.col + TILE_GAP, x1=row.col + 1 - TILE_GAP, y0=row.row + TILE_GAP,
                           y1=row.row + 1 - TILE_GAP, fillcolor=fill, line=line, layer="below"))
        label = tile_label(name, getattr(row, short_column, None))
        if geometry == "34":
            label += "<br><b>" + ("–" if colour is None else format_value(row.value, metric.unit, lang)) + "</b>"
        xs.append(row.col + 0.5)
        ys.append(row.row + 0.5)
        labels.append(label)
        fonts.append(text_colour(colour))
        sizes.append(size)
    hovers = list(cells.hover)
    ids = list(cells.entity_id)
    for key, code in OWNERS.items():  # the archipelagos: small squares of their province's colour
        owner = cells[cells.code == code]
        if owner.empty:
            continue
        owner = owner.iloc[0]
        y = owner.row + 0.5
        shapes.append(dict(type="rect", x0=right + 0.55, x1=right + 0.95, y0=y - 0.2, y1=y + 0.2,
                           fillcolor=owner.fill if isinstance(owner.fill, str) else MISSING_FILL, line=dict(color=tpl.AXIS, width=1, dash="dot")))
        xs.append(right + 0.75)
        ys.append(y + 0.25)
        labels.append(text(key, lang))
        fonts.append(tpl.TEXT_SOFT)
        sizes.append(round(size * 0.9, 1))
        hovers.append(owner.hover)
        ids.append(owner.entity_id)
    fig = go.Figure(go.Scatter(
        x=xs, y=ys, mode="text", text=labels, textposition=["middle center"] * len(cells) + ["bottom center"] * (len(xs) - len(cells)),
        textfont=dict(color=fonts, size=sizes), hovertext=hovers, hoverinfo="text", customdata=ids,
        name="", showlegend=False))
    if legend.is_banded:
        for name, colour in legend.bands:
            fig.add_trace(_legend_key(name, colour))
    else:
        fig.add_trace(go.Scatter(x=[None, None], y=[None, None], mode="markers", hoverinfo="skip", showlegend=False,
                                 marker=dict(color=[legend.low, legend.high], colorscale=[list(s) for s in legend.colorscale],
                                             cmin=legend.low, cmax=legend.high, showscale=True,
                                             colorbar=_colorbar(metric, legend))))
    if any(c is None for c in colours):
        fig.add_trace(_legend_key(text("map_missing", lang), MISSING_FILL, dashed=True))
    rows = int(cells.row.max()) + 1
    fig.update_layout(shapes=shapes, hovermode="closest", hoverdistance=tile // 2 + 4,
                      plot_bgcolor="rgba(0,0,0,0)")
    fig.update_xaxes(range=[-0.1, right + 1.6], visible=False, fixedrange=True)
    fig.update_yaxes(range=[rows + 0.1, -0.1], visible=False, fixedrange=True, scaleanchor="x", scaleratio=1)
    _layout(fig, title, int(tile * (rows + 0.2)) + HEADER_PX + FOOTER_PX, lang)
    fig.update_layout(meta={"tiles": {"cols": right + 1.7, "rows": rows + 0.2, "px": tile}})
    return fig
