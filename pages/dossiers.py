"""Hồ sơ — a province, ministry or commune seen through its own dossier records: every dossier
KPI, the units, communes, sectors and procedures that pull a rate down (worst first), how long
dossiers take, and the dossiers overdue now (paged, filterable, downloadable). Each number links
to how it is counted."""
from __future__ import annotations

import math

import streamlit as st

from charts import dossiers as dossier_charts
from exports import tables
from l10n import t
from l10n.formatting import format_date, format_number, format_value
from metrics import catalogue, dossiers
from metrics.periods import parse
from ui import chart_frame, labels, pickers, state
from ui.data import ask, built, store

lang = state.lang()
boundary = pickers.boundary()
st.title(t("dossiers_title", lang))
st.caption(t("dossiers_intro", lang))
if not ask(dossiers.has_records):
    st.info(t("dossiers_no_records", lang), icon=":material/info:")
    st.stop()

kind_col, place_col = st.columns([1.2, 2], vertical_alignment="bottom")
grain_col, period_col, _ = st.columns([1.2, 1, 1], vertical_alignment="bottom")
kinds = [k for k in ("province", "ministry", "commune") if not ask(dossiers.place_options, k, boundary, lang).empty]
kind = state.choice("kind", kinds or ["province"], "province", t("dossiers_kind", lang),
                    format_func=lambda k: t(f"dossiers_kind_{k}", lang), container=kind_col, widget="segmented")
options = ask(dossiers.place_options, kind, boundary, lang)
if options.empty:
    state.show_notices()
    chart_frame.no_data(lang)
    st.stop()
names = dict(zip(options.option_id, options.name))
place = state.choice("place", list(options.option_id), options.option_id.iloc[0], t("dossiers_place", lang),
                     format_func=lambda o: names.get(o, o), container=place_col)
chosen = options.set_index("option_id").loc[place]
months = ask(dossiers.months)
grain = state.choice("grain", ("month", "year"), "month", t("dossiers_grain", lang),
                     format_func=lambda g: t(f"dossiers_grain_{g}", lang), container=grain_col, widget="segmented")
