"""`show_chart`: a chart drawn with its provenance caption and its export row in one call, and
the notice a page shows when a selection has no figures.

    chart_frame.show_chart(fig, [frame], key="rank", title=title, subtitle=subtitle, data=table,
                           lang=lang, metric_source=metric.source,
                           slide=dict(kind="bar", categories=names, series=(("", values),)))
"""
from __future__ import annotations

import html
from collections.abc import Sequence

import pandas as pd
import plotly.graph_objects as go
import streamlit as st
from plotly.basedatatypes import BaseFigure

from exports.deck import SlideSpec
from exports.images import ChartContext
from l10n import t
from ui import phone, provenance
from ui.data import built

try:  # the export row is optional: a page must still draw if it breaks
    from ui import export_controls
    EXPORT_ERROR: str | None = None
except Exception as exc:  # noqa: BLE001 - reported under each chart instead
    export_controls = None
    EXPORT_ERROR = f"{type(exc).__name__}: {exc}"


class _Served(BaseFigure):
    """A figure's dict, made once and handed to st.plotly_chart in the figure's place.

    Streamlit reads a figure through `to_dict()` (plotly.tools.return_figure_from_figure_or_data),
    which deep-copies every trace and the layout: 1-11 ms a chart on every rerun, for a figure
    that `built` keeps unchanged for the view. BaseFigure.__init__ is not run: nothing is
    validated again."""

    def __init__(self, spec: dict):  # noqa: D107 - no BaseFigure.__init__ on purpose
        object.__setattr__(self, "_spec", spec)

    def to_dict(self) -> dict:
        return self._spec


def served(fig: go.Figure) -> BaseFigure:
    """What st.plotly_chart is given for `fig`: its dict as it was when first shown (the figures
    of ui.data.built are shared by every session and never changed after they are built)."""
    wrapper = fig.__dict__.get("_kpi_served")
    if wrapper is None:
        wrapper = _Served(fig.to_dict())
        object.__setattr__(fig, "_kpi_served", wrapper)
    return wrapper


def no_data(lang: str) -> None:
    st.info(t("no_data", lang), icon=":material/info:")


def _slide(fig: go.Figure, ctx: ChartContext, slide: dict | None) -> SlideSpec | None:
    if export_controls is None:
        return None
    line = export_controls.source_line(ctx)
    if slide:
        try:
            return SlideSpec(ctx.title, ctx.subtitle, line, figure=fig, **slide)
        except ValueError:
            pass  # a slide the deck cannot draw natively becomes a picture
    return SlideSpec(ctx.title, ctx.subtitle, line, "picture", figure=fig)


TITLE_LINE_PX = 26  # a title line of the template (20 px) and its leading


def screen_figure(fig: go.Figure, key: str, on_phone: bool = False) -> tuple[go.Figure, str]:
    """The figure as the screen shows it, and its title as plain text: the title leaves the plot
    for the page (HTML wraps to any width, a phone's 390 px included; Plotly's title does not),
    and the top margin and height it took go with it. Exports keep drawing their own title.
    `key` names the chart in the cache (ui.data.built); on_phone: with fewer labels (ui.phone)."""
    if on_phone:
        fig = phone.for_phone(fig)
    title = fig.layout.title.text or ""
    if not title:
        return fig, ""
    lines = title.count("<br>") + 1
    taken = TITLE_LINE_PX * lines + 8
    out = go.Figure(fig)
    top = fig.layout.margin.t if fig.layout.margin.t is not None else 80
    out.update_layout(title=None, margin_t=max(top - taken, 12))
    if fig.layout.height:
        out.update_layout(height=max(fig.layout.height - (top - out.layout.margin.t), 120))
    return out, title.replace("<br>", " ")


def show_chart(fig: go.Figure, frames: list[pd.DataFrame], *, key: str, title: str, subtitle: str,
               data: pd.DataFrame, lang: str, metric_source: str | None = None,
               slide: dict | None = None, compact: bool = False, extra_sources: Sequence[str] = (),
               config: dict | None = None, pick=None) -> dict:
    """Draw `fig` (theme=None so the "cchc" template applies), the provenance caption of the
    `frames` behind it, and the export row (PNG/SVG/CSV/XLSX, add to deck).

    title/subtitle: what and when / the filters, for the exported image and slide; data: the
    table the CSV/XLSX downloads hold; slide: SlideSpec fields beyond title, subtitle and source
    line (kind, categories, series, number_format, highlight), default a picture of the figure.
    extra_sources: lines every export names after the figures' sources (a map's boundaries, a
    trend's events); config: Plotly config beyond the modebar's (a map's base-map address);
    pick: a callback run when a point is clicked (ui.drill: open the place's profile).
    Returns provenance.caption's summary (published, demo, source_ids, lines)."""
    draft = ChartContext(title, subtitle, (), False, lang)
    config = (export_controls.modebar_config(draft) if export_controls else {"displaylogo": False}) | (config or {})
    events = dict(on_select=pick, selection_mode="points") if pick else {}
    on_phone = phone.is_phone()
    if on_phone:
        config = config | {"displayModeBar": False}
    screen, heading = built(screen_figure, fig, key, on_phone)
    if heading:
        st.markdown(f"<p class='cchc-chart-title' style='font-size:1.1rem;font-weight:600;margin:0.5rem 0 0'>"
                    f"{html.escape(heading)}</p>", unsafe_allow_html=True)
    st.plotly_chart(served(screen), theme=None, width="stretch", config=config, key=f"{key}_chart", **events)
    info = provenance.caption(frames, lang, metric_source)
    ctx = ChartContext(title, subtitle, (*info["lines"], *extra_sources), info["demo"] > 0, lang)
    if export_controls is None:
        st.caption(f":material/warning: {t('export_missing', lang, error=EXPORT_ERROR)}")
        return info
    with st.popover(t("export", lang), icon=":material/download:") if compact else st.container():
        export_controls.chart_export_controls(fig, ctx, data, key, _slide(fig, ctx, slide))
    return info
