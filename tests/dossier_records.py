"""Hand-made dossier records for the tests, and the files and servers they go through.

`record(...)` gives one dossier with sensible defaults (Đà Nẵng, not in the demo sample; a provincial agency, filed online,
settled on time); tests change only what they are about. `write_export` writes records as a
one-stop system would export them: Vietnamese headers, dd/mm/yyyy hh:mm, Có/Không."""
from __future__ import annotations

import csv
import os
import shutil
import socket
import subprocess
import tempfile
import time
from datetime import datetime
from pathlib import Path

HEADERS = {  # field -> the header a one-stop system's export uses
    "dossier_id": "Mã hồ sơ", "entity_id": "Tỉnh/Thành phố", "unit_id": "Mã đơn vị", "unit_name": "Đơn vị tiếp nhận",
    "unit_kind": "Cấp", "commune_id": "Xã/Phường", "procedure_code": "Mã thủ tục", "procedure_name": "Tên thủ tục",
    "sector": "Lĩnh vực", "channel": "Hình thức nộp", "full_online": "Toàn trình", "received_at": "Ngày tiếp nhận",
    "due_at": "Hạn trả kết quả", "finished_at": "Ngày có kết quả", "status": "Trạng thái",
    "e_result": "Kết quả điện tử", "paid_online": "Thanh toán trực tuyến", "digitised": "Số hóa",
    "synced": "Đồng bộ Cổng DVCQG", "updated_at": "Ngày cập nhật",
}
WORDS = {"channel": {"online": "Trực tuyến", "in_person": "Trực tiếp", "post": "Bưu chính"},
         "status": {"finished": "Đã trả kết quả", "processing": "Đang xử lý", "withdrawn": "Rút hồ sơ"},
         "unit_kind": {"agency": "Sở, ngành", "commune": "Cấp xã", "province": "Cấp tỉnh", "ministry": "Bộ, ngành"}}


def record(dossier_id: str, **changes) -> dict:
    base = dict(dossier_id=dossier_id, entity_id="Đà Nẵng", unit_id="000.00.01.H48", unit_name="Sở Tư pháp",
                unit_kind="agency", commune_id=None, procedure_code="2.000505",
                procedure_name="Cấp Phiếu lý lịch tư pháp", sector="Lý lịch tư pháp", channel="online",
                full_online=True, received_at=datetime(2026, 9, 7, 8, 0), due_at=datetime(2026, 9, 14, 17, 0),
                finished_at=datetime(2026, 9, 12, 10, 0), status="finished", e_result=True, paid_online=True,
                digitised=True, synced=True, updated_at=None)
    base.update(changes)
    if base["updated_at"] is None:
        base["updated_at"] = base["finished_at"] or base["received_at"]
    return base


def _cell(field: str, value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Có" if value else "Không"
    if isinstance(value, datetime):
        return value.strftime("%d/%m/%Y %H:%M")
    return WORDS.get(field, {}).get(value, str(value))


def export_rows(records: list[dict]) -> list[list[str]]:
    return [list(HEADERS.values())] + [[_cell(f, r[f]) for f in HEADERS] for r in records]


def write_rows(path: Path, rows: list[list[str]]) -> Path:
    with open(path, "w", newline="", encoding="utf-8-sig") as f:
        csv.writer(f).writerows(rows)
    return path


def write_export(path: Path, records: list[dict]) -> Path:
    suffix = path.suffix.lower()
    rows = export_rows(records)
    if suffix == ".csv":
        write_rows(path, rows)
    elif suffix == ".xlsx":
        from openpyxl import Workbook

        wb = Workbook()
        ws = wb.active
        ws.append(["Danh sách hồ sơ (xuất từ hệ thống một cửa)"])  # a title above the headers
        ws.append([])
        for row in rows:
            ws.append(row)
        ws.delete_rows(1, 2)  # keep the headers on row 1 so that rows match the CSV's
        wb.save(path)
    elif suffix == ".parquet":
        import pyarrow as pa
        import pyarrow.parquet as pq

        pq.write_table(pa.table({h: [r[f] for r in records] for f, h in HEADERS.items()}), path)
    return path


# -- a real PostgreSQL server --------------------------------------------------------------------
PG_BIN = Path("/usr/lib/postgresql/15/bin")
PORTS = range(9200, 9300)  # this work's port range


def free_port() -> int:
    for port in PORTS:
        with socket.socket() as s:
            try:
                s.bind(("127.0.0.1", port))
                return port
            except OSError:
                continue
    raise RuntimeError("no free port in 9200-9299")


class PostgresServer:
    """initdb + pg_ctl on 127.0.0.1 (as user postgres when run as root: the server refuses root)."""

    def __init__(self):
        self.dir = Path(tempfile.mkdtemp(prefix="kpi-pg-"))
        self.port = free_port()
        self.dsn = f"host=127.0.0.1 port={self.port} user=kpi dbname=postgres"

    def _run(self, *args: str) -> None:
        cmd = [str(PG_BIN / args[0]), *args[1:]]
        if os.geteuid() == 0:
            cmd = ["runuser", "-u", "postgres", "--", *cmd]
        subprocess.run(cmd, check=True, capture_output=True, timeout=60)

    def start(self) -> PostgresServer:
        if os.geteuid() == 0:
            shutil.chown(self.dir, "postgres")
        self._run("initdb", "-D", str(self.dir / "data"), "-A", "trust", "-U", "kpi", "-E", "UTF8")
        self._run("pg_ctl", "-D", str(self.dir / "data"), "-o",
                  f"-p {self.port} -k /tmp -c listen_addresses=127.0.0.1", "-l", str(self.dir / "data" / "log"),
                  "-w", "start")
        deadline = time.monotonic() + 30
        import psycopg

        while True:
            try:
                psycopg.connect(self.dsn).close()
                return self
            except psycopg.OperationalError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.2)

    def stop(self) -> None:
        try:
            self._run("pg_ctl", "-D", str(self.dir / "data"), "-m", "fast", "stop")
        finally:
            shutil.rmtree(self.dir, ignore_errors=True)


# -- stores --------------------------------------------------------------------------------------
def copy_store(src: Path, dst_dir: Path) -> Path:
    """A copy of a store and of its dossier dataset (store.dossiers.dataset.copy_store)."""
    from store.dossiers import dataset

    return dataset.copy_store(src, dst_dir)


def query(store: Path, sql: str, params=None):
    import duckdb

    con = duckdb.connect(str(store), read_only=True)
    try:
        return con.execute(sql, params or []).df()
    finally:
        con.close()


def value(store: Path, entity_id: str, metric_id: str, period: str):
    """(numerator, denominator, status, batch_id) of one observation, or None."""
    rows = query(store, """SELECT numerator, denominator, status, batch_id FROM observations
                           WHERE entity_id = ? AND metric_id = ? AND period = ?""", [entity_id, metric_id, period])
    return None if rows.empty else tuple(rows.iloc[0])
