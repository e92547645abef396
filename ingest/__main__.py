"""The import from the command line.

    python -m ingest FILE [--dry-run] [--source "Báo cáo 125/BC-UBND ngày 05/10/2025"]
                                  [--db data/kpi.duckdb] [--by NAME] [--report errors.xlsx]
    python -m ingest undo BATCH_ID [--db ...]
    python -m ingest batches [--db ...]
    python -m ingest template {wide-province,wide-ministry,long} OUT.xlsx [--db ...]

Exit codes: 0 imported (or nothing to change, or a dry run that would import); 2 the file is
refused (the report, in Vietnamese and English, on standard error); 1 the store could not be
written (missing, busy, changed since the preview, an undo that would lose a later batch).
"""
from __future__ import annotations

import argparse
import getpass
import os
import sys
from pathlib import Path

from ingest import frames, messages, templates
from ingest.preview import Preview, prepare
from ingest.report import report_xlsx
from ingest.write import WriteRefused, import_plan, undo
from metrics.db import Store
from metrics.paths import store_path

EXIT_OK, EXIT_STORE, EXIT_REFUSED = 0, 1, 2
SHOW_KEPT = 10
COUNTS = ("Thêm {add}, thay {change}, giữ nguyên {leave}, không ghi đè {keep}.",
          "Added {add}, changed {change}, left {leave}, refused to overwrite {keep}.")


def _say(problem_vi: str, fix_vi: str, problem_en: str, fix_en: str, where: str = "", stream=None) -> None:
    stream = stream or sys.stderr
    print(f"{where}{problem_vi} → {fix_vi}", file=stream)
    print(f"{' ' * len(where)}{problem_en} → {fix_en}", file=stream)


def _where(issue) -> str:
    parts = [f"dòng/row {issue.row}" if issue.row else "", f"cột/column {issue.column}" if issue.column else ""]
    text = ", ".join(p for p in parts if p)
    return f"{text}: " if text else ""


def _print_issues(preview: Preview, severity: str, stream) -> None:
    for issue in sorted((i for i in preview.issues if i.severity == severity), key=lambda i: i.row or 0):
        _say(issue.problem("vi"), issue.fix("vi"), issue.problem("en"), issue.fix("en"), _where(issue), stream)


def _print_plan(preview: Preview) -> None:
    plan = frames.plan_frame(preview, "en")
    changed = plan[plan.Action.isin(["Add", "Change"])]
    if not changed.empty:
        print(changed.drop(columns=["Reason"]).to_string(index=False))
    kept = plan[plan.Action == "Refused"]
    for row in kept.head(SHOW_KEPT).itertuples():
        print(f"row {row.Row}: {row.Place}, {row.Metric}, {row.Period} kept — {row.Reason}", file=sys.stderr)
    if len(kept) > SHOW_KEPT:
        print(f"… {len(kept) - SHOW_KEPT} more kept (see --dry-run on the page or the plan)", file=sys.stderr)


def _refused(code: str, **params) -> int:
    vi, vi_fix, en, en_fix = messages.MESSAGES[code]
    _say(vi.format(**params), vi_fix.format(**params), en.format(**params), en_fix.format(**params))
    return EXIT_STORE


def run_import(args) -> int:
    db = Path(args.db)
    if not db.exists():
        return _refused("store_missing", path=db)
    path = Path(args.file)
    store = Store(db)
    try:
        preview = prepare(store, path.name, path.read_bytes(), source=args.source)
    finally:
        store.close()
    _print_issues(preview, "notice", sys.stdout)
    if preview.warnings:  # a report form's sums that do not add up: imported anyway, kept as quality flags
        print("Cảnh báo / Warnings:", file=sys.stderr)
        _print_issues(preview, "warning", sys.stderr)
    if not preview.ok:
        print(f"Tệp bị từ chối, không ghi gì / File refused, nothing written: {path.name}", file=sys.stderr)
        _print_issues(preview, "error", sys.stderr)
        if args.report:
            Path(args.report).write_bytes(report_xlsx(preview, ("vi", "en")))
            print(f"Báo cáo lỗi / error report: {args.report}", file=sys.stderr)
        return EXIT_REFUSED
    _print_plan(preview)
    counts = frames.summary(preview)
    if args.dry_run:
        print("Chạy thử, không ghi / Dry run, nothing written. " + " / ".join(c.format(**counts) for c in COUNTS))
        return EXIT_OK
    try:
        written = import_plan(db, preview, who=args.by)
    except WriteRefused as refused:
        return _refused(refused.code, **refused.params)
    if written.batch_id is None:
        print("Không có gì thay đổi / Nothing to change. " + " / ".join(c.format(**counts) for c in COUNTS))
        return EXIT_OK
    print(f"Đợt nhập / batch {written.batch_id} ({written.seconds:.2f} s). "
          + " / ".join(c.format(**counts) for c in COUNTS))
    return EXIT_OK


def run_undo(args) -> int:
    try:
        written = undo(Path(args.db), args.batch)
    except WriteRefused as refused:
        return _refused(refused.code, **refused.params)
    print(f"Đã hoàn tác đợt / undone batch {written.batch_id}: bỏ {written.added} số liệu thêm, "
          f"khôi phục {written.changed} số liệu / removed {written.added} added, restored {written.changed} "
          f"({written.seconds:.2f} s).")
    return EXIT_OK


def run_batches(args) -> int:
    store = Store(Path(args.db))
    try:
        print(frames.batches_frame(store, "en").to_string(index=False))
    finally:
        store.close()
    return EXIT_OK


def run_template(args) -> int:
    store = Store(Path(args.db))
    try:
        Path(args.out).write_bytes(templates.build(store, args.key))
    finally:
        store.close()
    print(args.out)
    return EXIT_OK


def _parser(command: str | None) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m ingest", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", default=str(store_path()), help="the store (default $KPI_STORE or data/kpi.duckdb)")
    if command == "undo":
        parser.add_argument("command")
        parser.add_argument("batch")
    elif command == "batches":
        parser.add_argument("command")
    elif command == "template":
        parser.add_argument("command")
        parser.add_argument("key", choices=[t.key for t in templates.TEMPLATES])
        parser.add_argument("out")
    else:
        parser.add_argument("file")
        parser.add_argument("--dry-run", action="store_true", help="check and show the plan, write nothing")
        parser.add_argument("--source", help="the source document when the file names none")
        parser.add_argument("--by", default=os.environ.get("KPI_IMPORT_BY") or f"{getpass.getuser()} (CLI)",
                            help="who imports, recorded with the batch (default $KPI_IMPORT_BY or the login name)")
        parser.add_argument("--report", help="write the error report (XLSX) here when the file is refused")
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    command = argv[0] if argv and argv[0] in ("undo", "batches", "template") else None
    args = _parser(command).parse_args(argv)
    runner = {"undo": run_undo, "batches": run_batches, "template": run_template}.get(command, run_import)
    return runner(args)


if __name__ == "__main__":
    sys.exit(main())
