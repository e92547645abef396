"""Writing: a good file adds exactly its rows as one batch; undo restores the observations
exactly; published figures survive demo data and older documents; a stale preview, a busy lock
or a failing write leave the store untouched; a reader during an import sees old or new, never half."""
from __future__ import annotations

import threading
import time
from datetime import date, datetime

import duckdb
import pytest
from ingest_cases.corpus import LONG_HEAD, SOURCE, csv_bytes, row, xlsx_bytes
from ingest_cases.helpers import file_hash, observations, table, writable_store  # noqa: F401 (fixture)

from ingest import WriteRefused, import_plan, prepare, undo, write
from ingest.__main__ import main
from metrics import provenance
from metrics.db import Store
from metrics.values import entity_values
from store import swap

TODAY = date(2026, 11, 15)
KEY_COLUMNS = 4  # entity_id, metric_id, dimension_id, period lead each observation row


def _prepare(path, data, name="bao-cao.csv", **kw):
    store = Store(path)
    try:
        preview = prepare(store, name, data, today=TODAY, **kw)
    finally:
        store.close()
    assert preview.ok, [(i.row, i.column, i.problem()) for i in preview.errors]
    return preview


def _by_key(rows):
    return {r[:KEY_COLUMNS]: r for r in rows}


MONTHLY = [row(place="Hà Nội", num="1.818", den="1.876"), row(place="TP HCM", num="900", den="1.000"),
           row(place="Hà Giang", period="03/2024", value="", num="77", den="100"),
           row(place="Tuyên Quang", metric="index766", value="88,5", num="", den="")]


def test_a_good_file_adds_exactly_its_rows(writable_store):  # noqa: F811
    before = _by_key(observations(writable_store))
    preview = _prepare(writable_store, csv_bytes(MONTHLY))
    written = import_plan(writable_store, preview, who="test@example.gov.vn", now=datetime(2026, 11, 20, 9, 30))
    after = _by_key(observations(writable_store))
    touched = {k for k in after if before.get(k) != after[k]} | (before.keys() - after.keys())
    assert touched == {("ha-noi", "dossiers_online", "", "2025-09"), ("ho-chi-minh-2025", "dossiers_online", "", "2025-09"),
                       ("ha-giang", "dossiers_online", "", "2024-03"), ("tuyen-quang-2025", "index766", "", "2025-09")}
    hanoi = after[("ha-noi", "dossiers_online", "", "2025-09")]
    assert hanoi[6] == pytest.approx(100 * 1818 / 1876) and hanoi[7:12] == (1818, 1876, "published", "125/BC-VPCP", None)
    assert hanoi[12] == written.batch_id
    assert written.added + written.changed == 4
    batch = table(writable_store, "SELECT imported_by, file_name, file_sha256, source_id, rows_added, rows_changed, "
                                  "undone_at FROM import_batches")
    assert batch == [("test@example.gov.vn", "bao-cao.csv", preview.sha256, "125/BC-VPCP", written.added,
                      written.changed, None)]
    assert table(writable_store, "SELECT number, issued_on, kind FROM sources WHERE source_id = '125/BC-VPCP'") == [
        ("125/BC-VPCP", date(2025, 10, 5), "report")]
    assert table(writable_store, "SELECT value FROM store_info WHERE key = 'last_import_at'") == [("2026-11-20T09:30:00",)]


def test_undo_restores_the_observations_exactly(writable_store):  # noqa: F811
    before, sources = observations(writable_store), table(writable_store, "SELECT * FROM sources ORDER BY ALL")
    written = import_plan(writable_store, _prepare(writable_store, csv_bytes(MONTHLY)), who="a")
    assert observations(writable_store) != before
    undo(writable_store, written.batch_id)
    assert observations(writable_store) == before
    assert table(writable_store, "SELECT * FROM sources ORDER BY ALL") == sources
    assert table(writable_store, "SELECT undone_at IS NOT NULL FROM import_batches") == [(True,)]
    with pytest.raises(WriteRefused) as again:
        undo(writable_store, written.batch_id)
    assert again.value.code == "already_undone"


def test_undo_of_a_batch_that_does_not_exist_is_refused_naming_it(writable_store):  # noqa: F811
    before = file_hash(writable_store)
    with pytest.raises(WriteRefused) as refused:
        undo(writable_store, "20261201-khong-co")
    assert (refused.value.code, refused.value.params) == ("no_batch", {"batch": "20261201-khong-co"})
    assert file_hash(writable_store) == before


