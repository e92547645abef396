"""Project 06: the 25 essential services by province as a heatmap, and the national rollout over
time. Pure builders; numbers formatted by l10n.formatting."""
from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from charts import template as tpl
from charts.trend import spread
from l10n.formatting import format_number, format_value, plotly_separators
from metrics.periods import parse

OFF = "#E6EAF0"  # a service not yet offered fully online
# Off (pale grey) to on (the highlight blue) through a clearly different middle, so a merged
# unit whose former provinces only partly offer a service reads as "partly", not as off or on.
SCALE = ((0.0, OFF), (0.5, "#8FB3DE"), (1.0, tpl.HIGHLIGHT))
ROW_PX = 22


def _count(value: float, lang: str) -> str:
    """25 -> '25'; 23.5 -> '23,5' (a merged unit counting the share of its former units)."""
    return format_number(value, 0 if abs(value - round(value)) < 1e-9 else 1, lang)


def p06_heatmap(cells: pd.DataFrame, services: pd.DataFrame, lang: str, title: str,
                short_names: dict[int, str], state_words: tuple[str, str, str],
                partial_hover: str) -> go.Figure:
    """Rows: provinces, most services online first (row totals at the right, e.g. '25/25');
    columns: services 1..25 with short names (column totals above, e.g. '31/34'); a cell is
    0 (not online), 1 (online) or in between for a merged unit before its merger.

    cells, services: services.p06_matrix() output. short_names: service id -> short label.
    state_words: (off, partly, on) for the colour bar. partial_hover: a format string with
    {share} for a partly-offered cell's hover line.
    """
    name_col = "entity_name_en" if lang == "en" else "entity_name"
    service_ids = [int(s) for s in services.service_id]
    grid = cells.pivot_table(index=[name_col], columns="service_id", values="online", aggfunc="first")
    grid = grid.reindex(columns=service_ids)
    totals = grid.sum(axis=1, skipna=True)
    order = sorted(grid.index, key=lambda n: (-totals[n], n))
    grid, totals = grid.loc[order], totals.loc[order]
    full = dict(zip(services.service_id.astype(int), services.name_en if lang == "en" else services.name_vi))
    columns = [f"{sid}. {short_names.get(sid, sid)}" for sid in service_ids]
    off, partly, on = state_words
    has_partial = bool(((grid > 0) & (grid < 1)).any().any())
    hover = []
    for name in order:
        line = []
        for sid in service_ids:
            v = grid.at[name, sid]
            state = "—" if pd.isna(v) else (on if v >= 1 else (off if v <= 0 else
                                                               partial_hover.format(share=format_value(100 * v, "pct", lang, 0))))
            line.append(f"<b>{name}</b><br>{sid}. {full.get(sid, '')}<br>{state}")
        hover.append(line)
    fig = go.Figure(go.Heatmap(
        z=grid.to_numpy(dtype=float), x=columns, y=order, zmin=0, zmax=1, xgap=2, ygap=2,
        colorscale=[list(s) for s in SCALE], hovertext=hover, hoverinfo="text",
        # the colour key sits right of the row totals, at the top, reading off / partly / on
        colorbar=dict(tickvals=[0, 0.5, 1] if has_partial else [0, 1],
                      ticktext=[off, partly, on] if has_partial else [off, on], thickness=14, outlinewidth=0,
                      len=min(1.0, 260 / max(1, len(order) * ROW_PX)), y=1, yanchor="top",
                      xref="container", x=1, xanchor="right", xpad=8),
    ))
    n_services = len(service_ids)
    # row and column totals as plain dicts set once: add_annotation re-validates all the others
    notes = [dict(x=1, xref="paper", xanchor="left", xshift=6, y=name, showarrow=False,
                  text=f"{_count(total, lang)}/{n_services}", font=dict(size=12, color=tpl.TEXT))
             for name, total in totals.items()]
    places = len(order)
    online = dict(zip(services.service_id.astype(int), services.get("provinces_online", pd.Series(dtype=float))))
    for sid, col in zip(service_ids, columns):
        value = online.get(sid)
        if value is None or pd.isna(value):
            continue
        notes.append(dict(x=col, y=1, yref="paper", yanchor="bottom", yshift=4, showarrow=False,
                          text=f"{_count(value, lang)}/{places}", textangle=-90,
                          font=dict(size=11, color=tpl.TEXT_SOFT)))
    fig.update_layout(
        annotations=notes,
        title=dict(text=title, x=0.01, xref="container", y=1, yref="container", yanchor="top", pad=dict(t=12)),
        height=places * ROW_PX + 330, separators=plotly_separators(lang),
        margin=dict(t=110, r=240, b=20),
        xaxis=dict(side="bottom", tickangle=-55, showgrid=False, tickfont=dict(size=12)),
        yaxis=dict(autorange="reversed", showgrid=False, tickfont=dict(size=12), dtick=1),
    )
    return fig


