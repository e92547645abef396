"""CPU and memory of a process and its descendants, read from /proc (Linux)."""
from __future__ import annotations

import os
from pathlib import Path

TICKS_PER_S = os.sysconf("SC_CLK_TCK")
PAGE_MB = os.sysconf("SC_PAGE_SIZE") / 1e6


def stat_fields(pid: int) -> list[str]:
    """/proc/PID/stat after the command name (which may hold spaces): the state first."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:  # ended meanwhile
        return []


def descendants(root: int) -> list[int]:
    """`root` and every process below it."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").glob("[0-9]*"):
        fields = stat_fields(int(entry.name))
        if fields:
            children.setdefault(int(fields[1]), []).append(int(entry.name))
    tree, todo = [], [root]
    while todo:
        pid = todo.pop()
        tree.append(pid)
        todo.extend(children.get(pid, []))
    return tree


def tree_usage(root: int) -> tuple[float, float]:
    """(CPU seconds used so far, resident MB now) of `root` and its descendants. CPU seconds of
    processes that ended are lost, so a sampled difference is a lower bound across a restart."""
    cpu = rss = 0.0
    for fields in map(stat_fields, descendants(root)):
        if fields:
            cpu += (int(fields[11]) + int(fields[12])) / TICKS_PER_S
            rss += int(fields[21]) * PAGE_MB
    return cpu, rss
