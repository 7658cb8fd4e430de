#!/usr/bin/env bash
# The weekly report's mail size in BENCHMARKS.md: the shipped campaign copied into PLANS plans,
# one `run-due --no-send` at the first Monday report (2026-03-09 09:05), then each queued report
# mail's size, its parts and the start of its text.
#
#   Benchmarks/weekly-mail.sh PLANS
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --product zhengdun >/dev/null
bin=$PWD/.build/release
plans=${1:-600}
folder=$(mktemp -d)
trap 'rm -rf "$folder"' EXIT
export ZHENGDUN_DB=$folder/zhengdun.db ZHENGDUN_NOW="2026-03-02 09:00"
for person in li-si:secretary wang-wu:resident_cadre qian-qi:org_office zhao-liu:office_director sun-ba:group_leader zhou-jiu:work_team; do
    "$bin/zhengdun" person add "${person%%:*}" --name "${person%%:*}" --email "${person%%:*}@town.example.cn" >/dev/null
    assign+=(--assign "${person##*:}=${person%%:*}")
done
"$bin/zhengdun" plan create --workflow workflows/village-branch-rectification.yaml --village XX村 --start 2026-03-02 \
    --households 320 --population 1150 --party-members 31 --income 8600 --income-year 2025 "${assign[@]}" >/dev/null
"$bin/zhengdun" plan advance P1 --as qian-qi >/dev/null
python3 Benchmarks/clone.py "$ZHENGDUN_DB" "$plans" 0 >/dev/null
"$bin/zhengdun" run-due --no-send --now "2026-03-09 09:05" >/dev/null
python3 -c "
import sqlite3,sys,email
db=sqlite3.connect(sys.argv[1])
for key,addr,size,m in db.execute(\"SELECT notice_key,address,length(message),message FROM outbox WHERE notice_key LIKE 'progress.%'\"):
    msg=email.message_from_bytes(m)
    parts=[(p.get_content_type(), p.get_filename()) for p in msg.walk() if not p.is_multipart()]
    text=[p for p in msg.walk() if p.get_content_type()=='text/plain'][0].get_payload(decode=True).decode()
    print(key,addr,size,parts,text[:60].replace(chr(10),' '))
" "$ZHENGDUN_DB"
