"""Cảnh báo — alerts and the monthly report, delivered without anyone opening the dashboard: the
rules (editors add, pause and delete them), who receives what, how the messages go out, and
what fired lately, each item a link to its view."""
from __future__ import annotations

import streamlit as st

from l10n import t
from ui import alert_forms, alert_people, attention, auth, state

lang = state.lang()
st.title(t("alerts_title", lang))
st.caption(t("alerts_intro", lang))
state.show_notices()
alert_forms.show_flash()

editor = None
if auth.mode():
    editor = auth.gate(lang, note="alert_viewer")
else:  # the sign-in is the import page's: say what it opens here
    st.info(t("alert_editors_how", lang), icon=":material/lock:")
shown = alert_forms.rules_table(lang, editor)
if editor:
    alert_forms.rule_form(lang, editor)
    alert_forms.rule_actions(lang, editor, shown)
alert_people.subscriptions(lang, editor)
alert_people.delivery(lang, editor)
attention.recent(lang)
