#!/usr/bin/env python3
"""Median wall time of whole zhengdun processes on a seeded database.

    Benchmarks/measure.py DATABASE [RUNS]

`task list --plan P` runs against plans spread over the database; `task ack T` acknowledges a
different issued task each run, as the secretary it belongs to (the database owner acts --as).
"""
import os, sqlite3, statistics, subprocess, sys, time

database = sys.argv[1]
runs = int(sys.argv[2]) if len(sys.argv) > 2 else 100
tool = os.environ.get("ZHENGDUN_BIN", ".build/release/zhengdun")
env = dict(os.environ, ZHENGDUN_DB=database, ZHENGDUN_NOW="2026-03-02 10:00")

db = sqlite3.connect(database)
plans = [row[0] for row in db.execute("SELECT id FROM plan ORDER BY id")]
tasks = db.execute(
    "SELECT id, assignee_id FROM task WHERE state = 'issued' AND assignee_id LIKE 'secretary-%' ORDER BY plan_id * 7919 % 1000, id LIMIT ?",
    (runs,)).fetchall()
counts = db.execute("SELECT (SELECT count(*) FROM plan), (SELECT count(*) FROM task), (SELECT count(*) FROM event)").fetchone()
db.close()

def timed(arguments):
    start = time.perf_counter()
    done = subprocess.run([tool] + arguments, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    elapsed = (time.perf_counter() - start) * 1000
    if done.returncode != 0:
        sys.exit(f"zhengdun {' '.join(arguments)} failed: {done.stderr.decode()}")
    return elapsed

def report(name, times):
    times.sort()
    print(f"{name:28} median {statistics.median(times):6.1f} ms   p90 {times[int(len(times) * 0.9) - 1]:6.1f} ms   "
          f"min {times[0]:6.1f} ms   ({len(times)} runs)")

print(f"database: {counts[0]} plans, {counts[1]} tasks, {counts[2]} events")
for _ in range(3):
    timed(["task", "list", "--plan", f"P{plans[0]}"])
report("task list --plan P", [timed(["task", "list", "--plan", f"P{plans[(i * 7919) % len(plans)]}"]) for i in range(runs)])
report("task ack T", [timed(["task", "ack", f"T{task}", "--as", person]) for task, person in tasks])
