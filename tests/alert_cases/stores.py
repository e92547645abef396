"""Small stores built for one alert condition each: the real reference data and catalogue
(tests/mini_store.py) and a handful of figures written here, so that a test says in a few lines
which place is where; plus the rule and the evaluation a test needs."""
from __future__ import annotations

import csv
from datetime import date, datetime
from pathlib import Path

import pandas as pd

from alerts import evaluate, registry
from alerts.ledger import Ledger
from alerts.rules import Rule
from alerts.settings import Settings
from metrics.db import connect_writable
from metrics.paths import DATA_DIR
from tests.mini_store import make_mini_store

COLUMNS = ("entity_id", "metric_id", "dimension_id", "period", "grain", "value", "numerator", "denominator",
           "status", "source_id")
GRAIN = {4: "year", 7: "month"}
NOW = datetime(2026, 11, 20, 8, 0)
QUIET = Settings(base_url="http://cchc.example.gov.vn")  # no SMTP host: messages wait in the outbox


def provinces_2025() -> list[str]:
    """The 34 provinces of the 2025 map, by id."""
    frame = pd.read_csv(DATA_DIR / "provinces.csv", dtype=str, keep_default_na=False)
    return sorted(frame.entity_id[frame.valid_to == ""])


def figure(entity: str, metric: str, period: str, value: float | None = None, numerator=None, denominator=None,
           status: str = "demo", source: str = "demo") -> dict:
    return dict(entity_id=entity, metric_id=metric, dimension_id="", period=period, grain=GRAIN[len(period)],
                value="" if value is None else value, numerator="" if numerator is None else numerator,
                denominator="" if denominator is None else denominator, status=status, source_id=source)


def rate(entity: str, metric: str, period: str, pct: float, **kw) -> dict:
    """A rate given by its counts (pct of 1.000), as the store keeps rates."""
    return figure(entity, metric, period, None, round(pct * 10), 1000, **kw)


def ranked_month(metric: str, period: str, order: list[str], top: float = 90.0, step: float = 1.0) -> list[dict]:
    """Every place of `order` ranked in that order: the first at `top`%, each next one `step` lower."""
    return [rate(e, metric, period, top - i * step) for i, e in enumerate(order)]


def case_store(path: Path, rows: list[dict], flags: list[dict] = (), communes: bool = False) -> Path:
    """A store with exactly these figures (and quality flags; with the communes as places)."""
    obs = path.with_suffix(".csv")
    with open(obs, "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS)
        writer.writeheader()
        writer.writerows(rows)
    make_mini_store(path, obs, communes)
    if flags:
        con = connect_writable(path)
        try:
            for flag in flags:
                columns = ", ".join(flag)
                con.execute(f"INSERT INTO quality_flags ({columns}) VALUES ({', '.join('?' * len(flag))})",
                            list(flag.values()))
        finally:
            con.close()
    return path


def add_rule(store: Path, condition: str, scope: str = "kind", value: str = "province", metrics: str = "dossiers_online",
             threshold: float | None = None, recipients: tuple[str, ...] = (), lang: str = "vi") -> Rule:
    return registry.add_rule(store, Rule("", metrics, scope, value, condition, threshold, recipients, lang),
                             "Văn phòng Ban Chỉ đạo", now=datetime(2026, 11, 1, 9, 0))


def fired(store: Path, today: date = date(2026, 11, 20)) -> list[tuple]:
    """Run the scheduled check; (entity, metric, period) of what it recorded, sorted."""
    evaluate.evaluate_scheduled(store, today, NOW, QUIET)
    frame = Ledger.beside(store).firings()
    return sorted(zip(frame.entity_id, frame.metric_id, frame.period))
