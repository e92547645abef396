"""The words and links of an alert, without a store: every condition says what happened in both
languages and links to its own view; one message per person whatever the number of reasons
(a subscription's language wins), at most 20 findings spelled out; a draft rule's problems are
listed all at once."""
from __future__ import annotations

from datetime import datetime
from urllib.parse import parse_qs, urlsplit

import pytest

from alerts import links, messages, texts
from alerts.ledger import Finding
from alerts.rules import Rule, Subscription, parse_recipients, rule_problems

BASE = "https://cchc.example.gov.vn"
FIGURES = {"entity_name": "Hà Giang", "entity_name_en": "Ha Giang", "kind": "province", "value": 45.2,
           "numerator": 452, "denominator": 1000, "status": "published", "rank": 9, "previous_rank": 3,
           "rank_change": -6, "places": 34, "change": -7.5, "previous_value": 52.7, "previous_period": "2026-09",
           "target_value": 60.0, "target_comparison": ">=", "target_year": 2025, "target_source": "76/NQ-CP",
           "threshold": 5, "due": "2026-11-10", "last_period": "2026-08", "stated_value": 55.0, "computed_value": 50.0,
           "message_vi": "Nguồn ghi 55%.", "message_en": "The source states 55%.",
           "sources": [{"source_id": "130/BC-VPCP", "number": "130/BC-VPCP", "title_vi": "Báo cáo tháng 10",
                        "title_en": None, "issued_on": "2026-11-05", "batch_id": "20261116-090000-ab12cd34"}]}
EXPECTED = {  # condition -> (Vietnamese words, English words, page, the parameters that make the view)
    "below_target": ("chưa đạt mục tiêu ≥ 60% (năm 2025, 76/NQ-CP)", "short of the target ≥ 60%", "/so-sanh",
                     {"place": "ha-giang", "metric": "dossiers_online", "period": "2026-10", "grain": "month"}),
    "rank_drop": ("tụt 6 bậc, từ hạng 3 xuống hạng 9/34", "down 6 places, from 3 to 9 of 34", "/so-sanh",
                  {"place": "ha-giang", "period": "2026-10"}),
    "change": ("thay đổi −7,50 điểm % so với Tháng 9/2026 (52,70% → 45,20%)", "changed by −7.50", "/so-sanh",
               {"place": "ha-giang", "period": "2026-10"}),
    "overdue_tasks": ("năm 2026: 45 nhiệm vụ quá hạn (ngưỡng cảnh báo: trên 5)", "45 overdue tasks", "/nhiem-vu",
                      {"year": "2026", "kind": "province"}),
    "no_figures": ("chưa nhận được số liệu (hạn gửi 10/11/2026); kỳ gần nhất có số liệu: Tháng 8/2026",
                   "no figures received (due 2026-11-10)", "/xu-huong",
                   {"places": "ha-giang", "metric": "dossiers_online", "grain": "month"}),
    "quality_flag": ("cờ chất lượng số liệu — Nguồn ghi 55%.", "data quality flag — The source states 55%.",
                     "/du-lieu", {}),
}


def _finding(condition: str, entity: str = "ha-giang", **figures) -> Finding:
    metric = "tasks_overdue" if condition == "overdue_tasks" else "dossiers_online"
    period = "2026" if condition == "overdue_tasks" else "2026-10"
    return Finding("r1", condition, entity, metric, period, {**FIGURES, **figures})


@pytest.mark.parametrize("condition", sorted(EXPECTED))
def test_every_condition_says_what_happened_and_links_to_its_view(condition):
    vi_words, en_words, page, params = EXPECTED[condition]
    finding = _finding(condition)
    assert texts.what_happened(finding, "vi").startswith("Hà Giang — ") and vi_words in texts.what_happened(finding, "vi")
    assert texts.what_happened(finding, "en").startswith("Ha Giang — ") and en_words in texts.what_happened(finding, "en")
    assert "Hà Giang" in texts.headline(finding, "vi") and "Ha Giang" in texts.headline(finding, "en")
    link = urlsplit(links.finding_link(BASE, finding, "vi"))
    query = {k: v[0] for k, v in parse_qs(link.query).items()}
    assert link.path == page and query["lang"] == "vi" and query.items() >= params.items()


