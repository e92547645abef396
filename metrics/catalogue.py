"""The metric catalogue (data/metrics.yaml): loaded once, validated with every problem reported.

A metric is a declaration; the rules that follow from it (how it aggregates, how it is
formatted, which way is better) are read from these fields by generic code elsewhere.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path

import yaml

from metrics.paths import DATA_DIR
from metrics.periods import parse

UNITS = ("pct", "count", "score", "days")
DIRECTIONS = ("higher", "lower")
METRIC_KINDS = ("ratio", "count", "score")  # how a metric is made (and combined over places)
PLACE_AGGS = ("sum", "mean")
TIME_AGGS = ("sum", "last", "mean")
GRAINS = ("month", "quarter", "year")
ENTITY_KINDS = ("province", "ministry", "nation", "commune", "agency")  # what a place is
# The kinds of place ranked nationally, with national and regional figures (communes are ranked
# within their province, the nation is not ranked).
NATIONAL_KINDS = ("province", "ministry")
DIMENSIONS = ("p06_service",)
REQUIRED = ("id", "label_vi", "label_en", "description_vi", "description_en", "unit", "direction",
            "kind", "place_agg", "time_agg", "grain", "group", "source", "entity_kinds")


@dataclass(frozen=True)
class Band:
    label_vi: str
    label_en: str
    min: float


@dataclass(frozen=True)
class Maximum:
    """The most points a component can earn from a month on (for some kinds of place, or all):
    the schemes of an index change (the 766 groups from 2024, the PAR INDEX points from 2022)."""
    since: date
    max: float
    kinds: tuple[str, ...] = ()

    def applies_to(self, kind: str | None) -> bool:
        return not self.kinds or kind is None or kind in self.kinds


@dataclass(frozen=True)
class Metric:
    id: str
    label_vi: str
    label_en: str
    description_vi: str
    description_en: str
    unit: str
    direction: str
    kind: str
    place_agg: str
    time_agg: str
    grain: str
    group: str
    source: str
    entity_kinds: tuple[str, ...]
    parent: str | None = None
    max_value: float | None = None
    numerator_vi: str | None = None
    denominator_vi: str | None = None
    dimension: str | None = None
    bands: tuple[Band, ...] = field(default_factory=tuple)
    maxima: tuple[Maximum, ...] = field(default_factory=tuple)

    def label(self, lang: str) -> str:
        return self.label_en if lang == "en" else self.label_vi

    def description(self, lang: str) -> str:
        return self.description_en if lang == "en" else self.description_vi

    @property
    def is_ratio(self) -> bool:
        return self.kind == "ratio"

    @property
    def higher_is_better(self) -> bool:
        return self.direction == "higher"

    def applies_to(self, entity_kind: str) -> bool:
        return entity_kind in self.entity_kinds

    def max_at(self, day: date, kind: str | None = None) -> float | None:
        """The most points it can earn on that day for that kind of place: max_value, or, for a
        component whose scheme changed (maxima), the maximum in force then; None when the
        scheme of that day has no such component (the 766 online-payment group before 2024)."""
        if not self.maxima:
            return self.max_value
        found = [m for m in self.maxima if m.since <= day and m.applies_to(kind)]
        return found[-1].max if found else None

    def in_scheme(self, day: date, kind: str | None = None) -> bool:
        """Whether the component is scored on that day (always, for a metric without maxima)."""
        return not self.maxima or self.max_at(day, kind) is not None

    def band_for(self, value: float | None) -> Band | None:
        """The rating band a value falls in (bands are listed highest first)."""
        if value is None:
            return None
        return next((b for b in self.bands if value >= b.min), None)


class CatalogueError(ValueError):
    """Raised with every problem found in the catalogue, one per line."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("Metric catalogue is invalid:\n  - " + "\n  - ".join(problems))


