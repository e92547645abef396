"""CSV and Excel downloads of the numbers behind a chart.

Numbers stay numbers (Excel number formats make them read 1.818 and 96,91 on a Vietnamese
system); text that a spreadsheet would run as a formula (=, +, -, @, tab, carriage return at the
start, per OWASP's CSV-injection guidance) is neutralised: a leading apostrophe in CSV, a string
cell with Excel's quote prefix in XLSX, so "=1+1" reads back as the text "=1+1".
"""

from __future__ import annotations

import io
import math
from datetime import date, datetime

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from charts import template as tpl
from l10n import t

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
INTEGER_FORMAT, DECIMAL_FORMAT, DATE_FORMAT = "#,##0", "#,##0.00", "dd/mm/yyyy"
MAX_WIDTH = 60


def is_formula_like(value: object) -> bool:
    """True for text a spreadsheet would evaluate: "=1+1", "+1", "-2", "@x", "\\t=..."."""
    return isinstance(value, str) and value.startswith(FORMULA_STARTS)


def _is_text_column(column: pd.Series) -> bool:
    return pd.api.types.is_string_dtype(column) or column.dtype == object


def neutralised(df: pd.DataFrame) -> pd.DataFrame:
    """A copy of df whose formula-like text cells start with an apostrophe (for CSV)."""
    out = df.copy()
    for name in out.columns:
        if _is_text_column(out[name]):
            out[name] = out[name].map(lambda v: f"'{v}" if is_formula_like(v) else v)
    return out


def to_csv(df: pd.DataFrame, lang: str = "vi") -> bytes:
    """UTF-8 CSV with a byte-order mark (so Excel reads Vietnamese letters), comma separated,
    numbers with a dot decimal mark so any program can parse them. `lang` is accepted for the
    same signature as to_xlsx; the headers are the caller's."""
    del lang
    text = neutralised(df).to_csv(index=False, lineterminator="\r\n")
    return text.encode("utf-8-sig")


def _default_format(column: pd.Series) -> str | None:
    if pd.api.types.is_bool_dtype(column):
        return None
    if pd.api.types.is_integer_dtype(column):
        return INTEGER_FORMAT
    if pd.api.types.is_float_dtype(column):
        return DECIMAL_FORMAT
    if pd.api.types.is_datetime64_any_dtype(column):
        return DATE_FORMAT
    return None


def _cell_value(value: object) -> object:
    """Excel-ready value: None for missing, plain Python numbers and dates."""
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, pd.Timestamp):
        return value.to_pydatetime()
    if hasattr(value, "item") and not isinstance(value, (str, date, datetime)):
        return value.item()  # numpy scalar -> Python scalar
    return value


def _write(ws, row: int, col: int, value: object, number_format: str | None = None):
    cell = ws.cell(row=row, column=col)
    value = _cell_value(value)
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"  # never "f": openpyxl would otherwise store "=..." as a formula
        cell.quotePrefix = is_formula_like(value)
    elif number_format and value is not None:
        cell.number_format = number_format
    return cell


def _header(ws, names: list[str]) -> None:
    for col, name in enumerate(names, start=1):
        cell = _write(ws, 1, col, str(name))
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = PatternFill("solid", fgColor=tpl.HIGHLIGHT.lstrip("#"))
        cell.alignment = Alignment(vertical="center", wrap_text=True)


def _fit_widths(ws) -> None:
    for i, column in enumerate(ws.iter_cols(values_only=True), start=1):
        longest = max((len(str(v)) for v in column if v is not None), default=8)
        ws.column_dimensions[get_column_letter(i)].width = min(MAX_WIDTH, max(10, longest + 2))


def _data_sheet(ws, df: pd.DataFrame, number_formats: dict[str, str]) -> None:
    _header(ws, list(df.columns))
    formats = [number_formats.get(name) or _default_format(df[name]) for name in df.columns]
    for r, row in enumerate(df.itertuples(index=False), start=2):
        for c, value in enumerate(row, start=1):
            _write(ws, r, c, value, formats[c - 1])
    ws.freeze_panes = "A2"
    if len(df.columns):
        ws.auto_filter.ref = ws.dimensions
    _fit_widths(ws)


def _sources_sheet(ws, sources: pd.DataFrame, status_note: str, lang: str) -> None:
    _write(ws, 1, 1, t("status", lang)).font = Font(bold=True)
    _write(ws, 1, 2, status_note)
    for c, name in enumerate(sources.columns, start=1):
        _write(ws, 3, c, str(name)).font = Font(bold=True)
    for r, row in enumerate(sources.itertuples(index=False), start=4):
        for c, value in enumerate(row, start=1):
            _write(ws, r, c, value, _default_format(sources.iloc[:, c - 1]))
    _fit_widths(ws)


def to_xlsx(df: pd.DataFrame, sources: pd.DataFrame, status_note: str, lang: str = "vi",
            number_formats: dict[str, str] | None = None) -> bytes:
    """An .xlsx: sheet 1 the data under the caller's headers, numbers as numbers formatted by
    `number_formats` (column -> Excel code, e.g. '0.00"%"') or '#,##0' / '#,##0.00' by dtype;
    sheet 2 ("Nguồn" / "Sources") the demo/published status and the sources table."""
    wb = Workbook()
    data = wb.active
    data.title = t("data_title", lang)
    _data_sheet(data, df, number_formats or {})
    _sources_sheet(wb.create_sheet(t("table_sources", lang)), sources, status_note, lang)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
