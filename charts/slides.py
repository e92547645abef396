"""The numbers a native PowerPoint chart is drawn from, taken from the frames the pages draw:
values with None where missing, and line series by period."""
from __future__ import annotations

import pandas as pd

from charts.trend import period_label


def slide_values(values) -> tuple[float | None, ...]:
    """Values for a native PowerPoint chart: floats, None where missing (never NaN)."""
    return tuple(None if v is None or pd.isna(v) else float(v) for v in values)


def line_series(frame: pd.DataFrame, lang: str, key: str = "series_id", name: str | None = None,
                names: dict[str, str] | None = None) -> tuple[tuple[str, ...], tuple[tuple[str, tuple], ...]]:
    """(categories, series) for a native PowerPoint line chart: periods as short labels, one
    series per `key` named by column `name` (series_name / series_name_en by default) or by
    `names` (id -> name), None where a line has no value."""
    periods = sorted(frame.period.dropna().unique())
    name = name or ("series_name_en" if lang == "en" else "series_name")
    out = []
    for series_id, s in frame.groupby(key, sort=False):
        by_period = dict(zip(s.period, s.value))
        values = slide_values(by_period.get(p) for p in periods)
        out.append(((names or {}).get(series_id) or str(s[name].iloc[0]), values))
    return tuple(period_label(p, lang) for p in periods), tuple(out)
