"""Who may import and undo: editors only.

Three set-ups, read from st.secrets (.streamlit/secrets.toml, never committed; see
.streamlit/secrets.toml.example):
  oidc      an [auth] section: users sign in with the identity provider (st.login) and are
            editors when their e-mail is in [editors] emails;
  password  no [auth], but [editors] password_hash: a salted bcrypt hash of one editor password
            (make it with `python -m ui.auth hash-password`);
  None      neither: nobody can import, and the page says how to enable it.
No secret is ever shown: only the signed-in e-mail or the name the editor typed.
"""
from __future__ import annotations

import getpass
import importlib.util
import sys
from dataclasses import dataclass

import bcrypt

from ui import sign_in_limits

SESSION_KEY = "_import_editor"

TEXT = {  # key: (vi, en)
    "sign_in": ("Đăng nhập biên tập viên", "Editor sign-in"),
    "sign_in_oidc": ("Đăng nhập", "Sign in"),
    "sign_out": ("Đăng xuất", "Sign out"),
    "name": ("Họ tên người nhập", "Your name"),
    "password": ("Mật khẩu biên tập", "Editor password"),
    "submit": ("Đăng nhập", "Sign in"),
    "wrong": ("Sai mật khẩu hoặc thiếu họ tên.", "Wrong password, or no name given."),
    "locked": ("Nhập sai quá nhiều lần; thử lại sau {s} giây.", "Too many attempts; try again in {s} seconds."),
    "signed_in": ("Đang đăng nhập với quyền biên tập: {who}", "Signed in as editor: {who}"),
    "not_editor": ("Tài khoản {who} không có quyền nhập số liệu. Liên hệ quản trị viên để được thêm vào danh sách biên tập viên.",
                   "{who} is not an editor. Ask the administrator to add you to the editors."),
    "viewer": ("Chỉ biên tập viên được nhập và hoàn tác số liệu. Đăng nhập để tiếp tục.",
               "Only editors can import and undo. Sign in to continue."),
    "no_authlib": ("Máy chủ đã cấu hình đăng nhập OIDC nhưng chưa cài gói Authlib (pip install \"Authlib>=1.3.2\").",
                   "OIDC sign-in is configured but the Authlib package is missing (pip install \"Authlib>=1.3.2\")."),
    "how_to_enable": (
        "**Chức năng nhập số liệu chưa được bật trên máy chủ này.** Chỉ biên tập viên được nhập và hoàn tác số liệu. "
        "Để bật, quản trị viên chọn một trong hai cách, ghi vào tệp `.streamlit/secrets.toml` "
        "(xem mẫu `.streamlit/secrets.toml.example`; không đưa tệp này lên kho mã):\n\n"
        "1. **Đăng nhập qua hệ thống định danh (OIDC)**: thêm mục `[auth]` (redirect_uri, cookie_secret, client_id, "
        "client_secret, server_metadata_url) và danh sách email biên tập viên `emails = [...]` trong mục `[editors]`; "
        "cài gói Authlib.\n"
        "2. **Mật khẩu biên tập**: chạy `python -m ui.auth hash-password`, nhập mật khẩu, dán dòng `password_hash = ...` "
        "in ra vào mục `[editors]`.\n\n"
        "Khởi động lại bảng điều khiển sau khi sửa tệp.",
        "**Importing is not enabled on this server.** Only editors can import and undo figures. To enable it, the "
        "administrator writes one of these in `.streamlit/secrets.toml` (see `.streamlit/secrets.toml.example`; never "
        "commit that file):\n\n"
        "1. **Sign-in with an identity provider (OIDC)**: an `[auth]` section (redirect_uri, cookie_secret, client_id, "
        "client_secret, server_metadata_url) and the editors' e-mails, `emails = [...]` under `[editors]`; install Authlib.\n"
        "2. **An editor password**: run `python -m ui.auth hash-password` and paste the `password_hash = ...` line it "
        "prints under `[editors]`.\n\nRestart the dashboard after editing the file."),
}


@dataclass(frozen=True)
class Editor:
    name: str      # the e-mail (OIDC) or the name typed with the password
    how: str       # 'oidc' | 'password'


def hash_password(password: str) -> str:
    """A salted bcrypt hash (the salt is inside the hash)."""
    return bcrypt.hashpw(password.encode("utf-8"), bcrypt.gensalt()).decode("ascii")


def check_password(password: str, hashed: str) -> bool:
    try:
        return bool(password) and bcrypt.checkpw(password.encode("utf-8"), hashed.encode("ascii"))
    except (ValueError, TypeError):  # a malformed hash in secrets.toml
        return False


def _t(key: str, lang: str, **values) -> str:
    vi, en = TEXT[key]
    return (en if lang == "en" else vi).format(**values)


