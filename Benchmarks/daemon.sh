#!/usr/bin/env bash
# The daemon's figures in BENCHMARKS.md: a burst of about 10,000 notices all due when zhengdund
# starts (the shipped campaign copied into 186 plans), recorded, queued and delivered to a
# maildir; then the round trip of a request through the socket, and the daemon's memory.
#
#   Benchmarks/daemon.sh
set -euo pipefail
cd "$(dirname "$0")/.."
source Benchmarks/campaign.sh zhengdun zhengdund
launch_campaign "$folder/zhengdun.db"
python3 Benchmarks/clone.py "$folder/zhengdun.db" 186 0
daemon_configuration
count() { python3 -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute(sys.argv[2]).fetchone()[0])" "$folder/zhengdun.db" "$1"; }
due=$(count "SELECT count(*) FROM timer WHERE due_at <= strftime('%s','now') * 1000")
start=$(date +%s.%N)
"$bin/zhengdund" --config "$folder/zhengdun.yaml" 2>"$folder/zhengdund.log" &
daemon=$!
until [ "$(count "SELECT count(*) FROM outbox WHERE state = 'sent'")" != 0 ]; do sleep 0.05; done
queued=$(date +%s.%N)
until [ "$(count "SELECT count(*) FROM outbox WHERE state <> 'sent'")" = 0 ]; do sleep 0.05; done
done=$(date +%s.%N)
messages=$(count "SELECT count(*) FROM outbox")
echo "burst: $due notices due at start; first message delivered after $(echo "$queued - $start" | bc) s;" \
     "all $messages messages delivered after $(echo "$done - $start" | bc) s"
grep -E "<6>(pass|delivered)" "$folder/zhengdund.log"
echo "resident memory after the burst: $(awk '/VmRSS/ {print $2, $3}' /proc/$daemon/status)"

export ZHENGDUN_SOCKET=$folder/zhengdun.sock
if command -v hyperfine >/dev/null; then
    hyperfine -N --warmup 5 --runs 50 "$bin/zhengdun person list" "$bin/zhengdun task list --plan P1" "$bin/zhengdun --help"
fi
echo "resident memory after the requests: $(awk '/VmRSS/ {print $2, $3}' /proc/$daemon/status)"
