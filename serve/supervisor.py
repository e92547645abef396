"""Start N workers and nginx in front of them, keep them healthy, stop them together.

Health: every CHECK_EVERY_S the supervisor asks each worker's /_stcore/health. A worker whose
process has ended, or that has not answered for HUNG_AFTER_S, is marked `down` in nginx's
upstream (nginx reloaded, so new sessions and reconnecting ones go to the others at once; nginx
also skips a worker that refuses a connection before the supervisor notices), then restarted;
it is marked up again once it answers. The state is written to run_dir/workers.json after
every change (ports, pids, health, restarts) for people and tests to read.
"""
from __future__ import annotations

import json
import os
import secrets
import signal
import socket
import subprocess
import time
from pathlib import Path

from serve import nginx
from serve.static import ensure_mirror
from serve.workers import ROOT, Worker, end_with_parent

CHECK_EVERY_S = 1.0
HEALTH_TIMEOUT_S = 5.0
HUNG_AFTER_S = 30.0  # alive but not answering /_stcore/health for this long: hung
START_TIMEOUT_S = 90


class Supervisor:
    def __init__(self, workers: int, port: int, run_dir: Path, host: str = "0.0.0.0",
                 first_worker_port: int | None = None, store: Path | None = None):
        self.port, self.host, self.run_dir = port, host, run_dir
        run_dir.mkdir(parents=True, exist_ok=True)
        run_dir.chmod(0o755)  # nginx's unprivileged workers use its tmp/ folder
        env = dict(os.environ)
        if store is not None:
            env["KPI_STORE"] = str(store)
        # One cookie secret for every worker: a signed-in editor's cookie (st.login) stays valid
        # when their browser lands on another worker. Several machines: set the same one on each.
        env.setdefault("STREAMLIT_SERVER_COOKIE_SECRET", secrets.token_urlsafe(32))
        first = first_worker_port or port + 1
        self.workers = [Worker(first + i, run_dir, env) for i in range(workers)]
        self.nginx: subprocess.Popen | None = None
        self.static_root = ensure_mirror()
        self._stopping = False

    # -- nginx ---------------------------------------------------------------------------------
    def _write_nginx(self) -> Path:
        upstreams = [nginx.Upstream(w.port, down=not w.healthy) for w in self.workers]
        if all(u.down for u in upstreams):  # nginx needs one server up; it answers 502 meanwhile
            upstreams = [nginx.Upstream(u.port) for u in upstreams]
        path = nginx.write_config(self.run_dir, f"{self.host}:{self.port}", upstreams, self.static_root,
                                  ROOT / "static")
        nginx.check_config(path)
        return path

    def _start_nginx(self) -> None:
        path = self._write_nginx()
        log = open(self.run_dir / "nginx.out", "ab")
        self.nginx = subprocess.Popen([nginx.nginx_binary(), "-p", str(self.run_dir), "-c", str(path),
                                       "-g", "daemon off;"], stdout=log, stderr=subprocess.STDOUT,
                                      start_new_session=True, preexec_fn=end_with_parent)
        log.close()
        deadline = time.monotonic() + 10
        while not self._proxy_answers() and self.nginx.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)

    def _proxy_answers(self) -> bool:
        host = "127.0.0.1" if self.host in ("0.0.0.0", "") else self.host.strip("[]")
        try:
            with socket.create_connection((host, self.port), timeout=1):
                return True
        except OSError:
            return False

    def _reload_nginx(self) -> None:
        self._write_nginx()
        if self.nginx is not None and self.nginx.poll() is None:
            self.nginx.send_signal(signal.SIGHUP)  # new workers read the new upstream; open websockets stay

    # -- workers -------------------------------------------------------------------------------
    def _check(self, worker: Worker) -> bool:
        """True when the worker's health changed (nginx must follow).

        A worker whose process ended is restarted at once. One that is alive but silent is left
        alone for HUNG_AFTER_S: a worker busy with fifty sessions answers its health check late
        (one interpreter lock), and killing it would drop every one of them."""
        if not worker.is_alive():
            was = worker.healthy
            worker.healthy = False
            worker.restarts += 1
            self._log(f"worker :{worker.port} (pid {worker.pid}) ended with {worker.process.returncode}; restarting")
            worker.start()
            return was
        if worker.answers_health(HEALTH_TIMEOUT_S):
            worker.last_answer = time.monotonic()
            if not worker.healthy:
                worker.healthy = True
                self._log(f"worker :{worker.port} (pid {worker.pid}) healthy after "
                          f"{time.monotonic() - worker.started_at:.1f} s")
                return True
            return False
        silent = time.monotonic() - max(worker.last_answer, worker.started_at)
        limit = HUNG_AFTER_S if worker.healthy else START_TIMEOUT_S
        if silent > limit:
            self._log(f"worker :{worker.port} (pid {worker.pid}) silent for {silent:.0f} s; restarting")
            was = worker.healthy
            worker.healthy = False
            worker.stop()  # the next check starts it again
            return was
        return False

    def _wait_for_a_worker(self) -> None:
        """Until one worker answers (or START_TIMEOUT_S): nginx then listens only once it can
        serve, so "the port answers" means "the dashboard answers"."""
        deadline = time.monotonic() + START_TIMEOUT_S
        while not self._stopping and time.monotonic() < deadline:
            for worker in self.workers:
                self._check(worker)
            if any(w.healthy for w in self.workers):
                return
            self._sleep(0.2)

    def _write_state(self) -> None:
        state = {"port": self.port, "nginx_pid": self.nginx.pid if self.nginx else None,
                 "workers": [{"port": w.port, "pid": w.pid, "healthy": w.healthy, "restarts": w.restarts}
                             for w in self.workers]}
        tmp = self.run_dir / "workers.json.tmp"
        tmp.write_text(json.dumps(state, indent=1), encoding="utf-8")
        tmp.replace(self.run_dir / "workers.json")

    def _log(self, text: str) -> None:
        print(f"[serve {time.strftime('%H:%M:%S')}] {text}", flush=True)

    # -- life ----------------------------------------------------------------------------------
    def run(self) -> int:
        """Start everything, then watch until SIGTERM/SIGINT; the exit code."""
        for sig in (signal.SIGTERM, signal.SIGINT):
            signal.signal(sig, self._on_signal)
        try:
            for worker in self.workers:
                worker.start()
            self._wait_for_a_worker()
            self._start_nginx()
            self._log(f"nginx on {self.host}:{self.port} in front of {len(self.workers)} workers "
                      f"(:{self.workers[0].port}..:{self.workers[-1].port}); run folder {self.run_dir}")
            self._write_state()
            while not self._stopping:
                if self.nginx.poll() is not None:
                    self._log(f"nginx ended with {self.nginx.returncode}; see {self.run_dir / 'error.log'}")
                    return 1
                if any([self._check(w) for w in self.workers]):
                    self._reload_nginx()
                self._write_state()
                self._sleep(CHECK_EVERY_S)
        finally:
            self.stop()
        return 0

    def _sleep(self, seconds: float) -> None:
        deadline = time.monotonic() + seconds
        while not self._stopping and time.monotonic() < deadline:
            time.sleep(0.05)

    def _on_signal(self, signum, _frame) -> None:
        self._stopping = True

    def stop(self) -> None:
        if self.nginx is not None and self.nginx.poll() is None:
            self.nginx.send_signal(signal.SIGTERM)  # at once: a graceful stop would wait for every websocket
            try:
                self.nginx.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.nginx.kill()
                self.nginx.wait()
        for worker in self.workers:
            worker.signal_stop()
        for worker in self.workers:
            worker.stop()
        self._log("stopped")
