#!/usr/bin/env bash
# Memory soak: a fresh node under steady mixed load (bank sends and pool
# swaps alternating) for SOAK_DURATION, its memory sampled every 10 s.
#
#   scripts/soak.sh
#
# Starts a fresh single-validator node (scripts/localnet.sh up, in its own
# home and on its own ports) and creates a 50/50 uatom/uusdc pool with the
# demo key alice, exactly as scripts/load.sh does. Then one cmd/poold-load
# run (--kind mixed --rate SOAK_RATE --duration SOAK_DURATION) pre-signs
# rate × duration txs, sends them at that steady rate and waits for them to
# commit. Meanwhile a sampler
# writes the node's resident memory (VmRSS of /proc/<pid>/status) and Go
# heap (go_memstats_heap_alloc_bytes / heap_inuse from the node's Prometheus
# endpoint) to a CSV every SAMPLE_EVERY seconds. At the end it prints the
# sample count, first/last/min/max RSS, the least-squares slope of RSS and
# heap (MiB per minute) over the second half of the load (the first is
# warm-up; after the load the generator reads the blocks back) and a
# verdict: PASS when the RSS slope is at most SOAK_MAX_SLOPE MiB/min. Two
# heap profiles of the node (half time, end) show what grew in between. The
# node, the sampler and the generator are stopped by their PIDs.
#
# Settings (environment): SOAK_DURATION (10m; s or m suffix), SOAK_RATE (100
# tx/s), SAMPLE_EVERY (10 s), SOAK_MAX_SLOPE (1.0),
# ACCOUNTS (50), CONCURRENCY (8), OUT (directory for the CSV and the
# generator's report, default a new temporary one), and the node's: LOCALNET_HOME
# (~/.poold-load: wiped on start), RPC_PORT (46657), P2P_PORT (46656),
# API_PORT (4317), GRPC_PORT (4090), PROM_PORT (46660), PPROF_PORT (46661),
# BLOCK_TIME (localnet's 1s), IAVL_CACHE_SIZE (app.toml's iavl-cache-size;
# unset keeps the node's default of 781250 IAVL nodes per store, which takes
# far longer than 10 minutes of this load to fill, so the RSS climbs while it
# fills; a small cache, e.g. 20000, fills in the warm-up and leaves any other
# growth visible).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$(pwd)"

# shellcheck source=lib/loadnode.sh
. "$ROOT/scripts/lib/loadnode.sh"
export IAVL_CACHE_SIZE="${IAVL_CACHE_SIZE:-}"
SOAK_DURATION="${SOAK_DURATION:-10m}"
SOAK_RATE="${SOAK_RATE:-100}"
SAMPLE_EVERY="${SAMPLE_EVERY:-10}"
SOAK_MAX_SLOPE="${SOAK_MAX_SLOPE:-1.0}"
ACCOUNTS="${ACCOUNTS:-50}"
CONCURRENCY="${CONCURRENCY:-8}"
OUT="${OUT:-$(mktemp -d /tmp/poold-soak.XXXXXX)}"
mkdir -p "$OUT"
CSV="$OUT/soak.csv"

seconds() { # 90s, 10m, 600 -> seconds
  case "$1" in
    *m) echo $(( ${1%m} * 60 )) ;;
    *s) echo "${1%s}" ;;
    *) echo "$1" ;;
  esac
}
DUR_S="$(seconds "$SOAK_DURATION")"


