#!/usr/bin/env bash
# Seeds a database with 1,000 plans (about 30,000 tasks) and times `task list --plan P` and
# `task ack T` as whole processes. Figures go to BENCHMARKS.md.
#
#   Benchmarks/run.sh [PLANS] [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
plans=${1:-1000}
runs=${2:-100}
swift build -c release --product zhengdun >/dev/null
swift build -c release --product zhengdun-seed >/dev/null
database=$(mktemp -d)/bench.db
.build/release/zhengdun-seed "$database" "$plans"
ZHENGDUN_BIN=.build/release/zhengdun python3 Benchmarks/measure.py "$database" "$runs"
rm -rf "$(dirname "$database")"
