"""The demo dataset: deterministic, plausible, and calibrated never to contradict a published
figure. Shapes come from data/demo.yaml; published facts from data/published*.csv.

Places have lasting traits (how well run, whether improving, how many dossiers), so a place that
leads one metric tends to lead related ones, some improve and some slip. A unit formed by a 2025
merger inherits its former units' traits, so its history reads continuously in the 2025 map.
"""
from __future__ import annotations

import zlib
from dataclasses import dataclass
from datetime import date

import numpy as np
import pandas as pd
import yaml

from metrics import catalogue
from metrics.paths import DATA_DIR
from metrics.periods import Period, month_range, parse
from store.calibrate import calibrate_rates
from store.published import PublishedFacts
from store.reference import ReferenceData

INDEX766_START = date(2022, 8, 1)  # the 766 evaluation system ran officially from 01/08/2022
SEASON = np.array([1.0, 0.72, 1.05, 1.0, 1.02, 1.0, 0.98, 1.0, 1.02, 1.05, 1.06, 1.12])  # Tết in Feb


@dataclass(frozen=True)
class Unit:
    entity_id: str
    kind: str
    region_id: str | None
    is_city: bool
    valid_from: date
    valid_to: date
    par_ranked: bool
    predecessors: tuple[str, ...]

    def valid_on(self, day: date) -> bool:
        return self.valid_from <= day <= self.valid_to


@dataclass(frozen=True)
class Traits:
    quality: float      # z-score: better-run places score higher on everything
    trend: float        # extra improvement per year (negative: slipping)
    volume: float       # dossiers per month
    procedures: float   # procedures on the books


def _sigmoid(x):
    return 1.0 / (1.0 + np.exp(-x))


def _logit_of(p):
    p = np.clip(p, 1e-4, 1 - 1e-4)
    return np.log(p / (1 - p))


def _years_since_2022(months: list[Period]) -> np.ndarray:
    return np.array([(p.start.year - 2022) + (p.start.month - 1) / 12 for p in months])


def _row(entity_id, metric_id, period: Period, value=None, num=None, den=None, dimension=""):
    return (entity_id, metric_id, dimension, period.key, period.grain, period.start, value, num, den)


COLUMNS = ["entity_id", "metric_id", "dimension_id", "period", "grain", "period_start",
           "value", "numerator", "denominator"]


