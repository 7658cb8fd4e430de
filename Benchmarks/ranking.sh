#!/usr/bin/env bash
# report ranking (考核排名) and the weekly report (report progress) on a county-sized campaign:
# PLANS villages (default 200) in one campaign, each with every phase's tasks issued, about
# 8,000 tasks in all; a third of each village's tasks handed in, late ones escalated.
#
#   Benchmarks/ranking.sh [PLANS] [RUNS]
#
# Prints the median wall time of each command as a whole process over RUNS runs (default 20).
set -euo pipefail
cd "$(dirname "$0")/.."
source Benchmarks/campaign.sh zhengdun
plans=${1:-200}
runs=${2:-20}
db=$folder/zhengdun.db
launch_campaign "$db"
# P1 taken through every phase, so that it holds all of the workflow's tasks, with six
# rectifications ordered by inspections; a third of its tasks handed in (those that wait on
# work not yet verified are refused, and stay open).
for reason in 摸底准备提前完成 集中整改提前完成; do
    ZHENGDUN_DB=$db ZHENGDUN_NOW="2026-03-03 10:00" "$bin/zhengdun" plan advance P1 --override --reason "$reason" --as zhao-liu >/dev/null
done
for finding in 1 2 3 4 5 6; do
    ZHENGDUN_DB=$db ZHENGDUN_NOW="2026-03-04 10:00" "$bin/zhengdun" inspect P1 --finding "随机检查发现问题$finding" --order-rectification \
        --assign secretary --due 5wd --as zhou-jiu >/dev/null
done
ZHENGDUN_DB=$db "$bin/zhengdun" task list --plan P1 --json | python3 -c '
import json, sys
for task in json.load(sys.stdin)[::3]: print("T%d %s" % (task["id"], task["assignee"]))' |
    while read -r task person; do
        ZHENGDUN_DB=$db ZHENGDUN_NOW="2026-03-20 10:00" "$bin/zhengdun" task ack "$task" --as "$person" >/dev/null
        ZHENGDUN_DB=$db ZHENGDUN_NOW="2026-03-20 10:00" "$bin/zhengdun" task submit "$task" --note 已完成 --missing-reason 另行报送 \
            --as "$person" >/dev/null 2>&1 || true
    done
python3 Benchmarks/clone.py "$db" "$plans" 0
ZHENGDUN_DB=$db ZHENGDUN_NOW="2026-04-20 10:00" python3 - "$bin/zhengdun" "$runs" <<'PY'
import statistics, subprocess, sys, time
tool, runs = sys.argv[1], int(sys.argv[2])
for arguments in (["report", "ranking", "--campaign", "C1"], ["report", "ranking", "--format", "json"], ["report", "progress"]):
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        done = subprocess.run([tool] + arguments, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        times.append((time.perf_counter() - start) * 1000)
        if done.returncode != 0:
            sys.exit(f"zhengdun {' '.join(arguments)} failed: {done.stderr.decode()}")
    print(f"zhengdun {' '.join(arguments)}: median {statistics.median(times):.1f} ms, min {min(times):.1f}, max {max(times):.1f}")
PY
