#!/usr/bin/env bash
# The fuzzer's mail-in inputs through the real binary, as a mail server's pipe delivery runs it:
# every exit code must be 0 (handled) or 65 (not mail); 75 would mean the free database was
# reported unavailable. Counts the exit codes.
#
#   Benchmarks/fuzz-mail-in.sh [COUNT] [FROM]     default 1000 inputs from 0
#
# Uses the debug build (swift build --product zhengdun --product zhengdun-fuzz first).
set -euo pipefail
count=${1:-1000}
from=${2:-0}
bin=$(swift build --show-bin-path)
folder=$(mktemp -d)
trap 'rm -rf "$folder"' EXIT
export ZHENGDUN_FUZZ_FOLDER="$folder/db"
cat > "$folder/zhengdun.yaml" <<YAML
mail:
  from: "镇组织办 <zzb@town.example.cn>"
  transport: maildir
  maildir: $folder/db/maildir
  reply_to: zzb@town.example.cn
YAML
declare -A codes=()
for ((i = from; i < from + count; i++)); do
    "$bin/zhengdun-fuzz" mail-in --replay "$i" --out "$folder/input.eml" >/dev/null || true
    set +e
    ZHENGDUN_DB="$folder/db/z.db" ZHENGDUN_CONFIG="$folder/zhengdun.yaml" ZHENGDUN_NOW="2026-03-02 09:00" \
        "$bin/zhengdun" mail-in <"$folder/input.eml" >/dev/null 2>"$folder/stderr"
    code=$?
    set -e
    codes[$code]=$((${codes[$code]:-0} + 1))
    if [ "$code" != 0 ] && [ "$code" != 65 ]; then
        echo "input $i: exit $code: $(cat "$folder/stderr")" >&2
        exit 1
    fi
done
for code in "${!codes[@]}"; do echo "exit $code: ${codes[$code]}"; done | sort
