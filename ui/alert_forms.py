"""The alerts page's rules: the list everyone sees (what each watches, who made it and when), and
for editors a new rule (condition, metrics, scope, threshold, recipients, language) and pausing,
resuming or deleting one — written through alerts.registry, problems said in the page's language."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from alerts import registry, texts
from alerts.rules import CONDITIONS, HEADLINES, SCOPES, Rule, parse_recipients
from l10n import LANGS, t
from l10n.formatting import format_date
from metrics import catalogue, places
from metrics.catalogue import NATIONAL_KINDS
from ui import labels, pickers
from ui.alert_history import masked
from ui.data import ask, store

FLASH = "_alerts_flash"


def names(lang: str) -> tuple[dict[str, str], dict[str, str]]:
    """(entity id -> name, region id -> name) in the page language."""
    every, regions = ask(places.entities), ask(places.regions)
    return (dict(zip(every.entity_id, every.entity_name_en if lang == "en" else every.entity_name)),
            dict(zip(regions.region_id, regions.name_en if lang == "en" else regions.name_vi)))


def describe(rule: Rule, lang: str) -> str:
    return texts.describe_rule(rule, *names(lang), lang)


def flash(message: str) -> None:
    st.session_state.setdefault(FLASH, []).append(message)
    st.rerun()


def show_flash() -> None:
    for message in st.session_state.pop(FLASH, []):
        st.success(message)


def problems(error: registry.Refused, lang: str) -> None:
    st.error("\n".join(f"- {t(p.key, lang, **p.values)}" for p in error.problems), icon=":material/block:")


def rules_table(lang: str, editor) -> list[Rule]:
    """The rules in force or paused; recipients in full for editors, shortened for everyone else."""
    st.subheader(t("alert_rules_section", lang))
    shown = [r for r in ask(registry.rules) if r.state != "deleted"]
    if not shown:
        st.info(t("alert_rules_none", lang))
        return shown
    who = (lambda r: ", ".join(r.recipients)) if editor else (lambda r: ", ".join(masked(a) for a in r.recipients))
    st.dataframe(pd.DataFrame({
        t("alert_col_rule", lang): [describe(r, lang) for r in shown],
        t("alert_col_recipients", lang): [who(r) or t("alert_panel_only", lang) for r in shown],
        t("alert_col_lang", lang): [r.lang for r in shown],
        t("col_status", lang): [t(f"alert_rule_state_{r.state}", lang) for r in shown],
        t("col_by", lang): [r.created_by for r in shown],
        t("col_at", lang): [format_date(r.created_at, lang) for r in shown],
        "rule_id": [r.rule_id for r in shown],
    }), hide_index=True, width="stretch")
    return shown


def _scope_value(scope: str, lang: str, container) -> tuple[str, str]:
    """(the scope's value, the kind of place it holds), from the picker the scope needs."""
    entity_names, region_names = names(lang)
    if scope == "kind":
        kind = container.segmented_control(t("kind", lang), NATIONAL_KINDS, default="province", key="alert_kind",
                                           format_func=lambda k: labels.kind_label(k, lang)) or "province"
        return kind, kind
    if scope == "region":
        return container.selectbox(t("region", lang), list(region_names), key="alert_region",
                                   format_func=lambda r: region_names[r]), "province"
    current = ask(places.entities)
    current = current[current.valid_to.astype(str).str.startswith("9999") & current.entity_kind.isin(NATIONAL_KINDS)]
    current = current.assign(_ministry=current.entity_kind != "province").sort_values(["_ministry", "entity_name"])
    if scope == "communes":
        provinces = list(current.entity_id[current.entity_kind == "province"])
        return container.selectbox(t("communes_of", lang), provinces, key="alert_province",
                                   format_func=lambda e: entity_names[e]), "commune"
    kinds = dict(zip(current.entity_id, current.entity_kind))
    place = container.selectbox(t("place", lang), list(kinds), key="alert_place",
                                format_func=lambda e: f"{entity_names[e]} ({labels.kind_label(kinds[e], lang)})")
    return place, kinds[place]


def rule_form(lang: str, editor) -> None:
    st.subheader(t("alert_new_rule", lang))
    left, right = st.columns(2)
    condition = left.selectbox(t("alert_condition", lang), list(CONDITIONS), key="alert_condition",
                               format_func=lambda c: t(f"alert_cond_{c}", lang))
    spec = CONDITIONS[condition]
    left.caption(t(f"alert_cond_{condition}_help", lang))
    scopes = [s for s in SCOPES if s != "communes" or pickers.has_communes()]
    scope = right.segmented_control(t("alert_scope", lang), scopes, default="kind", key="alert_scope",
                                    format_func=lambda s: t(f"alert_scope_{s}", lang)) or "kind"
    value, kind = _scope_value(scope, lang, right)
    metrics = HEADLINES
    if spec.metric:
        left.caption(t("alert_fixed_metric", lang, metric=catalogue.get(spec.metric).label(lang)))
    else:
        options = [HEADLINES] + pickers.metric_options(kind)
        metrics = left.selectbox(t("alert_metrics", lang), options, key="alert_metrics",
                                 format_func=lambda m: t("alert_all_headlines", lang) if m == HEADLINES
                                 else catalogue.get(m).label(lang))
    threshold = None
    if spec.threshold:
        step = 0.5 if spec.threshold == "points" else 1.0
        threshold = right.number_input(t(f"alert_threshold_{spec.threshold}", lang), min_value=float(spec.minimum),
                                       max_value=float(spec.maximum), value=float(spec.default), step=step,
                                       key=f"alert_threshold_{condition}")
    recipients = st.text_area(t("alert_recipients", lang), key="alert_recipients", help=t("alert_recipients_help", lang))
    rule_lang = st.segmented_control(t("alert_lang", lang), LANGS, default="vi", key="alert_lang",
                                     format_func=lambda v: {"vi": "Tiếng Việt", "en": "English"}[v]) or "vi"
    note = st.text_input(t("alert_note", lang), key="alert_note")
    if st.button(t("alert_add", lang), key="alert_add", type="primary", icon=":material/add_alert:"):
        draft = Rule("", metrics, scope, value, condition, threshold, parse_recipients(recipients), rule_lang,
                     note=note.strip() or None)
        try:
            rule = registry.add_rule(store().path, draft, editor.name)
        except registry.Refused as refused:
            problems(refused, lang)
        except registry.StoreTooOld:
            st.error(t("alert_store_too_old", lang))
        else:
            flash(t("alert_added", lang, rule=describe(rule, lang)))


def rule_actions(lang: str, editor, shown: list[Rule]) -> None:
    """Pause, resume or delete a rule (a deleted rule is kept in the store, with who and when)."""
    if not shown:
        return
    st.subheader(t("alert_change_rule", lang))
    by_id = {r.rule_id: r for r in shown}
    chosen = st.selectbox(t("alert_col_rule", lang), list(by_id), key="alert_rule_chosen",
                          format_func=lambda r: f"{describe(by_id[r], lang)} — {t(f'alert_rule_state_{by_id[r].state}', lang)}")
    columns = st.columns(3)
    for column, (action, state, icon) in zip(columns, (("pause", "paused", ":material/pause:"),
                                                       ("resume", "active", ":material/play_arrow:"),
                                                       ("delete", "deleted", ":material/delete:"))):
        disabled = by_id[chosen].state == state
        if column.button(t(f"alert_{action}", lang), key=f"alert_{action}", icon=icon, disabled=disabled):
            registry.set_rule_state(store().path, chosen, state, editor.name)
            flash(t(f"alert_{action}_done", lang, rule=describe(by_id[chosen], lang)))
