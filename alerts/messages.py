"""The e-mails: who receives which findings (the rule's recipients and the place's subscribers),
one short message per person and pass — what happened, the figure with its source document and
status, a link to the view — and the monthly report's message with its summary."""
from __future__ import annotations

import hashlib

from alerts import links, texts
from alerts.ledger import Finding, Outgoing
from alerts.rules import Rule, Subscription
from l10n import t
from l10n.formatting import format_change, format_date, format_value
from metrics import catalogue
from metrics.periods import parse

SUBJECT_PREFIX = "[CCHC]"
MAX_ITEMS = 20  # a message lists this many findings; the alerts page has them all


def recipients(finding: Finding, rule: Rule, subscriptions: list[Subscription]) -> dict[str, tuple[str, set]]:
    """email -> (language, why: {'rule', 'place'}): the rule's recipients in the rule's language,
    and the people subscribed to the place in theirs (a subscription's language wins)."""
    out = {email.lower(): (rule.lang, {"rule"}) for email in rule.recipients}
    for sub in subscriptions:
        if sub.topic == "place" and sub.entity_id == finding.entity_id:
            _, why = out.get(sub.email.lower(), (None, set()))
            out[sub.email.lower()] = (sub.lang, why | {"place"})
    return out


def compose_alerts(findings: list[Finding], rules: dict[str, Rule], subscriptions: list[Subscription],
                   base_url: str, rule_words) -> list[Outgoing]:
    """One Outgoing per person for these (new) findings; firing_ids index into `findings`.
    rule_words(rule, lang) describes a rule."""
    by_person: dict[str, dict] = {}
    for i, finding in enumerate(findings):
        for email, (lang, whys) in recipients(finding, rules[finding.rule_id], subscriptions).items():
            person = by_person.setdefault(email, {"lang": lang, "items": [], "why": set()})
            person["lang"] = lang if "place" in whys else person["lang"]
            person["items"].append(i)
            person["why"] |= {(why, finding.entity_id if why == "place" else finding.rule_id) for why in whys}
    out = []
    for email, person in by_person.items():
        lang, items = person["lang"], [findings[i] for i in person["items"]]
        subject = f"{SUBJECT_PREFIX} " + (texts.headline(items[0], lang) if len(items) == 1 else
                                          t("alert_subject_many", lang, n=len(items), places=_places(items, lang)))
        body = _alert_body(items, rules, person["why"], base_url, rule_words, lang)
        key = "alert:" + email + ":" + hashlib.sha1("|".join(f.event_key for f in items).encode()).hexdigest()
        out.append(Outgoing("alert", key, email, lang, subject, body, items[0].period, tuple(person["items"])))
    return out


def _places(items: list[Finding], lang: str, most: int = 3) -> str:
    names = list(dict.fromkeys(texts.place_name(f.figures, f.entity_id, lang) for f in items))
    return ", ".join(names[:most]) + ("…" if len(names) > most else "")


def _alert_body(items: list[Finding], rules: dict[str, Rule], why: set, base_url: str, rule_words,
                lang: str) -> str:
    lines = [t("alert_intro", lang, n=len(items)), ""]
    for n, finding in enumerate(items[:MAX_ITEMS], 1):
        lines += [f"{n}. {texts.what_happened(finding, lang)}",
                  f"   {texts.figure_line(finding, lang)}",
                  f"   {texts.source_line(finding, lang)}",
                  f"   {t('alert_view', lang)}: {links.finding_link(base_url, finding, lang)}", ""]
    if len(items) > MAX_ITEMS:
        lines += [t("alert_more_items", lang, n=len(items) - MAX_ITEMS, url=links.rules_link(base_url, lang)), ""]
    for rule_id in dict.fromkeys(f.rule_id for f in items):
        rule = rules[rule_id]
        made = t("alert_rule_made", lang, who=rule.created_by, date=format_date(rule.created_at, lang))
        lines.append(f"{t('alert_rule_label', lang)}: {rule_words(rule, lang)} ({made})")
    lines += ["", "—", _why(why, items, lang), t("alert_manage", lang, url=links.rules_link(base_url, lang))]
    return "\n".join(lines) + "\n"


def _why(why: set, items: list[Finding], lang: str) -> str:
    places = [e for kind, e in why if kind == "place"]
    names = {f.entity_id: texts.place_name(f.figures, f.entity_id, lang) for f in items}
    parts = []
    if any(kind == "rule" for kind, _ in why):
        parts.append(t("alert_why_rule", lang))
    if places:
        parts.append(t("alert_why_place", lang, places=", ".join(names.get(p, p) for p in sorted(places))))
    return t("alert_why", lang, reasons=t("alert_and", lang).join(parts))


def monthly_message(sub: Subscription, period: str, summary: list, attention: list[Finding], base_url: str,
                    attachment: tuple[str, str, bytes]) -> Outgoing:
    """The monthly report for one subscriber: the headline figures in the body, the deck attached.
    summary: targets.Headline rows of the month (national figures); attention: the month's findings."""
    lang = sub.lang
    when = texts.period_in_text(period, lang)
    lines = [t("monthly_mail_intro", lang, period=when, file=attachment[0]), "", t("monthly_mail_summary", lang)]
    for head in summary:
        metric = catalogue.get(head.metric_id)
        change = format_change(head.change, metric.unit, lang)
        target = ""
        if head.meets_target is not None:
            target = " · " + t("monthly_mail_met" if head.meets_target else "monthly_mail_not_met", lang,
                               target=format_value(head.target_value, metric.unit, lang, decimals=0),
                               year=head.target_year)
        status = t("alert_status_demo" if head.status == "demo" else "alert_status_published", lang)
        lines.append(f"- {metric.label(lang)} ({parse(head.period).label(lang)}): "
                     f"{format_value(head.value, metric.unit, lang)} ({change}){target} · {status}")
    if attention:
        lines += ["", t("monthly_mail_attention", lang, n=len(attention))]
        lines += [f"- {texts.what_happened(f, lang)}" for f in attention[:10]]
    lines += ["", f"{t('alert_view', lang)}: {links.overview_link(base_url, period, lang)}", "", "—",
              t("monthly_mail_why", lang), t("alert_manage", lang, url=links.rules_link(base_url, lang))]
    subject = f"{SUBJECT_PREFIX} {t('monthly_mail_subject', lang, period=when)}"
    return Outgoing("monthly", f"monthly:{period}:{sub.email.lower()}", sub.email.lower(), lang, subject,
                    "\n".join(lines) + "\n", period, attachment=attachment)
