"""`python -m alerts …`: one pass for cron or a systemd timer, the scheduler, the outbox, and the
rules and subscriptions from the command line.

    python -m alerts run-due [--db data/kpi.duckdb] [--today 2026-11-05]   # exit 3: a message failed for good
    python -m alerts scheduler                                             # a pass every ALERTS_INTERVAL s
    python -m alerts outbox [--limit 20]        python -m alerts retry     # failed messages go out again
    python -m alerts rules                      python -m alerts subscriptions
    python -m alerts add-rule --condition rank_drop --threshold 5 --metrics collection:overview_tiles \\
        --scope kind --value province --to ban-chi-dao@example.gov.vn --by "Văn phòng"
    python -m alerts pause|resume|delete RULE_ID --by NAME
    python -m alerts subscribe an@example.gov.vn --place ha-noi --lang en --by NAME   (or --monthly)
    python -m alerts unsubscribe SUBSCRIPTION_ID
"""
from __future__ import annotations

import argparse
import logging
import signal
import sys
import threading
from datetime import date, datetime
from pathlib import Path

from alerts import registry, schedule, settings
from alerts.ledger import Ledger
from alerts.rules import CONDITIONS, SCOPES, Rule, Subscription, parse_recipients
from l10n import t
from metrics.db import Store
from metrics.paths import store_path


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m alerts", description="Alerts and the monthly report.")
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--db", type=Path, default=None, help="the store (default: data/kpi.duckdb or $KPI_STORE)")
    commands = parser.add_subparsers(dest="command", required=True)

    def command(name: str, **kw) -> argparse.ArgumentParser:
        return commands.add_parser(name, parents=[common], **kw)

    due = command("run-due", help="one pass: evaluations, the monthly report, the outbox")
    due.add_argument("--today", type=date.fromisoformat, default=None)
    command("scheduler", help="a pass every ALERTS_INTERVAL seconds until stopped")
    outbox = command("outbox", help="the latest messages and their state")
    outbox.add_argument("--limit", type=int, default=20)
    command("retry", help="put failed messages back in the outbox")
    command("rules")
    command("subscriptions")
    add = command("add-rule")
    add.add_argument("--condition", choices=sorted(CONDITIONS), required=True)
    add.add_argument("--metrics", default="collection:overview_tiles", help="a metric id or collection:NAME")
    add.add_argument("--scope", choices=SCOPES, required=True)
    add.add_argument("--value", required=True, help="province|ministry, a region id, a place id or a province id")
    add.add_argument("--threshold", type=float, default=None)
    add.add_argument("--to", default="", help="recipients, separated by commas")
    add.add_argument("--lang", choices=("vi", "en"), default="vi")
    add.add_argument("--by", required=True)
    for name in ("pause", "resume", "delete"):
        state = command(name)
        state.add_argument("rule_id")
        state.add_argument("--by", required=True)
    sub = command("subscribe")
    sub.add_argument("email")
    what = sub.add_mutually_exclusive_group(required=True)
    what.add_argument("--place")
    what.add_argument("--monthly", action="store_true")
    sub.add_argument("--lang", choices=("vi", "en"), default="vi")
    sub.add_argument("--by", required=True)
    unsub = command("unsubscribe")
    unsub.add_argument("subscription_id")
    return parser


def _refused(error: registry.Refused) -> int:
    for p in error.problems:
        print(f"{p.field}: {t(p.key, 'vi', **p.values)} / {t(p.key, 'en', **p.values)}", file=sys.stderr)
    return 2


def _listing(args, db: Path) -> int:
    if args.command == "outbox":
        frame = Ledger.beside(db).messages(args.limit)
        print(frame.drop(columns=["lang"]).to_string(index=False) if not frame.empty else "(empty)")
        return 0
    store = Store(db)
    try:
        rows = registry.rules(store) if args.command == "rules" else registry.subscriptions(store)
    finally:
        store.close()
    for row in rows:
        print(row)
    return 0


def _change(args, db: Path) -> int:
    try:
        if args.command == "add-rule":
            rule = registry.add_rule(db, Rule("", args.metrics, args.scope, args.value, args.condition, args.threshold,
                                              parse_recipients(args.to), args.lang), args.by)
            print(rule.rule_id)
        elif args.command in ("pause", "resume", "delete"):
            state = {"pause": "paused", "resume": "active", "delete": "deleted"}[args.command]
            registry.set_rule_state(db, args.rule_id, state, args.by)
        elif args.command == "subscribe":
            topic = "monthly_report" if args.monthly else "place"
            print(registry.subscribe(db, Subscription("", args.email, topic, args.place, args.lang), args.by))
        else:
            registry.unsubscribe(db, args.subscription_id)
    except registry.Refused as error:
        return _refused(error)
    return 0


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s", stream=sys.stderr)
    db = args.db or store_path()
    if args.command == "run-due":
        done = schedule.run_due(db, today=args.today)
        print(done.summary())
        for error in done.delivery.errors:
            print(error, file=sys.stderr)
        return 3 if done.delivery.failed else 0
    if args.command == "scheduler":
        stop = threading.Event()
        for sig in (signal.SIGTERM, signal.SIGINT):
            signal.signal(sig, lambda *_: stop.set())
        return schedule.scheduler(db, settings.load(), stop)
    if args.command == "retry":
        print(f"{Ledger.beside(db).retry_failed(datetime.now())} messages back in the outbox")
        return 0
    if args.command in ("outbox", "rules", "subscriptions"):
        return _listing(args, db)
    return _change(args, db)


if __name__ == "__main__":
    sys.exit(main())
