"""Tolerant reading: numbers, periods, places, encodings and layouts as agencies really write them,
and the messages table (every problem has both languages and a fix)."""
from __future__ import annotations

from datetime import date

import pytest
from ingest_cases.corpus import LONG_HEAD, NUMBERS, PERIODS, PLACES, SOURCE, csv_bytes, row, wide_bytes, xlsx_bytes

from ingest import prepare
from ingest.messages import MESSAGES, NOTICES
from ingest.parse import Percent, Problem, parse_number, parse_period
from ingest.read import read_sheets
from ingest.resolve import load
from metrics.periods import parse

TODAY = date(2026, 11, 15)


@pytest.mark.parametrize("typed, expected", NUMBERS)
def test_numbers_are_read_the_vietnamese_way(typed, expected):
    assert parse_number(typed).value == pytest.approx(expected)


def test_a_percent_sign_or_a_percent_cell_makes_a_rate():
    assert parse_number("96,81%").percent
    cell = parse_number(Percent(0.9681, 2))
    assert (round(cell.value, 6), cell.percent, cell.decimals) == (96.81, True, 2)


@pytest.mark.parametrize("typed", ["khoảng 90", "1..8", "9,6,1", "1.81.8", "abc", "--5", True])
def test_what_is_not_a_number_is_refused(typed):
    with pytest.raises(Problem) as problem:
        parse_number(typed)
    assert problem.value.code == "not_a_number"


@pytest.mark.parametrize("typed, key", PERIODS)
def test_periods_as_people_write_them(typed, key):
    assert parse_period(typed)[0].key == key


@pytest.mark.parametrize("typed", ["13/2024", "Q5/2024", "tháng mười", "2024-13", "32/01/2024", 12.5])
def test_impossible_periods_are_refused(typed):
    with pytest.raises(Problem):
        parse_period(typed)


@pytest.fixture(scope="module")
def ref(store):
    return load(store)


@pytest.mark.parametrize("typed, period, entity_id", PLACES)
def test_places_resolve_to_the_unit_in_force_for_the_period(ref, typed, period, entity_id):
    assert ref.places.resolve(typed, parse_period(period)[0]).place.entity_id == entity_id


def test_a_former_province_after_the_merger_comes_with_a_notice(ref):
    resolved = ref.places.resolve("Hà Giang", parse("2025-09"))
    code, params = resolved.notice
    assert code == "merged_into" and params["successor"] == "Tuyên Quang" and params["since"] == "01/07/2025"
    assert ref.places.resolve("Tuyên Quang", parse("2025-09")).notice is None


def test_a_former_ministry_after_march_2025_comes_with_a_notice(ref):
    resolved = ref.places.resolve("Bộ Lao động - Thương binh và Xã hội", parse("2025-06"))
    assert resolved.place.entity_id == "moha-2025" and resolved.notice[0] == "merged_into"


def _records(store, name, data, **kw):
    preview = prepare(store, name, data, today=TODAY, **kw)
    assert not preview.errors, [(i.row, i.column, i.problem()) for i in preview.errors]
    return preview


GOOD = [row(place="Tỉnh Hà Giang", period="03/2024"), row(place="TP. Hồ Chí Minh", period="2024-03"),
        row(place="Tuyên Quang", period="T3/2024", value="96,91%", num="1.818", den="1.876")]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "cp1258"])
@pytest.mark.parametrize("delimiter", [";", "\t"])
def test_csv_in_every_encoding_agencies_send(store, encoding, delimiter):
    preview = _records(store, "bao-cao.csv", csv_bytes(GOOD, delimiter=delimiter, encoding=encoding))
    assert [r.entity_id for r in preview.records] == ["ha-giang", "ho-chi-minh", "tuyen-quang"]
    assert preview.records[0].numerator == 1818 and preview.records[0].value == pytest.approx(100 * 1818 / 1876)
    assert preview.records[0].source.title == SOURCE


def test_the_legacy_code_page_really_is_cp1258(store):
    data = csv_bytes(GOOD, encoding="cp1258")
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    assert read_sheets("x.csv", data)[0].encoding == "cp1258"


