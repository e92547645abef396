"""The alerts in the app (AppTest): the rules page for viewers and editors (a bad address named, a
rule added, paused and deleted, a subscription added and removed, every rule checked now); the
"Cần chú ý" panel on the overview and on a profile, each item a link that opens exactly its
view; the history of e-mails on the data page, addresses shortened."""
from __future__ import annotations

from datetime import date, datetime
from urllib.parse import parse_qs, urlsplit

import bcrypt
import pytest
from apptest import assert_clean, open_page
from conftest import ROOT
from ingest_cases.helpers import writable_store  # noqa: F401 (fixture)
from streamlit.testing.v1 import AppTest

from alerts import evaluate, registry
from alerts.ledger import Ledger, Outgoing
from alerts.rules import Rule
from alerts.settings import Settings
from ui.data import store as cached_store

PASSWORD = "mật khẩu thử nghiệm 2026"
HASH = bcrypt.hashpw(PASSWORD.encode(), bcrypt.gensalt(rounds=4)).decode()


@pytest.fixture(autouse=True)
def _quiet(monkeypatch):
    monkeypatch.setenv("KPI_SECRETS", "/nonexistent")


@pytest.fixture
def page_store(writable_store, monkeypatch):  # noqa: F811
    """The app reads (and the page writes) a private copy of the test store."""
    monkeypatch.setenv("KPI_STORE", str(writable_store))
    cached_store.clear()
    yield writable_store
    cached_store.clear()
    monkeypatch.undo()
    cached_store()  # back on the session store for the tests that follow


def _alerts_page(secrets: dict | None = None, lang: str = "vi") -> AppTest:
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120)
    for key, value in (secrets or {}).items():
        at.secrets[key] = value
    at.query_params["lang"] = lang
    at.run()
    at.switch_page("pages/alerts.py").run()
    assert_clean(at)
    return at


def _click(at: AppTest, key: str) -> AppTest:
    at.button(key=key).click().run()
    assert_clean(at)
    return at


def _fired(store, today=date(2026, 11, 20)):
    registry.add_rule(store, Rule("", "collection:overview_tiles", "kind", "province", "rank_drop", 3,
                                  ("vp@example.gov.vn",)), "Văn phòng")
    evaluate.evaluate_scheduled(store, today, datetime(2026, 11, 20, 8), Settings(base_url="http://cchc.example.gov.vn"))
    return Ledger.beside(store).firings()


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_a_viewer_sees_the_rules_and_how_mail_goes_out_but_no_form(page_store, lang):
    at = _alerts_page(lang=lang)
    assert at.title[0].value == ("Cảnh báo và báo cáo định kỳ" if lang == "vi" else "Alerts and scheduled reports")
    assert "alert_add" not in {b.key for b in at.button}
    text = " ".join(w.value for w in at.warning) + " ".join(i.value for i in at.info)
    assert ("Chưa cấu hình máy chủ SMTP" if lang == "vi" else "No SMTP server is set") in text


