"""The import page takes a report form as agencies send it (AppTest): the blank forms are offered
beside the templates; an uploaded form with a sum that does not add up is shown with its
warning (cell and both numbers), confirmed, written as one batch with its new agencies, and
the rankings page then says how much of what it shows is published."""
from __future__ import annotations

from form_cases import DOSSIER_3_MEASURES, DOSSIER_3_NUMBERS, DOSSIER_3_ROWS, dossier_counts, form, total_of
from ingest_cases.helpers import table, writable_store  # noqa: F401 (fixture)
from test_page_import import HASH, _keys, _open, _sign_in, page_store, session_store  # noqa: F401 (fixtures)

UNITS = [("1", "Sở Tư pháp", dossier_counts(10, 80, 30, 20, 70, 10, 15, 5)),
         ("2", "Sở Y tế", dossier_counts(2, 50, 10, 5, 50, 2, 4, 1, handled_total=58))]


def test_the_blank_forms_are_offered_with_the_templates():
    at = _open()
    buttons = {b.key for b in at.get("download_button")}
    assert {"template_form-dossiers", "template_form-tasks", "template_form-online"} <= buttons
    assert any("biểu báo cáo đang dùng" in c.value for c in at.caption)


def test_a_report_form_is_previewed_with_its_warning_and_imported(page_store):  # noqa: F811
    at = _sign_in(_open({"editors": {"password_hash": HASH}}))
    data = form(DOSSIER_3_ROWS, DOSSIER_3_MEASURES, UNITS + [("", "Tổng cộng", total_of(UNITS))],
                numbers=DOSSIER_3_NUMBERS)
    at.file_uploader[0].set_value(("bieu-thang-10.xlsx", data, "application/octet-stream")).run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    assert any("2 chỗ cộng không khớp" in w.value for w in at.warning)
    warnings = next(d.value for d in at.table if "Vấn đề" in d.value.columns and
                    d.value["Vấn đề"].str.startswith("Ô G").any())
    assert list(warnings["Cột"]) == ["G14", "G15"]
    assert warnings["Vấn đề"].iloc[0] == "Ô G14 = 58 nhưng H14 + I14 + J14 = 57 (quy tắc (7)=(8)+(9)+(10))."
    metrics = {m.label: m.value for m in at.metric}
    assert int(metrics["Thêm mới"]) + int(metrics["Thay"]) == 9
    at.button(key="import_confirm").click().run()
    assert not at.exception and any("Đã nhập đợt" in s.value for s in at.success)
    assert table(page_store, "SELECT count(*) FROM entities WHERE entity_kind = 'agency'") == [(2,)]
    assert table(page_store, "SELECT count(*) FROM quality_flags WHERE kind = 'form_arithmetic'") == [(2,)]
    # the provincial office now ranks its own departments
    at.switch_page("pages/rankings.py")
    at.query_params.update({"kind": "agency", "province": "tuyen-quang-2025", "metric": "dossiers_on_time",
                            "grain": "month", "period": "2025-10"})
    at.run()
    assert not at.exception, at.exception
    ranked = next(d.value for d in at.dataframe if "Hạng" in d.value.columns)
    assert list(ranked.iloc[:, 1])[:2] == ["Sở Y tế", "Sở Tư pháp"], ranked.to_dict("records")


def test_the_rankings_page_says_how_much_is_published():
    at = _open()
    at.switch_page("pages/rankings.py")
    at.query_params.update({"metric": "par_index", "kind": "province", "period": "2023", "grain": "year"})
    at.run()
    assert not at.exception, at.exception
    lines = [c.value for c in at.caption if "có số liệu công bố" in c.value]
    assert any("Chỉ số CCHC (PAR INDEX) 2023: 31 trên 63 tỉnh, thành phố có số liệu công bố" in line
               for line in lines), lines
