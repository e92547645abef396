"""Reform tasks by agency: where each agency's assigned tasks stand, and who has missed deadlines.
Pure builders; numbers formatted by l10n.formatting; segment names from the catalogue."""
from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from charts import template as tpl
from l10n.formatting import format_value, plotly_separators
from metrics import catalogue

ROW_PX = 28
# (column of tasks.task_completion, metric id for its label, colour), in reading order
SEGMENTS = (
    ("on_time", "tasks_on_time", tpl.GOOD),
    ("late", "tasks_late", tpl.REGIONAL),
    ("in_progress", "tasks_in_progress", "#8FB3DE"),
    ("overdue", "tasks_overdue", tpl.BAD),
)


def _names(frame: pd.DataFrame, lang: str) -> list[str]:
    return list(frame["entity_name_en" if lang == "en" else "entity_name"])


def task_status_bars(tasks: pd.DataFrame, lang: str, title: str, rate_label: str) -> go.Figure:
    """Stacked horizontal bars, one per agency in the given order (best on-time rate first):
    completed on time, late, in progress, overdue; counts inside the segments that fit, and the
    on-time rate at the end of each bar ('92,68% đúng hạn'). tasks: tasks.task_completion()."""
    names = _names(tasks, lang)
    fig = go.Figure()
    for column, metric_id, colour in SEGMENTS:
        label = catalogue.get(metric_id).label(lang)
        values = tasks[column].fillna(0)
        texts = [format_value(v, "count", lang) if v else "" for v in values]
        fig.add_trace(go.Bar(
            x=values, y=names, orientation="h", name=label, marker_color=colour, text=texts,
            textposition="inside", insidetextanchor="middle", textangle=0,
            textfont=dict(color="#FFFFFF" if column != "in_progress" else tpl.TEXT),
            hovertext=[f"<b>{n}</b><br>{label}: {t or '0'}" for n, t in zip(names, texts)], hoverinfo="text",
        ))
    ends = tasks[[c for c, _, _ in SEGMENTS]].fillna(0).sum(axis=1)
    tpl.add_annotations(fig, [dict(x=end, y=name, xanchor="left", xshift=6, showarrow=False,
                                   text=f"{format_value(rate, 'pct', lang, 1)} {rate_label}",
                                   font=dict(size=12, color=tpl.TEXT))
                              for name, end, rate in zip(names, ends, tasks.on_time_rate)])
    top = float(ends.max()) if len(ends) else 1.0
    fig.update_layout(
        title=title, title_xref="container", title_x=0.01, barmode="stack", height=max(360, len(names) * ROW_PX + 170), separators=plotly_separators(lang),
        uniformtext=dict(minsize=10, mode="hide"),
        yaxis=dict(categoryorder="array", categoryarray=names, autorange="reversed", showgrid=False),
        xaxis=dict(range=[0, top * 1.28], showticklabels=False),
        legend=dict(orientation="h", y=1.0, yanchor="bottom", x=0, traceorder="normal"),
        margin=dict(t=110),
    )
    return fig


def overdue_bars(frame: pd.DataFrame, lang: str, title: str, overdue_label: str, in_progress_label: str) -> go.Figure:
    """Agencies with overdue tasks, most first, each bar labelled with its count; the tasks still
    in progress shown on hover. frame: metrics.tasks.missed_deadlines()."""
    names = _names(frame, lang)
    counts = [format_value(v, "count", lang) for v in frame.overdue]
    open_ = [format_value(v, "count", lang) for v in frame.in_progress]
    fig = go.Figure(go.Bar(
        x=frame.overdue, y=names, orientation="h", marker_color=tpl.BAD, text=counts, textposition="outside",
        cliponaxis=False, name=overdue_label,
        hovertext=[f"<b>{n}</b><br>{overdue_label}: {c}<br>{in_progress_label}: {o}" for n, c, o in zip(names, counts, open_)],
        hoverinfo="text"))
    top = float(frame.overdue.max()) if len(frame) else 1.0
    fig.update_layout(
        title=title, title_xref="container", title_x=0.01, showlegend=False, height=max(300, len(names) * 24 + 140), separators=plotly_separators(lang),
        yaxis=dict(categoryorder="array", categoryarray=names, autorange="reversed", showgrid=False),
        xaxis=dict(range=[0, top * 1.15], showticklabels=False),
        margin=dict(t=70),
    )
    return fig


def task_table(tasks: pd.DataFrame, lang: str, headers: dict[str, str], statuses: dict[str, str]) -> pd.DataFrame:
    """The ranking by completion as formatted text: rank, agency, on-time rate, completion rate,
    assigned, on time, late, in progress, overdue, status. tasks: tasks.task_completion()."""
    def counts(column: str) -> list[str]:
        return [format_value(v, "count", lang) for v in tasks[column]]

    return pd.DataFrame({
        headers["rank"]: ["—" if pd.isna(r) else str(int(r)) for r in tasks["rank"]],
        headers["agency"]: _names(tasks, lang),
        headers["on_time_rate"]: [format_value(v, "pct", lang) for v in tasks.on_time_rate],
        headers["completion_rate"]: [format_value(v, "pct", lang) for v in tasks.completion_rate],
        headers["assigned"]: counts("assigned"),
        headers["on_time"]: counts("on_time"),
        headers["late"]: counts("late"),
        headers["in_progress"]: counts("in_progress"),
        headers["overdue"]: counts("overdue"),
        headers["status"]: [statuses.get(s, s) for s in tasks.status],
    })