def test_undo_of_an_older_batch_waits_for_the_later_one(writable_store):  # noqa: F811
    before = observations(writable_store)
    first = import_plan(writable_store, _prepare(writable_store, csv_bytes(MONTHLY)), who="a")
    newer = [row(place="Hà Nội", num="1.820", den="1.876", source="Báo cáo 130/BC-VPCP ngày 20/10/2025")]
    second = import_plan(writable_store, _prepare(writable_store, csv_bytes(newer)), who="b",
                         now=datetime(2099, 1, 1))
    newest = [row(place="Hà Nội", num="1.822", den="1.876", source="Báo cáo 131/BC-VPCP ngày 25/10/2025")]
    third = import_plan(writable_store, _prepare(writable_store, csv_bytes(newest)), who="c",
                        now=datetime(2099, 1, 2))
    with pytest.raises(WriteRefused) as refused:
        undo(writable_store, first.batch_id)
    assert (refused.value.code, refused.value.params) == (
        "later_batch", {"batch": first.batch_id, "later": f"{second.batch_id}, {third.batch_id}"})
    undo(writable_store, third.batch_id)
    undo(writable_store, second.batch_id, now=datetime(2099, 1, 3, 8, 5))
    with pytest.raises(WriteRefused) as again:
        undo(writable_store, second.batch_id)
    assert (again.value.code, again.value.params) == ("already_undone", {"batch": second.batch_id, "at": "03/01/2099 08:05"})
    undo(writable_store, first.batch_id)
    assert observations(writable_store) == before


HA_GIANG_2023 = ("ha-giang", "online_procedures", "", "2023")  # published, bcd-cchc-2024-02-02 (02/02/2024)


def _stored(path, key):
    return _by_key(observations(path))[key]


def test_a_published_figure_survives_demo_data(writable_store):  # noqa: F811
    published = _stored(writable_store, HA_GIANG_2023)
    data = xlsx_bytes([("Hà Giang", "online_procedures", "2023", "50", "", "", "", "minh họa"),
                       ("Hà Nội", "dossiers_online", "09/2025", "", "1.818", "1.876", "", "minh họa")],
                      head=LONG_HEAD + ("Trạng thái",))
    preview = _prepare(writable_store, data, "thu.xlsx")
    assert [(s.action, s.reason) for s in preview.plan.steps] == [("keep", "demo_over_published"), ("change", None)]
    import_plan(writable_store, preview, who="a")
    assert _stored(writable_store, HA_GIANG_2023) == published
    assert _stored(writable_store, ("ha-noi", "dossiers_online", "", "2025-09"))[9:11] == ("demo", "demo")


def test_the_command_line_keeps_a_published_figure_from_a_demo_row(writable_store, tmp_path, capsys):  # noqa: F811
    path = tmp_path / "thu.xlsx"
    path.write_bytes(xlsx_bytes([("Hà Giang", "online_procedures", "2023", "50", "", "", "", "minh họa")],
                                head=LONG_HEAD + ("Trạng thái",)))
    before = file_hash(writable_store)
    assert main([str(path), "--db", str(writable_store)]) == 0
    out, err = capsys.readouterr()
    assert "Nothing to change" in out and "kept — A published figure is not replaced by demo data" in err
    assert file_hash(writable_store) == before


@pytest.mark.parametrize("document, action, reason", [
    ("Báo cáo 10/BC-UBND ngày 15/03/2024", "change", None),
    ("Báo cáo 10/BC-UBND ngày 01/01/2024", "keep", "not_newer"),
    ("Báo cáo 10/BC-UBND", "keep", "undated"),
])
def test_a_published_figure_is_replaced_only_by_a_newer_document(writable_store, document, action, reason):  # noqa: F811
    data = csv_bytes([row(place="Hà Giang", metric="online_procedures", period="2023", num="1.820", den="1.876",
                          source=document)])
    preview = _prepare(writable_store, data)
    assert [(s.action, s.reason) for s in preview.plan.steps] == [(action, reason)]


def test_a_figure_stored_from_an_undated_document_is_not_replaced_and_the_message_says_why(writable_store):  # noqa: F811
    # Hà Nội 09/2025 is demo: the undated report replaces it, and is then published without a date
    undated = csv_bytes([row(num="1.800", den="1.876", source="Báo cáo 11/BC-UBND")])
    import_plan(writable_store, _prepare(writable_store, undated), who="a")
    dated = csv_bytes([row(num="1.818", den="1.876", source="Báo cáo 12/BC-UBND ngày 15/10/2025")])
    step = _prepare(writable_store, dated).plan.steps[0]
    assert (step.action, step.reason) == ("keep", "undated")
    assert (step.params["old"], step.params["old_date"], step.params["new_date"]) == ("11/BC-UBND", "?", "15/10/2025")


