"""`python -m serve --workers N --port P` (`make serve WORKERS=n PORT=p`): N Streamlit workers
behind nginx listening on PORT; see serve/__init__.py. Stops on Ctrl-C or SIGTERM."""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

from serve.supervisor import Supervisor


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 2, help="Streamlit processes (default: cores)")
    parser.add_argument("--port", type=int, default=8501, help="where nginx listens")
    parser.add_argument("--host", default="0.0.0.0", help="the address nginx listens on")
    parser.add_argument("--worker-port", type=int, help="the first worker's port (default: PORT+1)")
    parser.add_argument("--run-dir", type=Path, help="nginx's config, logs and workers.json (default: a temp folder)")
    parser.add_argument("--store", type=Path, help="the store file (default: KPI_STORE or data/kpi.duckdb)")
    args = parser.parse_args()
    if args.workers < 1:
        parser.error("--workers must be at least 1")
    run_dir = args.run_dir or Path(tempfile.mkdtemp(prefix=f"kpi-serve-{args.port}-"))
    supervisor = Supervisor(args.workers, args.port, run_dir.resolve(), args.host, args.worker_port,
                            args.store.resolve() if args.store else None)
    return supervisor.run()


if __name__ == "__main__":
    sys.exit(main())
