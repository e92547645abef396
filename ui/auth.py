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

from l10n import t
from ui import sign_in_limits

SESSION_KEY = "_import_editor"

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


def _oidc_gate(lang: str, note: str = "auth_viewer") -> Editor | None:
    import streamlit as st

    if not has_authlib():
        st.error(t("auth_no_authlib", lang))
        return None
    if not st.user.is_logged_in:
        st.info(t(note, lang))
        provider = (_secrets().get("editors") or {}).get("provider")
        if st.button(t("auth_sign_in_oidc", lang), key="auth_login", icon=":material/login:"):
            st.login(provider) if provider else st.login()
        return None
    email = str(st.user.get("email") or "").strip()
    if email.lower() not in _editor_emails():
        st.warning(t("auth_not_editor", lang, who=email or "?"))
        if st.button(t("auth_sign_out", lang), key="auth_logout"):
            st.logout()
        return None
    _signed_in(Editor(email, "oidc"), lang)
    return Editor(email, "oidc")


def _signed_in(editor: Editor, lang: str) -> None:
    import streamlit as st

    left, right = st.columns([4, 1])
    left.caption(t("auth_signed_in", lang, who=editor.name))
    if right.button(t("auth_sign_out", lang), key="auth_logout"):
        if editor.how == "oidc":
            st.logout()
        st.session_state.pop(SESSION_KEY, None)
        st.rerun()


def _password_gate(lang: str, note: str = "auth_viewer") -> Editor | None:
    import streamlit as st

    editor = st.session_state.get(SESSION_KEY)
    if editor:
        _signed_in(editor, lang)
        return editor
    st.info(t(note, lang))
    client = sign_in_limits.client_of(st.context.ip_address, dict(st.context.headers))
    wait = sign_in_limits.wait_s(client)
    if wait:
        st.error(t("auth_locked", lang, s=wait))
        return None
    with st.form("auth_form"):
        st.markdown(f"**{t('auth_sign_in', lang)}**")
        name = st.text_input(t("auth_name", lang), key="auth_name")
        password = st.text_input(t("auth_password", lang), type="password", key="auth_password")
        submitted = st.form_submit_button(t("auth_submit", lang))
    if not submitted:
        return None
    wait = sign_in_limits.wait_s(client, name)
    if wait:  # this account is locked, from wherever it was tried
        st.error(t("auth_locked", lang, s=wait))
        return None
    hashed = (_secrets().get("editors") or {}).get("password_hash", "")
    if name.strip() and check_password(password, hashed):
        sign_in_limits.succeeded(client, name)
        st.session_state[SESSION_KEY] = Editor(t("auth_password_editor", "vi", name=name.strip()), "password")
        st.rerun()
    sign_in_limits.failed(client, name)
    st.error(t("auth_wrong", lang))
    return None


def gate(lang: str = "vi", note: str = "auth_viewer") -> Editor | None:
    """Render the sign-in (or the how-to-enable note) and return the editor, or None for a viewer.
    note: the key of what a viewer is told the sign-in is for (the import page's by default)."""
    import streamlit as st

    how = mode()
    if how == "oidc":
        return _oidc_gate(lang, note)
    if how == "password":
        return _password_gate(lang, note)
    st.info(t("auth_how_to_enable", lang), icon=":material/lock:")
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
