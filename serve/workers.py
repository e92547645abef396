"""One Streamlit worker: `python -m ui.serve` on 127.0.0.1:PORT (the deep-link fix and the warm
imports included), with its log in the run folder; started, asked for its health, stopped."""
from __future__ import annotations

import ctypes
import os
import signal
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
STOP_TIMEOUT_S = 10
PR_SET_PDEATHSIG = 1


def end_with_parent() -> None:
    """In the child, before exec: SIGTERM when the supervisor dies, even by SIGKILL, so that no
    worker or nginx outlives it (Linux's PR_SET_PDEATHSIG; elsewhere nothing)."""
    try:
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)
    except (OSError, AttributeError):
        pass


def python() -> str:
    venv = ROOT / ".venv" / "bin" / "python"
    return str(venv if venv.exists() else sys.executable)


@dataclass
class Worker:
    port: int
    log_dir: Path
    env: dict[str, str]
    process: subprocess.Popen | None = None
    started_at: float = 0.0
    restarts: int = 0
    last_answer: float = 0.0  # monotonic time of the last health answer
    healthy: bool = False
    extra_args: list[str] = field(default_factory=list)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def pid(self) -> int | None:
        return self.process.pid if self.process else None

    def start(self) -> None:
        command = [python(), "-m", "ui.serve", "--server.headless", "true", "--server.address", "127.0.0.1",
                   "--server.port", str(self.port), "--browser.gatherUsageStats", "false",
                   "--server.fileWatcherType", "none", "--server.runOnSave", "false", *self.extra_args]
        log = open(self.log_dir / f"worker-{self.port}.log", "ab")
        try:
            self.process = subprocess.Popen(command, cwd=ROOT, env=self.env, stdout=log, stderr=subprocess.STDOUT,
                                            start_new_session=True,  # a Ctrl-C reaches the supervisor only
                                            preexec_fn=end_with_parent)
        finally:
            log.close()
        self.started_at, self.healthy, self.last_answer = time.monotonic(), False, 0.0

    def is_alive(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def answers_health(self, timeout_s: float = 2.0) -> bool:
        try:
            with urllib.request.urlopen(f"{self.url}/_stcore/health", timeout=timeout_s) as answer:
                return answer.read().decode().strip() == "ok"
        except OSError:
            return False

    def signal_stop(self) -> None:
        """Ask the worker to end (SIGTERM), without waiting: several stop at once."""
        if self.is_alive():
            self.process.send_signal(signal.SIGTERM)

    def stop(self) -> None:
        """End the worker and wait for it (its process group is killed if it takes too long)."""
        if not self.is_alive():
            return
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=STOP_TIMEOUT_S)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()