def test_an_editor_adds_pauses_and_deletes_a_rule_and_manages_subscriptions(page_store):
    at = _alerts_page({"editors": {"password_hash": HASH}})
    at.text_input(key="auth_name").input("Nguyễn Văn An")
    at.text_input(key="auth_password").input(PASSWORD)
    next(b for b in at.button if b.label == "Đăng nhập").click().run()
    assert_clean(at)
    at.selectbox(key="alert_condition").select("rank_drop").run()
    at.number_input(key="alert_threshold_rank_drop").set_value(5.0)
    at.text_area(key="alert_recipients").input("bcd@example.gov.vn, không-phải-thư")
    _click(at, "alert_add")
    assert "“không-phải-thư” không phải là địa chỉ thư điện tử" in at.error[0].value
    assert registry.rules(cached_store()) == []
    at.text_area(key="alert_recipients").input("bcd@example.gov.vn; vp@example.gov.vn")
    _click(at, "alert_add")
    (rule,) = registry.rules(cached_store())
    assert (rule.condition, rule.threshold, rule.scope, rule.scope_value, rule.metrics) == (
        "rank_drop", 5.0, "kind", "province", "collection:overview_tiles")
    assert rule.recipients == ("bcd@example.gov.vn", "vp@example.gov.vn") and rule.created_by == "Nguyễn Văn An (mật khẩu biên tập)"
    assert "Tụt từ 5 bậc trở lên · Tất cả chỉ số chính · Tất cả tỉnh, thành phố" in at.success[0].value
    _click(at, "alert_pause")
    assert registry.rules(cached_store())[0].state == "paused"
    _click(at, "alert_delete")
    assert registry.rules(cached_store())[0].state == "deleted" and registry.rules(cached_store(), "active") == []

    at.text_input(key="alert_sub_email").input("GD@Example.gov.vn")
    at.selectbox(key="alert_sub_place").select("ha-noi")
    _click(at, "alert_subscribe")
    (sub,) = registry.subscriptions(cached_store())
    assert (sub.email, sub.topic, sub.entity_id, sub.lang) == ("gd@example.gov.vn", "place", "ha-noi", "vi")
    _click(at, "alert_unsubscribe")
    assert registry.subscriptions(cached_store()) == []

    registry.add_rule(page_store, Rule("", "dossiers_online", "kind", "province", "change", 1), "VP")
    _click(at, "alert_check_now")
    assert "cảnh báo mới" in at.success[0].value
    assert not Ledger.beside(page_store).firings().empty


def test_the_panel_lists_what_fired_and_each_item_opens_its_view(page_store):
    fired = _fired(page_store)
    october = fired[fired.period == "2026-10"].iloc[0]
    at = open_page("tong-quan", {"kind": "province", "grain": "month", "period": "2026-10"})
    assert_clean(at)
    panel = " ".join(m.value for m in at.markdown if "so-sanh?" in m.value)
    assert october.figures["entity_name"] in panel and "tụt" in panel
    link = next(part.split(")")[0] for part in panel.split("](")[1:] if f"place={october.entity_id}" in part)
    assert not link.startswith("/")  # relative to the page: works under any base path
    params = {k: v[0] for k, v in parse_qs(urlsplit(link).query).items()}
    view = open_page(urlsplit(link).path, {k: v for k, v in params.items() if k not in ("lang", "map")},
                     lang=params["lang"], boundary=params["map"])
    assert_clean(view)
    chosen = {key: view.session_state[f"w_{key}"] for key in ("kind", "metric", "grain", "period", "place")}
    assert chosen == {"kind": "province", "metric": october.metric_id, "grain": "month", "period": "2026-10",
                      "place": october.entity_id}
    assert october.entity_id in " ".join(m.value for m in view.markdown if "so-sanh?" in m.value)  # its own panel

    quiet = open_page("tong-quan", {"kind": "ministry", "grain": "month", "period": "2026-10"}, lang="en")
    assert_clean(quiet)
    assert any("Nothing fired for Oct 2026." in c.value for c in quiet.caption)


def test_the_data_page_lists_the_e_mails_with_addresses_shortened(page_store):
    ledger = Ledger.beside(page_store)
    ledger.add_messages([Outgoing("alert", "t:1", "gd@example.gov.vn", "vi", "[CCHC] Hà Nội tụt 6 bậc", "…"),
                         Outgoing("monthly", "t:2", "bcd@example.gov.vn", "vi", "[CCHC] Báo cáo tháng 10/2026", "…")],
                        datetime(2026, 11, 5, 8))
    ledger.mark_sent(1, datetime(2026, 11, 5, 8, 1))
    at = open_page("du-lieu")
    assert_clean(at)
    frame = next(d.value for d in at.dataframe if "Người nhận" in d.value.columns)
    assert list(frame["Người nhận"]) == ["b…@example.gov.vn", "g…@example.gov.vn"]
    assert list(frame["Trạng thái"]) == ["Đang chờ gửi", "Đã gửi"]
    assert "gd@example.gov.vn" not in frame.to_string()