periods_offered = months if grain == "month" else sorted({m[:4] for m in months}, reverse=True)
period = state.choice("period", periods_offered, periods_offered[0], t("dossiers_period", lang),
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
    return (t("dossiers_definition_line", lang, label=d.label, metric=metric_id, numerator=d.numerator,
               denominator=d.denominator, period_by=d.period_by, source=d.source)
            + f" [{t('dossiers_definition_link', lang)}](#cach-tinh)")


if demo:
    st.caption("🟡 " + t("dossiers_provenance_demo", lang, now=format_date(now, lang)))
else:
    st.caption(t("dossiers_provenance_records", lang, n=format_number(head.denominator.max(), 0, lang),
                  batch=batch["batch_id"] if batch else "—", now=format_date(now, lang)))

columns = st.columns(4)
for i, row in enumerate(head.itertuples()):
    metric = catalogue.get(row.metric_id)
    columns[i % 4].metric(metric.label(lang), format_value(row.value, metric.unit, lang), help=definition(row.metric_id),
                          delta=t("dossiers_of", lang, num=format_number(row.numerator, 0, lang), den=format_number(row.denominator, 0, lang)),
                          delta_color="off", delta_arrow="off")

st.divider()
metric_col, by_col = st.columns([2, 2], vertical_alignment="bottom")
kpi_ids = list(catalogue.dossier_kpis())
metric_id = state.choice("metric", kpi_ids, "dossiers_on_time", t("dossiers_metric", lang),
                         format_func=lambda m: catalogue.get(m).label(lang), container=metric_col)
bys = [b for b in dossiers.BREAKDOWNS if not (b == "commune" and kind != "province")]
by = state.choice("by", bys, "unit", t("dossiers_by", lang), format_func=lambda b: t(f"dossiers_by_{b}", lang),
                  container=by_col, widget="segmented")
metric = catalogue.get(metric_id)
parts = ask(dossiers.breakdown, *scope, by, metric_id)
overall = head.set_index("metric_id").value.get(metric_id)
if parts.empty:
    chart_frame.no_data(lang)
else:
    title = t("dossiers_breakdown_title", lang, metric=metric.label(lang), by=t(f"dossiers_by_{by}", lang).lower(), period=period_name)
    fig = built(dossier_charts.breakdown_bar, parts, metric, lang, title, overall)
    table = parts.assign(status="demo" if demo else "records", source_ids="demo" if demo else "records")
    shown = table.rename(columns={"label": t("dossiers_col_group", lang), "value": t("dossiers_col_value", lang),
                                  "numerator": t("dossiers_col_numerator", lang), "denominator": t("dossiers_col_denominator", lang)})
    shown = shown[[t("dossiers_col_group", lang), t("dossiers_col_value", lang), t("dossiers_col_numerator", lang), t("dossiers_col_denominator", lang)]]
    chart_frame.show_chart(fig, [table], key="dossier_breakdown", title=title, lang=lang, metric_source=metric.source,
                           subtitle=labels.subtitle(names[place], period_name), data=shown)
    st.markdown(definition(metric_id))

times = ask(dossiers.processing_times, *scope)
if not times.empty:
    buckets = [t("dossiers_bucket_le", lang, n=b) for b in dossiers.BUCKETS] + [t("dossiers_bucket_gt", lang, n=dossiers.BUCKETS[-1])]
    words = {k: t(f"dossiers_{k}", lang) for k in ("on_time", "late")} | {"axis": t("dossiers_times_axis", lang), "count": t("dossiers_times_count", lang)}
    title = t("dossiers_times_title", lang, period=period_name)
    fig = built(dossier_charts.times_bar, times, buckets, lang, title, words)
    data = times.assign(bucket=[buckets[b] for b in times.bucket], status="demo" if demo else "records",
                        source_ids="demo" if demo else "records")
    chart_frame.show_chart(fig, [data], key="dossier_times", title=title, lang=lang, data=data[["bucket", "on_time", "dossiers"]],
                           subtitle=labels.subtitle(names[place], period_name), compact=True)

st.subheader(t("dossiers_overdue_title", lang))
if now is None:
    chart_frame.no_data(lang)
    st.stop()
opts = ask(dossiers.overdue_options, chosen.places, chosen.commune, now)
f_unit, f_sector, f_proc, f_page = st.columns([2, 1.5, 2, 1], vertical_alignment="bottom")
units = dict(zip(opts.unit_id, opts.unit_name))
unit = state.choice("unit", [""] + sorted(units, key=units.get), "", t("dossiers_filter_unit", lang),
                    format_func=lambda u: units.get(u, t("dossiers_all", lang)), container=f_unit)
sector = state.choice("sector", [""] + sorted(set(opts.sector)), "", t("dossiers_filter_sector", lang),
                      format_func=lambda s: s or t("dossiers_all", lang), container=f_sector)
procs = dict(zip(opts.procedure_code, opts.procedure_name))
procedure = state.choice("procedure", [""] + sorted(procs, key=lambda p: str(procs[p])), "", t("dossiers_filter_procedure", lang),
                         format_func=lambda p: procs.get(p, t("dossiers_all", lang)) if p else t("dossiers_all", lang), container=f_proc)
total = ask(dossiers.overdue, chosen.places, chosen.commune, now, unit, sector, procedure, 0, 0)[1]
pages = max(1, math.ceil(total / dossiers.PAGE_SIZE))
page = state.choice("p", [str(i) for i in range(1, pages + 1)], "1", t("dossiers_page", lang), container=f_page)
rows, total = ask(dossiers.overdue, chosen.places, chosen.commune, now, unit, sector, procedure, int(page) - 1)
if total == 0:
    st.caption(t("dossiers_overdue_none", lang, now=format_date(now, lang)))
else:
    st.caption(t("dossiers_overdue_caption", lang, total=format_number(total, 0, lang), now=format_date(now, lang)) + "  "
               + t("dossiers_page_of", lang, page=page, pages=pages))
    header = {"dossier_id": "col_dossier", "unit_name": "col_unit", "commune": "col_commune", "procedure_name": "col_procedure",
              "sector": "col_sector", "channel": "col_channel", "received_at": "col_received", "due_at": "col_due",
              "days_overdue": "col_days"}
    view = rows.assign(channel=[t(f"dossiers_channel_{c}", lang) for c in rows.channel], days_overdue=rows.days_overdue.round(1))
    view = view.rename(columns={k: t(f"dossiers_{v}", lang) for k, v in header.items()})
    if kind == "commune" or view[t("dossiers_col_commune", lang)].isna().all():
        view = view.drop(columns=[t("dossiers_col_commune", lang)])
    st.dataframe(view, hide_index=True, width="stretch", column_config={
        t("dossiers_col_received", lang): st.column_config.DatetimeColumn(format="DD/MM/YYYY HH:mm"),
        t("dossiers_col_due", lang): st.column_config.DatetimeColumn(format="DD/MM/YYYY HH:mm"),
        t("dossiers_col_days", lang): st.column_config.NumberColumn(format="%.1f")})

    def everything():
        full, _ = dossiers.overdue(store(), chosen.places, chosen.commune, now, unit, sector, procedure, 0, None)
        return full.rename(columns={k: t(f"dossiers_{v}", lang) for k, v in header.items()})
    stem = f"ho-so-qua-han_{place}_{now:%Y%m%d}"
    csv_col, xlsx_col, _ = st.columns([1, 1, 3])
    csv_col.download_button(t("dossiers_download_overdue", lang), data=lambda: tables.to_csv(everything(), lang),
                            file_name=f"{stem}.csv", mime="text/csv", on_click="ignore", key="overdue_csv")
    xlsx_col.download_button(t("dossiers_download_overdue_xlsx", lang), key="overdue_xlsx", file_name=f"{stem}.xlsx",
                             mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", on_click="ignore",
                             data=lambda: tables.to_xlsx(everything(), defs[["label"]].reset_index(),
                                                         t("dossiers_provenance_demo" if demo else "provenance_records", lang,
                                                            n="", batch=batch["batch_id"] if batch else "—",
                                                            now=format_date(now, lang)), lang))

st.subheader(t("dossiers_definitions", lang), anchor="cach-tinh")
st.markdown("\n".join(f"- {t('dossiers_definition_line', lang, label=d.label, metric=m, numerator=d.numerator, denominator=d.denominator, period_by=d.period_by, source=d.source)}"
                      for m, d in defs.iterrows()))
