"""The proxied set-up as a child process, for the tests and the bench: `python -m serve` (Streamlit
workers behind nginx) on 127.0.0.1 and a given store, started and stopped by the caller, with its
state (workers.json) and which worker served a route (nginx's access log) readable."""
from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
START_TIMEOUT_S = 120
ROUTED = re.compile(r'"GET (?P<path>\S+) HTTP/[\d.]+" (?P<status>\d+) .* route=(?P<route>\S+) upstream=(?P<upstream>\S+)')


def nginx_missing() -> str | None:
    """Why the proxied set-up cannot start here, or None."""
    if not (shutil.which("nginx") or Path("/usr/sbin/nginx").exists()):
        return "nginx is missing (apt-get install nginx; `make test` installs it)"
    return None


def free_ports(start: int, count: int, tries: int = 100) -> int:
    """The first port from `start` such that it and the next count-1 ports are all free."""
    from ui.serve import free_port

    def free(port: int) -> bool:
        try:
            return free_port(port, tries=1) == port
        except RuntimeError:
            return False

    for base in range(start, start + tries):
        if all(free(base + i) for i in range(count)):
            return base
    raise RuntimeError(f"no {count} free ports from {start}")


@dataclass
class Proxied:
    url: str
    run_dir: Path
    process: subprocess.Popen

    def state(self) -> dict:
        return json.loads((self.run_dir / "workers.json").read_text(encoding="utf-8"))

    def routes(self) -> list[dict]:
        """Every request nginx logged so far: path, status, route (the sticky cookie), upstream."""
        log = self.run_dir / "access.log"
        text = log.read_text(encoding="utf-8", errors="replace") if log.exists() else ""
        return [m.groupdict() for m in map(ROUTED.search, text.splitlines()) if m]

    def worker_of(self, route: str) -> str:
        """The upstream (127.0.0.1:port) that last served a request of `route`: host-config, which
        the frontend asks before it opens the websocket (nginx logs a websocket when it closes)."""
        served = [r["upstream"] for r in self.routes() if r["route"] == route and r["upstream"] != "-"]
        if not served:
            raise LookupError(f"no request of route {route} reached a worker")
        return served[-1].split(",")[-1].strip()

    def wait_all_healthy(self, timeout_s: float = START_TIMEOUT_S) -> dict:
        deadline = time.monotonic() + timeout_s
        while True:
            try:
                state = self.state()
                if all(w["healthy"] for w in state["workers"]):
                    return state
            except (OSError, ValueError):
                pass
            if self.process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"the proxied set-up did not get healthy:\n{self.log()}")
            time.sleep(0.2)

    def wait_answering(self, timeout_s: float = START_TIMEOUT_S) -> None:
        deadline = time.monotonic() + timeout_s
        while True:
            try:
                with urllib.request.urlopen(f"{self.url}/_stcore/health", timeout=5) as answer:
                    if answer.read() == b"ok":
                        return
            except OSError:
                pass
            if self.process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"the proxy did not answer on {self.url}:\n{self.log()}")
            time.sleep(0.05)

    def log(self) -> str:
        parts = []
        for name in ("serve.log", "error.log", *(p.name for p in sorted(self.run_dir.glob("worker-*.log")))):
            path = self.run_dir / name
            if path.exists():
                parts.append(f"--- {name}\n" + path.read_text(errors="replace")[-2000:])
        return "\n".join(parts)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def start_proxied(store: Path, run_dir: Path, workers: int = 2, first_port: int = 9150,
                  env: dict | None = None, every_worker: bool = True) -> Proxied:
    """`python -m serve` with `workers` workers on the store; returns once the proxy answers
    (the supervisor starts nginx once a worker does) and, with `every_worker`, every worker is
    healthy."""
    port = free_ports(first_port, workers + 1)
    python = ROOT / ".venv" / "bin" / "python"
    command = [str(python if python.exists() else sys.executable), "-m", "serve", "--workers", str(workers),
               "--port", str(port), "--host", "127.0.0.1", "--run-dir", str(run_dir), "--store", str(store)]
    run_dir.mkdir(parents=True, exist_ok=True)
    with open(run_dir / "serve.log", "wb") as log:
        process = subprocess.Popen(command, cwd=ROOT, env={**os.environ, **(env or {})}, stdout=log,
                                   stderr=subprocess.STDOUT)
    proxied = Proxied(f"http://127.0.0.1:{port}", run_dir, process)
    try:
        if every_worker:
            proxied.wait_all_healthy()
        proxied.wait_answering()
    except BaseException:
        proxied.stop()
        raise
    return proxied