def test_demo_figures_are_replaced_by_real_ones(writable_store):  # noqa: F811
    key = ("ha-noi", "dossiers_online", "", "2025-09")
    assert _stored(writable_store, key)[9] == "demo"
    preview = _prepare(writable_store, csv_bytes([row()]))
    assert preview.plan.steps[0].action == "change"
    import_plan(writable_store, preview, who="a")
    assert _stored(writable_store, key)[9:11] == ("published", "125/BC-VPCP")


def test_importing_the_same_file_twice_changes_nothing_the_second_time(writable_store):  # noqa: F811
    import_plan(writable_store, _prepare(writable_store, csv_bytes(MONTHLY)), who="a")
    before = file_hash(writable_store)
    preview = _prepare(writable_store, csv_bytes(MONTHLY))
    assert {s.action for s in preview.plan.steps} == {"leave"}
    assert import_plan(writable_store, preview, who="a").batch_id is None
    assert file_hash(writable_store) == before


def test_a_preview_made_before_another_import_is_refused(writable_store):  # noqa: F811
    stale = _prepare(writable_store, csv_bytes(MONTHLY))
    import_plan(writable_store, _prepare(writable_store, csv_bytes(MONTHLY[:1])), who="a")
    before = file_hash(writable_store)
    with pytest.raises(WriteRefused) as refused:
        import_plan(writable_store, stale, who="a")
    assert refused.value.code == "stale" and file_hash(writable_store) == before


def test_a_second_writer_waits_then_gives_up_without_touching_the_store(writable_store, monkeypatch):  # noqa: F811
    preview = _prepare(writable_store, csv_bytes(MONTHLY))
    before = file_hash(writable_store)
    monkeypatch.setattr(swap, "LOCK_TIMEOUT", 0.3)
    with write.locked(writable_store):
        with pytest.raises(WriteRefused) as refused:
            import_plan(writable_store, preview, who="a")
    assert refused.value.code == "busy" and file_hash(writable_store) == before


def test_a_failure_inside_the_transaction_rolls_back_and_removes_the_copy(writable_store, monkeypatch):  # noqa: F811
    preview = _prepare(writable_store, csv_bytes(MONTHLY))
    before = file_hash(writable_store)
    monkeypatch.setattr(write.sql, "INSERT_BATCH", "INSERT INTO no_such_table VALUES ($batch)")
    with pytest.raises(duckdb.Error):
        import_plan(writable_store, preview, who="a")
    assert file_hash(writable_store) == before
    assert sorted(p.name for p in writable_store.parent.iterdir()) == ["kpi.duckdb", "kpi.duckdb.import.lock"]


def test_readers_see_the_old_store_or_the_new_one_never_half(writable_store):  # noqa: F811
    reader = Store(writable_store)
    # integers only: a float sum may differ in its last digit from one parallel scan to the next
    question = ("SELECT count(*) FILTER (WHERE status = 'published'), count(batch_id), "
                "CAST(sum(numerator) AS BIGINT), CAST(sum(round(value * 1000)) AS BIGINT) FROM observations")
    old = tuple(reader.query(question).iloc[0])
    seen, errors, stop = [], [], threading.Event()

    def read_in_a_loop():
        while not stop.is_set():
            try:
                seen.append(tuple(reader.query(question).iloc[0]))
            except Exception as error:  # noqa: BLE001 - any error is a failure of the test
                errors.append(error)

    thread = threading.Thread(target=read_in_a_loop)
    thread.start()
    try:
        time.sleep(0.3)
        preview = _prepare(writable_store, csv_bytes(MONTHLY))
        import_plan(writable_store, preview, who="a")
        time.sleep(0.3)
    finally:
        stop.set()
        thread.join()
    new = tuple(reader.query(question).iloc[0])
    reader.close()
    assert not errors, errors[:3]
    assert new != old and set(seen) <= {old, new} and {old, new} <= set(seen), (len(seen), set(seen) - {old, new})


READER = """
import sys, time
from metrics.db import Store
store, question, first, end = Store(sys.argv[1]), sys.argv[2], None, time.time() + float(sys.argv[3])
while time.time() < end:
    seen = tuple(int(x) for x in store.query(question).iloc[0])
    print(seen, flush=True)
    first = first or seen
    if seen != first:  # the new store is in: read it a little longer, then stop
        end = min(end, time.time() + 1)
"""


