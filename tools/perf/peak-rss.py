#!/usr/bin/env python3
"""Peak RSS of one `avfusion replay`, broken down by mapping (docs/PERFORMANCE.md, "A recording's heap grows only
when it must").

    tools/perf/peak-rss.py TREE RECORDING [REPLAY OPTIONS...]

Runs TREE's launcher (`TREE/runtime/target/avfusion replay --no-progress --recording RECORDING ...`; JVM settings to
try go in AVFUSION_JAVA_OPTS, which the launcher appends), samples /proc/PID/smaps every 50 ms, and prints the
largest sample: the Java heap (the anonymous mapping below 4 GiB, where compressed oops put it), other anonymous
memory (metaspace, code cache, compiler arenas, malloc arenas, thread stacks), the class-data archives (.jsa), other
files (libraries, jars), malloc's brk heap; then the run's end-to-end p99 and its young collections from the
summary. Linux only; the launcher execs java, so the sampled PID is the JVM's.
"""
import json
import re
import subprocess
import sys
import time


def categorise(start, name):
    if name == '' and start < 0x100000000:
        return 'java heap'
    if name.endswith('.jsa'):
        return 'cds archives'
    if name == '[heap]':
        return 'brk (malloc)'
    if name.startswith('/'):
        return 'files/libs'
    if name == '':
        return 'other anon'
    return name


def sample(pid):
    sizes = {}
    current = None
    with open(f'/proc/{pid}/smaps') as smaps:
        for line in smaps:
            if re.match(r'^[0-9a-f]+-[0-9a-f]+ ', line):
                parts = line.split()
                current = categorise(int(parts[0].split('-')[0], 16), parts[5] if len(parts) > 5 else '')
            elif line.startswith('Rss:'):
                sizes[current] = sizes.get(current, 0) + int(line.split()[1])
    return sizes


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    tree, recording = sys.argv[1], sys.argv[2]
    command = [f'{tree}/runtime/target/avfusion', 'replay', '--no-progress', '--recording', recording] + sys.argv[3:]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    peak = ({}, 0)
    while process.poll() is None:
        try:
            sizes = sample(process.pid)
        except (FileNotFoundError, ProcessLookupError):
            break
        total = sum(sizes.values())
        if total > peak[1]:
            peak = (sizes, total)
        time.sleep(0.05)
    output = process.communicate()[0]
    sizes, total = peak
    parts = ', '.join(f'{k} {v / 1024:.0f}' for k, v in sorted(sizes.items(), key=lambda kv: -kv[1]) if v >= 1024)
    print(f'peak RSS {total / 1024:.0f} MiB: {parts}')
    summary = next((l for l in output.splitlines() if l.startswith('{"summary"')), None)
    if summary is None:
        print(f'no summary; exit {process.returncode}; last lines:\n' + '\n'.join(output.splitlines()[-5:]))
        sys.exit(1)
    s = json.loads(summary)
    print(f"p99 {s['latencyMillis']['p99']} ms, young collections in the run {s['gcPauses']['run']['count']}, "
          f"real-time factor {s['realTimeFactor']}")


if __name__ == '__main__':
    main()
