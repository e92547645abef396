"""The standard monthly meeting deck of the Steering Committee, from the store.

    python -m exports.monthly_deck --period 2025-10 --out deck.pptx [--db data/kpi.duckdb] [--lang vi]

A title slide, the headline KPIs against their targets, the rankings of the key metrics for
provinces and for ministries, the national trends, Project 06 and the agencies with overdue
tasks. Bars and lines are native PowerPoint charts with the real numbers.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

import pandas as pd

from exports.deck import SlideSpec, build_deck
from l10n import t
from l10n.formatting import format_change, format_value
from metrics import catalogue
from metrics.db import Store
from metrics.paths import store_path
from metrics.periods import parse
from metrics.provenance import source_ids_of, source_label, sources
from metrics.rankings import ranking
from metrics.targets import headline
from metrics.tasks import task_completion
from metrics.trends import trend
from metrics.values import periods

HEADLINE_METRICS = catalogue.collection("deck_headlines")
RANKED = (("index766", "province"), ("index766", "ministry"),
          ("dossiers_full_online", "province"), ("dossiers_full_online", "ministry"))
TREND_METRICS = catalogue.collection("deck_trends")


def _map_words(boundary: str, lang: str) -> str:
    return t("boundary_2025" if boundary == "2025" else "monthly_map_time", lang)


class DeckError(ValueError):
    """A deck that cannot be made (a period with no data); the message says what to do."""


def _source_line(frames: list[pd.DataFrame], source_names: dict[str, str], lang: str,
                 metric_ids: tuple[str, ...] = ()) -> str:
    """'Nguồn: 766/QĐ-TTg; … · Dữ liệu minh họa': the defining documents and the figures' sources."""
    demo = any(bool((f["status"] == "demo").any()) for f in frames if "status" in f)
    ids = source_ids_of(frames, [catalogue.get(m).source for m in metric_ids])
    names = sorted(source_names.get(i, i) for i in ids)
    line = f"{t('source', lang)}: " + ("; ".join(names) if names else "—")
    return line + (f" · {t('demo_badge', lang)}" if demo else "")


def _kpi_slide(store, period, kind, boundary, lang, names) -> SlideSpec:
    rows, texts, frames = [], ([], [], [], []), []
    for metric_id in HEADLINE_METRICS:
        metric = catalogue.get(metric_id)
        h = headline(store, metric_id, period, kind, None, boundary)
        rows.append(metric.label(lang))
        texts[0].append(format_value(h.value, metric.unit, lang))
        texts[1].append(format_change(h.change, metric.unit, lang))
        symbol = {">=": "≥", "<=": "≤"}.get(h.target_comparison, "")
        target = (f"{symbol} {format_value(h.target_value, metric.unit, lang, decimals=0)} ({h.target_year}, {h.target_source})"
                  if h.target_value is not None else t("monthly_none", lang))
        texts[2].append(target)
        texts[3].append(t("monthly_none", lang) if h.meets_target is None else (t("col_met", lang) if h.meets_target else t("monthly_not_met", lang)))
        frames.append(pd.DataFrame([{"status": h.status, "source_ids": h.sources}]))
    values = tuple(float("nan") for _ in rows)
    series = tuple((name, values) for name in (t("value", lang), t("monthly_change", lang), t("target", lang), t("monthly_verdict", lang)))
    return SlideSpec(title=t("monthly_kpis", lang, p=parse(period).label(lang)), subtitle=_map_words(boundary, lang),
                     source_line=_source_line(frames, names, lang, HEADLINE_METRICS), kind="table",
                     categories=tuple(rows), series=series, texts=tuple(tuple(t) for t in texts))


def _ranking_slide(store, metric_id, kind, period, boundary, lang, names, column="value") -> SlideSpec | None:
    """Bars best first; column 'numerator' shows counts (Project 06: services of 25)."""
    metric = catalogue.get(metric_id)
    ranked = ranking(store, metric_id, period, kind, boundary)
    if ranked.empty:
        return None
    label = ranked.entity_name_en if lang == "en" else ranked.entity_name
    return SlideSpec(
        title=t("monthly_ranking", lang, m=metric.label(lang), k=t(f"monthly_kind_{kind}", lang), p=parse(period).label(lang)),
        subtitle=metric.description(lang), source_line=_source_line([ranked], names, lang, (metric_id,)),
        kind="bar", categories=tuple(f"{r}. {n}" for r, n in zip(ranked["rank"], label)),
        series=((metric.label(lang), tuple(round(float(v), 2) for v in ranked[column])),),
        number_format="#,##0" if metric.unit == "count" or column == "numerator" else "0.00")


