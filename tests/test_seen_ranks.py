"""What a person reads on the rankings, profile and overview pages, held against the store: the
rank of every place (ties as "2="), its previous rank, its rank change and the arrow's direction
and colour, the rank in its region, the gap to the next place and to the best for higher- and
lower-is-better metrics, and the biggest movers. Expected values come from tests/oracle.py (the
views read with plain SQL, the rules in plain Python), never from metrics/."""
from __future__ import annotations

import re

import pytest

from charts import template as tpl
from charts.ranking import movers_table
from l10n.formatting import format_change, format_value
from metrics import catalogue
from metrics.rankings import movers_at, peer_summary
from tests import apptest, oracle
from tests.apptest import assert_clean, chart_specs

# (metric, grain, period, map): a monthly score, a yearly count where lower is better (ties), a
# rate on the map of the time (63 provinces)
CASES = [("index766", "month", "2026-10", "2025"), ("tasks_late", "year", "2025", "2025"),
         ("dossiers_online", "month", "2025-03", "time")]


def _rankings(metric, grain, period, boundary, **extra):
    at = apptest.open_page("xep-hang", {"metric": metric, "grain": grain, "period": period, **extra}, "vi",
                           boundary, timeout=120)
    assert_clean(at)
    return at


def _name(label: str) -> str:
    return label.rstrip("*")


@pytest.mark.parametrize("metric, grain, period, boundary", CASES)
def test_the_rankings_table_shows_each_place_s_rank_previous_rank_and_arrow(store_path, metric, grain, period, boundary):
    expected = oracle.ranked(store_path, metric, period, "province", boundary)
    table = _rankings(metric, grain, period, boundary).dataframe[0].value
    by_name = {p.name: e for e, p in expected.places.items()}
    assert len(table) == len(expected.places)
    for _, row in table.iterrows():
        entity = by_name[_name(row["Tỉnh, thành phố"])]
        before = expected.previous_rank.get(entity)
        assert row["Hạng"] == expected.label(entity), row.to_dict()
        assert row["Hạng kỳ trước"] == ("–" if before is None else str(before)), row.to_dict()
        assert row["Thay đổi hạng"] == (oracle.arrow(expected.change(entity)) or "mới"), row.to_dict()
        assert row["Giá trị"] == format_value(expected.places[entity].value, catalogue.get(metric).unit, "vi")
    arrows = set(table["Thay đổi hạng"].str[0])
    assert {"▲", "▼"} <= arrows, "the case must hold places that rose and places that fell"


@pytest.mark.parametrize("metric, grain, period, boundary", CASES[:2])
def test_the_bars_carry_the_same_arrows_green_up_and_red_down(store_path, metric, grain, period, boundary):
    expected = oracle.ranked(store_path, metric, period, "province", boundary)
    bar = chart_specs(_rankings(metric, grain, period, boundary))[0]["data"][0]
    by_name = {p.name: e for e, p in expected.places.items()}
    seen = set()
    for label, text in zip(bar["y"], bar["text"]):
        entity = by_name[_name(label.split("  ", 1)[1])]
        assert label.split("  ", 1)[0] == expected.label(entity)
        want = oracle.arrow(expected.change(entity))
        shown = re.search(r"<span style='color:(#[0-9A-Fa-f]{6})'>([^<]*)</span>", text)
        assert shown and shown.group(2) == want, (label, text)
        colour = tpl.GOOD if want.startswith("▲") else tpl.BAD if want.startswith("▼") else tpl.TEXT_SOFT
        assert shown.group(1) == colour, (label, text)
        seen.add(want[:1])
    assert {"▲", "▼"} <= seen


def test_a_region_keeps_the_national_ranks(store_path):
    expected = oracle.ranked(store_path, "index766", "2026-10", "province")
    table = _rankings("index766", "month", "2026-10", "2025", region="tay-nguyen").dataframe[0].value
    in_region = {e for e, p in expected.places.items() if p.region_id == "tay-nguyen"}
    assert len(table) == len(in_region) > 1
    by_name = {expected.places[e].name: e for e in in_region}
    assert [row["Hạng"] for _, row in table.iterrows()] == [expected.label(by_name[_name(n)]) for n in table["Tỉnh, thành phố"]]
    assert any(expected.rank[e] != expected.region_rank[e] for e in in_region)


def _a_place_ranked_differently_in_its_region(expected: oracle.Ranked) -> str:
    """A place that is not first, whose region rank differs from its national rank and whose next
    place above is not tied with another (so the page's choice of 'next' is not a coin toss)."""
    for entity in sorted(expected.places):
        rank, nxt = expected.rank[entity], expected.next_above(entity)
        if rank > 2 and expected.region_rank[entity] not in (rank, 1) and nxt is not None \
                and list(expected.rank.values()).count(expected.rank[nxt.entity_id]) == 1 \
                and list(expected.rank.values()).count(rank) == 1:
            return entity
    raise AssertionError("no such place in the case")


