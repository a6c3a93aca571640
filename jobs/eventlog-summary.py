#!/usr/bin/env python3
"""Where a run's time went, from its Spark event log (docs/benchmarks.md, "Profiling").

    jobs/cancerstats --conf spark.eventLog.enabled=true --conf spark.eventLog.dir=file:///tmp/events refresh ...
    jobs/eventlog-summary.py /tmp/events/eventlog_v2_*/events_1_*.zstd [min-seconds]

Prints the run's total task time, then one line per call site (the SQL execution's description, e.g.
"insertInto at RatesJob.java:292"), largest idle first: wall seconds, task seconds, and idle core-seconds
(cores x wall - task), which is time the driver spent planning, committing or waiting on a single task.
Reads zstd-compressed logs through the zstd command.
"""
import collections
import json
import os
import subprocess
import sys


def events(path):
    if path.endswith(".zstd"):
        text = subprocess.run(["zstd", "-dc", path], capture_output=True, check=True).stdout.decode()
    else:
        with open(path, encoding="utf-8") as f:
            text = f.read()
    for line in text.splitlines():
        yield json.loads(line)


def main():
    path = sys.argv[1]
    shown = float(sys.argv[2]) if len(sys.argv) > 2 else 2.0
    cores = os.cpu_count()
    executions = {}  # id -> [start, end, description, root id]
    stage_root = {}
    task_seconds = collections.Counter()
    app = [None, None]
    for e in events(path):
        kind = e["Event"]
        if kind == "SparkListenerApplicationStart":
            app[0] = e["Timestamp"]
        elif kind == "SparkListenerApplicationEnd":
            app[1] = e["Timestamp"]
        elif kind.endswith("SQLExecutionStart"):
            executions[e["executionId"]] = [e["time"], e["time"], e.get("description", "")[:70],
                                            e.get("rootExecutionId", e["executionId"])]
        elif kind.endswith("SQLExecutionEnd"):
            executions[e["executionId"]][1] = e["time"]
        elif kind == "SparkListenerJobStart":
            props = e.get("Properties", {})
            root = props.get("spark.sql.execution.root.id") or props.get("spark.sql.execution.id")
            for stage in e["Stage IDs"]:
                stage_root[stage] = int(root) if root else -1
        elif kind == "SparkListenerTaskEnd":
            run_ms = (e.get("Task Metrics") or {}).get("Executor Run Time", 0)
            task_seconds[stage_root.get(e["Stage ID"], -1)] += run_ms / 1000

    by_site = collections.defaultdict(lambda: [0.0, 0.0, 0])
    for execution, (start, end, description, root) in executions.items():
        if root != execution:
            continue  # nested executions (a MERGE's inner queries) count in their root
        site = by_site[description]
        site[0] += (end - start) / 1000
        site[1] += task_seconds[execution]
        site[2] += 1
    total_task = sum(task_seconds.values())
    wall = (app[1] - app[0]) / 1000 if app[0] and app[1] else float("nan")
    print(f"run {wall:.0f} s wall, {total_task:.0f} task-seconds on {cores} cores "
          f"({total_task / wall:.2f} cores busy on average)")
    print(f"{'idle core-s':>11} {'wall s':>8} {'task s':>8} {'count':>5}  call site")
    rows = sorted(((cores * w - t, w, t, n, d) for d, (w, t, n) in by_site.items()), reverse=True)
    for idle, w, t, n, d in rows:
        if w >= shown or t >= shown:
            print(f"{idle:11.1f} {w:8.1f} {t:8.1f} {n:5d}  {d}")


if __name__ == "__main__":
    main()
