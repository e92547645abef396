"""Dossier records from the command line (exit code 2 and the report on standard error when a
batch is refused):

    python -m ingest.dossiers import ho-so-thang-10.csv [--db data/kpi.duckdb]
    python -m ingest.dossiers sync "host=... dbname=motcua user=..." [--table ho_so] [--schema public]
    python -m ingest.dossiers batches
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from metrics.paths import DEFAULT_STORE


def _print_result(result) -> None:
    if result.batch_id is None:
        print(f"Nothing new: {result.records} records read, all already stored ({result.counts}).")
    else:
        months = ", ".join(f"{m // 100}-{m % 100:02d}" for m in result.months)
        print(f"Batch {result.batch_id}: {result.records} records, {result.counts}; months recomputed: {months}; "
              f"{result.seconds:.1f} s")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m ingest.dossiers", description="Dossier records into the store.")
    parser.add_argument("--db", type=Path, default=DEFAULT_STORE)
    sub = parser.add_subparsers(dest="command", required=True)
    imp = sub.add_parser("import", help="an export of a one-stop system (CSV, XLSX, Parquet)")
    imp.add_argument("file", type=Path)
    imp.add_argument("--lang", default="vi", choices=("vi", "en"))
    syn = sub.add_parser("sync", help="read a one-stop system's PostgreSQL by its last-updated column")
    syn.add_argument("dsn")
    syn.add_argument("--table", default="ho_so")
    syn.add_argument("--schema", default="public")
    syn.add_argument("--lang", default="vi", choices=("vi", "en"))
    sub.add_parser("batches", help="the batches of records taken")
    args = parser.parse_args(argv)

    from ingest.dossiers.read import Unreadable
    from ingest.dossiers.write import Refused, import_file

    try:
        if args.command == "import":
            _print_result(import_file(args.db, args.file))
        elif args.command == "sync":
            from ingest.dossiers.postgres import sync

            _print_result(sync(args.db, args.dsn, args.table, args.schema))
        else:
            import duckdb

            con = duckdb.connect(str(args.db), read_only=True)
            print(con.sql("""SELECT batch_id, origin, name, imported_at, records, added, changed, same, older, months
                             FROM dossier_batches ORDER BY imported_at"""))
            con.close()
    except Refused as refused:
        print(refused.report(getattr(args, "lang", "vi")), file=sys.stderr)
        return 2
    except Unreadable as bad:
        print(bad.message_en if getattr(args, "lang", "vi") == "en" else bad.message_vi, file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
