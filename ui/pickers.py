"""URL-backed pickers the pages share: the kind of place (or the communes of a province), the
metric, the grain, the period and one or several places. Each keeps its value in the URL through
ui.state: a bad value falls back to a default with a notice (call `state.show_notices()` after
the pickers so the notice shows on this run).

    kind = pickers.kind_picker(col1)
    metric = pickers.metric_picker(kind, col2, default="index766")
    grain = pickers.grain_picker(metric.id, col3)
    period = pickers.period_picker(metric.id, grain, col4)
"""
from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
import streamlit as st

from l10n import t
from metrics import catalogue, places, values
from metrics.catalogue import NATIONAL_KINDS, Metric
from metrics.names import place_key
from metrics.periods import parse
from metrics.provenance import store_info
from ui import labels, state
from ui.data import ask

choice = state.choice  # the pages' pickers all go through ui.state (URL-backed, notices)


def boundary() -> str:
    """The boundary map chosen in the sidebar: '2025' or 'time'."""
    return st.session_state.get("w_map", "2025")


def kind_picker(container=None, key: str = "kind", default: str = "province") -> str:
    """'province' or 'ministry', kept in ?kind=."""
    lang = state.lang()
    return choice(key, NATIONAL_KINDS, default, t("kind", lang), format_func=lambda k: labels.kind_label(k, lang),
                        container=container, widget="segmented")


def has_communes() -> bool:
    """The store was built with the 3,321 communes (`make data COMMUNES=1`)."""
    return ask(store_info).get("communes", "0") not in ("", "0")


def agency_parents() -> pd.DataFrame:
    """The provinces and ministries whose agencies (departments, units) a report form brought in."""
    agencies = ask(places.entities, "agency")
    if agencies.empty:
        return agencies
    every = pd.concat([ask(places.entities, "province"), ask(places.entities, "ministry")])
    return every[every.entity_id.isin(set(agencies.parent_id))].sort_values("entity_name")


def scope_picker(container=None, default: str = "province") -> tuple[str, str | None]:
    """Provinces, ministries, the communes of one province (when the store has them), or the
    agencies of one province or ministry (when an imported report form named them): (kind,
    parent). The parent is kept in ?province= (ids or names), Hà Nội by default for communes."""
    lang = state.lang()
    parents = agency_parents()
    kinds = NATIONAL_KINDS + (("commune",) if has_communes() else ()) + (("agency",) if not parents.empty else ())
    kind = choice("kind", kinds, default, t("kind", lang), format_func=lambda k: labels.kind_label(k, lang),
                  container=container, widget="segmented")
    if kind == "agency":  # an office ranks its own departments
        parent = place_picker(parents, container, key="province", default=parents.entity_id.iloc[0],
                              label=t("agencies_of", lang))
        return kind, parent
    if kind != "commune":
        return kind, None
    provinces = ask(places.entities, "province")
    provinces = provinces[provinces.valid_to.astype(str).str.startswith("9999")].sort_values("entity_name")
    province = place_picker(provinces, container, key="province", default="ha-noi", label=t("communes_of", lang))
    return kind, province


def metric_options(kind: str | None, with_components: bool = False) -> list[str]:
    """Catalogue metrics that apply to the kind (any kind if None), in catalogue order; no
    per-service breakdowns, components only if asked."""
    kinds = (kind,) if kind else NATIONAL_KINDS
    return [m.id for m in catalogue.catalogue().values()
            if any(m.applies_to(k) for k in kinds) and m.dimension is None and (with_components or m.parent is None)]


def metric_picker(kind: str | None, container=None, key: str = "metric", default: str = "index766",
                  options: Sequence[str] | None = None, label: str | None = None) -> Metric:
    """A metric from the catalogue, labelled in the page language, kept in ?metric=."""
    lang = state.lang()
    options = list(options) if options is not None else metric_options(kind)
    chosen = choice(key, options, default, label or t("metric", lang),
                          format_func=lambda m: catalogue.get(m).label(lang), container=container,
                          help=None)
    return catalogue.get(chosen)


def grain_picker(metric_id: str, container=None, key: str = "grain", default: str | None = None) -> str:
    """month / quarter / year, limited to values.grains_for(metric), kept in ?grain=."""
    lang = state.lang()
    grains = values.grains_for(metric_id)
    return choice(key, grains, default if default in grains else grains[0], t("grain", lang),
                        format_func=lambda g: t(f"grain_{g}", lang), container=container, widget="segmented")


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
    return choice(key, options, fallback, label or t("period", lang),
                        format_func=lambda p: parse(p).label(lang), container=container)


def period_for(metric_id: str, period: str) -> str | None:
    """The period to show a metric at when the page is set to `period` (values.choose_period),
    from cached period lists, so a new period costs no query."""
    return values.choose_period(metric_id, period, ask(values.periods_by_grain, metric_id))


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
            names[row.entity_id] += f" ({t('place_until', lang, period=period_label(row.last_period, lang))})"
        elif is_shared:
            names[row.entity_id] += f" ({t('place_from', lang, period=period_label(row.first_period, lang))})"
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
    chosen = choice(key, options, fallback, label or t("place", lang),
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
                    t("bad_param", lang, key=key, value=part, fallback=t("other_places", lang)))
        if kept:
            st.query_params[key] = ",".join(kept)
        else:
            del st.query_params[key]
    return state.places(key, ids, [d for d in default if d in ids], label or t("places", lang), names,
                        container=container, max_selections=max_selections)
