"""Reading every cell of an export as its dossier field, and every problem with its row, column
and fix. A file with any problem is refused whole (the caller writes nothing).

One statement reads the whole file into typed columns (a cell that cannot be read is kept as
text beside its empty typed value, so the message can quote it); places and communes are
resolved from their distinct values (a name, an id or a code, valid on the day received); then
each named check below lists its rows. Built for 10^7 rows: nothing is read row by row in Python.
"""
from __future__ import annotations

from dataclasses import dataclass

from ingest.dossiers.mapping import FALSE_WORDS, TRUE_WORDS, Mapping, header_key, value_words
from ingest.dossiers.places import resolve_communes, resolve_places
from ingest.dossiers.read import Source, _ident
from l10n import t
from metrics import catalogue

MAX_SHOWN = 200
TIME_FORMATS = ["%d/%m/%Y %H:%M:%S", "%d/%m/%Y %H:%M", "%d/%m/%Y", "%d-%m-%Y %H:%M:%S", "%d-%m-%Y %H:%M",
                "%d-%m-%Y", "%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d"]


@dataclass(frozen=True)
class Problem:
    row: int | None       # None: the file as a whole
    column: str | None    # the file's header
    value: str | None
    kind: str
    message_vi: str
    message_en: str

    def message(self, lang: str = "vi") -> str:
        return self.message_en if lang == "en" else self.message_vi


def _fold(expr: str) -> str:
    return (f"trim(regexp_replace(lower(strip_accents(replace(replace({expr}, 'Đ', 'd'), 'đ', 'd'))), "
            f"'[^a-z0-9]+', ' ', 'g'))")


def _words(words) -> str:
    return ", ".join("'" + header_key(w).replace("'", "''") + "'" for w in words)


def _exact(pairs: dict[str, str]) -> str:
    return " ".join(f"WHEN '{w.replace(chr(39), chr(39) * 2)}' THEN {v}" for w, v in pairs.items())


def _typed(field: str, ftype: str, raw: str) -> str:
    """The SQL reading a cell as its field. Words are first matched as written (the fast path:
    an export spells them one way), and only the others folded (lower case, no diacritics)."""
    if ftype == "timestamp":
        fmts = ", ".join(f"'{f}'" for f in TIME_FORMATS)
        return f"COALESCE(try_strptime({raw}, [{fmts}]), TRY_CAST({raw} AS TIMESTAMP))"
    if ftype == "bool":
        spelled = {w: "TRUE" for w in ("Có", "có", "x", "X", "1", "true", "TRUE", "t")}
        spelled |= {w: "FALSE" for w in ("Không", "không", "0", "false", "FALSE", "f")}
        folded = (f"CASE WHEN {_fold(raw)} IN ({_words(TRUE_WORDS)}) THEN TRUE "
                  f"WHEN {_fold(raw)} IN ({_words(FALSE_WORDS)}) THEN FALSE END")
        return f"COALESCE(CASE {raw} {_exact(spelled)} END, {folded})"
    f = catalogue.dossier_fields()[field]
    if f.values:
        spelled = {w: f"'{code}'" for code, vi, en in f.values for w in (code, vi, en)}
        cases = " ".join(f"WHEN '{w}' THEN '{code}'" for w, code in value_words(field).items())
        return f"COALESCE(CASE {raw} {_exact(spelled)} END, CASE {_fold(raw)} {cases} END)"
    return raw


def parse(con, source: Source, mapping: Mapping) -> None:
    """TEMP TABLE dossier_parsed: _row, every mapped field typed, `<field>__raw` for the cells
    that did not read (and always for the place and commune, resolved next)."""
    cols = ["_row"]
    for name, f in catalogue.dossier_fields().items():
        header = mapping.columns.get(name)
        if header is None:
            cols.append(f"CAST(NULL AS {'BOOLEAN' if f.type == 'bool' else 'TIMESTAMP' if f.type == 'timestamp' else 'VARCHAR'}) AS {name}")
            continue
        raw = f"NULLIF(trim({_ident(header)}), '')"
        typed = _typed(name, f.type, raw)
        if name in ("entity_id", "commune_id"):
            cols += [f"{raw} AS {name}__raw", f"CAST(NULL AS VARCHAR) AS {name}"]
        else:
            cols += [f"{typed} AS {name}", f"CASE WHEN {raw} IS NOT NULL AND ({typed}) IS NULL THEN {raw} END AS {name}__raw"]
    con.execute(f"CREATE OR REPLACE TEMP TABLE dossier_parsed AS SELECT {', '.join(cols)} FROM {source.relation}")
    resolve_places(con, "entity_id" in mapping.columns)
    if "commune_id" in mapping.columns:
        resolve_communes(con)


