"""The dashboard's server as the benchmarks start it (`python -m ui.serve` on a store, as
tests/browser/conftest.py does), the pages its sidebar declares, and what its processes cost:
CPU seconds from /proc and peak memory (VmHWM)."""
from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from bench.load.processes import TICKS_PER_S, descendants, stat_fields
from ui.serve import free_port

ROOT = Path(__file__).resolve().parents[1]
FIRST_PORT = 8700
START_TIMEOUT_S = 60
HEALTH_POLL_S = 0.05

@dataclass(frozen=True)
class NavPage:
    title: str  # Vietnamese: the sidebar link's text
    url: str  # '' for the default page, which st.navigation serves at the root
    declared_url: str = ""  # the url_path dashboard.PAGES gives it (the default page's too)


def declared_pages() -> list[NavPage]:
    """ui.navigation.PAGES as the sidebar shows them in Vietnamese. The data-import page is kept:
    it shows without a login."""
    from l10n import t
    from ui.navigation import PAGES

    return [NavPage(title=t(p.title, "vi"), url="" if i == 0 else p.url, declared_url=p.url)
            for i, p in enumerate(PAGES) if (ROOT / p.path).exists()]


class Server:
    """`streamlit run dashboard.py` on `store_path`, as tests/browser/conftest.py starts it."""

    def __init__(self, store_path: Path, log_dir: Path):
        self.port = free_port(FIRST_PORT)
        self.url = f"http://127.0.0.1:{self.port}"
        self.log_path = log_dir / f"streamlit-{self.port}.log"
        python = ROOT / ".venv" / "bin" / "python"
        command = [str(python if python.exists() else sys.executable), "-m", "ui.serve",
                   "--server.headless", "true", "--server.address", "127.0.0.1", "--server.port", str(self.port),
                   "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none"]
        env = dict(os.environ, KPI_STORE=str(store_path))
        with open(self.log_path, "wb") as log:
            self.started = time.perf_counter()
            self.process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)

    def wait_healthy(self) -> float:
        """Seconds from Popen until /_stcore/health answers "ok"."""
        deadline = self.started + START_TIMEOUT_S
        while not self._healthy():
            if self.process.poll() is not None or time.perf_counter() > deadline:
                log = self.log_path.read_text(errors="replace")[-3000:]
                raise RuntimeError(f"the dashboard did not start on {self.url}:\n{log}")
            time.sleep(HEALTH_POLL_S)
        return time.perf_counter() - self.started

    def _healthy(self) -> bool:
        try:
            with urllib.request.urlopen(f"{self.url}/_stcore/health", timeout=2) as answer:
                return answer.read().decode().strip() == "ok"
        except OSError:
            return False

    def pids(self) -> list[int]:
        return descendants(self.process.pid)

    def peak_rss_mb(self) -> float:
        """VmHWM of the server and of every process below it, in MB (1e6 bytes). A sum of peaks,
        so an upper bound where children peaked at different times."""
        return sum(_status_kb(pid, "VmHWM") for pid in self.pids()) * 1024 / 1e6

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def _status_kb(pid: int, field: str) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1])
    except OSError:  # the process ended meanwhile
        pass
    return 0


def cpu_s(pids: list[int]) -> float:
    """User and system CPU seconds the processes have used so far (fields 14 and 15)."""
    return sum(int(f[11]) + int(f[12]) for f in map(stat_fields, pids) if f) / TICKS_PER_S


class CpuSplit:
    """CPU seconds of the server and of everything else this process started (the Playwright
    driver and Chromium) since `start()`."""

    def __init__(self, server: Server):
        self.server = server

    def _now(self) -> tuple[float, float]:
        server = set(self.server.pids())
        harness = [pid for pid in descendants(os.getpid()) if pid not in server and pid != os.getpid()]
        return cpu_s(list(server)), cpu_s(harness)

    def start(self) -> None:
        self.started = self._now()

    def used(self) -> tuple[float, float]:
        now = self._now()
        return now[0] - self.started[0], now[1] - self.started[1]