def test_the_figure_says_its_document_date_and_how_it_came_in():
    finding = _finding("rank_drop")
    assert texts.figure_line(finding, "vi") == ("Số liệu: 45,20% (452/1.000) · số liệu nhập từ báo cáo "
                                                "(đợt nhập 20261116-090000-ab12cd34)")
    assert texts.source_line(finding, "vi") == "Nguồn: 130/BC-VPCP ngày 05/11/2026 — Báo cáo tháng 10"
    assert texts.source_line(finding, "en") == "Source: 130/BC-VPCP of 2026-11-05 — Báo cáo tháng 10"
    demo = _finding("rank_drop", status="demo", sources=[], estimated=True)
    assert texts.figure_line(demo, "vi").endswith("· dữ liệu minh họa · ước tính*")
    assert texts.source_line(demo, "vi") == "Nguồn: dữ liệu minh họa (không phải số liệu chính thức)"


def test_one_message_per_person_in_the_subscription_language():
    rule = Rule("r1", "dossiers_online", "kind", "province", "rank_drop", 5, ("gd@example.gov.vn", "vp@example.gov.vn"),
                created_by="Văn phòng", created_at=datetime(2026, 11, 1))
    people = [Subscription("s1", "GD@example.gov.vn", "place", "ha-giang", "en"),
              Subscription("s2", "cb@example.gov.vn", "place", "cao-bang", "vi")]
    found = [_finding("rank_drop"), _finding("change")]
    out = messages.compose_alerts(found, {"r1": rule}, people, BASE, lambda r, lang: "rule words")
    by_person = {o.recipient: o for o in out}
    assert set(by_person) == {"gd@example.gov.vn", "vp@example.gov.vn"}
    assert by_person["gd@example.gov.vn"].lang == "en" and by_person["vp@example.gov.vn"].lang == "vi"
    assert by_person["gd@example.gov.vn"].firing_ids == (0, 1)
    assert by_person["vp@example.gov.vn"].subject == "[CCHC] 2 cảnh báo mới: Hà Giang"
    body = by_person["gd@example.gov.vn"].body
    assert "you are a recipient of the alert rule and you follow Ha Giang" in body
    assert "Rule: rule words (made by Văn phòng on 2026-11-01)" in body


def test_a_message_spells_out_at_most_twenty_findings():
    rule = Rule("r1", "dossiers_online", "kind", "province", "rank_drop", 5, ("vp@example.gov.vn",))
    found = [_finding("rank_drop", entity=f"p{i}", entity_name=f"Tỉnh {i}") for i in range(25)]
    (out,) = messages.compose_alerts(found, {"r1": rule}, [], BASE, lambda r, lang: "")
    assert "20. Tỉnh 19" in out.body and "21. " not in out.body
    assert "… và 5 mục khác: xem tất cả tại https://cchc.example.gov.vn/canh-bao?lang=vi" in out.body
    assert len(out.firing_ids) == 25


def test_every_problem_of_a_draft_is_listed_at_once():
    draft = Rule("", "no_such_metric", "region", "atlantis", "rank_drop", 0, parse_recipients("a@b.vn; nope, c@d.vn"))
    problems = rule_problems(draft, {"ha-noi": "province"}, {"dbsh"})
    assert [(p.field, p.key) for p in problems] == [("scope_value", "alert_bad_scope_value"),
                                                    ("metrics", "alert_bad_metric"),
                                                    ("threshold", "alert_bad_threshold_places"),
                                                    ("recipients", "alert_bad_email")]
    assert problems[-1].values == {"value": "nope"}
    ministry_only = Rule("", "par_index", "communes", "ha-noi", "below_target")
    assert [p.key for p in rule_problems(ministry_only, {"ha-noi": "province"}, set())] == ["alert_metric_not_for_scope"]