# sample_loop appends one CSV row every SAMPLE_EVERY s while the node lives,
# for at most the soak plus 5 minutes.
sample_loop() {
  local pid="$1" t0 stop_at now rss metrics heap_alloc heap_inuse next_gc height
  t0="$(date +%s)"
  stop_at=$(( t0 + DUR_S + 300 ))
  echo "elapsed_s,unix_s,height,rss_kib,heap_alloc_bytes,heap_inuse_bytes,next_gc_bytes" >"$CSV"
  while kill -0 "$pid" 2>/dev/null && [ "$(date +%s)" -lt "$stop_at" ]; do
    now="$(date +%s)"
    rss="$(awk '/^VmRSS:/ {print $2}' "/proc/$pid/status" 2>/dev/null || echo)"
    metrics="$(curl -s -m 5 "http://127.0.0.1:$PROM_PORT/metrics" 2>/dev/null || true)"
    heap_alloc="$(awk '/^go_memstats_heap_alloc_bytes / {printf "%.0f", $2}' <<<"$metrics")"
    heap_inuse="$(awk '/^go_memstats_heap_inuse_bytes / {printf "%.0f", $2}' <<<"$metrics")"
    next_gc="$(awk '/^go_memstats_next_gc_bytes / {printf "%.0f", $2}' <<<"$metrics")"
    height="$(curl -s -m 5 "$NODE/status" 2>/dev/null | sed -n 's/.*"latest_block_height":"\([0-9]*\)".*/\1/p')"
    echo "$(( now - t0 )),$now,${height},${rss},${heap_alloc},${heap_inuse},${next_gc}" >>"$CSV"
    sleep "$SAMPLE_EVERY"
  done
}

SAMPLER=""
LOADER=""
cleanup() {
  if [ -n "$LOADER" ] && kill -0 "$LOADER" 2>/dev/null; then kill "$LOADER"; wait "$LOADER" 2>/dev/null || true; fi
  if [ -n "$SAMPLER" ] && kill -0 "$SAMPLER" 2>/dev/null; then kill "$SAMPLER"; wait "$SAMPLER" 2>/dev/null || true; fi
  scripts/localnet.sh down
}

build_binaries
scripts/localnet.sh up
trap cleanup EXIT
create_pool
NODE_PID="$(cat "$LOCALNET_HOME/poold.pid")"

sample_loop "$NODE_PID" &
SAMPLER=$!
echo "soak: ${DUR_S}s of mixed load at ${SOAK_RATE} tx/s, node PID $NODE_PID, samples every ${SAMPLE_EVERY}s in $CSV"

txs=$(( DUR_S * SOAK_RATE ))
echo "### $LOAD --node $NODE --home $LOCALNET_HOME --from alice --kind mixed --pool-id 1 --seed soak --accounts $ACCOUNTS --txs $txs --duration ${DUR_S}s --rate $SOAK_RATE --concurrency $CONCURRENCY --commit-timeout 60s --setup-timeout 5m --json"
status=0
"$LOAD" --node "$NODE" --home "$LOCALNET_HOME" --from alice --kind mixed --pool-id 1 --seed soak \
  --accounts "$ACCOUNTS" --txs "$txs" --duration "${DUR_S}s" --rate "$SOAK_RATE" --concurrency "$CONCURRENCY" \
  --commit-timeout 60s --setup-timeout 5m --json >"$OUT/load.txt" 2>&1 &
LOADER=$!
# Heap profiles of the node (live objects at its last GC) at half time and
# at the end: their difference shows what, if anything, accumulates.
sleep $(( DUR_S / 2 ))
curl -s -m 30 "http://127.0.0.1:$PPROF_PORT/debug/pprof/heap" >"$OUT/heap-half.pb.gz" || true
wait "$LOADER" || status=$?
LOADER=""
curl -s -m 30 "http://127.0.0.1:$PPROF_PORT/debug/pprof/heap" >"$OUT/heap-end.pb.gz" || true
grep -v '^{' "$OUT/load.txt" || true
grep '^{' "$OUT/load.txt" >"$OUT/load.json" || true
[ "$status" -eq 0 ] || echo "poold-load exited with status $status"
# One last sample after the load, then stop the sampler.
sleep "$SAMPLE_EVERY"
kill "$SAMPLER" 2>/dev/null || true
wait "$SAMPLER" 2>/dev/null || true
SAMPLER=""

echo
echo "### soak summary"
python3 - "$CSV" "$OUT/load.json" "$DUR_S" "$SOAK_MAX_SLOPE" <<'PY'
import csv, json, math, sys
path, load_path, dur, max_slope = sys.argv[1], sys.argv[2], float(sys.argv[3]), float(sys.argv[4])
rows = [r for r in csv.DictReader(open(path)) if r["rss_kib"]]
if len(rows) < 4:
    sys.exit(f"only {len(rows)} samples in {path}")
