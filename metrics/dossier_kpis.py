"""The dossier model and the KPIs computed from dossier records (data/dossiers.yaml), validated.

A KPI is a declaration: a metric of the catalogue, the time that puts a dossier in a month, and
two lists of conditions over dossier fields (the denominator's, and the numerator's on top of
them). store/dossiers/compile.py turns them into SQL; nothing else interprets them.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

FIELD_TYPES = ("string", "bool", "timestamp")
ANCHORS = ("received_at", "finished_at")
# op -> how many operands it takes: 0 (unary), 1 (a value or a field), 'list'
OPS = {"=": 1, "<>": 1, "<": 1, "<=": 1, ">": 1, ">=": 1, "in": "list", "not_in": "list",
       "is_null": 0, "not_null": 0, "true": 0, "false": 0}


@dataclass(frozen=True)
class DossierField:
    name: str
    type: str
    required: bool
    label_vi: str
    label_en: str
    doc_vi: str
    doc_en: str
    values: tuple[tuple[str, str, str], ...] = ()  # (code, vi, en)

    def label(self, lang: str) -> str:
        return self.label_en if lang == "en" else self.label_vi

    def doc(self, lang: str) -> str:
        return self.doc_en if lang == "en" else self.doc_vi


@dataclass(frozen=True)
class Condition:
    field: str
    op: str
    value: object = None        # a constant, a tuple (in/not_in), or None
    other_field: str | None = None  # compare with another field instead of a constant


@dataclass(frozen=True)
class DossierKpi:
    metric: str
    period_by: str
    denominator: tuple[Condition, ...]
    numerator: tuple[Condition, ...]


def _condition(raw, where: str, fields: dict[str, DossierField], problems: list[str]) -> Condition | None:
    if not isinstance(raw, list) or len(raw) < 2:
        problems.append(f"{where}: a condition is [field, op] or [field, op, value], not {raw!r}")
        return None
    name, op, rest = raw[0], str(raw[1]), raw[2:]
    if name not in fields:
        problems.append(f"{where}: '{name}' is not a dossier field")
    if op not in OPS:
        problems.append(f"{where}: op '{op}' is not one of {', '.join(OPS)}")
        return None
    arity = OPS[op]
    if (arity == 0 and rest) or (arity != 0 and len(rest) != 1):
        problems.append(f"{where}: '{op}' takes {'no value' if arity == 0 else 'one value'}")
        return None
    value = rest[0] if rest else None
    if isinstance(value, dict):
        other = value.get("field")
        if other not in fields:
            problems.append(f"{where}: compared field '{other}' is not a dossier field")
        return Condition(name, op, other_field=other)
    if arity == "list":
        if not isinstance(value, list):
            problems.append(f"{where}: '{op}' takes a list")
            return None
        value = tuple(value)
    field = fields.get(name)
    allowed = {v[0] for v in field.values} if field else set()
    for v in (value if isinstance(value, tuple) else (value,) if value is not None else ()):
        if allowed and v not in allowed:
            problems.append(f"{where}: '{v}' is not a value of {name} ({', '.join(sorted(allowed))})")
    if op in ("true", "false") and field and field.type != "bool":
        problems.append(f"{where}: '{op}' needs a bool field, {name} is {field.type}")
    return Condition(name, op, value)


def _fields(raw: list[dict], problems: list[str]) -> dict[str, DossierField]:
    out = {}
    for i, f in enumerate(raw):
        where = f"fields[{i}] ({f.get('name', '?')})"
        missing = [k for k in ("name", "type", "vi", "en", "doc_vi", "doc_en") if not f.get(k)]
        problems += [f"{where}: missing '{k}'" for k in missing]
        if f.get("type") not in FIELD_TYPES:
            problems.append(f"{where}: type '{f.get('type')}' is not one of {', '.join(FIELD_TYPES)}")
        if missing:
            continue
        values = tuple((code, words[0], words[1]) for code, words in (f.get("values") or {}).items())
        out[f["name"]] = DossierField(f["name"], f["type"], bool(f.get("required")), f["vi"], f["en"],
                                      f["doc_vi"], f["doc_en"], values)
    return out


def validate(doc: dict, metrics: dict) -> tuple[dict[str, DossierField], dict[str, DossierKpi]]:
    """Fields and KPIs of data/dossiers.yaml, checked against the metric catalogue; ValueError
    listing every problem otherwise."""
    problems: list[str] = []
    fields = _fields(doc.get("fields") or [], problems)
    kpis = {}
    for i, k in enumerate(doc.get("kpis") or []):
        where = f"kpis[{i}] ({k.get('metric', '?')})"
        metric = metrics.get(k.get("metric"))
        if metric is None:
            problems.append(f"{where}: '{k.get('metric')}' is not a metric of data/metrics.yaml")
        elif not metric.is_ratio or metric.grain != "month":
            problems.append(f"{where}: a dossier KPI is a monthly ratio")
        if k.get("period_by") not in ANCHORS:
            problems.append(f"{where}: period_by must be one of {', '.join(ANCHORS)}")
        parts = {}
        for part in ("denominator", "numerator"):
            conds = [_condition(c, f"{where} {part}", fields, problems) for c in k.get(part) or []]
            parts[part] = tuple(c for c in conds if c is not None)
        if not parts["numerator"]:
            problems.append(f"{where}: the numerator needs at least one condition")
        if k.get("metric") in kpis:
            problems.append(f"{where}: declared twice")
        kpis[k.get("metric")] = DossierKpi(k.get("metric"), k.get("period_by"), parts["denominator"], parts["numerator"])
    if problems:
        raise ValueError("data/dossiers.yaml is invalid:\n  - " + "\n  - ".join(problems))
    return fields, kpis


def load(path: Path, metrics: dict) -> tuple[dict[str, DossierField], dict[str, DossierKpi]]:
    return validate(yaml.safe_load(path.read_text(encoding="utf-8")), metrics)


def describe(condition: Condition, fields: dict[str, DossierField], lang: str) -> str:
    """A condition in words: 'Hình thức nộp = Trực tuyến', 'Ngày có kết quả ≤ Hạn trả kết quả'."""
    f = fields[condition.field]
    words = {v[0]: (v[2] if lang == "en" else v[1]) for v in f.values}
    symbol = {"<=": "≤", ">=": "≥", "<>": "≠", "in": "∈", "not_in": "∉"}.get(condition.op, condition.op)
    if condition.other_field:
        return f"{f.label(lang)} {symbol} {fields[condition.other_field].label(lang)}"
    unary = {"true": ("có", "yes"), "false": ("không", "no"), "is_null": ("trống", "empty"),
             "not_null": ("có ghi", "given")}
    if condition.op in unary:
        return f"{f.label(lang)}: {unary[condition.op][lang == 'en']}"
    values = condition.value if isinstance(condition.value, tuple) else (condition.value,)
    return f"{f.label(lang)} {symbol} " + ", ".join(str(words.get(v, v)) for v in values)
