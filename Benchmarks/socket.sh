#!/usr/bin/env bash
# The socket's figures in BENCHMARKS.md: how long the daemon takes to receive a large request
# frame, a 60 MB evidence file submitted through the socket (time, and the command line's peak
# memory), a 200 MB file refused, and a request served while eight clients leave large answers
# unread.
#
#   Benchmarks/socket.sh
set -euo pipefail
cd "$(dirname "$0")/.."
source Benchmarks/campaign.sh zhengdun zhengdund
launch_campaign "$folder/zhengdun.db"
export ZHENGDUN_DB=$folder/zhengdun.db ZHENGDUN_NOW="2026-03-02 09:00"
"$bin/zhengdun" task ack T3 --as li-si >/dev/null
# 20,000 more people: `person list` is a 1.3 MB answer.
python3 - "$ZHENGDUN_DB" <<'EOF'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
with db:
    db.executemany("INSERT INTO person (id, name, email, created_at) VALUES (?, ?, ?, 0)",
                   [(f"p{i:05}", f"村民{i:05}", f"p{i:05}@town.example.cn") for i in range(20000)])
EOF
unset ZHENGDUN_DB ZHENGDUN_NOW
daemon_configuration
"$bin/zhengdund" --config "$folder/zhengdun.yaml" 2>"$folder/zhengdund.log" &
daemon=$!
until [ -S "$folder/zhengdun.sock" ]; do sleep 0.05; done
until grep -q "delivered\|pass" "$folder/zhengdund.log"; do sleep 0.1; done
sleep 2
export ZHENGDUN_SOCKET=$folder/zhengdun.sock

echo "receiving a frame (a request of that size, not JSON the daemon knows: read whole, then refused):"
python3 - "$folder/zhengdun.sock" <<'EOF'
import socket, struct, sys, time
for size in (28_000_000, 42_000_000, 56_000_000, 60_000_000, 90_000_000, 100_663_296):
    payload = b'{"version":2,"request":{"nonsense":"' + b'A' * (size - 40) + b'"}}'
    best = None
    for _ in range(3):
        s = socket.socket(socket.AF_UNIX)
        s.connect(sys.argv[1])
        started = time.monotonic()
        s.sendall(struct.pack('>I', len(payload)) + payload)
        answer = s.recv(4096)
        took = time.monotonic() - started
        s.close()
        assert b'notARequest' in answer, answer
        best = took if best is None else min(best, took)
    print(f"  {len(payload):>11,} bytes: {best:.2f} s (best of 3)")
EOF

head -c 60000000 /dev/urandom > "$folder/evidence.bin"
truncate -s 200000000 "$folder/huge.bin"
echo "task submit with 60,000,000 bytes of evidence through the socket (wall s, command line's peak RSS KiB):"
/usr/bin/time -f "  %e s, %M KiB" "$bin/zhengdun" task submit T3 --note 60MB --evidence "$folder/evidence.bin" --as li-si >/dev/null
echo "  daemon RSS after: $(grep VmRSS /proc/$daemon/status | tr -s ' ' | cut -d' ' -f2) KiB"
echo "task submit with a 200,000,000-byte file (refused before it is read):"
/usr/bin/time -f "  %e s, %M KiB" "$bin/zhengdun" task submit T4 --note 200MB --evidence "$folder/huge.bin" --as li-si 2>&1 >/dev/null | sed "s/^zhengdun: /  /" || true

echo "person list while 8 clients leave their 1.3 MB answers unread (wall s):"
python3 - "$folder/zhengdun.sock" "$bin/zhengdun" <<'EOF'
import socket, struct, subprocess, sys, time
request = b'{"version":2,"request":{"people":{}}}'
hogs = []
for _ in range(8):
    s = socket.socket(socket.AF_UNIX)
    s.connect(sys.argv[1])
    s.sendall(struct.pack('>I', len(request)) + request)
    hogs.append(s)
time.sleep(1)
for _ in range(3):
    started = time.monotonic()
    subprocess.run([sys.argv[2], "person", "list"], check=True, stdout=subprocess.DEVNULL)
    print(f"  {time.monotonic() - started:.3f} s")
time.sleep(12)
got = []
for s in hogs:
    n = 0
    while True:
        piece = s.recv(1 << 20)
        if not piece:
            break
        n += len(piece)
    got.append(n)
print(f"  after 13 s unread, each stalled reader finds {sorted(set(got))} bytes and then the end: the daemon let it go")
EOF