@pytest.mark.parametrize("metric, grain, period", [("index766", "month", "2026-10"), ("tasks_late", "year", "2025")])
def test_the_profile_shows_rank_region_rank_and_the_gaps(store_path, metric, grain, period):
    expected = oracle.ranked(store_path, metric, period, "province")
    unit = catalogue.get(metric).unit
    entity = _a_place_ranked_differently_in_its_region(expected)
    me, nxt, best = expected.places[entity], expected.next_above(entity), expected.best()
    in_region = sum(p.region_id == me.region_id for p in expected.places.values())
    at = apptest.open_page("so-sanh", {"place": entity, "metric": metric, "grain": grain, "period": period},
                           "vi", "2025", timeout=120)
    assert_clean(at)
    tiles = {m.label: m for m in at.metric}
    assert tiles["Hạng toàn quốc"].value == f"{expected.rank[entity]}/{len(expected.places)}"
    assert tiles["Hạng trong vùng"].value == f"{expected.region_rank[entity]}/{in_region}"
    change = expected.change(entity)
    if change:
        assert tiles["Hạng toàn quốc"].proto.delta == f"{'+' if change > 0 else '-'}{abs(change)} bậc"
    gaps = " ".join(m.value for m in at.markdown)
    gap_next, gap_best = abs(nxt.value - me.value), abs(best.value - me.value)
    assert f"Cần thêm hơn {format_change(gap_next, unit, 'vi').lstrip('+±')} để vượt {nxt.name}." in gaps
    assert f"Cách đơn vị dẫn đầu ({best.name}) {format_change(gap_best, unit, 'vi').lstrip('+±')}." in gaps
    # the answer behind the words: how much better the place must get, positive either way
    summary = peer_summary_of(store_path, metric, entity, period, grain)
    assert summary.rank == expected.rank[entity] and summary.region_rank == expected.region_rank[entity]
    assert summary.next_entity == nxt.name and summary.best_entity == best.name
    assert summary.gap_to_next == pytest.approx(gap_next) and summary.gap_to_best == pytest.approx(gap_best)
    assert summary.gap_to_next > 0 and summary.gap_to_best > 0


def peer_summary_of(store_path, metric, entity, period, grain):
    from metrics.db import Store

    store = Store(store_path)
    try:
        return peer_summary(store, metric, entity, period, "province", "2025", grain)
    finally:
        store.close()


@pytest.mark.parametrize("metric, period", [("tasks_late", "2025"), ("tasks_overdue", "2024"), ("index766", "2026-10")])
def test_the_biggest_movers_follow_the_metric_s_direction(store, store_path, metric, period):
    expected = oracle.ranked(store_path, metric, period, "province")
    up, down = oracle.movers(expected, metric)
    moved = movers_at(store, [(metric, period)], "province")
    sides = {row.side: row for row in moved.itertuples()}
    assert up is not None and down is not None
    assert sides["up"].change == pytest.approx(up) and sides["down"].change == pytest.approx(down)
    for side in sides.values():
        assert side.rank == expected.rank[side.entity_id]
        assert side.rank_change == expected.change(side.entity_id)
    table = movers_table(moved, "vi").iloc[0]
    unit = catalogue.get(metric).unit
    for side, column in (("up", "Cải thiện nhiều nhất"), ("down", "Giảm nhiều nhất")):
        row = sides[side]
        arrow = oracle.arrow(expected.change(row.entity_id))
        assert table[column] == f"{row.entity_name}: {format_change(row.change, unit, 'vi')}" + (
            f" ({arrow})" if arrow not in ("", "–") else "")


def test_the_overview_movers_are_the_store_s(store_path):
    at = apptest.open_page("tong-quan", {}, "vi", "2025", timeout=120)
    assert_clean(at)
    shown = at.table[0].value
    period = "2026-10"
    for metric in ("dossiers_online", "index766"):
        label = catalogue.get(metric).label("vi")
        expected = oracle.ranked(store_path, metric, period, "province")
        up, down = oracle.movers(expected, metric)
        unit = catalogue.get(metric).unit
        moved = {e: p.value - expected.previous[e].value for e, p in expected.places.items() if e in expected.previous}
        for change, column in ((up, "Cải thiện nhiều nhất"), (down, "Giảm nhiều nhất")):
            who = [expected.places[e] for e, c in moved.items() if c == pytest.approx(change)]
            words = [f"{p.name}: {format_change(change, unit, 'vi')}" for p in who]
            assert any(shown.loc[label, column].startswith(w) for w in words), (shown.loc[label, column], words)