def _secrets() -> dict:
    import streamlit as st

    try:
        return st.secrets.to_dict()
    except Exception:  # no secrets.toml at all: StreamlitSecretNotFoundError / FileNotFoundError
        return {}


def mode() -> str | None:
    """'oidc', 'password' or None, from the secrets."""
    secrets = _secrets()
    editors = secrets.get("editors") or {}
    if secrets.get("auth"):
        return "oidc"
    if editors.get("password_hash"):
        return "password"
    return None


def _editor_emails() -> set[str]:
    return {str(e).strip().lower() for e in (_secrets().get("editors") or {}).get("emails", [])}


def has_authlib() -> bool:
    """st.login needs the Authlib package (not a dependency unless OIDC is used)."""
    return importlib.util.find_spec("authlib") is not None


def _oidc_gate(lang: str) -> Editor | None:
    import streamlit as st

    if not has_authlib():
        st.error(_t("no_authlib", lang))
        return None
    if not st.user.is_logged_in:
        st.info(_t("viewer", lang))
        provider = (_secrets().get("editors") or {}).get("provider")
        if st.button(_t("sign_in_oidc", lang), key="auth_login", icon=":material/login:"):
            st.login(provider) if provider else st.login()
        return None
    email = str(st.user.get("email") or "").strip()
    if email.lower() not in _editor_emails():
        st.warning(_t("not_editor", lang, who=email or "?"))
        if st.button(_t("sign_out", lang), key="auth_logout"):
            st.logout()
        return None
    _signed_in(Editor(email, "oidc"), lang)
    return Editor(email, "oidc")


def _signed_in(editor: Editor, lang: str) -> None:
    import streamlit as st

    left, right = st.columns([4, 1])
    left.caption(_t("signed_in", lang, who=editor.name))
    if right.button(_t("sign_out", lang), key="auth_logout"):
        if editor.how == "oidc":
            st.logout()
        st.session_state.pop(SESSION_KEY, None)
        st.rerun()


def _password_gate(lang: str) -> Editor | None:
    import streamlit as st

    editor = st.session_state.get(SESSION_KEY)
    if editor:
        _signed_in(editor, lang)
        return editor
    st.info(_t("viewer", lang))
    client = sign_in_limits.client_of(st.context.ip_address, dict(st.context.headers))
    wait = sign_in_limits.wait_s(client)
    if wait:
        st.error(_t("locked", lang, s=wait))
        return None
    with st.form("auth_form"):
        st.markdown(f"**{_t('sign_in', lang)}**")
        name = st.text_input(_t("name", lang), key="auth_name")
        password = st.text_input(_t("password", lang), type="password", key="auth_password")
        submitted = st.form_submit_button(_t("submit", lang))
    if not submitted:
        return None
    wait = sign_in_limits.wait_s(client, name)
    if wait:  # this account is locked, from wherever it was tried
        st.error(_t("locked", lang, s=wait))
        return None
    hashed = (_secrets().get("editors") or {}).get("password_hash", "")
    if name.strip() and check_password(password, hashed):
        sign_in_limits.succeeded(client, name)
        st.session_state[SESSION_KEY] = Editor(f"{name.strip()} (mật khẩu biên tập)", "password")
        st.rerun()
    sign_in_limits.failed(client, name)
    st.error(_t("wrong", lang))
    return None


def gate(lang: str = "vi") -> Editor | None:
    """Render the sign-in (or the how-to-enable note) and return the editor, or None for a viewer."""
    import streamlit as st

    how = mode()
    if how == "oidc":
        return _oidc_gate(lang)
    if how == "password":
        return _password_gate(lang)
    st.info(_t("how_to_enable", lang), icon=":material/lock:")
    return None


def _hash_password_command() -> int:
    if sys.stdin.isatty():
        first = getpass.getpass("Mật khẩu biên tập / editor password: ")
        if first != getpass.getpass("Nhập lại / again: "):
            print("Hai lần nhập khác nhau / the two entries differ", file=sys.stderr)
            return 1
    else:
        first = sys.stdin.readline().rstrip("\n")
    if len(first) < 10:
        print("Mật khẩu cần ít nhất 10 ký tự / use at least 10 characters", file=sys.stderr)
        return 1
    print("# Dán vào mục [editors] của .streamlit/secrets.toml / paste under [editors] in .streamlit/secrets.toml")
    print(f'password_hash = "{hash_password(first)}"')
    return 0


if __name__ == "__main__":
    if sys.argv[1:] != ["hash-password"]:
        print("usage: python -m ui.auth hash-password", file=sys.stderr)
        sys.exit(2)
    sys.exit(_hash_password_command())
