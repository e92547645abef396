"""The metric catalogue: every metric valid and labelled in both languages; problems reported at once."""
from __future__ import annotations

from datetime import date

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


def test_766_groups_five_until_2023_six_from_2024_with_the_published_maxima():
    def scheme(day):
        return [(g.id, g.max_at(day, "province")) for g in catalogue.components("index766", day, "province")]

    assert scheme(date(2023, 12, 1)) == [
        ("index766_transparency", 18), ("index766_progress", 20), ("index766_digitisation", 22),
        ("index766_online", 22), ("index766_satisfaction", 18)]
    assert scheme(date(2024, 1, 1)) == [
        ("index766_transparency", 18), ("index766_progress", 20), ("index766_digitisation", 22),
        ("index766_online", 12), ("index766_payment", 10), ("index766_satisfaction", 18)]
    assert catalogue.get("index766_payment").max_at(date(2023, 12, 1)) is None
    for day in (date(2022, 8, 1), date(2024, 1, 1), date(2026, 10, 1)):
        assert sum(g.max_at(day, "ministry") for g in catalogue.components("index766", day, "ministry")) == 100


def test_766_groups_csv_says_what_the_catalogue_says():
    groups = read_csv("index766_groups.csv")
    for g in groups.itertuples():
        day = date.fromisoformat(g.valid_from)
        assert catalogue.get(g.metric_id).max_at(day, "province") == float(g.max_points), g
    for day in sorted(set(groups.valid_from)):
        live = {m.id for m in catalogue.components("index766", date.fromisoformat(day), "province")}
        assert live == set(groups[groups.valid_from == day].metric_id), day


def test_par_index_points_add_up_for_each_kind_and_scheme():
    def points(year, kind):
        day = date(year, 1, 1)
        return {m.id: m.max_at(day, kind) for m in catalogue.components("par_index", day, kind) if m.unit == "score"}

    assert points(2023, "province") == {"par_appraisal": 61.5, "par_survey": 38.5}
    assert points(2023, "ministry") == {"par_appraisal": 68.5, "par_survey": 31.5}
    assert points(2021, "ministry") == {"par_appraisal": 63.5, "par_survey": 36.5}
    assert points(2021, "province") == {}      # the provinces' points before 876/QĐ-BNV are not known
    survey = {m.id: m.max_at(date(2024, 1, 1), "province") for m in catalogue.components("par_survey", kind="province")}
    assert survey == {"par_sipas_points": 10, "par_leaders_survey": 22, "par_socioeconomic": 6.5}
    assert catalogue.components("par_survey", kind="ministry") == []


def test_components_in_points_that_do_not_add_up_are_refused():
    entries = yaml.safe_load((DATA_DIR / "metrics.yaml").read_text(encoding="utf-8"))["metrics"]
    broken = [dict(e) for e in entries]
    online = next(e for e in broken if e["id"] == "index766_online")
    online["maxima"] = [{"from": "2022-08", "max": 22}, {"from": "2024-01", "max": 14}]
    payment = next(e for e in broken if e["id"] == "index766_payment")
    payment["maxima"] = [{"from": "2024-01", "max": 10, "kinds": ["nation"]}]
    with pytest.raises(catalogue.CatalogueError) as caught:
        catalogue.validate(broken)
    problems = caught.value.problems
    assert any("does not apply to" in p and "nation" in p for p in problems)
    with pytest.raises(catalogue.CatalogueError) as caught:
        catalogue.validate([e if e["id"] != "index766_payment" else dict(e, maxima=[{"from": "2024-01", "max": 10}])
                            for e in broken])
    assert any(p.startswith("index766 (province, from 2024-01-01)") and "= 102" in p for p in caught.value.problems)


def test_par_index_has_eight_province_fields_and_seven_ministry_fields():
    fields = catalogue.components("par_index", unit="pct")
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


def test_a_page_shows_one_breakdown_of_an_index_in_the_scheme_of_its_period():
    from datetime import date

    groups_2023 = [m.id for m in catalogue.breakdown("index766", date(2023, 6, 1), "province")]
    groups_2024 = [m.id for m in catalogue.breakdown("index766", date(2024, 6, 1), "province")]
    assert groups_2023 == ["index766_transparency", "index766_progress", "index766_digitisation", "index766_online",
                           "index766_satisfaction"]
    assert groups_2024 == groups_2023[:4] + ["index766_payment", "index766_satisfaction"]
    fields = [m.id for m in catalogue.breakdown("par_index", date(2024, 1, 1), "ministry")]
    assert fields == ["par_f1_direction", "par_f2_institutions", "par_f3_procedures", "par_f4_apparatus",
                      "par_f5_civil_service", "par_f6_public_finance", "par_f7_digital_government"]
    assert "par_appraisal" not in [m.id for m in catalogue.breakdown("par_index", date(2024, 1, 1), "province")]
