"""PostgreSQL sync against a real server (Debian's postgresql on 127.0.0.1, port 9200-9299):
fill it, sync, sync again (nothing new), change and add rows, sync; an interrupted sync."""
from __future__ import annotations

import os
from datetime import datetime

import psycopg
import pytest

from ingest.dossiers import postgres
from store.dossiers import dataset, kpis
from tests.dossier_records import PostgresServer, copy_store, query, record, value

TABLE = """CREATE TABLE ho_so (
    ma_ho_so text PRIMARY KEY, tinh_thanh_pho text, ma_don_vi text, don_vi_tiep_nhan text, cap text,
    xa_phuong text, ma_thu_tuc text, ten_thu_tuc text, linh_vuc text, hinh_thuc_nop text, toan_trinh boolean,
    ngay_tiep_nhan timestamp, han_tra_ket_qua timestamp, ngay_co_ket_qua timestamp, trang_thai text,
    ket_qua_dien_tu boolean, thanh_toan_truc_tuyen boolean, so_hoa boolean, dong_bo boolean,
    ngay_cap_nhat timestamp NOT NULL)"""
COLUMNS = ["dossier_id", "entity_id", "unit_id", "unit_name", "unit_kind", "commune_id", "procedure_code",
           "procedure_name", "sector", "channel", "full_online", "received_at", "due_at", "finished_at", "status",
           "e_result", "paid_online", "digitised", "synced", "updated_at"]
STATUS_WORDS = {"finished": "Đã giải quyết", "processing": "Đang giải quyết", "withdrawn": "Rút hồ sơ"}


@pytest.fixture(scope="module")
def server():
    pg = PostgresServer().start()
    yield pg
    pg.stop()


@pytest.fixture()
def db(server):
    with psycopg.connect(server.dsn, autocommit=True) as con:
        con.execute("DROP TABLE IF EXISTS ho_so")
        con.execute(TABLE)
    return server.dsn


def put(dsn: str, *records: dict) -> None:
    """Insert or update rows as the one-stop system does (its own words for the status)."""
    with psycopg.connect(dsn, autocommit=True) as con:
        for r in records:
            row = [STATUS_WORDS.get(r[c], r[c]) if c == "status" else r[c] for c in COLUMNS]
            con.execute(f"INSERT INTO ho_so VALUES ({', '.join(['%s'] * len(COLUMNS))}) "
                        "ON CONFLICT (ma_ho_so) DO UPDATE SET " +
                        ", ".join(f"{c} = EXCLUDED.{c}" for c in TABLE_COLUMNS[1:]), row)


TABLE_COLUMNS = [line.split()[0] for line in TABLE.split("(", 1)[1].split(",") if line.strip() and not line.strip().startswith("NOT")]


@pytest.fixture()
def store(store_path, tmp_path):
    return copy_store(store_path, tmp_path)


def test_sync_fill_change_add_and_again(db, store):
    put(db, record("PG-1"), record("PG-2", channel="in_person", full_online=False),
        record("PG-3", finished_at=datetime(2026, 9, 15, 9, 0)))  # late
    first = postgres.sync(store, db)
    assert first.counts == {"added": 3, "changed": 0, "same": 0, "older": 0}
    assert first.months == [202609]
    assert value(store, "da-nang-2025", "dossiers_on_time", "2026-09")[:3] == (2, 3, "records")
    assert value(store, "da-nang-2025", "dossiers_online", "2026-09")[:2] == (2, 3)
    assert postgres.watermark(store, "postgresql:public.ho_so") == datetime(2026, 9, 15, 9, 0)

    before = os.stat(store).st_mtime_ns
    again = postgres.sync(store, db)  # reads only what was updated since (PG-3): nothing new
    assert again.batch_id is None and again.records == 1
    assert again.counts == {"added": 0, "changed": 0, "same": 1, "older": 0}
    assert os.stat(store).st_mtime_ns == before

    # PG-3 was corrected (settled on time after all), PG-4 is new and lands in October
    put(db, record("PG-3", finished_at=datetime(2026, 9, 14, 16, 0), updated_at=datetime(2026, 10, 2, 8, 0)),
        record("PG-4", received_at=datetime(2026, 10, 1, 9, 0), due_at=datetime(2026, 10, 6, 17, 0),
               finished_at=None, status="processing", updated_at=datetime(2026, 10, 1, 9, 0)))
    third = postgres.sync(store, db)
    assert os.stat(store).st_mtime_ns != before
    assert third.counts == {"added": 1, "changed": 1, "same": 0, "older": 0}
    assert third.months == [202609, 202610]
    assert value(store, "da-nang-2025", "dossiers_on_time", "2026-09")[:2] == (3, 3)
    assert value(store, "da-nang-2025", "dossiers_online", "2026-10")[:2] == (1, 1)
    stored = query(store, "SELECT dossier_id, count(*) AS n FROM kpi_dossiers WHERE dossier_id LIKE 'PG-%' GROUP BY 1")
    assert sorted(stored.dossier_id) == ["PG-1", "PG-2", "PG-3", "PG-4"] and set(stored.n) == {1}
    batches = query(store, "SELECT origin, added, changed FROM dossier_batches ORDER BY imported_at")
    assert list(batches.itertuples(index=False, name=None)) == [("postgresql", 3, 0), ("postgresql", 1, 1)]


def test_an_interrupted_sync_leaves_the_previous_state(db, store, monkeypatch):
    put(db, record("PG-1"))
    postgres.sync(store, db)
    version = query(store, "SELECT value FROM store_info WHERE key = 'dossier_version'").value[0]
    before, mark = store.read_bytes(), postgres.watermark(store, "postgresql:public.ho_so")
    put(db, record("PG-2", updated_at=datetime(2026, 9, 20, 8, 0)))

    def cut(*args, **kwargs):
        raise ConnectionError("the sync was cut off half-way")
    monkeypatch.setattr(kpis, "write_observations", cut)
    with pytest.raises(ConnectionError):
        postgres.sync(store, db)
    assert store.read_bytes() == before  # byte for byte
    assert postgres.watermark(store, "postgresql:public.ho_so") == mark
    assert {d.name for d in dataset.root(store).iterdir()} >= {version}
    assert len([d for d in dataset.root(store).iterdir() if d.name != version]) <= 1  # the old build's, nothing half-written
    monkeypatch.undo()
    done = postgres.sync(store, db)  # the next sync reads the same rows again
    assert done.counts["added"] == 1 and done.counts["same"] == 1
    assert value(store, "da-nang-2025", "dossiers_on_time", "2026-09")[:2] == (2, 2)


def test_a_bad_row_in_the_database_refuses_the_sync(db, store):
    from ingest.dossiers.write import Refused

    put(db, record("PG-1"), record("PG-2", entity_id="Hà Tây"))
    before = store.read_bytes()
    with pytest.raises(Refused) as refused:
        postgres.sync(store, db)
    assert "Hà Tây" in refused.value.report() and "tinh_thanh_pho" in refused.value.report()
    assert store.read_bytes() == before
