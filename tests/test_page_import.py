"""The import page (AppTest): viewers see no import controls and, with no sign-in configured, how to
enable it; an editor signs in with the password (a bcrypt hash in st.secrets), uploads the corpus
of bad files (each refused naming row and column, nothing written) and a good file (previewed,
confirmed, written as one batch shown in the list), then undoes it. OIDC sign-in is checked with
AppTest's simulated user."""
from __future__ import annotations

import bcrypt
import pytest
from conftest import ROOT
from ingest_cases.corpus import SOURCE, bad_files, csv_bytes, row
from ingest_cases.helpers import file_hash, observations, table, writable_store  # noqa: F401 (fixture)
from streamlit.testing.v1 import AppTest

from ui import auth
from ui import data as app_data

PASSWORD = "mật khẩu thử nghiệm 2025"
HASH = bcrypt.hashpw(PASSWORD.encode(), bcrypt.gensalt(rounds=4)).decode()
PAGE = "pages/data_import.py"


def _open(secrets: dict | None = None, lang: str = "vi", user: dict | None = None) -> AppTest:
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=90)
    for key, value in (secrets or {}).items():
        at.secrets[key] = value
    if user is not None:
        at.user = user
    at.query_params["lang"] = lang
    at.run()
    at.switch_page(PAGE).run()
    assert not at.exception, at.exception
    return at


def _keys(at, kind: str) -> set[str]:
    return {getattr(w, "key", None) for w in getattr(at, kind)}


@pytest.fixture(autouse=True)
def session_store(store_path, monkeypatch):
    """The app reads the session test store, whatever an earlier test did to $KPI_STORE (a second
    import of conftest under another name points it at an empty directory)."""
    monkeypatch.setenv("KPI_STORE", str(store_path))
    app_data.clear()
    yield store_path
    app_data.clear()


@pytest.fixture
def page_store(writable_store, monkeypatch):  # noqa: F811
    """The app reads (and the page writes) a private copy of the test store."""
    monkeypatch.setenv("KPI_STORE", str(writable_store))
    app_data.clear()
    yield writable_store
    app_data.clear()


def _sign_in(at: AppTest, name: str = "Nguyễn Văn An", password: str = PASSWORD) -> AppTest:
    at.text_input(key="auth_name").input(name)
    at.text_input(key="auth_password").input(password)
    next(b for b in at.button if b.label in ("Đăng nhập", "Sign in")).click().run()
    assert not at.exception, at.exception
    return at


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_without_sign_in_configured_the_page_explains_how_to_enable_it(lang):
    at = _open(lang=lang)
    assert not at.file_uploader and "import_confirm" not in _keys(at, "button")
    text = " ".join(i.value for i in at.info)
    assert ("python -m ui.auth hash-password" in text and "secrets.toml" in text
            and ("chưa được bật" in text if lang == "vi" else "not enabled" in text))
    assert len(at.main.get("download_button")) == 6  # the templates and the blank report forms are for everyone


def test_a_viewer_sees_a_sign_in_form_and_no_import_controls():
    at = _open({"editors": {"password_hash": HASH}})
    assert not at.file_uploader and not at.main.get("download_button")[6:]
    assert {"auth_name", "auth_password"} <= _keys(at, "text_input")
    assert "undo_button" not in _keys(at, "button")


def test_a_wrong_password_does_not_sign_in():
    at = _sign_in(_open({"editors": {"password_hash": HASH}}), password="sai rồi")
    assert not at.file_uploader and any("Sai mật khẩu" in e.value for e in at.error)


def test_no_secret_is_ever_shown():
    at = _sign_in(_open({"editors": {"password_hash": HASH}}))
    shown = " ".join(str(e.value) for kind in ("markdown", "caption", "info", "error", "text") for e in getattr(at, kind))
    assert HASH not in shown and PASSWORD not in shown and "Nguyễn Văn An" in shown


BAD = bad_files()


def test_the_corpus_of_bad_files_is_refused_on_the_page(page_store):
    at = _sign_in(_open({"editors": {"password_hash": HASH}}))
    before = file_hash(page_store)
    for bad in BAD:
        at.file_uploader[0].set_value((bad.file_name, bad.data, bad.mime)).run()
        assert not at.exception, (bad.name, at.exception)
        assert any("chưa có gì được ghi" in e.value for e in at.error), bad.name
        errors = next(d.value for d in [*at.table, *at.dataframe] if "Cách sửa" in d.value.columns)
        named = errors[(errors["Dòng"] == str(bad.row or ""))
                       & errors["Cột"].str.startswith(f"{bad.column} " if bad.column else "")]
        assert not named.empty, (bad.name, errors.to_dict("records"))
        assert "import_confirm" not in _keys(at, "button"), bad.name
        assert "import_report" in {b.key for b in at.get("download_button")}, bad.name
    assert file_hash(page_store) == before


