"""Hồ sơ — a province, ministry or commune seen through its own dossier records: every dossier
KPI, the units, communes, sectors and procedures that pull a rate down (worst first), how long
dossiers take, and the dossiers overdue now (paged, filterable, downloadable). Each number links
to how it is counted."""
from __future__ import annotations

import math

import streamlit as st

from charts import dossiers as dossier_charts
from exports import tables
from metrics import catalogue, dossiers
from metrics.formatting import format_date, format_number, format_value
from metrics.periods import parse
from ui import page_common, state
from ui.data import ask, built, store
from ui.text_dossiers import tx

lang = state.lang()
boundary = page_common.boundary()
st.title(tx("title", lang))
st.caption(tx("intro", lang))
if not ask(dossiers.has_records):
    st.info(tx("no_records", lang), icon=":material/info:")
    st.stop()

kind_col, place_col = st.columns([1.2, 2], vertical_alignment="bottom")
grain_col, period_col, _ = st.columns([1.2, 1, 1], vertical_alignment="bottom")
kinds = [k for k in ("province", "ministry", "commune") if not ask(dossiers.place_options, k, boundary, lang).empty]
kind = state.choice("kind", kinds or ["province"], "province", tx("kind", lang),
                    format_func=lambda k: tx(f"kind_{k}", lang), container=kind_col, widget="segmented")
options = ask(dossiers.place_options, kind, boundary, lang)
if options.empty:
    state.show_notices()
    page_common.no_data(lang)
    st.stop()
names = dict(zip(options.option_id, options.name))
place = state.choice("place", list(options.option_id), options.option_id.iloc[0], tx("place", lang),
                     format_func=lambda o: names.get(o, o), container=place_col)
chosen = options.set_index("option_id").loc[place]
months = ask(dossiers.months)
grain = state.choice("grain", ("month", "year"), "month", tx("grain", lang),
                     format_func=lambda g: tx(f"grain_{g}", lang), container=grain_col, widget="segmented")
periods_offered = months if grain == "month" else sorted({m[:4] for m in months}, reverse=True)
period = state.choice("period", periods_offered, periods_offered[0], tx("period", lang),
                      format_func=lambda p: parse(p).label(lang), container=period_col)
state.show_notices()
scope = (tuple(chosen.places), chosen.commune, tuple(m for m in months if m.startswith(period)))
period_name = parse(period).label(lang)
now = ask(dossiers.snapshot)
head = ask(dossiers.headline, *scope)
demo = bool(head.demo.fillna(False).any())
batch = ask(dossiers.latest_batch)
defs = ask(dossiers.definitions, lang).set_index("metric_id")


def definition(metric_id: str) -> str:
    d = defs.loc[metric_id]
    return (tx("definition_line", lang, label=d.label, metric=metric_id, numerator=d.numerator,
               denominator=d.denominator, period_by=d.period_by, source=d.source)
            + f" [{tx('definition_link', lang)}](#cach-tinh)")


if demo:
    st.caption("🟡 " + tx("provenance_demo", lang, now=format_date(now, lang)))
else:
    st.caption(tx("provenance_records", lang, n=format_number(head.denominator.max(), 0, lang),
                  batch=batch["batch_id"] if batch else "—", now=format_date(now, lang)))

columns = st.columns(4)
for i, row in enumerate(head.itertuples()):
    metric = catalogue.get(row.metric_id)
    columns[i % 4].metric(metric.label(lang), format_value(row.value, metric.unit, lang), help=definition(row.metric_id),
                          delta=tx("of", lang, num=format_number(row.numerator, 0, lang), den=format_number(row.denominator, 0, lang)),
                          delta_color="off", delta_arrow="off")

st.divider()
metric_col, by_col = st.columns([2, 2], vertical_alignment="bottom")
kpi_ids = list(catalogue.dossier_kpis())
metric_id = state.choice("metric", kpi_ids, "dossiers_on_time", tx("metric", lang),
                         format_func=lambda m: catalogue.get(m).label(lang), container=metric_col)
bys = [b for b in dossiers.BREAKDOWNS if not (b == "commune" and kind != "province")]
by = state.choice("by", bys, "unit", tx("by", lang), format_func=lambda b: tx(f"by_{b}", lang),
                  container=by_col, widget="segmented")
metric = catalogue.get(metric_id)
parts = ask(dossiers.breakdown, *scope, by, metric_id)
overall = head.set_index("metric_id").value.get(metric_id)
if parts.empty:
    page_common.no_data(lang)
else:
    title = tx("breakdown_title", lang, metric=metric.label(lang), by=tx(f"by_{by}", lang).lower(), period=period_name)
    fig = built(dossier_charts.breakdown_bar, parts, metric, lang, title, overall)
    table = parts.assign(status="demo" if demo else "records", source_ids="demo" if demo else "records")
    shown = table.rename(columns={"label": tx("col_group", lang), "value": tx("col_value", lang),
                                  "numerator": tx("col_numerator", lang), "denominator": tx("col_denominator", lang)})
    shown = shown[[tx("col_group", lang), tx("col_value", lang), tx("col_numerator", lang), tx("col_denominator", lang)]]
    page_common.show_chart(fig, [table], key="dossier_breakdown", title=title, lang=lang, metric_source=metric.source,
                           subtitle=page_common.subtitle(names[place], period_name), data=shown)
    st.markdown(definition(metric_id))

