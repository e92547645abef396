"""The published record (data/published_record): every row is used or set aside with a reason,
pages are ranked (official over newspaper over mirror; spam mirrors excluded), conflicts are kept
with both figures, and the coverage is the record's own (PAR INDEX 2023: 31 of 63 provinces)."""
from __future__ import annotations

from collections import Counter

import pandas as pd
import pytest

from store import record_values as values
from store.published_record import FILES, read_lines, read_record
from store.record_conflicts import settle
from store.record_report import REASONS, coverage
from store.record_sources import RECORD_DIR, domain_of, publisher_of


@pytest.fixture(scope="module")
def record():
    return read_record()


@pytest.fixture(scope="module")
def settled(record):
    return settle(record)


def test_every_row_is_used_or_set_aside_with_a_known_reason(record):
    lines = {(line.file, line.line) for line in read_lines()}
    assert len(lines) == record.lines == 639
    used = {(x.line.file, x.line.line) for x in [*record.figures, *record.ranks, *record.facts]}
    aside = {(s.line.file, s.line.line) for s in record.set_aside}
    assert used | aside == lines
    assert {s.reason for s in record.set_aside} <= set(REASONS)


def test_every_page_has_a_listed_publisher():
    for name in FILES:
        frame = pd.read_csv(RECORD_DIR / name, dtype=str, keep_default_na=False)
        unknown = sorted({domain_of(u) for u in frame.url if publisher_of(u) is None})
        assert unknown == [], name


def test_spam_mirrors_are_never_sources(record):
    spam = [s for s in record.set_aside if s.reason == "spam_mirror"]
    assert sorted(domain_of(s.line.url) for s in spam) == ["m.xosobinhdinh.org", "sports.rgbet01.com"]
    assert all(publisher_of(d.url).klass != "spam" for d in record.documents.values())


def test_an_official_site_outranks_a_newspaper(settled):
    kept = {(f.entity_id, f.metric_id, f.period.key): f for f in settled.figures}
    hai_phong = kept[("hai-phong", "par_index", "2023")]
    assert (hai_phong.value, hai_phong.doc.publisher.klass) == (91.87, "official")
    conflict = next(c for c in settled.conflicts if c.other.entity_id == "hai-phong" and c.other.metric_id == "par_index")
    assert (conflict.other.value, conflict.reason, domain_of(conflict.other.doc.url)) == (
        91.81, "lower_source", "en.doanhnghiephoinhap.vn")


def test_a_rank_that_contradicts_the_scores_gives_way(settled):
    ranks = {(r.entity_id, r.metric_id, r.period.key): r.rank for r in settled.ranks}
    assert ranks[("ben-tre", "par_index", "2019")] == 63      # viet-jo: last with 73,87, not 2nd
    assert ("ca-mau", "par_index", "2023") not in ranks      # 86,89 at 32 while 86,97 is 33rd
    reasons = {(c.other.entity_id, c.reason) for c in settled.conflicts}
    assert {("ben-tre", "contradicts_scores"), ("ca-mau", "contradicts_scores")} <= reasons


def test_group_counts_become_facts(record):
    facts = {(f.kind, f.period.key, f.entity_kind, f.values[0]): f.values[1] for f in record.facts
             if f.kind in ("count_ge", "count_lt") and f.metric_id == "par_index"}
    assert facts[("count_ge", "2020", "province", 90)] == 2
    assert facts[("count_ge", "2020", "province", 80)] == 58
    assert facts[("count_lt", "2020", "province", 80)] == 5
    assert facts[("count_ge", "2021", "ministry", 80)] == 16


def test_coverage_by_index_and_year(settled):
    found = {(c.metric_id, c.year, c.kind): (c.published, c.of) for c in coverage(settled)}
    assert found[("par_index", 2023, "province")] == (31, 63)
    assert found[("par_index", 2023, "ministry")] == (17, 17)
    assert found[("par_index", 2024, "province")] == (17, 63)
    label = next(c for c in coverage(settled) if (c.metric_id, c.year, c.kind) == ("par_index", 2023, "province"))
    assert label.label("en") == "PAR INDEX 2023: 31 of 63 provinces published"


def test_why_rows_are_set_aside(record):
    reasons = Counter(s.reason for s in record.set_aside)
    assert reasons["government_tasks"] == 17      # every row of tasks.csv: the Government's tasks
    assert reasons["snapshot"] > 0 and reasons["partial_period"] > 0
    uncertain = [s for s in record.set_aside if s.reason == "period_uncertain"]
    assert any("Bà Rịa" in s.line.entity for s in uncertain)


@pytest.mark.parametrize("text, count, expected", [
    ("88,72", False, 88.72), ("88.72", False, 88.72), ("+6,39", False, 6.39), ("-1,58", False, -1.58),
    ("9,428", False, 9.428), ("168.746", True, 168746), ("1.089 / 450", False, None), (">25%", False, None),
    ("1,488 triệu", False, None)])
def test_numbers_as_printed(text, count, expected):
    assert values.number(text, count) == expected


@pytest.mark.parametrize("text, expected", [
    ("2023", "2023"), ("tháng 7/2024", "2024-07"), ("11/2023", "2023-11"), ("Quý III/2025", "2025-Q3"),
    ("đến 19/8/2024", "snapshot"), ("tuần 03/2024", "snapshot"), ("6 tháng đầu 2024", "partial_period"),
    ("1/2022–đầu 11/2022", "partial_period"), ("giai đoạn 2015–2020", "partial_period"),
    ("2021 (công bố 5/2022; suy theo ngữ cảnh)", "period_uncertain"), ("sau 7/2025", "period_unclear")])
def test_periods_as_printed(text, expected):
    found = values.period(text)
    assert (found.reason if isinstance(found, values.Unread) else found.key) == expected


def test_ranks_in_words():
    assert values.rank("last", 63) == 63 and values.rank("2nd from last", 63) == 62 and values.rank("8", None) == 8
