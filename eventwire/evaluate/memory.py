"""Peak resident memory of this process and all its children, sampled from /proc."""

from __future__ import annotations

import os
import threading
from pathlib import Path
from types import TracebackType


def cpu_seconds() -> float:
    """User and system CPU time of this process and its finished children, in seconds."""
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


def _rss_kb(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except (OSError, ValueError):
        return 0
    return 0


def children(pid: int) -> list[int]:
    """The ids of a process's direct children (Linux /proc), [] when unknown."""
    found: list[int] = []
    try:
        tasks = Path(f"/proc/{pid}/task").iterdir()
        for task in tasks:
            text = (task / "children").read_text().split()
            found.extend(int(child) for child in text)
    except OSError:
        return found
    return found


def descendants(pid: int) -> list[int]:
    """A process and every process below it."""
    found: list[int] = []
    stack = [pid]
    while stack:
        current = stack.pop()
        found.append(current)
        stack.extend(children(current))
    return found


def tree_rss_kb(pid: int | None = None) -> int:
    """Resident memory of a process and its descendants, now, in KiB."""
    return sum(_rss_kb(each) for each in descendants(pid or os.getpid()))


class PeakMemory:
    """Context manager sampling the process tree's RSS every ``interval`` seconds."""

    def __init__(self, interval: float = 0.1) -> None:
        self.interval = interval
        self.peak_kb = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            self.peak_kb = max(self.peak_kb, tree_rss_kb())
            self._stop.wait(self.interval)

    def __enter__(self) -> PeakMemory:
        self._thread.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._stop.set()
        self._thread.join()
        self.peak_kb = max(self.peak_kb, tree_rss_kb())

    @property
    def peak_mb(self) -> float:
        return self.peak_kb / 1024