t = [float(r["elapsed_s"]) for r in rows]
rss = [float(r["rss_kib"]) / 1024 for r in rows]
def fit(xs, ys):
    """Least squares y = a + b x; returns slope, its standard error, r^2."""
    n = len(xs)
    mx, my = sum(xs) / n, sum(ys) / n
    sxx = sum((x - mx) ** 2 for x in xs)
    sxy = sum((x - mx) * (y - my) for x, y in zip(xs, ys))
    syy = sum((y - my) ** 2 for y in ys)
    b = sxy / sxx
    res = sum((y - (my + b * (x - mx))) ** 2 for x, y in zip(xs, ys))
    se = math.sqrt(res / (n - 2) / sxx) if n > 2 else float("nan")
    r2 = 1 - res / syy if syy > 0 else 0.0
    return b, se, r2
# The second half of the load only: after it the generator reads every
# block's results back from the node, a burst of allocation that is not
# the node under load.
half = [i for i, x in enumerate(t) if dur / 2 <= x <= dur]
print(f"samples: {len(rows)} over {t[-1]:.0f} s (every ~{t[1] - t[0]:.0f} s); blocks {rows[0]['height']}..{rows[-1]['height']}")
print(f"RSS MiB: first {rss[0]:.1f}, last {rss[-1]:.1f}, min {min(rss):.1f}, max {max(rss):.1f}")
mins = [t[i] / 60 for i in half]
b, se, r2 = fit(mins, [rss[i] for i in half])
print(f"RSS slope over the second half of the load ({len(half)} samples, {dur / 2:.0f} s <= t <= {dur:.0f} s): {b:+.3f} ± {se:.3f} MiB/min (r² {r2:.2f})")
for col, name in (("heap_inuse_bytes", "Go heap in use"), ("next_gc_bytes", "Go live heap after GC (next_gc/2, GOGC=100)")):
    div = 2**20 * (2 if col == "next_gc_bytes" else 1)
    pts = [(t[i] / 60, float(rows[i][col]) / div) for i in range(len(rows)) if rows[i].get(col)]
    sec = [p for p in pts if dur / 2 <= p[0] * 60 <= dur]
    if len(sec) >= 4:
        hb, hse, _ = fit([p[0] for p in sec], [p[1] for p in sec])
        hs = [p[1] for p in pts]
        print(f"{name} MiB: first {hs[0]:.1f}, last {hs[-1]:.1f}, min {min(hs):.1f}, max {max(hs):.1f}; "
              f"slope over the second half {hb:+.3f} ± {hse:.3f} MiB/min")
for line in open(load_path):
    r = json.loads(line)
    bl = r["blocks"]
    bad = (sum(f["count"] for f in r["checktx_failed"].values()) + sum(f["count"] for f in bl["deliver_failed"].values())
           + sum(f["count"] for f in r["rpc_errors"].values()))
    print(f"load: {bl['committed_ok']} of {r['planned']} txs committed ok, {bl['committed_tps']:.1f} tx/s over {bl['window_s']:.0f} s "
          f"(blocks {bl['first_height']}..{bl['last_height']}); failed {bad}, skipped {r['skipped']}, unsent {r['unsent']}, "
          f"not committed {r['not_committed']}; block interval mean {bl['block_interval_s']['mean']:.2f} s, max {bl['block_interval_s']['max']:.2f} s")
verdict = "PASS: no upward trend" if b <= max_slope else "FAIL: RSS grows"
print(f"VERDICT {verdict} (RSS slope {b:+.3f} MiB/min over the second half; limit {max_slope} MiB/min)")
PY
if [ -s "$OUT/heap-half.pb.gz" ] && [ -s "$OUT/heap-end.pb.gz" ]; then
  echo
  echo "### live heap growth from half time to the end (go tool pprof -top -inuse_space -diff_base heap-half.pb.gz heap-end.pb.gz)"
  go tool pprof -top -inuse_space -nodecount=12 -diff_base "$OUT/heap-half.pb.gz" "$OUT/heap-end.pb.gz" 2>/dev/null | sed -n '/^Showing nodes/,$p' || true
fi
echo "CSV: $CSV; generator report: $OUT/load.txt; heap profiles: $OUT/heap-{half,end}.pb.gz"