def _trend_slide(store, period, kind, boundary, lang, names) -> SlideSpec:
    first = parse(period).shift(-11).key
    lines, frames, categories = [], [], None
    for metric_id in TREND_METRICS:
        series = trend(store, metric_id, [], kind, "month", boundary, first, period, regions_of_entities=False)
        series = series[series.series_kind == "nation"].sort_values("period")
        frames.append(series)
        categories = categories or tuple(parse(p).label(lang) for p in series.period)
        values = tuple(round(float(v), 2) for v in series.value)
        if len(values) == len(categories):
            lines.append((catalogue.get(metric_id).label(lang), values))
    return SlideSpec(title=t("monthly_trend", lang, p=parse(period).label(lang)), subtitle=_map_words(boundary, lang),
                     source_line=_source_line(frames, names, lang, TREND_METRICS), kind="line",
                     categories=categories or (), series=tuple(lines))


def _tasks_slide(store, period, kind, boundary, lang, names) -> SlideSpec | None:
    year = str(parse(period).start.year)
    done = task_completion(store, year, kind, boundary)
    late = done[done.overdue > 0].sort_values(["overdue", "on_time_rate"], ascending=[False, True]).head(15)
    if late.empty:
        return None
    label = late.entity_name_en if lang == "en" else late.entity_name
    columns = (("assigned", t("col_assigned", lang), "count"), ("overdue", t("monthly_overdue", lang), "count"),
               ("late", t("monthly_late", lang), "count"), ("on_time_rate", t("monthly_on_time_rate", lang), "pct"))
    return SlideSpec(
        title=t("monthly_tasks", lang, y=year, p=parse(period).label(lang)), subtitle=t(f"monthly_kind_{kind}", lang),
        source_line=_source_line([late], names, lang, ("tasks_overdue",)), kind="table", categories=tuple(label),
        series=tuple((title, tuple(float(v) for v in late[col])) for col, title, _ in columns),
        texts=tuple(tuple(format_value(v, unit, lang) for v in late[col]) for col, _, unit in columns))


def monthly_deck(store, period: str, lang: str = "vi", boundary: str = "2025", kind: str = "province") -> bytes:
    """The standard deck for a month (e.g. '2025-10')."""
    available = periods(store, "dossiers_online", "month")
    if period not in available:
        found = dict(period=period, first=available[0], last=available[-1])
        raise DeckError(f"{t('monthly_no_month', 'vi', **found)} / {t('monthly_no_month', 'en', **found)}")
    src = sources(store)
    names = {r.source_id: source_label(r, lang) for r in src.itertuples()}
    slides = [_kpi_slide(store, period, kind, boundary, lang, names)]
    slides += [_ranking_slide(store, m, k, period, boundary, lang, names) for m, k in RANKED]
    slides.append(_trend_slide(store, period, kind, boundary, lang, names))
    slides.append(_ranking_slide(store, "p06_services", "province", period, boundary, lang, names, "numerator"))
    slides.append(_tasks_slide(store, period, "province", boundary, lang, names))
    slides.append(_tasks_slide(store, period, "ministry", boundary, lang, names))
    subtitle = t("monthly_subtitle", lang, p=parse(period).label(lang), map=_map_words(boundary, lang))
    return build_deck([s for s in slides if s is not None], f"{t('monthly_deck', lang)} — {parse(period).label(lang)}", subtitle, lang)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Build the monthly meeting deck (.pptx).")
    parser.add_argument("--period", required=True, help="month, e.g. 2025-10")
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--db", type=Path, default=None, help="store (default: data/kpi.duckdb or $KPI_STORE)")
    parser.add_argument("--lang", choices=("vi", "en"), default="vi")
    parser.add_argument("--map", choices=("2025", "time"), default="2025")
    args = parser.parse_args(argv)
    store = Store(args.db or store_path())
    try:
        data = monthly_deck(store, args.period, args.lang, args.map)
    except DeckError as error:
        print(error, file=sys.stderr)
        return 2
    args.out.write_bytes(data)
    print(f"{args.out}: {len(data) / 1024:.0f} KB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
