"""An import that moves a province five places down sends one message to each of its subscribers
(in their language, with the figure, its document and status, and a link to the view) and none
on a repeat, an undo or the same figures imported again; an evaluation that breaks after the
import is done by the next pass, once."""
from __future__ import annotations

from datetime import date, datetime
from urllib.parse import parse_qs, urlsplit

import pytest
from alert_cases.smtp import smtp_server
from ingest_cases.corpus import csv_bytes, row
from ingest_cases.helpers import writable_store  # noqa: F401 (fixture)

from alerts import registry, schedule
from alerts.delivery import deliver_due
from alerts.ledger import Ledger
from alerts.rules import Rule, Subscription
from alerts.settings import Settings
from ingest import import_plan, prepare, undo
from l10n.formatting import format_count_of, format_value
from metrics.db import Store
from metrics.rankings import ranking

TODAY = date(2026, 11, 15)
SOURCE = "Báo cáo 130/BC-VPCP ngày 05/11/2026"
BASE = "http://cchc.example.gov.vn"
WHO = datetime(2026, 11, 16, 9, 0)


@pytest.fixture(autouse=True)
def _settings(monkeypatch):
    monkeypatch.setenv("KPI_SECRETS", "/nonexistent")
    monkeypatch.setenv("ALERTS_BASE_URL", BASE)


def _five_places_down(path) -> tuple[str, str, float, str]:
    """A province and the October figure that puts it exactly five places below its September rank
    (entity id, its name, the value in %), and a province that does not move down."""
    store = Store(path)
    try:
        now = ranking(store, "dossiers_online", "2026-10", "province")
        before = ranking(store, "dossiers_online", "2026-09", "province")
    finally:
        store.close()
    before_rank = dict(zip(before.entity_id, before["rank"]))
    place = next(e for e in now.entity_id if 3 <= before_rank[e] <= 20)
    others = now[now.entity_id != place].value.round(2).tolist()
    p = before_rank[place]
    value = (others[p + 3] + others[p + 4]) / 2  # p + 4 others above it: rank p + 5
    steady = next(e for e, change in zip(now.entity_id, now.rank_change) if e != place and change >= 0)
    return place, now.set_index("entity_id").entity_name[place], value, steady


def _import(path, name: str, value: float):
    data = csv_bytes([row(place=name, period="10/2026", num=str(round(value * 1000)), den="100000", source=SOURCE)])
    store = Store(path)
    try:
        preview = prepare(store, "thang-10-2026.csv", data, today=TODAY)
    finally:
        store.close()
    assert preview.ok, [(i.row, i.column, i.problem()) for i in preview.errors]
    return import_plan(path, preview, who="vp@example.gov.vn", now=WHO)


def _people(path, place: str, steady: str, metrics: str = "dossiers_online") -> None:
    """A rule on five places down, two subscribers of the place and one of a steady province."""
    registry.add_rule(path, Rule("", metrics, "kind", "province", "rank_drop", 5), "Văn phòng")
    for email, where, lang in (("gd@example.gov.vn", place, "vi"), ("advisor@example.org", place, "en"),
                               ("other@example.gov.vn", steady, "vi")):
        registry.subscribe(path, Subscription("", email, "place", where, lang), "Văn phòng")


def test_an_import_that_moves_a_province_five_places_sends_one_message_to_each_subscriber(writable_store):  # noqa: F811
    place, name, value, steady = _five_places_down(writable_store)
    _people(writable_store, place, steady, "collection:overview_tiles")
    with smtp_server() as (port, inbox):
        config = Settings(smtp_host="127.0.0.1", smtp_port=port, smtp_tls="none", base_url=BASE)
        written = _import(writable_store, name, value)
        assert deliver_due(Ledger.beside(writable_store), config).sent
        assert sorted(m["To"] for m in inbox.messages) == ["advisor@example.org", "gd@example.gov.vn"]

        vi, en = inbox.to("gd@example.gov.vn")[0], inbox.to("advisor@example.org")[0]
        assert vi["Subject"] == f"[CCHC] {name} tụt 5 bậc — Hồ sơ nộp trực tuyến, Tháng 10/2026"
        body = vi.get_content()
        counts = round(value * 1000)
        assert f"Số liệu: {format_value(counts / 1000, 'pct', 'vi')} ({format_count_of(counts, 100000, 'vi')})" in body
        assert "Nguồn: 130/BC-VPCP ngày 05/11/2026" in body
        assert f"số liệu nhập từ báo cáo (đợt nhập {written.batch_id})" in body
        link = next(line.split(": ", 1)[1] for line in body.splitlines() if "Xem trên bảng điều khiển" in line)
        parts = urlsplit(link)
        assert (parts.netloc, parts.path) == ("cchc.example.gov.vn", "/so-sanh")
        assert {k: v[0] for k, v in parse_qs(parts.query).items()} == {
            "lang": "vi", "map": "2025", "kind": "province", "metric": "dossiers_online", "grain": "month",
            "period": "2026-10", "place": place}
        assert en["Subject"].startswith("[CCHC] ") and "down 5 places" in en["Subject"]
        assert "Source: 130/BC-VPCP of 2026-11-05" in en.get_content() and "lang=en" in en.get_content()

        # a repeat: the same file again writes nothing; an undo and a new import of the same
        # figures bring back the same event, which has been told already
        assert _import(writable_store, name, value).batch_id is None
        undo(writable_store, written.batch_id, now=WHO)
        again = _import(writable_store, name, value)
        assert again.batch_id not in (None, written.batch_id)
        deliver_due(Ledger.beside(writable_store), config)
        assert len(inbox.messages) == 2
    firings = Ledger.beside(writable_store).firings()
    assert list(firings.condition) == ["rank_drop"] and list(firings.cause) == [f"import:{written.batch_id}"]


def test_an_evaluation_that_breaks_after_the_import_is_done_by_the_next_pass_once(writable_store, monkeypatch):  # noqa: F811
    from alerts import messages

    place, name, value, steady = _five_places_down(writable_store)
    _people(writable_store, place, steady)
    compose = messages.compose_alerts
    monkeypatch.setattr(messages, "compose_alerts", lambda *a, **k: 1 / 0)
    written = _import(writable_store, name, value)
    assert written.batch_id  # the import stands
    ledger = Ledger.beside(writable_store)
    assert ledger.firings().empty and ledger.messages().empty  # nothing half-recorded
    assert ledger.pending_evaluations() == [(written.batch_id, "import")]
    monkeypatch.setattr(messages, "compose_alerts", compose)
    with smtp_server() as (port, inbox):
        config = Settings(smtp_host="127.0.0.1", smtp_port=port, smtp_tls="none", base_url=BASE)
        done = schedule.run_due(writable_store, config, now=datetime(2026, 11, 16, 10, 0), today=TODAY)
        assert done.resumed == 1 and len(done.delivery.sent) == 2
        schedule.run_due(writable_store, config, now=datetime(2026, 11, 16, 11, 0), today=TODAY)
        assert len(inbox.messages) == 2
    assert ledger.pending_evaluations() == []
