#!/usr/bin/env bash
# Throughput of bank sends and of pool swaps on the same real node.
#
#   scripts/load.sh
#
# Starts a fresh single-validator node (scripts/localnet.sh up, in its own
# home and on its own ports), creates a 50/50 uatom/uusdc pool with the demo
# key alice, then runs cmd/poold-load with the same settings for bank sends
# and for swaps in that pool (REPEAT times each, interleaved). Each run funds ACCOUNTS derived accounts,
# pre-signs TXS transactions, broadcasts them (broadcast_tx_sync), waits for
# them to commit and reads the blocks. Prints both reports and the ratio of
# committed swaps/s to sends/s, then stops the node by its PID. For a figure
# of the node rather than of the offered load, TXS must span several blocks
# (unpaced, about 500-700 txs commit per 1 s block on a 2-core machine).
#
# Settings (environment): ACCOUNTS (100), TXS (6000 per run), DURATION (60s,
# bound of each broadcast phase), RATE (0 = unpaced), CONCURRENCY (16), REPEAT (3: runs
# of each kind, interleaved send, swap, send, swap...; the summary gives the
# median of each and the ratio of the medians), OUT (directory
# for the reports, default a new temporary one), BLOCK_TIME (localnet's 1s),
# and the node's: LOCALNET_HOME (~/.poold-load: wiped on start), RPC_PORT
# (46657), P2P_PORT (46656), API_PORT (4317), GRPC_PORT (4090), PROM_PORT
# (46660), PPROF_PORT (46661). build/poold is built if missing (make build);
# build/poold-load is rebuilt when its sources are newer.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$(pwd)"

# shellcheck source=lib/loadnode.sh
. "$ROOT/scripts/lib/loadnode.sh"
ACCOUNTS="${ACCOUNTS:-100}"
TXS="${TXS:-6000}"
DURATION="${DURATION:-60s}"
RATE="${RATE:-0}"
CONCURRENCY="${CONCURRENCY:-16}"
REPEAT="${REPEAT:-3}"
OUT="${OUT:-$(mktemp -d /tmp/poold-load.XXXXXX)}"
mkdir -p "$OUT"


build_binaries
scripts/localnet.sh up
trap 'scripts/localnet.sh down' EXIT
create_pool

for r in $(seq 1 "$REPEAT"); do
  for kind in send swap; do
    echo
    echo "### $kind, run $r/$REPEAT: build/poold-load --node $NODE --home $LOCALNET_HOME --from alice --kind $kind --pool-id 1 --accounts $ACCOUNTS --txs $TXS --duration $DURATION --rate $RATE --concurrency $CONCURRENCY --json"
    "$LOAD" --node "$NODE" --home "$LOCALNET_HOME" --from alice --kind "$kind" --pool-id 1 \
      --accounts "$ACCOUNTS" --txs "$TXS" --duration "$DURATION" --rate "$RATE" --concurrency "$CONCURRENCY" \
      --json | tee "$OUT/$kind-$r.txt"
    grep '^{' "$OUT/$kind-$r.txt" > "$OUT/$kind-$r.json"
  done
done

echo
echo "### summary ($REPEAT run(s) of each kind, interleaved, same node)"
python3 - "$OUT" "$REPEAT" <<'PY'
import json, statistics, sys
out, n = sys.argv[1], int(sys.argv[2])
runs = {k: [json.load(open(f"{out}/{k}-{r}.json")) for r in range(1, n + 1)] for k in ("send", "swap")}
tps = {k: [x["blocks"]["committed_tps"] for x in v] for k, v in runs.items()}
gas = {k: statistics.mean(x["blocks"]["mean_gas_used"] for x in v) for k, v in runs.items()}
fails = {k: sum(sum(f["count"] for f in x["checktx_failed"].values()) + sum(f["count"] for f in x["blocks"]["deliver_failed"].values())
                + sum(f["count"] for f in x["rpc_errors"].values()) + x["not_committed"] + x["unsent"] for x in v) for k, v in runs.items()}
for k in ("send", "swap"):
    print(f"{k:5}: committed tx/s per run {', '.join(f'{t:.1f}' for t in tps[k])}; median {statistics.median(tps[k]):.1f}; "
          f"mean gas {gas[k]:.0f}; failed/unsent/not committed {fails[k]}")
pairs = [w / s for s, w in zip(tps["send"], tps["swap"]) if s > 0]
ratio = statistics.median(tps["swap"]) / statistics.median(tps["send"]) if statistics.median(tps["send"]) > 0 else 0
print(f"ratio per pair (swap run r / send run r): {', '.join(f'{p:.2f}' for p in pairs)}")
print(f"RATIO swaps/sends (medians) = {ratio:.2f}; target >= 0.80: {'met' if ratio >= 0.8 else 'NOT met'}")
print(f"gas per tx: swap/send = {gas['swap'] / gas['send']:.2f}x" if gas["send"] > 0 else "")
few = [k for k, v in runs.items() for x in v if x["blocks"]["blocks"] < 3]
if few:
    print("note: some runs fit in fewer than 3 blocks: the rate is bounded by the offered load, not the node; raise TXS")
PY
echo "reports: $OUT"
