#!/usr/bin/env bash
# Four poold validators on 127.0.0.1, in the background.
#
#   scripts/localnet-4.sh up     write a fresh 4-validator network (poold testnet init-files),
#                                fund the demo keys alice and bob, start every node, wait for blocks
#   scripts/localnet-4.sh down   stop every node by its PID
#   scripts/localnet-4.sh status each node's PID, height and whether it is alive
#   scripts/localnet-4.sh statesync
#                                add a fifth, non-validator node (node4) that joins by state
#                                sync from the validators' snapshots; wait until it follows the tip
#
# Homes: LOCALNET4_HOME (default ~/.poold-4)/node0..node3, each with node.pid and
# poold.log. Node i listens on STARTING_PORT + 10·i + {0 p2p, 1 rpc, 2 gRPC,
# 3 REST, 5 pprof} (STARTING_PORT 36600 by default: node0's RPC is 36601).
# Genesis has scripts/localnet.sh's demo settings (scripts/lib/genesis.sh:
# VOTING_PERIOD 20s, pool time-locks from 10 s, ...).
# The validators take a state-sync snapshot every SNAPSHOT_INTERVAL blocks
# (default 10) and keep the last two.
# Every validator has a quarter of the stake, so the chain runs while three
# are up and stops with two. The demo keys (the mnemonics of
# scripts/localnet.sh) are in node0's keyring, and each home's client.toml
# points the CLI at that node: poold --home ~/.poold-4/node0 tx ... --from alice.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
# shellcheck source=lib/toml.sh
. "$ROOT/scripts/lib/toml.sh"
# shellcheck source=lib/genesis.sh
. "$ROOT/scripts/lib/genesis.sh"
POOLD="${POOLD:-$ROOT/build/poold}"
BASE="${LOCALNET4_HOME:-$HOME/.poold-4}"
CHAIN_ID="${CHAIN_ID:-poolnet-4}"
STARTING_PORT="${STARTING_PORT:-36600}"
NODES=4
SNAPSHOT_INTERVAL="${SNAPSHOT_INTERVAL:-10}"
ALICE_MNEMONIC="abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about"
BOB_MNEMONIC="zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo wrong"
DEMO_FUNDS="1000000000000upool,1000000000000uatom,1000000000000uusdc,1000000000000ueth"

rpc_port() { echo $((STARTING_PORT + 10 * $1 + 1)); }

height() { # node: its latest block height, 0 if it does not answer
  curl -s --max-time 2 "http://127.0.0.1:$(rpc_port "$1")/status" 2>/dev/null |
    python3 -c 'import json,sys; print(json.load(sys.stdin)["result"]["sync_info"]["latest_block_height"])' 2>/dev/null || echo 0
}

alive() { [ -f "$BASE/node$1/node.pid" ] && kill -0 "$(cat "$BASE/node$1/node.pid")" 2>/dev/null; }

cmd_up() {
  [ -x "$POOLD" ] || { echo "no poold binary at $POOLD: run make build" >&2; exit 1; }
  for i in $(seq 0 $((NODES - 1))); do
    if alive "$i"; then echo "node$i is running: scripts/localnet-4.sh down first" >&2; exit 1; fi
  done
  rm -rf "$BASE"
  "$POOLD" testnet init-files --validator-count "$NODES" --output-dir "$BASE" --chain-id "$CHAIN_ID" \
    --starting-port "$STARTING_PORT" >/dev/null
  local kr=(--keyring-backend test --home "$BASE/node0")
  echo "$ALICE_MNEMONIC" | "$POOLD" keys add alice --recover "${kr[@]}" >/dev/null 2>&1
  echo "$BOB_MNEMONIC" | "$POOLD" keys add bob --recover "${kr[@]}" >/dev/null 2>&1
  for k in alice bob; do
    "$POOLD" genesis add-genesis-account "$k" "$DEMO_FUNDS" "${kr[@]}"
  done
  demo_genesis "$BASE/node0/config/genesis.json"
  "$POOLD" genesis validate --home "$BASE/node0" >/dev/null
  for i in $(seq 1 $((NODES - 1))); do
    cp "$BASE/node0/config/genesis.json" "$BASE/node$i/config/genesis.json"
  done
  for i in $(seq 0 $((NODES - 1))); do
    sed -i "s/^snapshot-interval = .*/snapshot-interval = $SNAPSHOT_INTERVAL/" "$BASE/node$i/config/app.toml"
    client_config "$i"
  done
  for i in $(seq 0 $((NODES - 1))); do start_node "$i"; done
  for _ in $(seq 1 90); do
    local low=999999999
    for i in $(seq 0 $((NODES - 1))); do
      h=$(height "$i"); [ "$h" -lt "$low" ] && low=$h
    done
    if [ "$low" -ge 2 ]; then
      echo "localnet-4 up: chain $CHAIN_ID, 4 validators, every node at height >= $low"
      cmd_status
      echo "demo keys alice and bob: --home $BASE/node0 --keyring-backend test --node tcp://127.0.0.1:$(rpc_port 0) --chain-id $CHAIN_ID"
      return 0
    fi
    sleep 1
  done
  echo "the nodes made no blocks in 90 s; see $BASE/node*/poold.log" >&2
  cmd_down
  exit 1
}

