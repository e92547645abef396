"""Each alert condition fires on a store built for it, for the place it is about and no other,
and stays silent just on the other side of its threshold; scopes (a region, a place, the
communes of a province) keep to their places; an event is recorded once however often it is checked."""
from __future__ import annotations

from datetime import date

import pytest
from alert_cases.stores import QUIET, add_rule, case_store, figure, fired, provinces_2025, ranked_month, rate

from alerts import evaluate
from alerts.ledger import Ledger

PLACES = provinces_2025()
WHO = "ha-noi"          # the place each case is about (region dbsh)
OTHER = "cao-bang"      # region tdmnpb


def _moved(order: list[str], who: str, to: int) -> list[str]:
    rest = [e for e in order if e != who]
    return rest[:to] + [who] + rest[to:]


def _store(tmp_path, rows, flags=(), communes=False):
    return case_store(tmp_path / "kpi.duckdb", rows, list(flags), communes)


def test_the_34_provinces_of_2025_are_the_places():
    assert len(PLACES) == 34 and WHO in PLACES and OTHER in PLACES


@pytest.mark.parametrize("fall, fires", [(5, True), (9, True), (4, False)])
def test_fell_n_places(tmp_path, fall, fires):
    order = [WHO] + [p for p in PLACES if p != WHO]
    store = _store(tmp_path, ranked_month("dossiers_online", "2026-09", order)
                   + ranked_month("dossiers_online", "2026-10", _moved(order, WHO, fall)))
    add_rule(store, "rank_drop", threshold=5)
    assert fired(store) == ([(WHO, "dossiers_online", "2026-10")] if fires else [])
    if fires:
        figures = Ledger.beside(store).firings().figures.iloc[0]
        assert (figures["previous_rank"], figures["rank"], figures["rank_change"], figures["places"]) == (1, fall + 1, -fall, 34)


@pytest.mark.parametrize("october, fires", [(70.1, True), (54.9, True), (65.0, False), (55.0, False)])
def test_changed_by_more_than_x_points(tmp_path, october, fires):
    rows = [rate(p, "dossiers_online", m, 50.0) for p in PLACES if p != WHO for m in ("2026-09", "2026-10")]
    rows += [rate(WHO, "dossiers_online", "2026-09", 60.0), rate(WHO, "dossiers_online", "2026-10", october)]
    store = _store(tmp_path, rows)
    add_rule(store, "change", threshold=5)
    assert fired(store) == ([(WHO, "dossiers_online", "2026-10")] if fires else [])
    if fires:
        figures = Ledger.beside(store).firings().figures.iloc[0]
        assert figures["change"] == pytest.approx(october - 60.0) and figures["previous_period"] == "2026-09"


@pytest.mark.parametrize("value, fires", [(97.5, True), (100.0, False)])
def test_below_its_target(tmp_path, value, fires):
    """dossiers_synced: 100% for every place (kh-cctthc-2024, data/targets.csv), in force after 2024."""
    rows = [rate(p, "dossiers_synced", "2026-10", 100.0) for p in PLACES if p != WHO]
    rows.append(rate(WHO, "dossiers_synced", "2026-10", value))
    store = _store(tmp_path, rows)
    add_rule(store, "below_target", metrics="dossiers_synced")
    assert fired(store) == ([(WHO, "dossiers_synced", "2026-10")] if fires else [])
    if fires:
        figures = Ledger.beside(store).firings().figures.iloc[0]
        assert (figures["target_value"], figures["target_comparison"], figures["target_year"]) == (100.0, ">=", 2024)
        assert figures["target_gap"] == pytest.approx(-2.5) and figures["target_source"] == "kh-cctthc-2024"


@pytest.mark.parametrize("threshold, fires", [(5, True), (7, False)])
def test_overdue_tasks_above_n(tmp_path, threshold, fires):
    rows = [figure(p, "tasks_overdue", "2026", 7 if p == WHO else 2) for p in PLACES]
    rows += [figure(m, "tasks_overdue", "2026", 1) for m in ("mof-2025", "moj")]
    store = _store(tmp_path, rows)
    add_rule(store, "overdue_tasks", metrics="collection:overview_tiles", threshold=threshold)
    assert fired(store) == ([(WHO, "tasks_overdue", "2026")] if fires else [])


