#!/usr/bin/env bash
# Whole-transaction cost of pool swaps against a bank send on the same chain:
# runs BenchmarkDeliverTx COUNT times (default 6) and prints, per kind, the
# gas, the median/min/max ns per tx and both ratios to the bank send.
set -euo pipefail
cd "$(dirname "$0")/.."
COUNT="${COUNT:-6}"
out="$(mktemp)"
trap 'rm -f "$out"' EXIT
go test -run '^$' -bench DeliverTx -benchtime 60x -count "$COUNT" ./app/ | grep '^BenchmarkDeliverTx' > "$out"
python3 - "$out" <<'PY'
import collections, re, statistics, sys
times, gas = collections.defaultdict(list), {}
for line in open(sys.argv[1]):
    m = re.match(r'BenchmarkDeliverTx/(\S+?)(?:-\d+)?\s+\d+\s+\d+ ns/op\s+(\d+) gas/tx\s+(\d+) ns/tx', line)
    if m:
        times[m.group(1)].append(int(m.group(3)))
        gas[m.group(1)] = int(m.group(2))
base_t, base_g = statistics.median(times['bank-send']), gas['bank-send']
print(f"{'tx':34} {'gas':>7} {'median ns':>10} {'min':>8} {'max':>8} {'time x':>7} {'gas x':>6}")
for k, v in times.items():
    med = statistics.median(v)
    print(f"{k:34} {gas[k]:7d} {med:10.0f} {min(v):8d} {max(v):8d} {med/base_t:7.2f} {gas[k]/base_g:6.2f}")
PY
