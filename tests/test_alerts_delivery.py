"""Delivery over a real SMTP server on 127.0.0.1: a refused or unreachable server is retried with
back-off and reported, never lost; STARTTLS with a login works and a wrong password is reported;
the monthly report arrives on its day with a deck python-pptx opens, once per person."""
from __future__ import annotations

import io
from datetime import date, datetime, timedelta

import pytest
from alert_cases.smtp import certificate, smtp_server
from ingest_cases.helpers import writable_store  # noqa: F401 (fixture)
from pptx import Presentation

from alerts import monthly, registry, schedule
from alerts.__main__ import main
from alerts.delivery import deliver_due, email_of, wait_after
from alerts.ledger import Ledger, Outgoing
from alerts.rules import Subscription
from alerts.settings import Settings, load
from ui.serve import free_port

NOW = datetime(2026, 11, 20, 8, 0)
SUBJECT = "[CCHC] Tuyên Quang tụt 5 bậc — Hồ sơ nộp trực tuyến toàn trình, Tháng 10/2026 và các chỉ số khác"


@pytest.fixture(autouse=True)
def _settings(monkeypatch):
    monkeypatch.setenv("KPI_SECRETS", "/nonexistent")


def _outbox(tmp_path, n: int = 2) -> Ledger:
    ledger = Ledger(tmp_path / "kpi.alerts.sqlite")
    ledger.add_messages([Outgoing("alert", f"test:{i}", f"nguoi{i}@example.gov.vn", "vi", SUBJECT,
                                  f"Thư số {i}: số liệu 96,91% (1.818/1.876).\n", "2026-10") for i in range(n)], NOW)
    return ledger


def _smtp(port: int, **kw) -> Settings:
    return Settings(**{"smtp_host": "127.0.0.1", "smtp_port": port, "smtp_tls": "none", "backoff_seconds": 60, **kw})


def test_a_vietnamese_subject_survives_folding():
    from email import message_from_bytes, policy

    message = email_of({"subject": SUBJECT, "body": "Hồ sơ", "recipient": "a@example.gov.vn", "lang": "vi",
                        "header_id": "<x@y>"}, Settings())
    parsed = message_from_bytes(message.as_bytes(), policy=policy.default)
    assert parsed["Subject"] == SUBJECT and parsed.get_content() == "Hồ sơ"
    assert max(len(line) for line in message.as_bytes().splitlines()) <= 78


def test_the_wait_doubles_up_to_six_hours():
    config = Settings(backoff_seconds=60)
    assert [wait_after(n, config) for n in (1, 2, 3)] == [timedelta(minutes=1), timedelta(minutes=2), timedelta(minutes=4)]
    assert wait_after(20, config) == timedelta(hours=6)


def test_an_unreachable_server_is_retried_with_back_off_and_nothing_is_lost(tmp_path):
    ledger = _outbox(tmp_path)
    port = free_port(9560)  # nothing listens there yet
    first = deliver_due(ledger, _smtp(port), NOW)
    assert first.sent == [] and sorted(first.retried) == [1, 2] and "ConnectionRefusedError" in first.errors[0]
    rows = ledger.messages().set_index("message_id")
    assert list(rows.state) == ["pending", "pending"] and list(rows.attempts) == [1, 1]
    assert set(rows.next_attempt_at) == {(NOW + timedelta(minutes=1)).isoformat()}
    assert deliver_due(ledger, _smtp(port), NOW + timedelta(seconds=30)).retried == []  # not due yet
    with smtp_server(port=port) as (_, inbox):
        later = deliver_due(ledger, _smtp(port), NOW + timedelta(minutes=1))
        assert sorted(later.sent) == [1, 2]
        assert sorted(m["To"] for m in inbox.messages) == ["nguoi0@example.gov.vn", "nguoi1@example.gov.vn"]
        assert inbox.messages[0]["Subject"] == SUBJECT
    assert list(ledger.messages().state) == ["sent", "sent"]


def test_after_the_last_attempt_a_message_is_reported_failed_and_can_be_sent_again(tmp_path, capsys):
    ledger = _outbox(tmp_path, 1)
    port = free_port(9560)
    config = _smtp(port, max_attempts=2)
    assert deliver_due(ledger, config, NOW).retried == [1]
    assert deliver_due(ledger, config, NOW + timedelta(minutes=5)).failed == [1]
    row = ledger.messages().iloc[0]
    assert (row.state, row.attempts) == ("failed", 2) and "ConnectionRefusedError" in row.last_error
    assert deliver_due(ledger, config, NOW + timedelta(days=1)).sent == []  # failed: left for a person to see
    assert main(["outbox", "--db", str(tmp_path / "kpi.duckdb")]) == 0
    assert "failed" in capsys.readouterr().out
    assert ledger.retry_failed(NOW + timedelta(days=1)) == 1
    with smtp_server(port=port) as (_, inbox):
        assert deliver_due(ledger, config, NOW + timedelta(days=1)).sent == [1]
        assert len(inbox.messages) == 1