client_config() { # node: the CLI on this home talks to this node, test keyring
  cat >"$BASE/node$1/config/client.toml" <<EOF
chain-id = "$CHAIN_ID"
keyring-backend = "test"
keyring-default-keyname = ""
output = "text"
node = "tcp://127.0.0.1:$(rpc_port "$1")"
broadcast-mode = "sync"
EOF
}

start_node() { # node
  "$POOLD" start --home "$BASE/node$1" >"$BASE/node$1/poold.log" 2>&1 &
  echo $! >"$BASE/node$1/node.pid"
}

# cmd_statesync: node4 gets no blocks from genesis; CometBFT's state sync
# fetches the newest snapshot from its peers, checks it with a light client
# rooted at a recent header of node0 and node1, and block-syncs from there.
cmd_statesync() {
  local n=$NODES home="$BASE/node$NODES" p=$((STARTING_PORT + 10 * NODES))
  if alive "$n"; then echo "node$n is running" >&2; exit 1; fi
  local h0; h0=$(height 0)
  [ "$h0" -gt "$SNAPSHOT_INTERVAL" ] || { echo "no snapshot yet: node0 is at height $h0, snapshots every $SNAPSHOT_INTERVAL blocks" >&2; exit 1; }
  rm -rf "$home"
  "$POOLD" init "node$n" --chain-id "$CHAIN_ID" --home "$home" >/dev/null 2>&1
  cp "$BASE/node0/config/genesis.json" "$home/config/genesis.json"
  local peers="" i id
  for i in $(seq 0 $((NODES - 1))); do
    id=$("$POOLD" comet show-node-id --home "$BASE/node$i")
    peers="$peers${peers:+,}$id@127.0.0.1:$((STARTING_PORT + 10 * i))"
  done
  # Trust a header just below the tip; the light client verifies the snapshot's height from it.
  local trust_height=$((h0 - 1)) trust_hash
  trust_hash=$(curl -s --max-time 5 "http://127.0.0.1:$(rpc_port 0)/block?height=$trust_height" |
    python3 -c 'import json,sys; print(json.load(sys.stdin)["result"]["block_id"]["hash"])')
  local c="$home/config/config.toml" a="$home/config/app.toml"
  set_toml "$c" "" moniker "\"node$n\""
  set_toml "$c" rpc laddr "\"tcp://127.0.0.1:$((p + 1))\""
  set_toml "$c" rpc pprof_laddr "\"127.0.0.1:$((p + 5))\""
  set_toml "$c" p2p laddr "\"tcp://127.0.0.1:$p\""
  set_toml "$c" p2p persistent_peers "\"$peers\""
  set_toml "$c" p2p addr_book_strict false
  set_toml "$c" p2p allow_duplicate_ip true
  set_toml "$c" statesync enable true
  set_toml "$c" statesync rpc_servers "\"http://127.0.0.1:$(rpc_port 0),http://127.0.0.1:$(rpc_port 1)\""
  set_toml "$c" statesync trust_height "$trust_height"
  set_toml "$c" statesync trust_hash "\"$trust_hash\""
  set_toml "$c" consensus timeout_commit '"1s"'
  set_toml "$a" "" minimum-gas-prices '"0upool"'
  set_toml "$a" api address "\"tcp://127.0.0.1:$((p + 3))\""
  set_toml "$a" grpc address "\"127.0.0.1:$((p + 2))\""
  client_config "$n"
  start_node "$n"
  local hn tries=0
  for _ in $(seq 1 120); do
    # A port of ours may be held for a moment as another connection's ephemeral port: retry.
    if ! alive "$n" && grep -q "address already in use" "$home/poold.log" && [ $tries -lt 3 ]; then
      tries=$((tries + 1)); sleep 2; start_node "$n"
    fi
    hn=$(height "$n")
    if [ "$hn" -gt 0 ] && [ "$hn" -ge "$(($(height 0) - 1))" ]; then
      echo "node$n joined by state sync: PID $(cat "$home/node.pid"), RPC 127.0.0.1:$(rpc_port "$n"), height $hn"
      return 0
    fi
    sleep 1
  done
  echo "node$n did not catch up in 120 s; see $home/poold.log" >&2
  exit 1
}


cmd_status() {
  for i in $(seq 0 $((NODES - 1))); do
    if alive "$i"; then
      echo "  node$i: PID $(cat "$BASE/node$i/node.pid"), RPC 127.0.0.1:$(rpc_port "$i"), height $(height "$i")"
    else
      echo "  node$i: stopped"
    fi
  done
}

cmd_down() {
  for i in $(seq 0 "$NODES"); do
    [ -f "$BASE/node$i/node.pid" ] || continue
    pid="$(cat "$BASE/node$i/node.pid")"
    if kill -0 "$pid" 2>/dev/null; then
      kill "$pid"
      for _ in $(seq 1 30); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
      kill -0 "$pid" 2>/dev/null && kill -9 "$pid"
    fi
    rm -f "$BASE/node$i/node.pid"
  done
  echo "localnet-4 stopped"
}

case "${1:-}" in
  up) cmd_up ;;
  down) cmd_down ;;
  status) cmd_status ;;
  statesync) cmd_statesync ;;
  *) echo "usage: $0 up|down|status|statesync" >&2; exit 2 ;;
esac
