"""Reading a one-stop system's export (CSV, XLSX, Parquet) as text columns with their row numbers.

Every reader gives the same thing: a relation on a DuckDB connection with `_row` (the row as the
person sees it: the spreadsheet's row, or the CSV's line, the header being row 1) and one text
column per header of the file, so that one set of checks reads them all. Nothing is typed here.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa

from l10n import t

FORMATS = (".csv", ".txt", ".xlsx", ".parquet")


class Unreadable(ValueError):
    """The file cannot be read at all (format, encoding): message_vi, message_en."""

    def __init__(self, message_vi: str, message_en: str):
        super().__init__(message_en)
        self.message_vi, self.message_en = message_vi, message_en


@dataclass(frozen=True)
class Source:
    relation: str             # a FROM-clause relation: _row and the file's headers, all text
    headers: tuple[str, ...]


def _quote(path: Path) -> str:
    return "'" + str(path).replace("'", "''") + "'"


def _ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def read_csv(con, path: Path) -> Source:
    rel = f"read_csv({_quote(path)}, all_varchar = true, header = true, sample_size = 20480)"
    try:
        headers = [r[0] for r in con.execute(f"DESCRIBE SELECT * FROM {rel}").fetchall()]
    except Exception as e:  # duckdb.Error: not a CSV, a bad encoding
        raise Unreadable(t("dossier_file_csv", "vi", error=e), t("dossier_file_csv", "en", error=e)) from e
    # insertion order is kept by the scan, so the n-th row read is the file's line n + 1
    return Source(f"(SELECT row_number() OVER () + 1 AS _row, * FROM {rel})", tuple(headers))


def read_parquet(con, path: Path) -> Source:
    try:
        cols = [r[0] for r in con.execute(f"DESCRIBE SELECT * FROM read_parquet({_quote(path)})").fetchall()]
    except Exception as e:
        raise Unreadable(t("dossier_file_parquet", "vi", error=e), t("dossier_file_parquet", "en", error=e)) from e
    text = ", ".join(f"CAST({_ident(c)} AS VARCHAR) AS {_ident(c)}" for c in cols)
    return Source(f"(SELECT row_number() OVER () AS _row, {text} FROM read_parquet({_quote(path)}))", tuple(cols))


def _cell(v) -> str | None:
    if v is None:
        return None
    if hasattr(v, "isoformat"):
        return v.isoformat(sep=" ") if hasattr(v, "hour") else v.isoformat()
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v)


def read_xlsx(con, path: Path, name: str = "dossier_xlsx") -> Source:
    """The first sheet; its first non-empty row holds the headers."""
    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception as e:
        raise Unreadable(t("dossier_file_xlsx", "vi", error=e), t("dossier_file_xlsx", "en", error=e)) from e
    rows = book.worksheets[0].iter_rows(values_only=True)
    headers, first = None, 0
    for i, row in enumerate(rows, start=1):
        if any(c not in (None, "") for c in row):
            headers, first = [str(c).strip() if c is not None else t("dossier_unnamed_column", "vi", n=j + 1) for j, c in enumerate(row)], i
            break
    if headers is None:
        raise Unreadable(t("dossier_file_xlsx_empty", "vi"), t("dossier_file_xlsx_empty", "en"))
    data = {h: [] for h in headers}
    numbers = []
    for i, row in enumerate(rows, start=first + 1):
        if not any(c not in (None, "") for c in row):
            continue
        numbers.append(i)
        for h, v in zip(headers, list(row) + [None] * (len(headers) - len(row))):
            data[h].append(_cell(v))
    book.close()
    table = pa.table({"_row": pa.array(numbers, pa.int64()), **{h: pa.array(v, pa.string()) for h, v in data.items()}})
    con.register(name, table)
    return Source(name, tuple(headers))


def read_file(con, path: Path) -> Source:
    suffix = Path(path).suffix.lower()
    if suffix in (".csv", ".txt"):
        return read_csv(con, path)
    if suffix == ".xlsx":
        return read_xlsx(con, path)
    if suffix == ".parquet":
        return read_parquet(con, path)
    raise Unreadable(t("dossier_file_format", "vi", suffix=suffix), t("dossier_file_format", "en", suffix=suffix))
