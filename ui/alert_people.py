"""The alerts page's people and post: who receives the alerts about a place or the monthly report
(editors add and remove them), how the messages go out (the SMTP server, the monthly day, the
outbox), and, for editors, checking every rule now."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from alerts import evaluate, registry, settings
from alerts.ledger import Ledger
from alerts.rules import Subscription
from l10n import LANGS, t
from l10n.formatting import format_number
from metrics import places
from metrics.catalogue import NATIONAL_KINDS
from ui import labels
from ui.alert_forms import flash, names, problems
from ui.alert_history import masked
from ui.data import ask, store

TOPICS = ("place", "monthly_report")


def subscriptions(lang: str, editor) -> None:
    st.subheader(t("alert_subscriptions_section", lang))
    st.caption(t("alert_subscriptions_intro", lang))
    people = ask(registry.subscriptions)
    entity_names, _ = names(lang)
    if people:
        st.dataframe(pd.DataFrame({
            t("alert_col_email", lang): [s.email if editor else masked(s.email) for s in people],
            t("alert_col_topic", lang): [entity_names.get(s.entity_id, s.entity_id) if s.topic == "place"
                                         else t("alert_topic_monthly_report", lang) for s in people],
            t("alert_col_lang", lang): [s.lang for s in people],
            t("col_by", lang): [s.created_by for s in people],
        }), hide_index=True, width="stretch")
    else:
        st.info(t("alert_subscriptions_none", lang))
    if editor:
        _subscribe_form(lang, editor, entity_names)
        if people:
            by_id = {s.subscription_id: s for s in people}
            chosen = st.selectbox(t("alert_unsubscribe_which", lang), list(by_id), key="alert_unsub_chosen",
                                  format_func=lambda i: f"{by_id[i].email} — " + (
                                      entity_names.get(by_id[i].entity_id, "") if by_id[i].topic == "place"
                                      else t("alert_topic_monthly_report", lang)))
            if st.button(t("alert_unsubscribe", lang), key="alert_unsubscribe", icon=":material/person_remove:"):
                registry.unsubscribe(store().path, chosen)
                flash(t("alert_unsubscribed", lang, email=by_id[chosen].email))


def _subscribe_form(lang: str, editor, entity_names: dict[str, str]) -> None:
    left, middle, right = st.columns([2.4, 2.4, 1.2])
    email = left.text_input(t("alert_col_email", lang), key="alert_sub_email", placeholder="ten@example.gov.vn")
    topic = middle.segmented_control(t("alert_col_topic", lang), TOPICS, default="place", key="alert_sub_topic",
                                     format_func=lambda x: t(f"alert_topic_{x}", lang)) or "place"
    place = None
    if topic == "place":
        every = ask(places.entities)
        current = every[every.valid_to.astype(str).str.startswith("9999") & every.entity_kind.isin(NATIONAL_KINDS)]
        current = current.assign(_ministry=current.entity_kind != "province").sort_values(["_ministry", "entity_name"])
        kinds = dict(zip(current.entity_id, current.entity_kind))
        place = middle.selectbox(t("place", lang), list(kinds), key="alert_sub_place",
                                 format_func=lambda e: f"{entity_names[e]} ({labels.kind_label(kinds[e], lang)})")
    sub_lang = right.segmented_control(t("alert_lang", lang), LANGS, default="vi", key="alert_sub_lang",
                                       format_func=lambda v: {"vi": "Tiếng Việt", "en": "English"}[v]) or "vi"
    if st.button(t("alert_subscribe", lang), key="alert_subscribe", icon=":material/person_add:"):
        try:
            registry.subscribe(store().path, Subscription("", email.strip(), topic, place, sub_lang), editor.name)
        except registry.Refused as refused:
            problems(refused, lang)
        except registry.StoreTooOld:
            st.error(t("alert_store_too_old", lang))
        else:
            flash(t("alert_subscribed", lang, email=email.strip()))


def delivery(lang: str, editor) -> None:
    """How messages go out, what waits, and (editors) a check of every rule now."""
    st.subheader(t("alert_delivery_section", lang))
    try:
        config = settings.load()
    except ValueError as error:
        st.error(t("alert_settings_bad", lang, error=str(error)))
        return
    if config.can_send:
        how = f"{config.smtp_host}:{config.smtp_port} ({config.smtp_tls})"
        st.markdown(t("alert_smtp_ready", lang, server=how, sender=config.sender))
    else:
        st.warning(t("alert_smtp_missing", lang), icon=":material/mail:")
    st.caption(t("alert_schedule_note", lang, day=config.monthly_day, seconds=format_number(config.interval, 0, lang)))
    counts = Ledger.beside(store().path).counts()
    cols = st.columns(3)
    for col, state in zip(cols, ("sent", "pending", "failed")):
        col.metric(t(f"alert_state_{state}", lang), format_number(counts.get(state, 0), 0, lang))
    if editor and st.button(t("alert_check_now", lang), key="alert_check_now", icon=":material/rule:"):
        done = evaluate.evaluate_scheduled(store().path, config=config)
        flash(t("alert_checked", lang, firings=len(done.new_firings), messages=len(done.new_messages)))