def test_an_editor_previews_confirms_and_undoes_a_file(page_store):
    before = observations(page_store)
    at = _sign_in(_open({"editors": {"password_hash": HASH}}))
    data = csv_bytes([row(), row(place="Hà Giang", period="03/2024", num="70", den="100"),
                      row(place="Tổng cộng", num="5", den="10")])
    at.file_uploader[0].set_value(("thang-9.csv", data, "text/csv")).run()
    assert not at.exception and not at.error
    metrics = {m.label: m.value for m in at.metric}
    assert metrics == {"Thêm mới": "0", "Thay": "2", "Giữ nguyên": "0", "Không ghi đè": "0"}
    plan = next(d.value for d in at.dataframe if "Việc sẽ làm" in d.value.columns)
    assert list(plan["Việc sẽ làm"]) == ["Thay", "Thay"]
    assert observations(page_store) == before  # a preview writes nothing
    at.button(key="import_confirm").click().run()
    assert not at.exception, at.exception
    assert any("Đã nhập đợt" in s.value for s in at.success)
    batch = table(page_store, "SELECT batch_id, imported_by, file_name, rows_changed FROM import_batches")
    assert batch[0][1:] == ("Nguyễn Văn An (mật khẩu biên tập)", "thang-9.csv", 2)
    listed = next(d.value for d in at.dataframe if "Đợt nhập" in d.value.columns)
    assert listed["Đợt nhập"].iloc[0] == batch[0][0]  # the list reads the new store at once
    assert not at.file_uploader[0].value  # a fresh uploader for the next file
    at.selectbox(key="undo_batch").select(batch[0][0])
    at.checkbox(key="undo_sure").check().run()
    at.button(key="undo_button").click().run()
    assert not at.exception and any("Đã hoàn tác" in s.value for s in at.success)
    assert observations(page_store) == before


def test_a_demo_row_cannot_replace_a_published_figure_on_the_page(page_store):
    at = _sign_in(_open({"editors": {"password_hash": HASH}}))
    data = csv_bytes([row(place="Hà Giang", metric="online_procedures", period="2023", value="50", num="", den="",
                          source="") + ("minh họa",)], head=("Địa phương", "Chỉ tiêu", "Kỳ", "Giá trị", "Tử số",
                                                             "Mẫu số", "Văn bản nguồn", "Trạng thái"))
    at.file_uploader[0].set_value(("thu.csv", data, "text/csv")).run()
    assert {m.label: m.value for m in at.metric}["Không ghi đè"] == "1"
    assert any("không bao giờ thay số liệu công bố" in w.value for w in at.warning)
    assert "import_confirm" not in _keys(at, "button") and any("Không có số liệu nào cần ghi" in i.value for i in at.info)


def test_the_page_uses_the_source_typed_when_the_file_names_none(page_store):
    at = _sign_in(_open({"editors": {"password_hash": HASH}}))
    at.text_input(key="import_source").input(SOURCE).run()
    data = csv_bytes([row()[:6]], head=("Địa phương", "Chỉ tiêu", "Kỳ", "Giá trị", "Tử số", "Mẫu số"))
    at.file_uploader[0].set_value(("a.csv", data, "text/csv")).run()
    assert not at.error and {m.label: m.value for m in at.metric}["Thay"] == "1"


OIDC = {"auth": {"redirect_uri": "http://localhost:8641/oauth2callback", "cookie_secret": "x" * 32,
                 "client_id": "id", "client_secret": "s",
                 "server_metadata_url": "https://idp.example/.well-known/openid-configuration"},
        "editors": {"emails": ["Editor@Example.gov.vn"]}}


def test_oidc_without_authlib_says_what_to_install(monkeypatch):
    monkeypatch.setattr(auth, "has_authlib", lambda: False)
    at = _open(OIDC, user={"is_logged_in": True, "email": "editor@example.gov.vn"})
    assert not at.file_uploader and any("Authlib" in e.value for e in at.error)


@pytest.mark.parametrize("email, editor", [("editor@example.gov.vn", True), ("someone@example.gov.vn", False)])
def test_oidc_editors_are_the_listed_emails(monkeypatch, email, editor):
    monkeypatch.setattr(auth, "has_authlib", lambda: True)
    at = _open(OIDC, user={"is_logged_in": True, "email": email})
    assert bool(at.file_uploader) is editor
    if not editor:
        assert any("không có quyền" in w.value for w in at.warning)


def test_oidc_viewer_is_offered_the_sign_in(monkeypatch):
    monkeypatch.setattr(auth, "has_authlib", lambda: True)
    at = _open(OIDC, user={"is_logged_in": False})
    assert not at.file_uploader and "auth_login" in _keys(at, "button")


def test_the_hash_password_command_prints_a_line_to_paste():
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-m", "ui.auth", "hash-password"], input="một mật khẩu đủ dài\n",
                          capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert done.returncode == 0
    line = done.stdout.strip().splitlines()[-1]
    assert line.startswith('password_hash = "$2b$')
    assert auth.check_password("một mật khẩu đủ dài", line.split('"')[1])
    assert not auth.check_password("sai", line.split('"')[1])


def test_the_editor_flow_in_english(page_store):
    at = _sign_in(_open({"editors": {"password_hash": HASH}}, lang="en"))
    # AppTest (not a browser: checked with Playwright) drops the segmented control's value on the
    # st.rerun() that follows the sign-in; set the language again
    at.run()
    at.segmented_control(key="w_lang").set_value("en").run()
    assert at.title[0].value == "Import figures"
    at.file_uploader[0].set_value(("sep.csv", csv_bytes([row(place="Ha Giang")]), "text/csv")).run()
    assert not at.exception and not at.error
    assert {m.label: m.value for m in at.metric} == {"Added": "0", "Changed": "1", "Unchanged": "0",
                                                     "Not overwritten": "0"}
    read_as = next(d.value for d in at.dataframe if "Read as" in d.value.columns)
    assert read_as["Place"].iloc[0] == "Ha Giang → Tuyên Quang" and "merged" in read_as["Read as"].iloc[0]
    assert at.button(key="import_confirm").label == "Import 1 figures"


def test_a_bad_link_parameter_falls_back_without_an_error():
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=90)
    at.query_params["lang"] = "xx"
    at.run()
    at.switch_page(PAGE).run()
    assert not at.exception and at.title[0].value == "Nhập số liệu"
