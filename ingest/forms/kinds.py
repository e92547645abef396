"""The report-form kinds (data/report_forms.yaml) as frozen declarations, validated on load.

Each kind names the measures its columns hold (matched by header words), the form's own sums,
and how its counts become the catalogue's metrics. Every problem of the file is reported at once.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from ingest.forms.words import has_phrase, words
from metrics import catalogue
from metrics.paths import DATA_DIR

FORMS_FILE = DATA_DIR / "report_forms.yaml"


@dataclass(frozen=True)
class Rule:
    all: tuple[tuple[str, ...], ...]
    leaf: tuple[str, ...] = ()
    none: tuple[str, ...] = ()

    def matches(self, path: tuple[str, ...]) -> bool:
        """Whether a header path (its cells' texts, top to bottom) satisfies the rule."""
        text = words(" ".join(path))
        leaf = words(path[-1]) if path else ""
        return (all(any(has_phrase(text, p) for p in group) for group in self.all)
                and (not self.leaf or any(has_phrase(leaf, p) for p in self.leaf))
                and not any(has_phrase(text, p) for p in self.none))


@dataclass(frozen=True)
class Measure:
    id: str
    label_vi: str
    label_en: str
    rules: tuple[Rule, ...]

    def label(self, lang: str) -> str:
        return self.label_en if lang == "en" else self.label_vi

    def matches(self, path: tuple[str, ...]) -> bool:
        return any(rule.matches(path) for rule in self.rules)


@dataclass(frozen=True)
class Sum:
    total: str
    parts: tuple[str, ...]
    at_least: bool = False   # the total must be at least the parts' sum (not equal to it)


@dataclass(frozen=True)
class Recipe:
    """How one metric is made of measures; each side lists alternatives of measures to add."""
    metric: str
    numerator: tuple[tuple[str, ...], ...] = ()
    denominator: tuple[tuple[str, ...], ...] = ()
    value: tuple[tuple[str, ...], ...] = ()
    stock: bool = False


@dataclass(frozen=True)
class Kind:
    id: str
    label_vi: str
    label_en: str
    source: str
    detect: tuple[tuple[str, ...], ...]
    measures: tuple[Measure, ...]
    sums: tuple[Sum, ...]
    recipes: tuple[Recipe, ...]

    def label(self, lang: str) -> str:
        return self.label_en if lang == "en" else self.label_vi

    def measure(self, measure_id: str) -> Measure:
        return next(m for m in self.measures if m.id == measure_id)

    def is_candidate(self, header_text: str) -> bool:
        """Whether a header (all its cells' text, folded) names this kind's subject."""
        return all(any(has_phrase(header_text, p) for p in group) for group in self.detect)


class FormsInvalid(ValueError):
    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("report_forms.yaml:\n  " + "\n  ".join(problems))


def _phrases(values) -> tuple[str, ...]:
    return tuple(words(v) for v in values or ())


def _rule(raw: dict) -> Rule:
    return Rule(tuple(_phrases(group) for group in raw.get("all") or ()), _phrases(raw.get("leaf")),
                _phrases(raw.get("none")))


def _alternatives(raw) -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(alt) for alt in raw or ())


def _check_kind(raw: dict, metrics: dict) -> list[str]:
    where = f"kind '{raw.get('id')}'"
    problems = [f"{where}: missing '{k}'" for k in ("id", "label_vi", "label_en", "source", "detect", "measures", "metrics")
                if not raw.get(k)]
    ids = [m.get("id") for m in raw.get("measures") or ()]
    problems += [f"{where}: measure '{i}' declared twice" for i in {i for i in ids if ids.count(i) > 1}]
    for m in raw.get("measures") or ():
        if not m.get("rules") or not all(r.get("all") for r in m["rules"]):
            problems.append(f"{where}: measure '{m.get('id')}' needs rules, each with 'all'")
    known = set(ids)
    for s in raw.get("sums") or ():
        problems += [f"{where}: sum names unknown measure '{x}'" for x in [s.get("total"), *s.get("parts", [])]
                     if x not in known]
    for r in raw.get("metrics") or ():
        if r.get("metric") not in metrics:
            problems.append(f"{where}: metric '{r.get('metric')}' is not in data/metrics.yaml")
            continue
        ratio = metrics[r["metric"]].kind == "ratio"
        sides = ("numerator", "denominator") if ratio else ("value",)
        problems += [f"{where}: {r['metric']} needs '{side}'" for side in sides if not r.get(side)]
        for side in ("numerator", "denominator", "value"):
            for alt in r.get(side) or ():
                problems += [f"{where}: {r['metric']}.{side} names unknown measure '{x}'" for x in alt if x not in known]
    return problems


def _kind(raw: dict) -> Kind:
    measures = tuple(Measure(m["id"], m["label_vi"], m["label_en"], tuple(_rule(r) for r in m["rules"]))
                     for m in raw["measures"])
    sums = tuple(Sum(s["total"], tuple(s["parts"]), bool(s.get("at_least"))) for s in raw.get("sums") or ())
    recipes = tuple(Recipe(r["metric"], _alternatives(r.get("numerator")), _alternatives(r.get("denominator")),
                           _alternatives(r.get("value")), bool(r.get("stock"))) for r in raw["metrics"])
    return Kind(raw["id"], raw["label_vi"], raw["label_en"], raw["source"],
                tuple(_phrases(group) for group in raw["detect"]), measures, sums, recipes)


def load(path: Path | None = None) -> tuple[Kind, ...]:
    """Every kind of the file; FormsInvalid lists every problem at once."""
    raw = yaml.safe_load((path or FORMS_FILE).read_text(encoding="utf-8")) or {}
    metrics = catalogue.catalogue()
    problems = [p for k in raw.get("kinds") or () for p in _check_kind(k, metrics)]
    if not raw.get("kinds"):
        problems.append("no kinds declared")
    if problems:
        raise FormsInvalid(problems)
    return tuple(_kind(k) for k in raw["kinds"])


@lru_cache(maxsize=1)
def kinds() -> tuple[Kind, ...]:
    return load()


def get(kind_id: str) -> Kind:
    return next(k for k in kinds() if k.id == kind_id)