def _check_entry(i: int, raw: dict, known_sources: set[str] | None) -> list[str]:
    where = f"metrics[{i}] ({raw.get('id', '?')})"
    problems = [f"{where}: missing '{k}'" for k in REQUIRED if raw.get(k) in (None, "", [])]
    choices = {"unit": UNITS, "direction": DIRECTIONS, "kind": METRIC_KINDS, "place_agg": PLACE_AGGS,
               "time_agg": TIME_AGGS, "grain": GRAINS}
    for key, allowed in choices.items():
        if raw.get(key) not in (None, "") and raw[key] not in allowed:
            problems.append(f"{where}: {key} '{raw[key]}' is not one of {', '.join(allowed)}")
    kinds = raw.get("entity_kinds") or []
    for kind in kinds:
        if kind not in ENTITY_KINDS:
            problems.append(f"{where}: entity kind '{kind}' is not one of {', '.join(ENTITY_KINDS)}")
    # A commune's figures are read beside its province's (the commune demo centres on them), and
    # communes exist only from July 2025 and report monthly.
    if "commune" in kinds and "province" not in kinds:
        problems.append(f"{where}: a metric for communes must apply to provinces too")
    if "commune" in kinds and raw.get("grain") != "month":
        problems.append(f"{where}: a metric for communes is reported by month, not '{raw.get('grain')}'")
    if raw.get("kind") == "ratio":
        if raw.get("unit") != "pct":
            problems.append(f"{where}: a ratio is shown as pct, not '{raw.get('unit')}'")
        if raw.get("place_agg") != "sum":
            problems.append(f"{where}: a ratio aggregates as sum(numerator)/sum(denominator): place_agg must be sum")
        for part in ("numerator_vi", "denominator_vi"):
            if not raw.get(part):
                problems.append(f"{where}: a ratio needs '{part}'")
    if raw.get("kind") == "score" and raw.get("place_agg") != "mean":
        problems.append(f"{where}: scores average over places: place_agg must be mean")
    if raw.get("kind") == "count" and raw.get("place_agg") != "sum":
        problems.append(f"{where}: counts add up over places: place_agg must be sum")
    if raw.get("dimension") not in (None, *DIMENSIONS):
        problems.append(f"{where}: dimension '{raw['dimension']}' is not one of {', '.join(DIMENSIONS)}")
    if known_sources is not None and raw.get("source") and raw["source"] not in known_sources:
        problems.append(f"{where}: source '{raw['source']}' is not in data/sources.csv")
    problems += _check_maxima(where, raw)
    last = None
    for band in raw.get("bands") or []:
        if not {"label_vi", "label_en", "min"} <= set(band):
            problems.append(f"{where}: a band needs label_vi, label_en and min")
        elif last is not None and band["min"] >= last:
            problems.append(f"{where}: bands must be listed highest first")
        else:
            last = band["min"]
    return problems


def _since(text) -> date | None:
    """'2024-01' or '2024' -> the first day of that month or year (None if unreadable)."""
    try:
        return parse(str(text)).start
    except ValueError:
        return None


def _check_maxima(where: str, raw: dict) -> list[str]:
    problems, last = [], {}
    for entry in raw.get("maxima") or []:
        since = _since(entry.get("from")) if isinstance(entry, dict) else None
        top = entry.get("max") if isinstance(entry, dict) else None
        if since is None or not isinstance(top, (int, float)) or top <= 0:
            problems.append(f"{where}: a maximum needs 'from' (a month or year) and 'max' (points above 0)")
            continue
        kinds = tuple(entry.get("kinds") or ())
        for kind in kinds:
            if kind not in (raw.get("entity_kinds") or []):
                problems.append(f"{where}: a maximum for '{kind}', a kind of place the metric does not apply to")
        for kind in kinds or ("",):
            if kind in last and since <= last[kind]:
                problems.append(f"{where}: maxima must be listed oldest first")
            last[kind] = since
    return problems


def _check_sums(metrics: list[Metric]) -> list[str]:
    """Components scored in points add up to their parent's maximum in every scheme: for each
    kind of place and each day a scheme starts, the maxima of the components then in force
    (the 766 groups: 18+20+22+22+18 until 2023, 18+20+12+10+18+22 from 2024)."""
    by_id = {m.id: m for m in metrics}
    problems = []
    for parent in metrics:
        parts = [m for m in metrics if m.parent == parent.id and m.unit == "score"]
        days = sorted({x.since for m in parts for x in m.maxima}) or [date(1900, 1, 1)]
        for kind in parent.entity_kinds:
            for day in days:
                live = [m for m in parts if m.applies_to(kind) and m.in_scheme(day, kind)]
                top = by_id[parent.id].max_at(day, kind)
                total = sum(m.max_at(day, kind) or 0 for m in live)
                if live and top is not None and abs(total - top) > 1e-9:
                    names = " + ".join(f"{m.id} {m.max_at(day, kind):g}" for m in live)
                    problems.append(f"{parent.id} ({kind}, from {day.isoformat()}): {names} = {total:g}, "
                                    f"not the {top:g} points of {parent.id}")
    return problems


def validate(entries: list[dict], known_sources: set[str] | None = None) -> list[Metric]:
    """Check every entry and return the metrics, or raise CatalogueError listing every problem."""
    problems: list[str] = []
    ids = [e.get("id") for e in entries]
    for dup in sorted({i for i in ids if i and ids.count(i) > 1}):
        problems.append(f"metric id '{dup}' is declared more than once")
    for i, raw in enumerate(entries):
        problems += _check_entry(i, raw, known_sources)
    for raw in entries:
        parent = raw.get("parent")
        if parent and parent not in ids:
            problems.append(f"{raw.get('id')}: parent '{parent}' is not a metric")
    if problems:
        raise CatalogueError(problems)
    metrics = [_to_metric(raw) for raw in entries]
    problems = _check_sums(metrics)
    if problems:
        raise CatalogueError(problems)
    return metrics