def _label(field: str) -> str:
    return catalogue.dossier_fields()[field].label_vi


def _allowed(field: str, lang: str) -> str:
    return ", ".join(v[2] if lang == "en" else v[1] for v in catalogue.dossier_fields()[field].values)


def _both(key: str, **values) -> tuple[str, str]:
    """A message in both languages from the string catalogue; {v} stays for the cell."""
    return t(key, "vi", v="{v}", **values), t(key, "en", v="{v}", **values)


def _row_checks() -> list[tuple[str, str, str, str, str]]:
    """(kind, field, SQL condition on dossier_parsed, message_vi, message_en); {v} is the cell."""
    checks = []
    for name, f in catalogue.dossier_fields().items():
        if name == "batch_id":
            continue
        if f.required and f.type != "bool":
            vi, en = t("dossier_check_required", "vi", label=f.label_vi), t("dossier_check_required", "en", label=f.label_en.lower())
            checks.append(("required", name, f"{name} IS NULL AND {name}__raw IS NULL", vi, en))
        if f.type == "timestamp":
            checks.append(("timestamp", name, f"{name}__raw IS NOT NULL", *_both("dossier_check_timestamp")))
        elif f.type == "bool":
            checks.append(("bool", name, f"{name}__raw IS NOT NULL", *_both("dossier_check_bool")))
        elif f.values:
            checks.append(("code", name, f"{name}__raw IS NOT NULL",
                           t("dossier_check_code", "vi", v="{v}", allowed=_allowed(name, "vi")),
                           t("dossier_check_code", "en", v="{v}", allowed=_allowed(name, "en"))))
    checks += [
        ("place", "entity_id", "entity_id IS NULL AND entity_id__raw IS NOT NULL", *_both("dossier_check_place")),
        ("commune", "commune_id", "commune_id IS NULL AND commune_id__raw IS NOT NULL", *_both("dossier_check_commune")),
        ("due_before", "due_at", "due_at < received_at", *_both("dossier_check_due_before")),
        ("finished_before", "finished_at", "finished_at < received_at", *_both("dossier_check_finished_before")),
        ("finished_missing", "finished_at", "status = 'finished' AND finished_at IS NULL AND finished_at__raw IS NULL",
         *_both("dossier_check_finished_missing")),
    ]
    return checks


def problems(con, mapping: Mapping) -> tuple[list[Problem], int]:
    """The problems found (at most MAX_SHOWN, in row order) and how many there are in all."""
    out = [Problem(None, None, None, "missing_column",
                   t("dossier_check_missing_column", "vi", label=_label(f), field=f, label_vi=_label(f)),
                   t("dossier_check_missing_column", "en", label=catalogue.dossier_fields()[f].label_en, field=f,
                     label_vi=_label(f)))
           for f in mapping.missing]
    out += [Problem(None, b, None, "doubled_column",
                    t("dossier_check_doubled_column", "vi", first=a, second=b, label=_label(f)),
                    t("dossier_check_doubled_column", "en", first=a, second=b, label=f)) for f, a, b in mapping.doubled]
    if out:
        return out, len(out)
    legs = []
    for i, (_kind, field, cond, _, _) in enumerate(_row_checks()):
        if field not in mapping.columns:
            continue
        legs.append(f"SELECT _row, {i} AS check_no, CAST({field}__raw AS VARCHAR) AS v FROM dossier_parsed WHERE {cond}")
    if not legs:
        return [], 0
    union = " UNION ALL ".join(legs)
    n = con.execute(f"SELECT count(*) FROM ({union})").fetchone()[0]
    rows = con.execute(f"SELECT * FROM ({union}) ORDER BY _row, check_no LIMIT {MAX_SHOWN}").fetchall()
    checks = _row_checks()
    for row, check_no, v in rows:
        kind, field, _, vi, en = checks[check_no]
        column = mapping.columns.get(field, _label(field))
        out.append(Problem(int(row), column, v, kind,
                           t("dossier_check_at", "vi", row=row, column=column, problem=vi.format(v=v)),
                           t("dossier_check_at", "en", row=row, column=column, problem=en.format(v=v))))
    return out, int(n)
