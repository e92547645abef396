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
from metrics import catalogue
from metrics.db import Store
from metrics.formatting import format_change, format_value
from metrics.paths import store_path
from metrics.periods import parse
from metrics.provenance import source_ids_of, sources
from metrics.rankings import ranking
from metrics.targets import headline
from metrics.tasks import task_completion
from metrics.trends import trend
from metrics.values import periods

HEADLINE_METRICS = catalogue.collection("deck_headlines")
RANKED = (("index766", "province"), ("index766", "ministry"),
          ("dossiers_full_online", "province"), ("dossiers_full_online", "ministry"))
TREND_METRICS = catalogue.collection("deck_trends")
WORDS = {
    "vi": dict(deck="Họp Ban Chỉ đạo cải cách hành chính", kpis="Chỉ tiêu chính so với mục tiêu — {p}",
               value="Giá trị", change="So với kỳ trước", target="Mục tiêu", verdict="Đánh giá",
               met="Đạt", not_met="Chưa đạt", none="—", ranking="{m} — {k}, {p}",
               province="tỉnh, thành phố", ministry="bộ, cơ quan ngang bộ", trend="Xu hướng cả nước, 12 tháng đến {p}",
               p06="Đề án 06: dịch vụ công thiết yếu trực tuyến toàn trình theo tỉnh — {p}",
               tasks="Nhiệm vụ CCHC quá hạn theo cơ quan — năm {y} (đến {p})", assigned="Được giao",
               overdue="Quá hạn", late="Hoàn thành quá hạn", on_time_rate="Đúng hạn (% đã đến hạn)",
               demo="Dữ liệu minh họa", source="Nguồn", map="Bản đồ 2025 (34 tỉnh, thành phố)",
               map_time="Bản đồ hành chính tại thời điểm số liệu",
               subtitle="Số liệu {p} · {map}"),
    "en": dict(deck="Administrative reform Steering Committee meeting", kpis="Headline metrics against targets — {p}",
               value="Value", change="Change", target="Target", verdict="Status", met="Met", not_met="Not met",
               none="—", ranking="{m} — {k}, {p}", province="provinces", ministry="ministries",
               trend="National trends, 12 months to {p}", p06="Project 06: essential services fully online by province — {p}",
               tasks="Overdue reform tasks by agency — {y} (to {p})", assigned="Assigned", overdue="Overdue",
               late="Completed late", on_time_rate="On time (% of due)", demo="Demo data", source="Source",
               map="2025 map (34 provinces)", map_time="Boundaries of the time", subtitle="Figures for {p} · {map}"),
}


class DeckError(ValueError):
    """A deck that cannot be made (a period with no data); the message says what to do."""


def _source_line(frames: list[pd.DataFrame], source_names: dict[str, str], lang: str,
                 metric_ids: tuple[str, ...] = ()) -> str:
    """'Nguồn: 766/QĐ-TTg; … · Dữ liệu minh họa': the defining documents and the figures' sources."""
    w = WORDS[lang]
    demo = any(bool((f["status"] == "demo").any()) for f in frames if "status" in f)
    ids = source_ids_of(frames, [catalogue.get(m).source for m in metric_ids])
    names = sorted(source_names.get(i, i) for i in ids)
    line = f"{w['source']}: " + ("; ".join(names) if names else "—")
    return line + (f" · {w['demo']}" if demo else "")


def _kpi_slide(store, period, kind, boundary, lang, names) -> SlideSpec:
    w, rows, texts, frames = WORDS[lang], [], ([], [], [], []), []
    for metric_id in HEADLINE_METRICS:
        metric = catalogue.get(metric_id)
        h = headline(store, metric_id, period, kind, None, boundary)
        rows.append(metric.label(lang))
        texts[0].append(format_value(h.value, metric.unit, lang))
        texts[1].append(format_change(h.change, metric.unit, lang))
        symbol = {">=": "≥", "<=": "≤"}.get(h.target_comparison, "")
        target = (f"{symbol} {format_value(h.target_value, metric.unit, lang, decimals=0)} ({h.target_year}, {h.target_source})"
                  if h.target_value is not None else w["none"])
        texts[2].append(target)
        texts[3].append(w["none"] if h.meets_target is None else (w["met"] if h.meets_target else w["not_met"]))
        frames.append(pd.DataFrame([{"status": h.status, "source_ids": h.sources}]))
    values = tuple(float("nan") for _ in rows)
    series = tuple((name, values) for name in (w["value"], w["change"], w["target"], w["verdict"]))
    return SlideSpec(title=w["kpis"].format(p=parse(period).label(lang)), subtitle=w["map" if boundary == "2025" else "map_time"],
                     source_line=_source_line(frames, names, lang, HEADLINE_METRICS), kind="table",
                     categories=tuple(rows), series=series, texts=tuple(tuple(t) for t in texts))


