#!/bin/sh
# Writes a small campaign with the zhengdun given as $1 into the database $2: people, a launched
# plan, queued notices, a submission with three pieces of evidence, a return and an extension.
#
# campaign-with-evidence.sqlite was written by this script with the zhengdun of commit 371c365,
# whose SHA-256 was still hand-written, then compacted with
#   sqlite3 NEW.db "VACUUM INTO 'campaign-with-evidence.sqlite'"
# Its hashes are the record later code is held to (RecordedHashTests, AuditTests): never
# regenerate it with a newer zhengdun.
set -eu
Z=$1; export ZHENGDUN_DB=$2 LANG=C.UTF-8 ZHENGDUN_NOW="2026-03-02 09:00"
ROOT=$(cd "$(dirname "$0")/../../.." && pwd)
W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT
for p in li-si:李四:secretary wang-wu:王五:resident_cadre qian-qi:钱七:org_office \
         zhao-liu:赵六:office_director sun-ba:孙八:group_leader zhou-jiu:周九:work_team; do
  id=${p%%:*}; rest=${p#*:}; name=${rest%%:*}
  "$Z" person add "$id" --name "$name" --email "$id@town.example.cn" >/dev/null
done
"$Z" plan create --workflow "$ROOT/workflows/village-branch-rectification.yaml" --village XX村 --start 2026-03-02 \
  --households 320 --population 1150 --party-members 31 --income 8600 --income-year 2025 \
  --problem weak-collective-economy=村集体无经营性收入 --problem parochialism=大房头排挤小房头 \
  --assign secretary=li-si --assign resident_cadre=wang-wu --assign org_office=qian-qi \
  --assign office_director=zhao-liu --assign group_leader=sun-ba --assign work_team=zhou-jiu >/dev/null
"$Z" plan advance P1 --as qian-qi >/dev/null
"$Z" run-due --no-send --now "2026-03-04 10:00" >/dev/null || true
export ZHENGDUN_NOW="2026-03-04 10:30"
"$Z" task ack T3 --as li-si >/dev/null
printf '党员签到表\n' > "$W/签到表.txt"
# Evidence longer than one block of the hash, in Chinese, and bytes that are not text.
i=0; while [ $i -lt 40 ]; do printf '第%d次支部委员会会议记录：学习党章，查摆问题，制定整改措施。\n' $i; i=$((i+1)); done > "$W/会议记录.txt"
head -c 3000 /dev/zero | tr '\0' '\377' > "$W/scan.bin"
"$Z" task submit T3 --note 已学习 --evidence "$W/签到表.txt" --evidence "$W/会议记录.txt" --evidence "$W/scan.bin" --as li-si >/dev/null
"$Z" task return T3 --reason 签到表缺页 --due 3wd --as wang-wu >/dev/null
"$Z" task extend T4 --by 3wd --reason 村书记外出学习 --as zhao-liu >/dev/null
"$Z" run-due --no-send --now "2026-03-10 10:00" >/dev/null || true
