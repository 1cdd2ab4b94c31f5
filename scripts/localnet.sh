#!/usr/bin/env bash
# Single-validator poold chain on 127.0.0.1 for demos and tests.
#
#   scripts/localnet.sh init     reset LOCALNET_HOME and write a fresh genesis with funded demo keys
#   scripts/localnet.sh start    run the node in the foreground (Ctrl-C stops it)
#   scripts/localnet.sh up       init, then start in the background; the PID goes to $LOCALNET_HOME/poold.pid
#   scripts/localnet.sh down     stop the background node by its PID
#
# Settings (environment): POOLD (binary, default build/poold), LOCALNET_HOME
# (default ~/.poold), CHAIN_ID (poolnet-1), RPC_PORT (26657), P2P_PORT (26656),
# API_PORT (1317), GRPC_PORT (9090), PROM_PORT (26660), PPROF_PORT (26661),
# BLOCK_TIME (1s), VOTING_PERIOD (20s), PARAMS_TIMELOCK (15s), MIN_TIMELOCK (10s),
# RELAYER_MNEMONIC (if set: a key "relayer" funded with upool at genesis, for
# an IBC relayer; scripts/localnet-ibc.sh sets it).
# IAVL_CACHE_SIZE (if set: app.toml's iavl-cache-size, IAVL nodes cached per
# store; the default 781250 takes many minutes of load to fill).
# CometBFT's Prometheus instrumentation is on: metrics (smartpool_* among them)
# at http://127.0.0.1:$PROM_PORT/metrics. The SDK's own telemetry stays off.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
POOLD="${POOLD:-$ROOT/build/poold}"
H="${LOCALNET_HOME:-$HOME/.poold}"
CHAIN_ID="${CHAIN_ID:-poolnet-1}"
RPC_PORT="${RPC_PORT:-26657}"
P2P_PORT="${P2P_PORT:-26656}"
API_PORT="${API_PORT:-1317}"
GRPC_PORT="${GRPC_PORT:-9090}"
PROM_PORT="${PROM_PORT:-26660}"               # CometBFT's Prometheus server (its usual port)
PPROF_PORT="${PPROF_PORT:-$((RPC_PORT + 4))}"  # 26661 by default: 26660 is PROM_PORT's
BLOCK_TIME="${BLOCK_TIME:-1s}"
VOTING_PERIOD="${VOTING_PERIOD:-20s}"
PARAMS_TIMELOCK="${PARAMS_TIMELOCK:-15s}"   # a passed params change waits this long
MIN_TIMELOCK="${MIN_TIMELOCK:-10s}"         # shortest pool time-lock
KR=(--keyring-backend test --home "$H")

# Demo keys: fixed, public mnemonics so that addresses are the same on every run. Never use them for value.
ALICE_MNEMONIC="abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about"
BOB_MNEMONIC="zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo wrong"
VALIDATOR_MNEMONIC="legal winner thank year wave sausage worth useful legal winner thank yellow"
DEMO_FUNDS="1000000000000upool,1000000000000uatom,1000000000000uusdc,1000000000000ueth"

# shellcheck source=lib/toml.sh
. "$ROOT/scripts/lib/toml.sh"
# shellcheck source=lib/genesis.sh
. "$ROOT/scripts/lib/genesis.sh"


