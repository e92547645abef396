"""The metric catalogue: every metric valid and labelled in both languages; problems reported at once."""
from __future__ import annotations

import pytest
import yaml

from metrics import catalogue
from metrics.paths import DATA_DIR
from store.reference import read_csv

REQUIRED_IDS = {
    "online_procedures", "dossiers_online", "dossiers_full_online", "dossiers_on_time",
    "dossiers_digitised", "dossiers_synced", "p06_services", "p06_service_online", "index766",
    "par_index", "sipas", "tasks_assigned", "tasks_on_time", "tasks_late", "tasks_in_progress",
    "tasks_overdue", "reform_documents", "procedures_time_cut",
}


def test_catalogue_loads_and_has_every_required_metric():
    ids = set(catalogue.catalogue())
    assert REQUIRED_IDS <= ids


def test_every_metric_is_labelled_in_both_languages_and_sourced():
    sources = set(read_csv("sources.csv").source_id)
    for m in catalogue.catalogue().values():
        assert m.label_vi and m.label_en and m.description_vi and m.description_en, m.id
        assert m.label_vi != m.label_en, m.id
        assert m.source in sources, m.id


def test_766_groups_add_up_to_100_points_with_the_published_maxima():
    groups = catalogue.components("index766")
    assert [g.max_value for g in groups] == [18, 20, 22, 22, 18]
    assert sum(g.max_value for g in groups) == catalogue.get("index766").max_value == 100


def test_par_index_has_eight_province_fields_and_seven_ministry_fields():
    fields = catalogue.components("par_index")
    assert len([f for f in fields if f.applies_to("province")]) == 8
    assert len([f for f in fields if f.applies_to("ministry")]) == 7


def test_every_problem_is_reported_at_once():
    entries = yaml.safe_load((DATA_DIR / "metrics.yaml").read_text(encoding="utf-8"))["metrics"]
    broken = [dict(e) for e in entries[:3]]
    broken[0]["unit"] = "percent"            # not a unit
    broken[1]["place_agg"] = "mean"          # a ratio must add up numerators and denominators
    del broken[2]["label_en"]                # missing label
    broken.append(dict(entries[3]))          # a duplicate id
    broken[3]["id"] = broken[0]["id"]
    with pytest.raises(catalogue.CatalogueError) as caught:
        catalogue.validate(broken, known_sources={"76/NQ-CP"})
    problems = caught.value.problems
    assert any("unit 'percent'" in p for p in problems)
    assert any("sum(numerator)/sum(denominator)" in p for p in problems)
    assert any("missing 'label_en'" in p for p in problems)
    assert any("declared more than once" in p for p in problems)
    assert any("not in data/sources.csv" in p for p in problems)  # sources other than 76/NQ-CP
    assert len(problems) >= 5


def test_bands_read_highest_first():
    par = catalogue.get("par_index")
    assert par.band_for(91.0).label_vi == "Nhóm A"
    assert par.band_for(85.0).label_vi == "Nhóm B"
    assert par.band_for(75.0).label_vi == "Nhóm C"
    assert catalogue.get("index766").band_for(45).label_vi == "Yếu"