def p06_rollout_chart(rollout: pd.DataFrame, lang: str, title: str, pair_label: str, all_label: str,
                      services_hover: str, merger_label: str | None = None,
                      target: float | None = None, target_label: str | None = None) -> go.Figure:
    """The national rollout by month (metrics.services.p06_rollout() output): the share of
    province-service pairs online (shaded) and the share of provinces offering all 25, each
    named at its end; an optional dotted target line and a marker at the 1 July 2025 merger.
    services_hover: a format string with {avg} (services per province)."""
    fig = go.Figure()
    months = [parse(p).label(lang) for p in rollout.period]
    pair_text = [format_value(v, "pct", lang) for v in rollout.pair_share]
    all_text = [format_value(v, "pct", lang) for v in rollout.all_share]
    avg_text = [services_hover.format(avg=format_number(v, 1, lang)) for v in rollout.services_avg]
    fig.add_trace(go.Scatter(
        x=rollout.period_start, y=rollout.pair_share, name=pair_label, mode="lines", fill="tozeroy",
        fillcolor="rgba(11,92,173,0.10)", line=dict(color=tpl.HIGHLIGHT, width=3),
        hovertext=[f"<b>{m}</b><br>{pair_label}: {p}<br>{a}" for m, p, a in zip(months, pair_text, avg_text)],
        hoverinfo="text"))
    fig.add_trace(go.Scatter(
        x=rollout.period_start, y=rollout.all_share, name=all_label, mode="lines",
        line=dict(color=tpl.REGIONAL, width=2.5),
        hovertext=[f"<b>{m}</b><br>{all_label}: {p}" for m, p in zip(months, all_text)], hoverinfo="text"))
    if not rollout.empty:
        ends = [float(rollout.pair_share.iloc[-1]), float(rollout.all_share.iloc[-1])]
        labels = ((f"{pair_label}:<br>{pair_text[-1]}", tpl.HIGHLIGHT), (f"{all_label}:<br>{all_text[-1]}", tpl.REGIONAL))
        for (text, colour), y in zip(labels, spread(ends, 14, ceiling=max(ends))):
            fig.add_annotation(x=rollout.period_start.iloc[-1], y=y, text=text, showarrow=False, xanchor="left",
                               xshift=8, align="left", font=dict(color=colour, size=12))
    if target is not None:
        fig.add_hline(y=target, line=dict(color=tpl.TARGET, dash="dot", width=2))
        fig.add_annotation(x=0, xref="paper", xanchor="left", y=target, yanchor="bottom", showarrow=False,
                           text=target_label or "", font=dict(color=tpl.TARGET, size=12))
    if merger_label and not rollout.empty and rollout.period.min() <= "2025-07" <= rollout.period.max():
        fig.add_vline(x=pd.Timestamp("2025-07-01"), line=dict(color=tpl.AXIS, dash="dot", width=1.5))
        fig.add_annotation(x=pd.Timestamp("2025-07-01"), y=0.3, yref="paper", text=merger_label, showarrow=False,
                           xanchor="left", xshift=4, bgcolor="rgba(255,255,255,0.85)",
                           font=dict(color=tpl.TEXT_SOFT, size=11))
    x_range = None
    if not rollout.empty:
        x_range = [pd.Timestamp(rollout.period_start.min()) - pd.Timedelta(days=15),
                   pd.Timestamp(rollout.period_start.max()) + pd.Timedelta(days=15)]
    fig.update_layout(
        title=title, showlegend=False, height=420, separators=plotly_separators(lang), margin=dict(r=200),
        yaxis=dict(range=[0, 105], ticksuffix="%"), hovermode="closest",
        xaxis=dict(tickformat="%m/%Y" if lang == "vi" else "%b %Y", showgrid=False, range=x_range),
    )
    return fig


def services_table(services: pd.DataFrame, lang: str, headers: dict[str, str]) -> pd.DataFrame:
    """The 25 services as formatted text: number, name, who handles it, provinces offering it
    ('31/34'; fractional for merged units before their merger) and the share ('91,18%').
    services: services.p06_matrix()[1]; headers: no, service, handled_by, places_online, share."""
    names = services.name_en if lang == "en" else services.name_vi
    online = services.get("provinces_online", pd.Series([None] * len(services)))
    places = services.get("places", pd.Series([None] * len(services)))
    return pd.DataFrame({
        headers["no"]: [str(int(s)) for s in services.service_id],
        headers["service"]: list(names),
        headers["handled_by"]: list(services.handled_by.fillna("")),
        headers["places_online"]: ["—" if pd.isna(o) or pd.isna(p) else f"{_count(o, lang)}/{_count(p, lang)}"
                                   for o, p in zip(online, places)],
        headers["share"]: [format_value(v, "pct", lang) for v in services.get("share", pd.Series([None] * len(services)))],
    })
