"""Run one load scenario with Locust as a library and print its figures as JSON.

    python -m bench.load.run --host http://127.0.0.1:8501 --scenario click --users 50 --seconds 120 [--pid PID]

Scenarios: "open" (every user opens the link at once, then stays), "click" (users open the link
spread over one think time, then click through every page and change its filter, for
`--seconds`). With `--pid`, that process and its descendants (the server: one Streamlit process,
or the supervisor with its workers and nginx) are sampled every SAMPLE_S for CPU and memory.
Runs in a process of its own because Locust patches the standard library for gevent.
"""
from __future__ import annotations

import argparse
import json
import math
import os
import sys
import time

import gevent
from locust import events  # noqa: I001 - first: Locust monkey-patches sockets for gevent
from locust.env import Environment

from bench.load import locustfile
from bench.load.processes import tree_usage

SAMPLE_S = 0.5


def percentile(values: list[float], q: float) -> float:
    """The q-quantile (0..1) by linear interpolation between order statistics; nan if empty."""
    values = sorted(v for v in values if not math.isnan(v))
    if not values:
        return float("nan")
    rank = q * (len(values) - 1)
    low = math.floor(rank)
    high = min(low + 1, len(values) - 1)
    return values[low] + (values[high] - values[low]) * (rank - low)


def summary(records: list[tuple]) -> dict:
    """p50/p95/p99 of both times (seconds), the count, the errors and the dropped sessions."""
    ok = [r for r in records if not r[4]]
    return {
        "count": len(records),
        "errors": sum(1 for r in records if r[4] and not r[4].startswith(locustfile.DROPPED)),
        "dropped": sum(1 for r in records if r[4].startswith(locustfile.DROPPED)),
        **{f"script_p{q}": percentile([r[2] for r in ok], q / 100) for q in (50, 95, 99)},
        **{f"last_p{q}": percentile([r[3] for r in ok], q / 100) for q in (50, 95, 99)},
    }


class Sampler:
    """CPU seconds and resident memory of a process tree, sampled in a greenlet."""

    def __init__(self, pid: int | None):
        self.pid, self.peak_rss_mb, self.samples = pid, 0.0, []
        self._greenlet = gevent.spawn(self._loop) if pid else None

    def _loop(self) -> None:
        while True:
            cpu, rss = tree_usage(self.pid)
            self.samples.append((time.perf_counter(), cpu, rss))
            self.peak_rss_mb = max(self.peak_rss_mb, rss)
            gevent.sleep(SAMPLE_S)

    def stop(self) -> dict:
        if self._greenlet is None:
            return {}
        self._greenlet.kill()
        cpu, rss = tree_usage(self.pid)
        self.samples.append((time.perf_counter(), cpu, rss))
        (t0, c0, _), (t1, c1, _) = self.samples[0], self.samples[-1]
        busiest = max(((b[1] - a[1]) / (b[0] - a[0]) for a, b in zip(self.samples, self.samples[1:]) if b[0] > a[0]),
                      default=0.0)
        return {"server_cpu_s": c1 - c0, "server_cores_mean": (c1 - c0) / (t1 - t0) if t1 > t0 else 0.0,
                "server_cores_peak": busiest, "server_rss_peak_mb": self.peak_rss_mb, "server_rss_end_mb": rss}


def run(host: str, scenario: str, users: int, seconds: float, pid: int | None) -> dict:
    user_class = locustfile.OpeningUser if scenario == "open" else locustfile.MeetingUser
    user_class.host = host
    env = Environment(user_classes=[user_class], events=events)
    runner = env.create_local_runner()
    own_cpu = os.times()
    sampler = Sampler(pid)
    started = time.perf_counter()
    if scenario == "open":
        runner.start(users, spawn_rate=users * 100)  # all at once
        deadline = started + seconds
        while sum(1 for r in locustfile.RECORDS if r[0] == "open") < users and time.perf_counter() < deadline:
            gevent.sleep(0.05)
    else:
        runner.start(users, spawn_rate=max(users / locustfile.THINK_S, 1.0))
        gevent.sleep(seconds)
    elapsed = time.perf_counter() - started
    server = sampler.stop()
    runner.quit()
    spent = os.times()
    records = list(locustfile.RECORDS)
    pages = sorted({r[1] for r in records if r[0] != "open"})
    return {
        "scenario": scenario, "users": users, "seconds": elapsed, "think_s": locustfile.THINK_S,
        "open": summary([r for r in records if r[0] == "open"]),
        "actions": summary([r for r in records if r[0] != "open"]),
        "by_page": {page: summary([r for r in records if r[0] != "open" and r[1] == page]) for page in pages},
        "opened": sum(1 for r in records if r[0] == "open" and not r[4]),
        "error_notes": sorted({r[4] for r in records if r[4]})[:10],
        "loadgen_cpu_s": (spent.user - own_cpu.user) + (spent.system - own_cpu.system),
        **server,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", required=True)
    parser.add_argument("--scenario", choices=("open", "click"), default="click")
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=120)
    parser.add_argument("--pid", type=int)
    args = parser.parse_args()
    figures = run(args.host.rstrip("/"), args.scenario, args.users, args.seconds, args.pid)
    json.dump(figures, sys.stdout)
    print()


if __name__ == "__main__":
    main()
