#!/usr/bin/env bash
# The scheduler's figures in BENCHMARKS.md: a database of 30,000 plans (1.6 million pending
# notices) for lookups, idle passes, a burst of 10,000 and planning; one of 2,000 plans for the
# Dispatch timer's latency and idle CPU.
#
#   Benchmarks/scheduler.sh
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --product zhengdun-bench-scheduler >/dev/null
bench=.build/release/zhengdun-bench-scheduler
folder=$(mktemp -d)
trap 'rm -rf "$folder"' EXIT

$bench prepare "$folder/large.db" >/dev/null
python3 Benchmarks/clone.py "$folder/large.db" 30000 168
$bench measure "$folder/large.db"

$bench prepare "$folder/small.db" >/dev/null
python3 Benchmarks/clone.py "$folder/small.db" 2000 168
$bench measure "$folder/small.db" | grep "10,000"
$bench timer "$folder/small.db" 2000 20
