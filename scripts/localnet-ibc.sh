#!/usr/bin/env bash
# Two poold chains on 127.0.0.1 joined by IBC, with the Go relayer between them.
#
#   scripts/localnet-ibc.sh up     build poold and rly if needed, start both chains,
#                                  link them (clients, connection, ICS-20 channel) and
#                                  start relaying in the background
#   scripts/localnet-ibc.sh down   stop the relayer and both chains by their PIDs
#
# poolnet-1 is where the pools are (RPC 26657, REST 1317, gRPC 9090); hubnet-1
# plays a hub whose tokens come to poolnet (RPC 36657, REST 11317, gRPC 19090).
# Both have the demo keys alice and bob (scripts/localnet.sh) and a funded
# "relayer" key. Homes under LOCALNET_IBC_HOME (default ~/.poold-ibc):
# poolnet/, hubnet/, relayer/ (rly's home, log and PID). Ports can be moved
# with POOLNET_PORT_BASE / HUBNET_PORT_BASE (the RPC port; the others follow).
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
BASE="${LOCALNET_IBC_HOME:-$HOME/.poold-ibc}"
POOLD="${POOLD:-$ROOT/build/poold}"
RLY_BIN="${RLY:-$ROOT/build/rly}"
RLY_HOME="$BASE/relayer"
RLY=("$RLY_BIN" --home "$RLY_HOME")
PATH_NAME=poolnet-hubnet
# A fixed, public mnemonic: the same relayer address on both chains. Demo only.
RELAYER_MNEMONIC="${RELAYER_MNEMONIC:-all all all all all all all all all all all all}"
POOLNET_PORT_BASE="${POOLNET_PORT_BASE:-26657}"
HUBNET_PORT_BASE="${HUBNET_PORT_BASE:-36657}"

chain_env() { # name rpc-port: the environment scripts/localnet.sh runs a chain with
  local name="$1" rpc="$2" off
  off=$((rpc - 26657))
  echo "LOCALNET_HOME=$BASE/$name CHAIN_ID=$name-1 RPC_PORT=$rpc P2P_PORT=$((rpc - 1)) \
API_PORT=$((1317 + off / 10000 * 10000)) GRPC_PORT=$((9090 + off / 10000 * 10000)) \
PROM_PORT=$((rpc + 3)) PPROF_PORT=$((rpc + 4))"
}

localnet() { # name rpc-port command
  env $(chain_env "$1" "$2") RELAYER_MNEMONIC="$RELAYER_MNEMONIC" POOLD="$POOLD" "$ROOT/scripts/localnet.sh" "$3"
}

rly_chain_file() { # name rpc-port: rly's chain description
  cat <<JSON
{"type": "cosmos", "value": {"key": "relayer", "chain-id": "$1-1", "rpc-addr": "http://127.0.0.1:$2",
 "account-prefix": "pool", "keyring-backend": "test", "gas-adjustment": 1.5, "gas-prices": "0upool",
 "debug": false, "timeout": "20s", "output-format": "json", "sign-mode": "direct", "coin-type": 118,
 "broadcast-mode": "batch"}}
JSON
}

cmd_up() {
  [ -x "$POOLD" ] || make -C "$ROOT" build
  "$ROOT/scripts/build-rly.sh"
  if [ -f "$RLY_HOME/rly.pid" ] && kill -0 "$(cat "$RLY_HOME/rly.pid")" 2>/dev/null; then
    echo "localnet-ibc is running: scripts/localnet-ibc.sh down first" >&2; exit 1
  fi
  mkdir -p "$BASE"
  localnet poolnet "$POOLNET_PORT_BASE" up
  localnet hubnet "$HUBNET_PORT_BASE" up

  rm -rf "$RLY_HOME"
  "${RLY[@]}" config init >/dev/null
  for c in "poolnet $POOLNET_PORT_BASE" "hubnet $HUBNET_PORT_BASE"; do
    set -- $c
    rly_chain_file "$1" "$2" >"$BASE/$1.rly.json"
    "${RLY[@]}" chains add --file "$BASE/$1.rly.json" "$1-1" >/dev/null
    "${RLY[@]}" keys restore "$1-1" relayer "$RELAYER_MNEMONIC" >/dev/null
  done
  "${RLY[@]}" paths new poolnet-1 hubnet-1 "$PATH_NAME" >/dev/null
  echo "linking poolnet-1 and hubnet-1: light clients, connection, ICS-20 channel (about a minute)"
  "${RLY[@]}" tx link "$PATH_NAME" --src-port transfer --dst-port transfer --order unordered --version ics20-1 \
    >"$RLY_HOME/link.log" 2>&1 || { echo "rly tx link failed; see $RLY_HOME/link.log" >&2; tail -20 "$RLY_HOME/link.log" >&2; cmd_down; exit 1; }
  "${RLY[@]}" start "$PATH_NAME" >"$RLY_HOME/rly.log" 2>&1 &
  echo $! >"$RLY_HOME/rly.pid"
  local pool_ch hub_ch
  pool_ch=$(channel_of poolnet-1)
  hub_ch=$(channel_of hubnet-1)
  echo "localnet-ibc up: poolnet-1 (RPC 127.0.0.1:$POOLNET_PORT_BASE) $pool_ch <-> $hub_ch hubnet-1 (RPC 127.0.0.1:$HUBNET_PORT_BASE)"
  echo "  relayer PID $(cat "$RLY_HOME/rly.pid"), log $RLY_HOME/rly.log; stop all with: scripts/localnet-ibc.sh down"
}

channel_of() { # chain-id: the transfer channel rly opened on it
  "${RLY[@]}" q channels "$1" 2>/dev/null | python3 -c '
import json, sys
for line in sys.stdin:
    line = line.strip()
    if not line.startswith("{"):
        continue
    c = json.loads(line)
    if c.get("port_id") == "transfer" and c.get("state") == "STATE_OPEN":
        print(c["channel_id"]); break'
}

cmd_down() {
  if [ -f "$RLY_HOME/rly.pid" ]; then
    pid="$(cat "$RLY_HOME/rly.pid")"
    if kill -0 "$pid" 2>/dev/null; then
      kill "$pid"
      for _ in $(seq 1 20); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
      kill -0 "$pid" 2>/dev/null && kill -9 "$pid"
    fi
    rm -f "$RLY_HOME/rly.pid"
    echo "relayer stopped"
  fi
  localnet hubnet "$HUBNET_PORT_BASE" down
  localnet poolnet "$POOLNET_PORT_BASE" down
}

case "${1:-}" in
  up) cmd_up ;;
  down) cmd_down ;;
  *) echo "usage: $0 up|down" >&2; exit 2 ;;
esac
