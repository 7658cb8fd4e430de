#!/usr/bin/env bash
# The daemon's memory after a burst on the database of 1.6 million pending notices (30,000
# plans), as BENCHMARKS.md reports it: 10,000 acknowledgement reminders of different tasks fall
# due 20 s after zhengdund starts, everything else a year on; once the burst is recorded and
# delivered to a maildir, the daemon's resident memory, split into anonymous memory (its own)
# and file pages (the mapped database, which the kernel may drop at will).
#
#   Benchmarks/memory.sh
set -euo pipefail
cd "$(dirname "$0")/.."
source Benchmarks/campaign.sh zhengdun-bench-scheduler zhengdund

"$bin/zhengdun-bench-scheduler" prepare "$folder/zhengdun.db" >/dev/null
python3 Benchmarks/clone.py "$folder/zhengdun.db" 30000 168
python3 - "$folder/zhengdun.db" <<'EOF'
import sqlite3, sys, time
db = sqlite3.connect(sys.argv[1])
now = int(time.time() * 1000)
with db:
    db.execute("CREATE TEMP TABLE chosen AS SELECT min(key) AS key FROM timer WHERE kind = 'acknowledge' GROUP BY task_id LIMIT 10000")
    db.execute("UPDATE timer SET due_at = CASE WHEN key IN (SELECT key FROM chosen) THEN ? ELSE ? END", (now + 20_000, now + 365 * 86_400_000))
print("moved:", db.execute("SELECT count(*) FROM timer WHERE due_at < ?", (now + 60_000,)).fetchone()[0], "notices due in 20 s of",
      db.execute("SELECT count(*) FROM timer").fetchone()[0])
EOF

daemon_configuration
count() { python3 -c "import sqlite3,sys; print(sqlite3.connect('file:' + sys.argv[1] + '?mode=ro', uri=True).execute(sys.argv[2]).fetchone()[0])" "$folder/zhengdun.db" "$1"; }
memory() { awk '/^(VmRSS|RssAnon|RssFile|VmHWM)/ {printf "%s %s %s  ", $1, $2, $3} END {print ""}' "/proc/$daemon/status"; }
"$bin/zhengdund" --config "$folder/zhengdun.yaml" 2>"$folder/zhengdund.log" &
daemon=$!
sleep 5
echo "started:        $(memory)"
until [ "$(count "SELECT count(*) FROM notice")" -ge 10000 ]; do sleep 0.2; done
until [ "$(count "SELECT count(*) FROM outbox WHERE state <> 'sent'")" = 0 ]; do sleep 0.2; done
sleep 3
echo "after the burst: $(memory)"
echo "messages: $(count "SELECT count(*) FROM outbox WHERE state = 'sent'") sent; wal: $(stat -c %s "$folder/zhengdun.db-wal" 2>/dev/null || echo 0) bytes"
kill -TERM "$daemon"
wait "$daemon" || true
daemon=
echo "after a clean stop, wal: $(stat -c %s "$folder/zhengdun.db-wal" 2>/dev/null || echo 0) bytes"
