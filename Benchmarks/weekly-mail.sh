#!/usr/bin/env bash
# The weekly report's mail size in BENCHMARKS.md: the shipped campaign copied into PLANS plans,
# one `run-due --no-send` at the first Monday report (2026-03-09 09:05), then each queued report
# mail's size, its parts and the start of its text.
#
#   Benchmarks/weekly-mail.sh PLANS
set -euo pipefail
cd "$(dirname "$0")/.."
plans=${1:-600}
source Benchmarks/campaign.sh zhengdun
launch_campaign "$folder/zhengdun.db"
export ZHENGDUN_DB=$folder/zhengdun.db
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
