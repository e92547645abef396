"""An alert in words, in Vietnamese or English: what happened (one line), the figure with its
status, the documents it comes from (number and date), and what a rule watches."""
from __future__ import annotations

from alerts.ledger import Finding
from alerts.rules import COLLECTION, Rule
from l10n import t
from l10n.formatting import format_change, format_count_of, format_date, format_number, format_value
from metrics import catalogue
from metrics.periods import parse


def place_name(figures: dict, entity_id: str | None, lang: str) -> str:
    name = figures.get("entity_name_en" if lang == "en" else "entity_name")
    return name or figures.get("entity_name") or entity_id or "—"


def _period(period: str | None, lang: str) -> str:
    return parse(period).label(lang) if period else "—"


def period_in_text(period: str, lang: str) -> str:
    """A period inside a sentence: 'tháng 10/2026' (vi), 'Oct 2026' (en)."""
    label = parse(period).label(lang)
    return label[:1].lower() + label[1:] if lang != "en" else label


def _metric(metric_id: str | None, lang: str) -> str:
    return catalogue.get(metric_id).label(lang) if metric_id in catalogue.catalogue() else (metric_id or "")


def _unit(metric_id: str | None) -> str:
    return catalogue.get(metric_id).unit if metric_id in catalogue.catalogue() else "count"


def what_happened(finding: Finding, lang: str) -> str:
    """'Hà Giang — Hồ sơ nộp trực tuyến, Tháng 10/2026: tụt 6 bậc (hạng 3 → hạng 9/34)'."""
    f, unit = finding.figures, _unit(finding.metric_id)
    values = dict(place=place_name(f, finding.entity_id, lang), metric=_metric(finding.metric_id, lang),
                  period=_period(finding.period, lang), value=format_value(f.get("value"), unit, lang))
    if finding.condition == "below_target":
        symbol = {">=": "≥", "<=": "≤"}.get(f.get("target_comparison"), "")
        values.update(target=f"{symbol} {format_value(f.get('target_value'), unit, lang, decimals=0)}",
                      year=f.get("target_year"), source=f.get("target_source") or "—")
    elif finding.condition == "rank_drop":
        values.update(n=-int(f["rank_change"]), before=int(f["previous_rank"]), now=int(f["rank"]),
                      places=int(f.get("places") or 0))
    elif finding.condition == "change":
        values.update(change=format_change(f.get("change"), unit, lang),
                      previous=format_value(f.get("previous_value"), unit, lang),
                      previous_period=_period(f.get("previous_period"), lang))
    elif finding.condition == "overdue_tasks":
        values.update(year=parse(finding.period).start.year, n=format_number(f.get("threshold") or 0, 0, lang),
                      value=format_number(f.get("value"), 0, lang))
    elif finding.condition == "no_figures":
        values.update(due=format_date(f.get("due"), lang),
                      last=_period(f.get("last_period"), lang) if f.get("last_period") else t("alert_never", lang))
    elif finding.condition == "quality_flag":
        values.update(message=f.get("message_en" if lang == "en" else "message_vi") or "")
    return t(f"alert_what_{finding.condition}", lang, **values)


def headline(finding: Finding, lang: str) -> str:
    """The short form for a subject line: 'Hà Giang: tụt 6 bậc (Hồ sơ nộp trực tuyến, Tháng 10/2026)'."""
    f = finding.figures
    values = dict(place=place_name(f, finding.entity_id, lang), metric=_metric(finding.metric_id, lang),
                  period=_period(finding.period, lang), n=-int(f.get("rank_change") or 0),
                  year=parse(finding.period).start.year if finding.period else "")
    return t(f"alert_subject_{finding.condition}", lang, **values)


def status_words(figures: dict, lang: str) -> str:
    """'đã công bố', 'nhập từ báo cáo (đợt 20261105-…)', 'dữ liệu minh họa'; '· ước tính' when estimated."""
    imported = [s["batch_id"] for s in figures.get("sources") or [] if s.get("batch_id")]
    if figures.get("status") == "demo":
        words = t("alert_status_demo", lang)
    elif imported:
        words = t("alert_status_imported", lang, batch=", ".join(dict.fromkeys(imported)))
    elif figures.get("status") == "published":
        words = t("alert_status_published", lang)
    else:
        words = t("alert_status_none", lang)
    return words + (f" · {t('tile_estimated', lang)}" if figures.get("estimated") else "")


def figure_line(finding: Finding, lang: str) -> str:
    """'Số liệu: 45,20% (1.234/2.730) · nhập từ báo cáo (đợt …)'."""
    f, unit = finding.figures, _unit(finding.metric_id)
    if finding.condition == "no_figures":
        return t("alert_figure_missing", lang)
    if finding.condition == "quality_flag":
        return t("alert_figure_flag", lang, stated=format_value(f.get("stated_value"), unit, lang),
                 computed=format_value(f.get("computed_value"), unit, lang))
    counts = format_count_of(f.get("numerator"), f.get("denominator"), lang)
    value = format_value(f.get("value"), unit, lang) + (f" ({counts})" if counts != "—" else "")
    return t("alert_figure", lang, value=value, status=status_words(f, lang))


def source_line(finding: Finding, lang: str) -> str:
    """'Nguồn: 130/BC-VPCP ngày 05/11/2026' (each document once) or 'Nguồn: dữ liệu minh họa'."""
    documents = []
    for s in finding.figures.get("sources") or []:
        title = s.get("title_en") if lang == "en" and s.get("title_en") else s.get("title_vi")
        dated = t("alert_dated", lang, date=format_date(s["issued_on"], lang)) if s.get("issued_on") else ""
        documents.append(f"{s['number']}{dated}" + (f" — {title}" if title and title != s["number"] else ""))
    if not documents:
        return t("alert_source_demo", lang) if finding.figures.get("status") == "demo" else t("alert_source_none", lang)
    return t("alert_source", lang, documents="; ".join(dict.fromkeys(documents)))


def describe_rule(rule: Rule, names: dict[str, str], region_names: dict[str, str], lang: str) -> str:
    """'Tụt từ 5 bậc trở lên · Tất cả chỉ số chính · Tỉnh, thành phố'. names: entity id -> name."""
    spec = rule.spec
    threshold = format_number(rule.threshold, 0 if float(rule.threshold or 0).is_integer() else 2, lang) \
        if spec.threshold else ""
    condition = t(f"alert_rule_{rule.condition}", lang, n=threshold)
    if spec.metric:
        metrics = _metric(spec.metric, lang)
    elif rule.metrics.startswith(COLLECTION):
        metrics = t("alert_all_headlines", lang) if rule.metrics == COLLECTION + "overview_tiles" \
            else t("alert_collection", lang, name=rule.metrics.removeprefix(COLLECTION))
    else:
        metrics = _metric(rule.metrics, lang)
    value = rule.scope_value
    scope = t(f"alert_scope_{rule.scope}_is", lang, kind=t(f"kinds_{value}", lang) if rule.scope == "kind" else "",
              region=region_names.get(value, value), place=names.get(value, value))
    return " · ".join((condition, metrics, scope))
