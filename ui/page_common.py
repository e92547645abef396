"""Small helpers the pages share: URL-backed pickers (kind, metric, grain, period, place) and
`show_chart`, which renders a chart with its provenance caption and export controls in one call.

Every picker keeps its value in the URL through ui.state (bad values fall back to a default
with a notice; call `state.show_notices()` after the pickers so the notice shows on this run).

    kind = page_common.kind_picker(col1)
    metric = page_common.metric_picker(kind, col2, default="index766")
    grain = page_common.grain_picker(metric.id, col3)
    period = page_common.period_picker(metric.id, grain, col4)
    ...
    page_common.show_chart(fig, [frame], key="rank", title=title, subtitle=subtitle, data=table,
                           lang=lang, metric_source=metric.source,
                           slide=dict(kind="bar", categories=names, series=(("", values),)))
"""
from __future__ import annotations

import html
from collections.abc import Sequence

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from exports.deck import SlideSpec
from exports.images import ChartContext
from metrics import catalogue, places, values
from metrics.catalogue import Metric
from metrics.names import place_key
from metrics.periods import parse
from metrics.provenance import store_info
from ui import phone, provenance, state
from ui.data import ask, built
from ui.text_pages_a import tx

try:  # the export row is optional: a page must still draw if it breaks
    from ui import export_controls
    EXPORT_ERROR: str | None = None
except Exception as exc:  # noqa: BLE001 - reported under each chart instead
    export_controls = None
    EXPORT_ERROR = f"{type(exc).__name__}: {exc}"

KINDS = ("province", "ministry")


choice = state.choice  # the pages' pickers all go through ui.state (URL-backed, notices)


def boundary() -> str:
    """The boundary map chosen in the sidebar: '2025' or 'time'."""
    return st.session_state.get("w_map", "2025")


def boundary_label(lang: str, value: str | None = None) -> str:
    return tx(f"boundary_short_{value or boundary()}", lang)


def kind_label(kind: str, lang: str) -> str:
    """'Tỉnh, thành phố' / 'Bộ, ngành' (short enough for a segmented control and a title)."""
    return tx(f"place_{kind}", lang)


def kind_plural(kind: str, lang: str, province: str | None = None) -> str:
    """'tỉnh, thành phố' / 'provinces': the kind inside a sentence; with a province (its id),
    'xã, phường của Hà Nội'."""
    if kind == "commune" and province:
        return tx("communes_in", lang, province=province_name(province, lang))
    return tx(f"kinds_{kind}", lang)


def province_name(province: str, lang: str) -> str:
    every = ask(places.entities, "province")
    names = dict(zip(every.entity_id, every.entity_name_en if lang == "en" else every.entity_name))
    return names.get(province, province)


def kind_picker(container=None, key: str = "kind", default: str = "province") -> str:
    """'province' or 'ministry', kept in ?kind=."""
    lang = state.lang()
    return choice(key, KINDS, default, tx("kind", lang), format_func=lambda k: kind_label(k, lang),
                        container=container, widget="segmented")


def has_communes() -> bool:
    """The store was built with the 3,321 communes (`make data COMMUNES=1`)."""
    return ask(store_info).get("communes", "0") not in ("", "0")


def scope_picker(container=None, default: str = "province") -> tuple[str, str | None]:
    """Provinces, ministries, or the communes of one province (when the store has them):
    (kind, province). The province is kept in ?province= (ids or names), Hà Nội by default."""
    lang = state.lang()
    kinds = KINDS + (("commune",) if has_communes() else ())
    kind = choice("kind", kinds, default, tx("kind", lang), format_func=lambda k: kind_label(k, lang),
                  container=container, widget="segmented")
    if kind != "commune":
        return kind, None
    provinces = ask(places.entities, "province")
    provinces = provinces[provinces.valid_to.astype(str).str.startswith("9999")].sort_values("entity_name")
    province = place_picker(provinces, container, key="province", default="ha-noi", label=tx("communes_of", lang))
    return kind, province


def metric_options(kind: str | None, with_components: bool = False) -> list[str]:
    """Catalogue metrics that apply to the kind (any kind if None), in catalogue order; no
    per-service breakdowns, components only if asked."""
    kinds = (kind,) if kind else KINDS
    return [m.id for m in catalogue.catalogue().values()
            if any(m.applies_to(k) for k in kinds) and m.dimension is None and (with_components or m.parent is None)]


def metric_picker(kind: str | None, container=None, key: str = "metric", default: str = "index766",
                  options: Sequence[str] | None = None, label: str | None = None) -> Metric:
    """A metric from the catalogue, labelled in the page language, kept in ?metric=."""
    lang = state.lang()
    options = list(options) if options is not None else metric_options(kind)
    chosen = choice(key, options, default, label or tx("metric", lang),
                          format_func=lambda m: catalogue.get(m).label(lang), container=container,
                          help=None)
    return catalogue.get(chosen)


def grain_picker(metric_id: str, container=None, key: str = "grain", default: str | None = None) -> str:
    """month / quarter / year, limited to values.grains_for(metric), kept in ?grain=."""
    lang = state.lang()
    grains = values.grains_for(metric_id)
    return choice(key, grains, default if default in grains else grains[0], tx("grain", lang),
                        format_func=lambda g: tx(f"grain_{g}", lang), container=container, widget="segmented")


def period_picker(metric_id: str, grain: str, container=None, key: str = "period",
                  default: str | None = None, label: str | None = None, oldest_first: bool = False) -> str | None:
    """A period with figures for the metric at that grain (latest first), kept in ?period=.
    None when the metric has no figures at that grain."""
    lang = state.lang()
    keys = list(ask(values.periods, metric_id, grain))
    if not keys:
        return None
    options = keys if oldest_first else keys[::-1]
    fallback = default if default in options else options[0]
    return choice(key, options, fallback, label or tx("period", lang),
                        format_func=lambda p: parse(p).label(lang), container=container)