def test_starttls_with_a_login(tmp_path):
    cert, key = certificate(tmp_path)
    ledger = _outbox(tmp_path, 1)
    with smtp_server(user="cchc", password="mat-khau-thu-2026", tls=(cert, key)) as (port, inbox):
        for n, password in enumerate(("sai", "mật khẩu")):  # wrong; not ASCII (smtplib sends AUTH as ASCII)
            wrong = deliver_due(ledger, _smtp(port, smtp_tls="starttls", smtp_user="cchc", smtp_password=password,
                                              ca_file=str(cert)), NOW + timedelta(hours=n))
            assert wrong.retried == [1] and "SMTPAuthenticationError" in wrong.errors[0]
        right = deliver_due(ledger, _smtp(port, smtp_tls="starttls", smtp_user="cchc", smtp_password="mat-khau-thu-2026",
                                          ca_file=str(cert)), NOW + timedelta(hours=2))
        assert right.sent == [1] and len(inbox.messages) == 1


def test_settings_come_from_secrets_then_the_environment(tmp_path):
    secrets = tmp_path / "secrets.toml"
    secrets.write_text('[smtp]\nhost = "smtp.example.gov.vn"\nport = 465\ntls = "ssl"\nuser = "cchc"\n'
                       'password = "bí mật"\n[alerts]\nmonthly_day = 3\nbase_url = "https://cchc.example.gov.vn"\n',
                       encoding="utf-8")
    config = load({"SMTP_PORT": "2525", "ALERTS_SEND_PAUSE": "1.5"}, secrets)
    assert (config.smtp_host, config.smtp_port, config.smtp_tls, config.smtp_user) == ("smtp.example.gov.vn", 2525,
                                                                                          "ssl", "cchc")
    assert (config.monthly_day, config.send_pause, config.base_url) == (3, 1.5, "https://cchc.example.gov.vn")
    assert "bí mật" not in config.described()
    with pytest.raises(ValueError, match="SMTP_TLS"):
        load({"SMTP_TLS": "maybe"}, secrets)


def test_the_monthly_report_arrives_on_its_day_with_a_deck(writable_store):  # noqa: F811
    for email, lang in (("bcd@example.gov.vn", "vi"), ("donor@example.org", "en")):
        registry.subscribe(writable_store, Subscription("", email, "monthly_report", None, lang), "Văn phòng")
    with smtp_server() as (port, inbox):
        config = _smtp(port, monthly_day=5, base_url="http://cchc.example.gov.vn")
        early = schedule.run_due(writable_store, config, now=datetime(2026, 11, 4, 8), today=date(2026, 11, 4))
        assert early.monthly == [] and inbox.messages == []
        done = schedule.run_due(writable_store, config, now=datetime(2026, 11, 5, 8), today=date(2026, 11, 5))
        assert len(done.monthly) == 2 and len(done.delivery.sent) == 2
        again = schedule.run_due(writable_store, config, now=datetime(2026, 11, 6, 8), today=date(2026, 11, 6))
        assert again.monthly == [] and len(inbox.messages) == 2

        vi = inbox.to("bcd@example.gov.vn")[0]
        assert vi["Subject"] == "[CCHC] Báo cáo tháng 10/2026 — bộ slide họp Ban Chỉ đạo"
        body = next(p for p in vi.walk() if p.get_content_type() == "text/plain").get_content()
        assert "- Hồ sơ nộp trực tuyến (Tháng 10/2026): " in body and "dữ liệu minh họa" in body
        assert "http://cchc.example.gov.vn/?lang=vi&map=2025&kind=province&grain=month&period=2026-10" in body
        decks = {}
        for message in inbox.messages:
            (attachment,) = [p for p in message.walk() if p.get_filename()]
            assert attachment.get_filename() == "hop-bcd-cchc_2026-10.pptx"
            decks[message["To"]] = Presentation(io.BytesIO(attachment.get_content()))
        titles = {to: deck.slides[0].shapes.title.text if deck.slides[0].shapes.title else
                  " ".join(s.text_frame.text for s in deck.slides[0].shapes if s.has_text_frame)
                  for to, deck in decks.items()}
        assert len(decks["bcd@example.gov.vn"].slides) >= 5
        assert "Tháng 10/2026" in titles["bcd@example.gov.vn"] and "Oct 2026" in titles["donor@example.org"]
        # someone who subscribes later in the month gets the month's report, once
        registry.subscribe(writable_store, Subscription("", "moi@example.gov.vn", "monthly_report", None, "vi"), "VP")
        late = schedule.run_due(writable_store, config, now=datetime(2026, 11, 20, 8), today=date(2026, 11, 20))
        assert len(late.monthly) == 1 and len(inbox.messages) == 3
    assert monthly.report_period(date(2026, 12, 4), 5) is None and monthly.report_period(date(2026, 12, 5), 5) == "2026-11"