def test_a_reader_in_another_process_sees_old_or_new(writable_store):  # noqa: F811
    import subprocess
    import sys
    from pathlib import Path

    question = "SELECT count(*) FILTER (WHERE status = 'published'), count(batch_id) FROM observations"
    reader = subprocess.Popen([sys.executable, "-c", READER, str(writable_store), question, "60"],
                              cwd=Path(__file__).resolve().parent.parent, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True)
    first = reader.stdout.readline()  # the reader is up and reading the old store
    preview = _prepare(writable_store, csv_bytes(MONTHLY))
    import_plan(writable_store, preview, who="a")
    out, err = reader.communicate(timeout=60)
    assert reader.returncode == 0, err
    seen = [eval(line) for line in [first, *out.splitlines()]]  # noqa: S307 - our own tuples of ints
    assert len(set(seen)) == 2 and seen[0] != seen[-1], set(seen)
    switch = next(i for i, s in enumerate(seen) if s != seen[0])
    assert all(s == seen[-1] for s in seen[switch:])  # once new, never old again


def test_the_metrics_layer_shows_the_new_figures_without_a_restart(writable_store):  # noqa: F811
    reader = Store(writable_store)
    version = reader.version()
    import_plan(writable_store, _prepare(writable_store, csv_bytes(MONTHLY)), who="a")
    assert reader.version() != version  # ui.data.ask caches on this: the next rerun asks again
    values = entity_values(reader, "dossiers_online", "month", "time", "province", "2025-09", "2025-09")
    hanoi = values[values.entity_id == "ha-noi"].iloc[0]
    assert (hanoi.status, hanoi.numerator, hanoi.denominator) == ("published", 1818, 1876)
    assert provenance.store_info(reader)["last_import_at"]
    reader.close()


def test_the_command_line_imports_and_undoes(writable_store, tmp_path, capsys):  # noqa: F811
    path = tmp_path / "thang-9.csv"
    path.write_bytes(csv_bytes(MONTHLY))
    before = observations(writable_store)
    assert main([str(path), "--db", str(writable_store), "--dry-run"]) == 0
    assert observations(writable_store) == before and "Dry run" in capsys.readouterr().out
    assert main([str(path), "--db", str(writable_store), "--by", "cli-test", "--source", SOURCE]) == 0
    out = capsys.readouterr().out
    # every figure of MONTHLY replaces a demo one: nothing added, four changed
    assert "Added 0, changed 4, left 0, refused to overwrite 0." in out
    batch = table(writable_store, "SELECT batch_id, imported_by FROM import_batches")[0]
    assert batch[1] == "cli-test" and batch[0] in out
    assert main(["batches", "--db", str(writable_store)]) == 0 and batch[0] in capsys.readouterr().out
    assert main(["undo", batch[0], "--db", str(writable_store)]) == 0
    assert observations(writable_store) == before
    assert main(["undo", batch[0], "--db", str(writable_store)]) == 1
    assert "already undone" in capsys.readouterr().err


def test_the_same_file_imported_again_after_an_undo_gets_its_own_batch(writable_store):  # noqa: F811
    when = datetime(2026, 11, 20, 9, 30)
    first = import_plan(writable_store, _prepare(writable_store, csv_bytes(MONTHLY)), who="a", now=when)
    undo(writable_store, first.batch_id)
    second = import_plan(writable_store, _prepare(writable_store, csv_bytes(MONTHLY)), who="a", now=when)
    assert second.batch_id == first.batch_id + "-2"


def test_a_rebuild_keeps_the_imports(writable_store, store_path, tmp_path):  # noqa: F811
    import shutil

    from metrics.db import connect_writable
    from store.carry import carry_imports

    fresh = tmp_path / "rebuilt.duckdb"
    shutil.copyfile(store_path, fresh)  # what store.build writes: no imports yet
    kept = import_plan(writable_store, _prepare(writable_store, csv_bytes(MONTHLY)), who="a")
    gone = import_plan(writable_store, _prepare(writable_store, csv_bytes([row(place="Huế", num="5", den="10")])),
                       who="b", now=datetime(2099, 1, 1))
    undo(writable_store, gone.batch_id)
    con = connect_writable(fresh)
    assert carry_imports(writable_store, con) == 4
    con.close()
    assert observations(fresh) == observations(writable_store)
    assert table(fresh, "SELECT * FROM import_batches ORDER BY ALL") == table(
        writable_store, "SELECT * FROM import_batches ORDER BY ALL")
    undo(fresh, kept.batch_id)  # the history came too
    assert observations(fresh) == observations(store_path)


def test_the_build_step_itself_carries_the_imports(writable_store):  # noqa: F811
    from store.build import build

    before = import_plan(writable_store, _prepare(writable_store, csv_bytes(MONTHLY)), who="a")
    imported = observations(writable_store)
    build(writable_store, "2026-10", quiet=True)  # `make data` over a store that holds an import
    assert observations(writable_store) == imported
    undo(writable_store, before.batch_id)
