#!/usr/bin/env bash
# The delivery figures in BENCHMARKS.md: the shipped campaign copied into PLANS plans whose
# notices all fell due long before zhengdund starts (1,400 plans: about 74,000 messages),
# recorded, queued and delivered by the daemon to a maildir. Reports the time from the
# daemon's start to the last message in the maildir, the pass and the delivery apart, the
# largest the write-ahead log grew (sampled every 10 ms), and its size after a clean stop.
#
#   Benchmarks/delivery.sh [PLANS]
set -euo pipefail
cd "$(dirname "$0")/.."
plans=${1:-1400}
source Benchmarks/campaign.sh zhengdun zhengdund
launch_campaign "$folder/zhengdun.db"
python3 Benchmarks/clone.py "$folder/zhengdun.db" "$plans" 0
daemon_configuration
"$bin/zhengdund" --config "$folder/zhengdun.yaml" 2>"$folder/zhengdund.log" &
daemon=$!
python3 - "$folder" "$daemon" <<'PY'
import os, re, signal, sys, time
folder, daemon = sys.argv[1], int(sys.argv[2])
wal, log = folder + "/zhengdun.db-wal", folder + "/zhengdund.log"
started = time.monotonic()
largest = {"pass": 0, "delivery": 0}
passed = None
seconds = {}
while True:
    text = open(log, encoding="utf-8").read()
    queued = sum(int(n) for n in re.findall(r"<6>pass .*?queued=(\d+)", text))
    sent = sum(int(n) for n in re.findall(r"<6>delivered .*?sent=(\d+)", text))
    if passed is None and queued:
        passed = time.monotonic() - started
    try:
        size = os.stat(wal).st_size
    except FileNotFoundError:
        size = 0
    phase = "pass" if passed is None else "delivery"
    largest[phase] = max(largest[phase], size)
    second = int(time.monotonic() - started)
    seconds[second] = max(seconds.get(second, 0), size)
    if queued and sent >= queued:
        break
    if time.monotonic() - started > 900:
        sys.exit("not delivered within 15 minutes:\n" + text[-2000:])
    time.sleep(0.01)
finished = time.monotonic() - started
files = len(os.listdir(folder + "/maildir/new"))
print(f"burst: {queued} messages queued by the pass after {passed:.1f} s, all delivered to the maildir after {finished:.1f} s"
      f" (delivery {finished - passed:.1f} s, {queued / (finished - passed):.0f} messages/s); {files} files in new/")
print(f"write-ahead log, largest: {largest['pass'] / 2**20:.1f} MiB during the pass, {largest['delivery'] / 2**20:.1f} MiB during delivery")
print("write-ahead log, largest in each 5 s (MiB): " + " ".join(f"{max(seconds.get(s, 0) for s in range(t, t + 5)) / 2**20:.0f}" for t in range(0, max(seconds) + 1, 5)))
os.kill(daemon, signal.SIGTERM)
# The daemon is the shell's child: once it has exited it stays a zombie until the shell reaps it.
def running():
    try:
        return open(f"/proc/{daemon}/stat").read().rsplit(")", 1)[1].split()[0] != "Z"
    except FileNotFoundError:
        return False
while running():
    time.sleep(0.05)
size = os.stat(wal).st_size if os.path.exists(wal) else 0
print(f"write-ahead log after a clean stop: {size} bytes")
PY
grep -E "<6>(pass|delivered)" "$folder/zhengdund.log"
