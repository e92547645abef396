"""Rules and subscriptions in the store: written through the swap with who and when, carried into a
rebuilt store, refused with every problem named (also from the command line), and a store built
before alerts is read as having none and written to with a clear message."""
from __future__ import annotations

from datetime import datetime

import duckdb
import pytest
from alert_cases.stores import case_store, rate

from alerts import registry
from alerts.__main__ import main
from alerts.rules import Rule, Subscription
from metrics.db import Store, connect_writable
from store.carry import carry_alerts


@pytest.fixture
def mini(tmp_path):
    return case_store(tmp_path / "kpi.duckdb", [rate("ha-noi", "dossiers_online", "2026-10", 50.0)])


def _store_rules(path):
    store = Store(path)
    try:
        return registry.rules(store), registry.subscriptions(store)
    finally:
        store.close()


def test_a_rule_is_kept_with_who_made_it_and_when_and_its_changes(mini):
    made = registry.add_rule(mini, Rule("", "collection:overview_tiles", "region", "dbsh", "change", 3.5,
                                        ("a@example.gov.vn",), "en", note="theo dõi vùng"), "Văn phòng",
                             now=datetime(2026, 11, 1, 9, 30))
    registry.set_rule_state(mini, made.rule_id, "paused", "Trưởng phòng", now=datetime(2026, 11, 2, 10, 0))
    (rule,), _ = _store_rules(mini)
    assert (rule.metrics, rule.scope, rule.scope_value, rule.condition, rule.threshold, rule.recipients, rule.lang,
            rule.note) == ("collection:overview_tiles", "region", "dbsh", "change", 3.5, ("a@example.gov.vn",), "en",
                           "theo dõi vùng")
    assert (rule.created_by, rule.created_at, rule.state, rule.changed_by, rule.changed_at) == (
        "Văn phòng", datetime(2026, 11, 1, 9, 30), "paused", "Trưởng phòng", datetime(2026, 11, 2, 10, 0))


def test_the_same_subscription_twice_is_one(mini):
    first = registry.subscribe(mini, Subscription("", "An@Example.gov.vn", "place", "ha-noi", "vi"), "VP")
    again = registry.subscribe(mini, Subscription("", "an@example.gov.vn", "place", "ha-noi", "en"), "VP")
    monthly = registry.subscribe(mini, Subscription("", "an@example.gov.vn", "monthly_report", None, "vi"), "VP")
    assert first == again != monthly
    _, subs = _store_rules(mini)
    assert [(s.email, s.topic, s.entity_id) for s in subs] == [("an@example.gov.vn", "monthly_report", None),
                                                              ("an@example.gov.vn", "place", "ha-noi")]
    with pytest.raises(registry.Refused) as refused:
        registry.subscribe(mini, Subscription("", "an@", "place", "atlantis", "fr"), "VP")
    assert [p.key for p in refused.value.problems] == ["alert_bad_email", "alert_bad_scope_value", "alert_bad_lang"]


def test_a_rebuilt_store_keeps_the_rules_and_subscriptions(mini, tmp_path):
    registry.add_rule(mini, Rule("", "dossiers_online", "kind", "province", "rank_drop", 5), "VP")
    registry.subscribe(mini, Subscription("", "an@example.gov.vn", "monthly_report", None, "vi"), "VP")
    (tmp_path / "new").mkdir()
    rebuilt = case_store(tmp_path / "new" / "kpi.duckdb", [])
    con = connect_writable(rebuilt)
    try:
        assert carry_alerts(mini, con) == 2
    finally:
        con.close()
    assert _store_rules(rebuilt) == _store_rules(mini)


def test_a_store_built_before_alerts_has_none_and_says_how_to_write(tmp_path, mini):
    con = connect_writable(mini)
    con.execute("DROP TABLE alert_rules")
    con.close()
    assert _store_rules(mini)[0] == []
    with pytest.raises(registry.StoreTooOld, match="make data"):
        registry.add_rule(mini, Rule("", "dossiers_online", "kind", "province", "rank_drop", 5), "VP")
    (tmp_path / "fresh").mkdir()
    fresh = connect_writable(case_store(tmp_path / "fresh" / "kpi.duckdb", []))
    try:
        assert carry_alerts(mini, fresh) == 0  # no alert_rules there, subscriptions empty: nothing to carry
    finally:
        fresh.close()


def test_the_command_line_adds_lists_and_refuses(mini, capsys):
    assert main(["add-rule", "--db", str(mini), "--condition", "no_figures", "--threshold", "10", "--scope", "kind",
                 "--value", "province", "--to", "vp@example.gov.vn", "--by", "Văn phòng"]) == 0
    assert main(["subscribe", "--db", str(mini), "gd@example.gov.vn", "--place", "ha-noi", "--lang", "en",
                 "--by", "Văn phòng"]) == 0
    assert main(["rules", "--db", str(mini)]) == 0
    out = capsys.readouterr().out
    assert "condition='no_figures'" in out and "threshold=10.0" in out
    assert main(["add-rule", "--db", str(mini), "--condition", "rank_drop", "--scope", "place", "--value", "atlantis",
                 "--by", "VP"]) == 2
    err = capsys.readouterr().err
    assert "Không tìm thấy “atlantis”" in err and "“atlantis” was not found" in err and "Số bậc phải từ 1" in err
    con = connect_writable(mini)
    try:
        with pytest.raises(duckdb.Error):  # the schema holds too: a rule names its condition, scope, who and when
            con.execute("INSERT INTO alert_rules (rule_id) VALUES ('x')")
    finally:
        con.close()