@pytest.mark.parametrize("today, sent, fires", [
    (date(2026, 11, 20), False, True),    # October's figures were due on 10 November
    (date(2026, 11, 10), False, True),
    (date(2026, 11, 9), False, False),    # not due yet: September is checked, and everybody sent it
    (date(2026, 11, 20), True, False),
])
def test_no_figures_by_day_d(tmp_path, today, sent, fires):
    rows = [rate(p, "dossiers_online", "2026-09", 50.0) for p in PLACES]
    rows += [rate(p, "dossiers_online", "2026-10", 50.0) for p in PLACES if p != WHO or sent]
    store = _store(tmp_path, rows)
    add_rule(store, "no_figures", threshold=10)
    assert fired(store, today) == ([(WHO, "dossiers_online", "2026-10")] if fires else [])
    if fires:
        figures = Ledger.beside(store).firings().figures.iloc[0]
        assert figures["due"] == "2026-11-10" and figures["last_period"] == "2026-09"


def _flag(entity: str, metric: str = "dossiers_online") -> dict:
    return dict(flag_id=f"stated-rate:{entity}:{metric}:2026-10", entity_id=entity, metric_id=metric, period="2026-10",
                kind="stated_rate_mismatch", stated_value=55.0, computed_value=50.0, source_id="demo",
                message_vi="Báo cáo ghi 55%, số đếm cho 50%.", message_en="The report states 55%, its counts give 50%.")


@pytest.mark.parametrize("flags, fires", [([_flag(WHO)], True), ([_flag("mof-2025")], False),
                                          ([_flag(WHO, "dossiers_synced")], False), ([], False)])
def test_a_quality_flag_raised(tmp_path, flags, fires):
    store = _store(tmp_path, [rate(p, "dossiers_online", "2026-10", 50.0) for p in PLACES], flags)
    add_rule(store, "quality_flag")
    assert fired(store) == ([(WHO, "dossiers_online", "2026-10")] if fires else [])
    if fires:
        assert Ledger.beside(store).firings().figures.iloc[0]["message_vi"] == "Báo cáo ghi 55%, số đếm cho 50%."


@pytest.mark.parametrize("scope, value, fires", [("region", "dbsh", True), ("region", "tdmnpb", False),
                                                 ("place", WHO, True), ("place", OTHER, False),
                                                 ("kind", "ministry", False)])
def test_a_scope_keeps_to_its_places(tmp_path, scope, value, fires):
    order = [WHO] + [p for p in PLACES if p != WHO]
    store = _store(tmp_path, ranked_month("dossiers_online", "2026-09", order)
                   + ranked_month("dossiers_online", "2026-10", _moved(order, WHO, 20)))
    add_rule(store, "rank_drop", scope=scope, value=value, threshold=5)
    assert fired(store) == ([(WHO, "dossiers_online", "2026-10")] if fires else [])


def test_the_communes_of_a_province_are_ranked_among_themselves(tmp_path):
    communes = ["xa-00004", "xa-00008", "xa-00025", "xa-00070", "xa-00073", "xa-00091", "xa-00097", "xa-00103"]
    store = _store(tmp_path, ranked_month("dossiers_online", "2026-09", communes)
                   + ranked_month("dossiers_online", "2026-10", _moved(communes, "xa-00004", 6)), communes=True)
    add_rule(store, "rank_drop", scope="communes", value="ha-noi", threshold=5)
    assert fired(store) == [("xa-00004", "dossiers_online", "2026-10")]
    figures = Ledger.beside(store).firings().figures.iloc[0]
    assert (figures["entity_name"], figures["parent_id"], figures["places"]) == ("Phường Ba Đình", "ha-noi", 8)


def test_an_event_is_recorded_once_however_often_it_is_checked(tmp_path):
    order = [WHO] + [p for p in PLACES if p != WHO]
    store = _store(tmp_path, ranked_month("dossiers_online", "2026-09", order)
                   + ranked_month("dossiers_online", "2026-10", _moved(order, WHO, 10)))
    add_rule(store, "rank_drop", threshold=5, recipients=("vp@example.gov.vn",))
    assert len(fired(store)) == 1
    again = evaluate.evaluate_scheduled(store, date(2026, 11, 21), config=QUIET)
    assert again.findings == 1 and again.new_firings == [] and again.new_messages == []
    assert len(Ledger.beside(store).messages()) == 1


def test_a_paused_rule_is_not_checked(tmp_path):
    from alerts import registry

    order = [WHO] + [p for p in PLACES if p != WHO]
    store = _store(tmp_path, ranked_month("dossiers_online", "2026-09", order)
                   + ranked_month("dossiers_online", "2026-10", _moved(order, WHO, 10)))
    rule = add_rule(store, "rank_drop", threshold=5)
    registry.set_rule_state(store, rule.rule_id, "paused", "Văn phòng")
    assert fired(store) == []