cmd_init() {
  [ -x "$POOLD" ] || { echo "no poold binary at $POOLD: run make build" >&2; exit 1; }
  if [ -f "$H/poold.pid" ] && kill -0 "$(cat "$H/poold.pid")" 2>/dev/null; then
    echo "a localnet node is running (PID $(cat "$H/poold.pid")): scripts/localnet.sh down first" >&2; exit 1
  fi
  rm -rf "$H"
  "$POOLD" init localnode --chain-id "$CHAIN_ID" --home "$H" >/dev/null 2>&1
  echo "$ALICE_MNEMONIC" | "$POOLD" keys add alice --recover "${KR[@]}" >/dev/null 2>&1
  echo "$BOB_MNEMONIC" | "$POOLD" keys add bob --recover "${KR[@]}" >/dev/null 2>&1
  echo "$VALIDATOR_MNEMONIC" | "$POOLD" keys add validator --recover "${KR[@]}" >/dev/null 2>&1
  for k in alice bob; do
    "$POOLD" genesis add-genesis-account "$k" "$DEMO_FUNDS" "${KR[@]}"
  done
  "$POOLD" genesis add-genesis-account validator 1000000000000upool "${KR[@]}"
  if [ -n "${RELAYER_MNEMONIC:-}" ]; then
    echo "$RELAYER_MNEMONIC" | "$POOLD" keys add relayer --recover "${KR[@]}" >/dev/null 2>&1
    "$POOLD" genesis add-genesis-account relayer 1000000000000upool "${KR[@]}"
  fi
  "$POOLD" genesis gentx validator 500000000000upool --chain-id "$CHAIN_ID" "${KR[@]}" >/dev/null 2>&1
  "$POOLD" genesis collect-gentxs --home "$H" >/dev/null 2>&1

  demo_genesis "$H/config/genesis.json"
  "$POOLD" genesis validate --home "$H" >/dev/null

  local cfg="$H/config/config.toml" app="$H/config/app.toml" cli="$H/config/client.toml"
  set_toml "$cfg" consensus timeout_commit "\"$BLOCK_TIME\""
  set_toml "$cfg" rpc laddr "\"tcp://127.0.0.1:$RPC_PORT\""
  set_toml "$cfg" p2p laddr "\"tcp://127.0.0.1:$P2P_PORT\""
  set_toml "$cfg" rpc pprof_laddr "\"127.0.0.1:$PPROF_PORT\""
  # Prometheus metrics: CometBFT's instrumentation server serves the process's
  # default registry, which holds the cometbft_*, go_*/process_* and
  # smartpool_* series (docs/monitoring.md).
  set_toml "$cfg" instrumentation prometheus "true"
  set_toml "$cfg" instrumentation prometheus_listen_addr "\"127.0.0.1:$PROM_PORT\""
  set_toml "$app" "" minimum-gas-prices '"0upool"'
  if [ -n "${IAVL_CACHE_SIZE:-}" ]; then set_toml "$app" "" iavl-cache-size "$IAVL_CACHE_SIZE"; fi
  set_toml "$app" api enable "true"
  set_toml "$app" api address "\"tcp://127.0.0.1:$API_PORT\""
  set_toml "$app" grpc address "\"127.0.0.1:$GRPC_PORT\""
  # The SDK's go-metrics telemetry stays off: its Prometheus sink would add the
  # SDK's own series (tx_count, runtime_*...) to the same registry, and
  # `promtool check metrics` rejects their names.
  set_toml "$app" telemetry enabled "false"
  set_toml "$cli" "" chain-id "\"$CHAIN_ID\""
  set_toml "$cli" "" keyring-backend '"test"'
  set_toml "$cli" "" node "\"tcp://127.0.0.1:$RPC_PORT\""
  set_toml "$cli" "" broadcast-mode '"sync"'
  echo "localnet initialised in $H (chain $CHAIN_ID); keys: alice, bob, validator"
}

cmd_start() {
  exec "$POOLD" start --home "$H"
}

cmd_up() {
  cmd_init
  "$POOLD" start --home "$H" >"$H/poold.log" 2>&1 &
  echo $! >"$H/poold.pid"
  for _ in $(seq 1 60); do
    h=$(curl -s "http://127.0.0.1:$RPC_PORT/status" 2>/dev/null | python3 -c 'import json,sys; print(json.load(sys.stdin)["result"]["sync_info"]["latest_block_height"])' 2>/dev/null || echo 0)
    if [ "${h:-0}" -ge 2 ]; then
      echo "localnet up: PID $(cat "$H/poold.pid"), height $h, RPC 127.0.0.1:$RPC_PORT, REST 127.0.0.1:$API_PORT, metrics 127.0.0.1:$PROM_PORT, log $H/poold.log"
      return 0
    fi
    kill -0 "$(cat "$H/poold.pid")" 2>/dev/null || { echo "poold exited; see $H/poold.log" >&2; tail -20 "$H/poold.log" >&2; exit 1; }
    sleep 1
  done
  echo "no blocks after 60 s; see $H/poold.log" >&2
  cmd_down
  exit 1
}

cmd_down() {
  [ -f "$H/poold.pid" ] || { echo "no PID file in $H"; return 0; }
  pid="$(cat "$H/poold.pid")"
  if kill -0 "$pid" 2>/dev/null; then
    kill "$pid"
    for _ in $(seq 1 30); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    kill -0 "$pid" 2>/dev/null && kill -9 "$pid"
  fi
  rm -f "$H/poold.pid"
  echo "localnet stopped"
}

case "${1:-}" in
  init) cmd_init ;;
  start) cmd_start ;;
  up) cmd_up ;;
  down) cmd_down ;;
  *) echo "usage: $0 init|start|up|down" >&2; exit 2 ;;
esac