def period_for(metric_id: str, period: str) -> str | None:
    """The period to show a metric at when the page is set to `period` (values.choose_period),
    from cached period lists, so a new period costs no query."""
    return values.choose_period(metric_id, period, ask(values.periods_by_grain, metric_id))


def period_text(period: str, lang: str) -> str:
    """A period inside a sentence: 'tháng 10/2026', 'năm 2024' (vi); 'Oct 2026', '2024' (en)."""
    label = parse(period).label(lang)
    return label[:1].lower() + label[1:] if lang == "vi" else label


def names_of(places: pd.DataFrame, lang: str) -> dict[str, str]:
    """entity id -> name in lang, from any frame with entity_id, entity_name, entity_name_en.
    Where two places share a name (the old and the new An Giang on the map of the time) and the
    frame has first_period/last_period (places.place_options), the name says which:
    'An Giang (đến T6/2025)', 'An Giang (từ T7/2025)'."""
    from charts.trend import period_label

    column = "entity_name_en" if lang == "en" else "entity_name"
    names = dict(zip(places.entity_id, places[column]))
    if "first_period" not in places:
        return names
    shared = places[column].duplicated(keep=False)
    for row, is_shared in zip(places.itertuples(), shared):
        if is_shared and row.ended:
            names[row.entity_id] += f" ({'until' if lang == 'en' else 'đến'} {period_label(row.last_period, lang)})"
        elif is_shared:
            names[row.entity_id] += f" ({'from' if lang == 'en' else 'từ'} {period_label(row.first_period, lang)})"
    return names


def match_place(text: str, ids: Sequence[str], names: dict[str, str]) -> str | None:
    """The option id a place typed in a URL stands for: an id, a name with or without
    diacritics ('Hà Nội', 'ha noi'), or a former unit ('ha-giang' on the 2025 map ->
    'tuyen-quang-2025'); None if nothing matches."""
    if text in ids:
        return text
    lookup = {place_key(name): i for i, name in names.items()}
    every = ask(places.entities)
    for row in every.itertuples():
        if row.entity_id in ids:
            lookup.setdefault(place_key(row.entity_name), row.entity_id)
        elif isinstance(row.became, str) and row.became in ids:
            lookup.setdefault(row.entity_id, row.became)
            lookup.setdefault(place_key(row.entity_name), row.became)
    return lookup.get(text) or lookup.get(place_key(text))


def place_picker(places: pd.DataFrame, container=None, key: str = "place", default: str | None = None,
                 label: str | None = None, none_label: str | None = None) -> str | None:
    """One place from `places` (entity_id, entity_name, entity_name_en), kept in ?place=.
    Names and former ids typed in the URL are accepted. With none_label, '' (no place) is an
    option and the default; returns None for it."""
    lang = state.lang()
    names = names_of(places, lang)
    ids = list(places.entity_id)
    raw = st.query_params.get(key)
    if raw and raw not in ids and f"w_{key}" not in st.session_state:
        hit = match_place(raw, ids, names)
        if hit:
            st.query_params[key] = hit
    options = ([""] if none_label else []) + ids
    if not options:
        return None
    fallback = default if default in options else options[0]
    chosen = choice(key, options, fallback, label or tx("place", lang),
                          format_func=lambda i: names.get(i, none_label or i), container=container)
    return chosen or None


def places_picker(places: pd.DataFrame, default: Sequence[str], container=None, key: str = "places",
                  label: str | None = None, max_selections: int = 8) -> list[str]:
    """Several places from `places` (places.place_options), kept in ?places=id1,id2. Names and
    former ids in the URL are accepted; one that matches nothing is dropped with a notice."""
    lang = state.lang()
    names = names_of(places, lang)
    ids = list(places.entity_id)
    raw = st.query_params.get(key)
    if raw is not None and f"w_{key}" not in st.session_state:
        kept = []
        for part in filter(None, (p.strip() for p in raw.split(","))):
            hit = match_place(part, ids, names)
            if hit:
                kept.append(hit)
            else:
                st.session_state.setdefault(state.NOTICES, []).append(
                    tx("bad_param", lang, key=key, value=part, fallback=tx("other_places", lang)))
        if kept:
            st.query_params[key] = ",".join(kept)
        else:
            del st.query_params[key]
    return state.places(key, ids, [d for d in default if d in ids], label or tx("places", lang), names,
                        container=container, max_selections=max_selections)


def subtitle(*parts: str | None) -> str:
    """The filters line of a chart: 'Tỉnh, thành phố · Tháng 10/2026 · bản đồ 2025'."""
    return " · ".join(p for p in parts if p)


def no_data(lang: str) -> None:
    st.info(tx("no_data", lang), icon=":material/info:")


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
    extra_sources: lines every export names after the figures' sources (a map's boundaries);
    config: Plotly config beyond the modebar's (a map's base-map address); pick: a callback run
    when a point is clicked (ui.drill: open the place's profile).
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
    st.plotly_chart(screen, theme=None, width="stretch", config=config, key=f"{key}_chart", **events)
    info = provenance.caption(frames, lang, metric_source)
    ctx = ChartContext(title, subtitle, (*info["lines"], *extra_sources), info["demo"] > 0, lang)
    if export_controls is None:
        st.caption(f":material/warning: {tx('export_missing', lang, error=EXPORT_ERROR)}")
        return info
    with st.popover(tx("export", lang), icon=":material/download:") if compact else st.container():
        export_controls.chart_export_controls(fig, ctx, data, key, _slide(fig, ctx, slide))
    return info