def _to_metric(raw: dict) -> Metric:
    bands = tuple(Band(b["label_vi"], b["label_en"], float(b["min"])) for b in raw.get("bands") or [])
    maxima = tuple(Maximum(_since(x["from"]), float(x["max"]), tuple(x.get("kinds") or ())) for x in raw.get("maxima") or [])
    return Metric(
        id=raw["id"], label_vi=raw["label_vi"], label_en=raw["label_en"],
        description_vi=raw["description_vi"], description_en=raw["description_en"],
        unit=raw["unit"], direction=raw["direction"], kind=raw["kind"], place_agg=raw["place_agg"],
        time_agg=raw["time_agg"], grain=raw["grain"], group=raw["group"], source=raw["source"],
        entity_kinds=tuple(raw["entity_kinds"]), parent=raw.get("parent"),
        max_value=raw.get("max_value"), numerator_vi=raw.get("numerator_vi"),
        denominator_vi=raw.get("denominator_vi"), dimension=raw.get("dimension"), bands=bands,
        maxima=maxima,
    )


def _source_ids(data_dir: Path) -> set[str] | None:
    import csv

    path = data_dir / "sources.csv"
    if not path.exists():
        return None
    with path.open(encoding="utf-8") as f:
        return {row["source_id"] for row in csv.DictReader(f)}


def _read(path: Path | None) -> dict:
    path = path or DATA_DIR / "metrics.yaml"
    return yaml.safe_load(path.read_text(encoding="utf-8")) | {"_dir": path.parent}


def load(path: Path | None = None) -> list[Metric]:
    """Read and validate data/metrics.yaml (sources checked against data/sources.csv)."""
    raw = _read(path)
    return validate(raw["metrics"], _source_ids(raw["_dir"]))


def validate_collections(collections: dict, ids: set[str]) -> dict[str, tuple[str, ...]]:
    """The named lists of metric ids, or CatalogueError naming every id that is not a metric."""
    problems = [f"collection '{name}': '{m}' is not a metric" for name, members in collections.items()
                for m in members if m not in ids]
    if problems:
        raise CatalogueError(problems)
    return {name: tuple(members) for name, members in collections.items()}


@lru_cache(maxsize=1)
def _loaded() -> tuple[dict[str, Metric], dict[str, tuple[str, ...]]]:
    raw = _read(None)
    metrics = {m.id: m for m in validate(raw["metrics"], _source_ids(raw["_dir"]))}
    return metrics, validate_collections(raw.get("collections") or {}, set(metrics))


def catalogue() -> dict[str, Metric]:
    """The validated catalogue, by metric id, in declaration order."""
    return _loaded()[0]


def collection(name: str) -> tuple[str, ...]:
    """A named list of metric ids (data/metrics.yaml, collections): 'key_rates', 'overview_tiles' ..."""
    try:
        return _loaded()[1][name]
    except KeyError:
        raise KeyError(f"unknown metric collection '{name}'") from None


def get(metric_id: str) -> Metric:
    """A metric by id; KeyError names the id when it is not in the catalogue."""
    try:
        return catalogue()[metric_id]
    except KeyError:
        raise KeyError(f"unknown metric '{metric_id}'") from None


def components(parent_id: str, at: date | None = None, kind: str | None = None,
               unit: str | None = None) -> list[Metric]:
    """The metrics declared as components of parent_id, in catalogue order; with `at` and/or
    `kind`, those scored on that day for that kind of place (the 766 index has five groups
    until 2023 and six from 2024); with `unit`, one breakdown of an index that has two (the
    PAR INDEX: its fields in %, its appraisal and survey points)."""
    parts = [m for m in catalogue().values() if m.parent == parent_id and unit in (None, m.unit)]
    if kind is not None:
        parts = [m for m in parts if m.applies_to(kind)]
    if at is not None:
        parts = [m for m in parts if m.in_scheme(at, kind)]
    return parts


def breakdown(parent_id: str, at: date | None = None, kind: str | None = None) -> list[Metric]:
    """The components a page shows side by side for an index: those of its first-declared unit
    (the PAR INDEX's fields in %, not its appraisal and survey points, which are another cut of
    the same score), scored on `at` for `kind` (the 766 index's five groups until 2023, six from
    2024)."""
    parts = components(parent_id, at, kind)
    return [m for m in parts if m.unit == parts[0].unit] if parts else []


@lru_cache(maxsize=1)
def _dossier_catalogue():
    from metrics import dossier_kpis

    return dossier_kpis.load(DATA_DIR / "dossiers.yaml", catalogue())


def dossier_fields() -> dict:
    """The dossier model (data/dossiers.yaml fields), by name, in declaration order."""
    return _dossier_catalogue()[0]


def dossier_kpis() -> dict:
    """The KPIs computed from dossier records (data/dossiers.yaml kpis), by metric id."""
    return _dossier_catalogue()[1]