class DemoGenerator:
    def __init__(self, ref: ReferenceData, facts: PublishedFacts, until: Period, config: dict | None = None):
        self.config = config or yaml.safe_load((DATA_DIR / "demo.yaml").read_text(encoding="utf-8"))
        self.ref, self.facts, self.until = ref, facts, until
        self.seed = int(self.config["seed"])
        # the monthly rates of dossiers (data/demo.yaml, rates: every one not of procedures)
        self.dossier_rates = tuple(m for m, spec in self.config["rates"].items() if spec.get("of") != "procedures")
        self.months = month_range(parse(self.config["first_month"]).start, until.start)
        self.units = self._units()
        self.traits: dict[str, Traits] = {}
        for unit in sorted(self.units.values(), key=lambda u: len(u.predecessors)):
            self.traits[unit.entity_id] = self._traits(unit)
        self.published_keys = set(zip(facts.values.entity_id, facts.values.metric_id, facts.values.period))
        plain = facts.values[facts.values.dimension_id == ""]
        self.published_values = {(e, m, p): float(v) for e, m, p, v in
                                 zip(plain.entity_id, plain.metric_id, plain.period, plain.value) if pd.notna(v)}
        self.unreproduced: list[tuple[str, str, str, str]] = []   # published ranks and counts calibration left out
        self.rows: list[tuple] = []

    # -- places -------------------------------------------------------------------------------
    def _units(self) -> dict[str, Unit]:
        preds = self.ref.lineage.groupby("successor_id").predecessor_id.apply(tuple).to_dict()
        units = {}
        for e in self.ref.entities.itertuples():
            if e.entity_kind not in ("province", "ministry"):
                continue
            units[e.entity_id] = Unit(
                e.entity_id, e.entity_kind, e.region_id, str(e.unit_type).startswith("thành phố"),
                date.fromisoformat(e.valid_from), date.fromisoformat(e.valid_to),
                e.par_index_status == "ranked", preds.get(e.entity_id, ()))
        return units

    def rng(self, *keys) -> np.random.Generator:
        return np.random.default_rng([self.seed, *(zlib.crc32(str(k).encode()) for k in keys)])

    def _traits(self, unit: Unit) -> Traits:
        if unit.predecessors:
            parts = [self.traits[p] for p in unit.predecessors]
            weights = np.array([t.volume for t in parts])
            return Traits(float(np.average([t.quality for t in parts], weights=weights)),
                          float(np.mean([t.trend for t in parts])), float(weights.sum()),
                          float(np.mean([t.procedures for t in parts]) * 1.03))
        r = self.rng(unit.entity_id, "traits")
        vol, procs = self.config["volume"][unit.kind], self.config["procedures"][unit.kind]
        volume = vol["median"] * np.exp(vol["sigma"] * r.normal())
        if unit.is_city:
            volume *= vol.get("city_factor", 1.0)
        return Traits(float(r.normal()), float(r.normal(0, 0.25)), float(volume),
                      float(procs["median"] * np.exp(procs["sigma"] * r.normal())))

    def members(self, kind: str, day: date, need=lambda u: True) -> list[Unit]:
        return [u for u in self.units.values() if u.kind == kind and u.valid_on(day) and need(u)]

    def unit_months(self, unit: Unit, since: date | None = None) -> list[Period]:
        return [p for p in self.months if unit.valid_on(p.start) and (since is None or p.start >= since)]

    # -- monthly rates ------------------------------------------------------------------------
    def _rate_path(self, unit: Unit, metric_id: str, months: list[Period]) -> np.ndarray:
        spec = self.config["rates"][metric_id]
        level, growth = spec[unit.kind]
        t, tr = _years_since_2022(months), self.traits[unit.entity_id]
        noise = self.rng(unit.entity_id, metric_id).normal(0, spec["noise"], len(months))
        return _sigmoid(level + growth * t + spec["spread"] * tr.quality + tr.trend * t + noise)

    def generate_dossier_rates(self) -> pd.DataFrame:
        rows = []
        for unit in self.units.values():
            months = self.unit_months(unit)
            if not months:
                continue
            tr, r = self.traits[unit.entity_id], self.rng(unit.entity_id, "volume")
            season = SEASON[[p.start.month - 1 for p in months]]
            growth = 1 + 0.04 * _years_since_2022(months)
            received = np.round(tr.volume * season * growth * np.exp(r.normal(0, 0.08, len(months))))
            bases = {"received": received, "settled": np.round(received * 0.96),
                     "fees": np.round(received * float(self.config["fee_share"])),
                     "procedures": np.round(tr.procedures * (1 + 0.01 * _years_since_2022(months)))}
            dens = {m: bases[spec.get("of", "received")] for m, spec in self.config["rates"].items()}
            nums = {m: np.round(self._rate_path(unit, m, months) * dens[m]) for m in dens}
            # a dossier handled fully online was filed online
            nums["dossiers_full_online"] = np.minimum(nums["dossiers_full_online"], nums["dossiers_online"])
            for i, p in enumerate(months):
                for m in dens:
                    rows.append(_row(unit.entity_id, m, p, None, nums[m][i], dens[m][i]))
        return pd.DataFrame(rows, columns=COLUMNS)

    # -- calibration of monthly ratios against yearly published facts ---------------------------
    def calibrate_yearly_ratios(self, monthly: pd.DataFrame) -> pd.DataFrame:
        """Rescale the months of each place-year so the year adds up to what was published."""
        monthly = monthly.copy()
        for metric_id in self.config["rates"]:
            metric = catalogue.get(metric_id)
            for year in sorted(p for p in self.facts.periods_with_facts(metric_id) if parse(p).grain == "year"):
                counts = {}
                for kind in ("province", "ministry"):
                    counts.update(self._calibrate_year(monthly, metric, year, kind))
                if metric.time_agg == "sum":
                    self._match_national(monthly, metric, year, counts)
        return monthly

    def _year_slice(self, monthly, metric_id, year, ids):
        mask = (monthly.metric_id == metric_id) & monthly.period.str.startswith(f"{year}-") & monthly.entity_id.isin(ids)
        return mask

    def _calibrate_year(self, monthly, metric, year, kind) -> dict:
        end = date(int(year), 12, 31)
        ids = {u.entity_id for u in self.members(kind, end)}
        facts = self.facts.rate_facts(metric.id, year, kind, ids)
        if facts.is_empty():
            return {}
        mask = self._year_slice(monthly, metric.id, year, ids)
        block = monthly[mask]
        if metric.time_agg == "last":
            block = block.sort_values("period").groupby("entity_id").tail(1)
        totals = block.groupby("entity_id")[["numerator", "denominator"]].sum()
        den = totals.denominator.astype(int).to_dict()
        rate = (100 * totals.numerator / totals.denominator).to_dict()
        counts = calibrate_rates(den, rate, facts, seed=zlib.crc32(f"{metric.id}{year}{kind}".encode()))
        for entity_id, (num, den_) in counts.items():
            rows = monthly.index[mask & (monthly.entity_id == entity_id)]
            if metric.time_agg == "last":
                monthly.loc[rows, "denominator"] = den_
                last = monthly.loc[rows].sort_values("period").index[-1]
                monthly.loc[rows, "numerator"] = np.minimum(monthly.loc[rows, "numerator"], num)
                monthly.loc[last, "numerator"] = num
            else:
                monthly.loc[rows, ["numerator", "denominator"]] = _spread(
                    monthly.loc[rows, "numerator"].to_numpy(), monthly.loc[rows, "denominator"].to_numpy(), num, den_)
                if rate.get(entity_id) and 0 < num < den_:
                    shift = _logit_of(num / den_) - _logit_of(rate[entity_id] / 100)
                    self._taper(monthly, metric.id, int(year), entity_id, shift)
        return counts

    def _taper(self, monthly, metric_id: str, year: int, entity_id: str, shift: float) -> None:
        """Carry part of a calibration into the place's neighbouring years (60% one year away,
        30% two), so a published year sits on a plausible path rather than a lone spike. Years
        with published facts of their own are left alone."""
        fact_years = {p for p in self.facts.periods_with_facts(metric_id)}
        for distance, weight in ((1, 0.6), (2, 0.3)):
            for other in (year - distance, year + distance):
                if str(other) in fact_years:
                    continue
                rows = monthly.index[(monthly.metric_id == metric_id) & (monthly.entity_id == entity_id)
                                     & monthly.period.str.startswith(f"{other}-")]
                if rows.empty:
                    continue
                num, den = monthly.loc[rows, "numerator"].to_numpy(), monthly.loc[rows, "denominator"].to_numpy()
                share = np.clip(num / np.where(den > 0, den, 1), 1e-4, 1 - 1e-4)
                monthly.loc[rows, "numerator"] = np.round(den * _sigmoid(_logit_of(share) + weight * shift))

    def _match_national(self, monthly, metric, year, counts) -> None:
        """Where the whole-country rate is published beside the provinces' and the ministries',
        the ministries' share of dossiers is what makes them agree: scale their volumes."""
        overall = self.facts.total(metric.id, year)
        if overall is None or not counts:
            return
        kinds = {e: self.units[e].kind for e in counts}
        pn = sum(n for e, (n, _) in counts.items() if kinds[e] == "province")
        pd_ = sum(d for e, (_, d) in counts.items() if kinds[e] == "province")
        mn = sum(n for e, (n, _) in counts.items() if kinds[e] == "ministry")
        md = sum(d for e, (_, d) in counts.items() if kinds[e] == "ministry")
        if not (pd_ and md) or abs(mn - overall / 100 * md) < 1e-9:
            return
        factor = (overall / 100 * pd_ - pn) / (mn - overall / 100 * md)
        if factor <= 0:
            return
        ministry_ids = [u.entity_id for u in self.units.values() if u.kind == "ministry"]
        mask = monthly.metric_id.isin(self.dossier_rates) & monthly.entity_id.isin(ministry_ids)
        monthly.loc[mask, ["numerator", "denominator"]] = np.round(
            monthly.loc[mask, ["numerator", "denominator"]].to_numpy() * factor)

    # -- Project 06 ---------------------------------------------------------------------------
    def generate_p06(self, service_ids: list[int]) -> list[tuple]:
        """Each service goes fully online nationally at some month; a province follows after a
        lag that is shorter the better it is run. A merged unit offers a service once any of its
        former units did (the same systems carry on)."""
        spec = self.config["p06"]
        first, last = parse(spec["first_service_month"]).start, parse(spec["last_service_month"]).start
        span = (last.year - first.year) * 12 + last.month - first.month
        r = self.rng("p06", "launch")
        launch = {s: int(r.integers(0, span * 0.8)) for s in service_ids}
        adopted: dict[str, dict[int, int]] = {}
        rows = []
        for unit in sorted(self.units.values(), key=lambda u: len(u.predecessors)):
            if unit.kind != "province":
                continue
            if unit.predecessors:
                adopted[unit.entity_id] = {s: min(adopted[p][s] for p in unit.predecessors) for s in service_ids}
            else:
                ru, q = self.rng(unit.entity_id, "p06"), self.traits[unit.entity_id].quality
                lag = spec["lag_months"] * 2 * _sigmoid(-q)
                adopted[unit.entity_id] = {s: min(launch[s] + int(max(0, ru.normal(lag, 3))), span + int(ru.integers(0, 4)))
                                           for s in service_ids}
            for p in self.unit_months(unit):
                month_index = (p.start.year - first.year) * 12 + p.start.month - first.month
                states = [int(month_index >= adopted[unit.entity_id][s]) for s in service_ids]
                rows += [_row(unit.entity_id, "p06_service_online", p, None, st, 1, str(s))
                         for s, st in zip(service_ids, states)]
                rows.append(_row(unit.entity_id, "p06_services", p, None, sum(states), len(service_ids)))
        return rows


def _spread(nums: np.ndarray, dens: np.ndarray, num: int, den: int) -> np.ndarray:
    """Months rescaled so they add up to (num, den) exactly, numerators never above denominators."""
    dens = _integer_scale(dens, den)
    nums = np.minimum(_integer_scale(nums, num), dens)
    short = num - int(nums.sum())
    for i in np.argsort(-(dens - nums)):
        if short <= 0:
            break
        step = min(short, int(dens[i] - nums[i]))
        nums[i] += step
        short -= step
    return np.column_stack([nums, dens])


def _integer_scale(values: np.ndarray, total: int) -> np.ndarray:
    """Integers proportional to values that add up to total (largest remainder)."""
    values = np.asarray(values, dtype=float)
    if values.sum() <= 0:
        values = np.ones_like(values)
    exact = values / values.sum() * total
    out = np.floor(exact)
    for i in np.argsort(-(exact - out))[: int(total - out.sum())]:
        out[i] += 1
    return out