def _ranking_slide(store, metric_id, kind, period, boundary, lang, names, column="value") -> SlideSpec | None:
    """Bars best first; column 'numerator' shows counts (Project 06: services of 25)."""
    metric = catalogue.get(metric_id)
    ranked = ranking(store, metric_id, period, kind, boundary)
    if ranked.empty:
        return None
    label = ranked.entity_name_en if lang == "en" else ranked.entity_name
    w = WORDS[lang]
    return SlideSpec(
        title=w["ranking"].format(m=metric.label(lang), k=w[kind], p=parse(period).label(lang)),
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
    return SlideSpec(title=WORDS[lang]["trend"].format(p=parse(period).label(lang)), subtitle=WORDS[lang]["map" if boundary == "2025" else "map_time"],
                     source_line=_source_line(frames, names, lang, TREND_METRICS), kind="line",
                     categories=categories or (), series=tuple(lines))


def _tasks_slide(store, period, kind, boundary, lang, names) -> SlideSpec | None:
    year = str(parse(period).start.year)
    done = task_completion(store, year, kind, boundary)
    late = done[done.overdue > 0].sort_values(["overdue", "on_time_rate"], ascending=[False, True]).head(15)
    if late.empty:
        return None
    w = WORDS[lang]
    label = late.entity_name_en if lang == "en" else late.entity_name
    columns = (("assigned", w["assigned"], "count"), ("overdue", w["overdue"], "count"),
               ("late", w["late"], "count"), ("on_time_rate", w["on_time_rate"], "pct"))
    return SlideSpec(
        title=w["tasks"].format(y=year, p=parse(period).label(lang)), subtitle=w[kind],
        source_line=_source_line([late], names, lang, ("tasks_overdue",)), kind="table", categories=tuple(label),
        series=tuple((title, tuple(float(v) for v in late[col])) for col, title, _ in columns),
        texts=tuple(tuple(format_value(v, unit, lang) for v in late[col]) for col, _, unit in columns))


def monthly_deck(store, period: str, lang: str = "vi", boundary: str = "2025", kind: str = "province") -> bytes:
    """The standard deck for a month (e.g. '2025-10')."""
    available = periods(store, "dossiers_online", "month")
    if period not in available:
        raise DeckError(f"Không có số liệu tháng {period}; các tháng có số liệu: {available[0]} … {available[-1]}. "
                        f"/ No figures for {period}; months with figures: {available[0]} … {available[-1]}.")
    src = sources(store)
    names = {r.source_id: (r.number if isinstance(r.number, str) and r.number else r.source_id) for r in src.itertuples()}
    slides = [_kpi_slide(store, period, kind, boundary, lang, names)]
    slides += [_ranking_slide(store, m, k, period, boundary, lang, names) for m, k in RANKED]
    slides.append(_trend_slide(store, period, kind, boundary, lang, names))
    slides.append(_ranking_slide(store, "p06_services", "province", period, boundary, lang, names, "numerator"))
    slides.append(_tasks_slide(store, period, "province", boundary, lang, names))
    slides.append(_tasks_slide(store, period, "ministry", boundary, lang, names))
    w = WORDS[lang]
    subtitle = w["subtitle"].format(p=parse(period).label(lang), map=w["map" if boundary == "2025" else "map_time"])
    return build_deck([s for s in slides if s is not None], f"{w['deck']} — {parse(period).label(lang)}", subtitle, lang)


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
