#!/usr/bin/env bash
# The daemon's figures in BENCHMARKS.md: a burst of about 10,000 notices all due when zhengdund
# starts (the shipped campaign copied into 186 plans), recorded, queued and delivered to a
# maildir; then the round trip of a request through the socket, and the daemon's memory.
#
#   Benchmarks/daemon.sh
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --product zhengdun >/dev/null
swift build -c release --product zhengdund >/dev/null
bin=$PWD/.build/release
folder=$(mktemp -d)
trap 'kill "$daemon" 2>/dev/null || true; rm -rf "$folder"' EXIT

export ZHENGDUN_DB=$folder/zhengdun.db ZHENGDUN_NOW="2026-03-02 09:00"
for person in li-si:secretary wang-wu:resident_cadre qian-qi:org_office zhao-liu:office_director sun-ba:group_leader zhou-jiu:work_team; do
    "$bin/zhengdun" person add "${person%%:*}" --name "${person%%:*}" --email "${person%%:*}@town.example.cn" >/dev/null
    assign+=(--assign "${person##*:}=${person%%:*}")
done
"$bin/zhengdun" plan create --workflow workflows/village-branch-rectification.yaml --village XX村 --start 2026-03-02 \
    --households 320 --population 1150 --party-members 31 --income 8600 --income-year 2025 "${assign[@]}" >/dev/null
"$bin/zhengdun" plan advance P1 --as qian-qi >/dev/null
python3 Benchmarks/clone.py "$ZHENGDUN_DB" 186 0
unset ZHENGDUN_DB ZHENGDUN_NOW

cat > "$folder/zhengdun.yaml" <<EOF
database: $folder/zhengdun.db
socket: $folder/zhengdun.sock
workflows: $PWD/workflows
mail: {from: "镇组织办 <zzb@town.example.cn>", transport: maildir, maildir: $folder/maildir}
EOF
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
