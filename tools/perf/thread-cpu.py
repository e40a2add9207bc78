#!/usr/bin/env python3
"""CPU time per thread of a running JVM over a window, threads grouped by name (digits dropped, so the JIT's
"C2 CompilerThread0" and "C1 CompilerThread1" count together), largest first (docs/PERFORMANCE.md, "Two test JVMs
per module; where a KITTI sweep's CPU goes").

    tools/perf/thread-cpu.py PID SECONDS

Samples /proc/PID/task/*/stat every 50 ms and adds up each thread's user + system time from the first sample to the
last: threads that start and end between two samples are missed, so keep the window on work that keeps its threads
(e.g. the later replays of tools/perf/ReplaySteadyState.java). Linux only; the kernel truncates thread names to 15
characters and counts in clock ticks (10 ms).
"""
import collections
import os
import re
import sys
import time

TICKS_PER_SECOND = os.sysconf("SC_CLK_TCK")


def sample(pid):
    """{tid: (name with digits as #, user + system ticks)} of every thread of pid."""
    threads = {}
    for tid in os.listdir(f"/proc/{pid}/task"):
        try:
            with open(f"/proc/{pid}/task/{tid}/stat") as f:
                stat = f.read()
        except OSError:  # the thread ended since the listing
            continue
        name = stat[stat.index("(") + 1:stat.rindex(")")]
        fields = stat[stat.rindex(")") + 2:].split()
        threads[tid] = (re.sub(r"\d+", "#", name), int(fields[11]) + int(fields[12]))
    return threads


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    pid, seconds = int(sys.argv[1]), float(sys.argv[2])
    if not os.path.isdir(f"/proc/{pid}"):
        sys.exit(f"thread-cpu: no process {pid}")
    totals = collections.Counter()
    last = sample(pid)
    end = time.monotonic() + seconds
    while time.monotonic() < end and os.path.isdir(f"/proc/{pid}"):
        time.sleep(0.05)
        now = sample(pid)
        for tid, (name, ticks) in now.items():
            totals[name] += ticks - last.get(tid, (name, 0))[1]
        last = now
    everything = sum(totals.values())
    for name, ticks in totals.most_common():
        if ticks:
            print(f"{ticks / TICKS_PER_SECOND:8.2f} s {100 * ticks / max(everything, 1):5.1f} %  {name}")
    print(f"{everything / TICKS_PER_SECOND:8.2f} s in all")


if __name__ == "__main__":
    main()