def test_xlsx_with_excel_numbers_dates_serials_and_percent_cells(store):
    rows = [("Hà Nội", "dossiers_online", "2024-03", 0.9691, 1818, 1876, SOURCE),
            ("Hà Nội", "online_procedures", 45366, None, 1818, 1876, SOURCE),
            ("Hà Nội", "dossiers_on_time", date(2024, 3, 31), "96,91%", "1.818", "1.876", SOURCE),
            ("Hà Nội", "Chỉ số phục vụ (766)", "Q1/2024", 87.5, None, None, SOURCE)]
    preview = _records(store, "bao-cao.xlsx", xlsx_bytes(rows, formats={(2, 4): "0.00%"}))
    periods = [r.period.key for r in preview.records]
    assert periods == ["2024-03", "2024-03", "2024-03", "2024-Q1"]
    assert preview.records[0].value == pytest.approx(96.9083, abs=1e-4)
    assert preview.records[3].metric_id == "index766" and preview.records[3].value == 87.5


def test_the_wide_form_reads_the_period_and_source_from_its_header(store):
    preview = _records(store, "thang-9.xlsx", wide_bytes(rows=(("Hà Nội", 1818, 1876), ("TP HCM", 500, 1000))))
    assert [(r.entity_id, r.period.key, r.value) for r in preview.records] == [
        ("ha-noi", "2025-09", pytest.approx(96.908, abs=1e-3)), ("ho-chi-minh-2025", "2025-09", 50.0)]
    assert preview.records[0].source.number == "125/BC-VPCP" and preview.records[0].source.issued_on == date(2025, 10, 5)


def test_wide_headers_without_tags_are_matched_by_metric_name(store):
    data = wide_bytes(heads=("Hồ sơ nộp trực tuyến — tử số", "Hồ sơ nộp trực tuyến — mẫu số", "Chỉ số phục vụ (766)"),
                      rows=(("Hà Nội", 1818, 1876, 88.1),))
    preview = _records(store, "thang-9.xlsx", data)
    assert sorted(r.metric_id for r in preview.records) == ["dossiers_online", "index766"]


def test_a_total_row_is_skipped_with_a_notice(store):
    preview = _records(store, "a.csv", csv_bytes([row(), row(place="Tổng cộng")]))
    assert len(preview.records) == 1
    assert any(i.code == "aggregate_row" for i in preview.notices)


def test_every_interpretation_is_recorded_for_the_preview(store):
    preview = _records(store, "a.csv", csv_bytes([row(place="Hà Giang", period="15/09/2025", value="96,91%")]))
    record = preview.records[0]
    assert record.merged_from == "Hà Giang" and record.entity_id == "tuyen-quang-2025"
    assert any("Tháng 9/2025" in n for n in record.notes) and any("96.91%" in n for n in record.notes)
    assert any(i.code == "merged_into" and i.row == 2 for i in preview.notices)
    assert any(i.code == "new_source" for i in preview.notices)


def test_the_source_can_come_from_the_command_line_or_the_page(store):
    preview = _records(store, "a.csv", csv_bytes([row()[:6]], head=LONG_HEAD[:6]),
                       source="Báo cáo 7/BC-UBND ngày 01/10/2025")
    assert preview.records[0].source.number == "7/BC-UBND"


def test_a_document_already_in_the_sources_is_reused(store):
    preview = _records(store, "a.csv", csv_bytes([row(source="Quyết định 766/QĐ-TTg")]))
    assert preview.records[0].source.source_id == "766/QĐ-TTg" and not preview.records[0].source.is_new


def test_every_message_has_both_languages_and_every_problem_a_fix():
    for code, (vi, vi_fix, en, en_fix) in MESSAGES.items():
        assert vi.strip() and en.strip(), code
        if code not in NOTICES:
            assert vi_fix.strip() and en_fix.strip(), code
    assert NOTICES <= set(MESSAGES)


def test_the_size_limit_is_configurable(store, monkeypatch):
    data = csv_bytes([row()])
    monkeypatch.setenv("KPI_IMPORT_MAX_MB", str(len(data) / 1024 / 1024 / 2))
    assert [i.code for i in prepare(store, "a.csv", data, today=TODAY).errors] == ["too_big"]
    monkeypatch.setenv("KPI_IMPORT_MAX_MB", "1")
    assert prepare(store, "a.csv", data, today=TODAY).ok
