"""A small store for rule tests: the real reference data and catalogue, and a handful of
observations (tests/fixtures/observations.csv) with the edge cases: a zero denominator, a missing
month, ties, a merged province, a published regional average."""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from metrics.db import connect_writable
from metrics.paths import DATA_DIR
from metrics.periods import parse
from store import rollups
from store.build import _insert, write_reference
from store.sql import OBS_COLUMNS

FIXTURES = Path(__file__).parent / "fixtures"


def make_mini_store(path: Path, observations: Path = FIXTURES / "observations.csv", communes: bool = False) -> Path:
    """The store; with communes, the 3,321 communes of 2025 are places too (their figures, if
    any, come from `observations` like the others)."""
    con = connect_writable(path)
    con.execute((DATA_DIR / "schema.sql").read_text(encoding="utf-8"))
    write_reference(con)
    if communes:
        from store.communes import commune_entities, read_communes

        _insert(con, "entities", commune_entities(read_communes(DATA_DIR), DATA_DIR))
    obs = pd.read_csv(observations, dtype={"dimension_id": str, "period": str}, keep_default_na=False,
                      na_values={"value": [""], "numerator": [""], "denominator": [""]})
    obs["dimension_id"] = obs.dimension_id.fillna("")
    obs["period_start"] = [parse(p).start for p in obs.period]
    ratio = obs.numerator.notna() & obs.denominator.gt(0)
    obs.loc[ratio, "value"] = 100 * obs.numerator / obs.denominator
    obs["note"], obs["batch_id"] = None, None
    _insert(con, "observations", obs[list(OBS_COLUMNS)])
    con.execute((DATA_DIR / "views.sql").read_text(encoding="utf-8"))
    rollups.refresh(con)
    con.execute("INSERT INTO store_info VALUES ('built_at', '2026-11-01T00:00:00')")
    con.close()
    return path