times = ask(dossiers.processing_times, *scope)
if not times.empty:
    labels = [tx("bucket_le", lang, n=b) for b in dossiers.BUCKETS] + [tx("bucket_gt", lang, n=dossiers.BUCKETS[-1])]
    words = {k: tx(k, lang) for k in ("on_time", "late")} | {"axis": tx("times_axis", lang), "count": tx("times_count", lang)}
    title = tx("times_title", lang, period=period_name)
    fig = built(dossier_charts.times_bar, times, labels, lang, title, words)
    data = times.assign(bucket=[labels[b] for b in times.bucket], status="demo" if demo else "records",
                        source_ids="demo" if demo else "records")
    page_common.show_chart(fig, [data], key="dossier_times", title=title, lang=lang, data=data[["bucket", "on_time", "dossiers"]],
                           subtitle=page_common.subtitle(names[place], period_name), compact=True)

st.subheader(tx("overdue_title", lang))
if now is None:
    page_common.no_data(lang)
    st.stop()
opts = ask(dossiers.overdue_options, chosen.places, chosen.commune, now)
f_unit, f_sector, f_proc, f_page = st.columns([2, 1.5, 2, 1], vertical_alignment="bottom")
units = dict(zip(opts.unit_id, opts.unit_name))
unit = state.choice("unit", [""] + sorted(units, key=units.get), "", tx("filter_unit", lang),
                    format_func=lambda u: units.get(u, tx("all", lang)), container=f_unit)
sector = state.choice("sector", [""] + sorted(set(opts.sector)), "", tx("filter_sector", lang),
                      format_func=lambda s: s or tx("all", lang), container=f_sector)
procs = dict(zip(opts.procedure_code, opts.procedure_name))
procedure = state.choice("procedure", [""] + sorted(procs, key=lambda p: str(procs[p])), "", tx("filter_procedure", lang),
                         format_func=lambda p: procs.get(p, tx("all", lang)) if p else tx("all", lang), container=f_proc)
total = ask(dossiers.overdue, chosen.places, chosen.commune, now, unit, sector, procedure, 0, 0)[1]
pages = max(1, math.ceil(total / dossiers.PAGE_SIZE))
page = state.choice("p", [str(i) for i in range(1, pages + 1)], "1", tx("page", lang), container=f_page)
rows, total = ask(dossiers.overdue, chosen.places, chosen.commune, now, unit, sector, procedure, int(page) - 1)
if total == 0:
    st.caption(tx("overdue_none", lang, now=format_date(now, lang)))
else:
    st.caption(tx("overdue_caption", lang, total=format_number(total, 0, lang), now=format_date(now, lang)) + "  "
               + tx("page_of", lang, page=page, pages=pages))
    header = {"dossier_id": "col_dossier", "unit_name": "col_unit", "commune": "col_commune", "procedure_name": "col_procedure",
              "sector": "col_sector", "channel": "col_channel", "received_at": "col_received", "due_at": "col_due",
              "days_overdue": "col_days"}
    view = rows.assign(channel=[tx(f"channel_{c}", lang) for c in rows.channel], days_overdue=rows.days_overdue.round(1))
    view = view.rename(columns={k: tx(v, lang) for k, v in header.items()})
    if kind == "commune" or view[tx("col_commune", lang)].isna().all():
        view = view.drop(columns=[tx("col_commune", lang)])
    st.dataframe(view, hide_index=True, width="stretch", column_config={
        tx("col_received", lang): st.column_config.DatetimeColumn(format="DD/MM/YYYY HH:mm"),
        tx("col_due", lang): st.column_config.DatetimeColumn(format="DD/MM/YYYY HH:mm"),
        tx("col_days", lang): st.column_config.NumberColumn(format="%.1f")})

    def everything():
        full, _ = dossiers.overdue(store(), chosen.places, chosen.commune, now, unit, sector, procedure, 0, None)
        return full.rename(columns={k: tx(v, lang) for k, v in header.items()})
    stem = f"ho-so-qua-han_{place}_{now:%Y%m%d}"
    csv_col, xlsx_col, _ = st.columns([1, 1, 3])
    csv_col.download_button(tx("download_overdue", lang), data=lambda: tables.to_csv(everything(), lang),
                            file_name=f"{stem}.csv", mime="text/csv", on_click="ignore", key="overdue_csv")
    xlsx_col.download_button(tx("download_overdue_xlsx", lang), key="overdue_xlsx", file_name=f"{stem}.xlsx",
                             mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", on_click="ignore",
                             data=lambda: tables.to_xlsx(everything(), defs[["label"]].reset_index(),
                                                         tx("provenance_demo" if demo else "provenance_records", lang,
                                                            n="", batch=batch["batch_id"] if batch else "—",
                                                            now=format_date(now, lang)), lang))

st.subheader(tx("definitions", lang), anchor="cach-tinh")
st.markdown("\n".join(f"- {tx('definition_line', lang, label=d.label, metric=m, numerator=d.numerator, denominator=d.denominator, period_by=d.period_by, source=d.source)}"
                      for m, d in defs.iterrows()))
