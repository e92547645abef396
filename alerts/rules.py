"""What an alert rule and a subscription are: the conditions and scopes as declarations, the
rule's metrics (one, or a collection of data/metrics.yaml), and the checks that list, as string
keys for both languages, everything wrong with a draft at once."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime

from metrics import catalogue
from metrics.catalogue import NATIONAL_KINDS

COLLECTION = "collection:"
HEADLINES = COLLECTION + "overview_tiles"  # "all headline metrics": the overview's tiles
SCOPES = ("kind", "region", "place", "communes")
STATES = ("active", "paused", "deleted")
TOPICS = ("place", "monthly_report")
LANGS = ("vi", "en")
EMAIL = re.compile(r"^[^@\s,;<>]+@[^@\s,;<>]+\.[^@\s,;<>]+$")


@dataclass(frozen=True)
class Condition:
    """A kind of event: what its threshold counts (None: it has none) and its bounds."""
    code: str
    threshold: str | None = None   # 'places' | 'points' | 'tasks' | 'day'
    default: float | None = None
    minimum: float | None = None
    maximum: float | None = None
    metric: str | None = None      # the one metric it watches, whatever the rule says
    after_import: bool = True      # evaluated on what a batch touched (else on the schedule only)


CONDITIONS = {c.code: c for c in (
    Condition("below_target"),
    Condition("rank_drop", "places", 5, 1, 1000),
    Condition("change", "points", 5, 0, 1e9),
    Condition("overdue_tasks", "tasks", 0, 0, 1e9, metric="tasks_overdue"),
    Condition("no_figures", "day", 10, 1, 28, after_import=False),
    Condition("quality_flag", after_import=False),
)}


@dataclass(frozen=True)
class Rule:
    """One alert rule as the store keeps it (table alert_rules)."""
    rule_id: str
    metrics: str                 # a metric id, or 'collection:NAME'
    scope: str                   # kind | region | place | communes
    scope_value: str             # 'province' | a region id | an entity id | a province id
    condition: str
    threshold: float | None = None
    recipients: tuple[str, ...] = ()
    lang: str = "vi"
    state: str = "active"
    note: str | None = None
    created_by: str = ""
    created_at: datetime | None = None
    changed_by: str | None = None
    changed_at: datetime | None = None

    @property
    def spec(self) -> Condition:
        return CONDITIONS[self.condition]

    def metric_ids(self, kind: str | None = None) -> tuple[str, ...]:
        """The metrics the rule watches that apply to `kind` (every kind if None), without
        per-service breakdowns."""
        if self.spec.metric:
            ids: tuple[str, ...] = (self.spec.metric,)
        elif self.metrics.startswith(COLLECTION):
            ids = catalogue.collection(self.metrics.removeprefix(COLLECTION))
        else:
            ids = (self.metrics,)
        known = catalogue.catalogue()
        return tuple(m for m in ids if m in known and known[m].dimension is None
                     and (kind is None or known[m].applies_to(kind)))


@dataclass(frozen=True)
class Subscription:
    """A person who receives the alerts about a place, or the monthly report (table subscriptions)."""
    subscription_id: str
    email: str
    topic: str                   # place | monthly_report
    entity_id: str | None = None
    lang: str = "vi"
    name: str | None = None
    created_by: str = ""
    created_at: datetime | None = None


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a draft: the field, the string key and its values."""
    field: str
    key: str
    values: dict = field(default_factory=dict)


def parse_recipients(text: str) -> tuple[str, ...]:
    """'a@x.vn, b@y.vn; c@z.vn' (commas, semicolons, spaces or lines) -> lower-cased, each once."""
    parts = [p.strip().lower() for p in re.split(r"[,;\s]+", text or "") if p.strip()]
    return tuple(dict.fromkeys(parts))


def rule_problems(rule: Rule, entity_kinds: dict[str, str], regions: set[str]) -> list[Problem]:
    """Everything wrong with a rule. entity_kinds: entity id -> kind; regions: region ids."""
    problems = []
    spec = CONDITIONS.get(rule.condition)
    if spec is None:
        return [Problem("condition", "alert_bad_condition", {"value": rule.condition})]
    if rule.scope not in SCOPES:
        problems.append(Problem("scope", "alert_bad_scope", {"value": rule.scope}))
    elif not _scope_known(rule, entity_kinds, regions):
        problems.append(Problem("scope_value", "alert_bad_scope_value", {"value": rule.scope_value}))
    if not spec.metric:
        if rule.metrics.startswith(COLLECTION):
            if not _is_collection(rule.metrics.removeprefix(COLLECTION)):
                problems.append(Problem("metrics", "alert_bad_metric", {"value": rule.metrics}))
        elif rule.metrics not in catalogue.catalogue():
            problems.append(Problem("metrics", "alert_bad_metric", {"value": rule.metrics}))
        elif rule.scope in SCOPES and _scope_known(rule, entity_kinds, regions) \
                and not rule.metric_ids(scope_kind(rule, entity_kinds)):
            problems.append(Problem("metrics", "alert_metric_not_for_scope", {"value": rule.metrics}))
    if spec.threshold:
        value = rule.threshold
        if value is None or not (spec.minimum <= value <= spec.maximum):
            problems.append(Problem("threshold", f"alert_bad_threshold_{spec.threshold}",
                                    {"low": _plain(spec.minimum), "high": _plain(spec.maximum)}))
    problems += [Problem("recipients", "alert_bad_email", {"value": r}) for r in rule.recipients
                 if not EMAIL.match(r)]
    if rule.lang not in LANGS:
        problems.append(Problem("lang", "alert_bad_lang", {"value": rule.lang}))
    return problems


def subscription_problems(sub: Subscription, entity_kinds: dict[str, str]) -> list[Problem]:
    problems = []
    if not EMAIL.match(sub.email or ""):
        problems.append(Problem("email", "alert_bad_email", {"value": sub.email or ""}))
    if sub.topic not in TOPICS:
        problems.append(Problem("topic", "alert_bad_topic", {"value": sub.topic}))
    elif sub.topic == "place" and sub.entity_id not in entity_kinds:
        problems.append(Problem("entity_id", "alert_bad_scope_value", {"value": sub.entity_id or ""}))
    if sub.lang not in LANGS:
        problems.append(Problem("lang", "alert_bad_lang", {"value": sub.lang}))
    return problems


def scope_kind(rule: Rule, entity_kinds: dict[str, str]) -> str:
    """The kind of place a rule's scope holds."""
    if rule.scope == "kind":
        return rule.scope_value
    if rule.scope == "region":
        return "province"
    if rule.scope == "communes":
        return "commune"
    return entity_kinds.get(rule.scope_value, "province")


def _scope_known(rule: Rule, entity_kinds: dict[str, str], regions: set[str]) -> bool:
    if rule.scope == "kind":
        return rule.scope_value in NATIONAL_KINDS
    if rule.scope == "region":
        return rule.scope_value in regions
    if rule.scope == "communes":
        return entity_kinds.get(rule.scope_value) == "province"
    return entity_kinds.get(rule.scope_value) in NATIONAL_KINDS + ("commune",)


def _is_collection(name: str) -> bool:
    try:
        catalogue.collection(name)
    except KeyError:
        return False
    return True


def _plain(value: float | None) -> str:
    return "" if value is None else (str(int(value)) if float(value).is_integer() else str(value))
