# Sourced by scripts/load.sh and scripts/soak.sh (after they set ROOT): the
# load node's home and ports (each overridable from the environment), the
# binaries, and the node set-up they share.
export LOCALNET_HOME="${LOCALNET_HOME:-$HOME/.poold-load}"
export RPC_PORT="${RPC_PORT:-46657}" P2P_PORT="${P2P_PORT:-46656}" API_PORT="${API_PORT:-4317}"
export GRPC_PORT="${GRPC_PORT:-4090}" PROM_PORT="${PROM_PORT:-46660}" PPROF_PORT="${PPROF_PORT:-46661}"
POOLD="$ROOT/build/poold"
LOAD="$ROOT/build/poold-load"
NODE="http://127.0.0.1:$RPC_PORT"

# build_binaries builds build/poold if missing and build/poold-load when its
# sources are newer.
build_binaries() {
  if [ ! -x "$POOLD" ]; then
    echo "building $POOLD (make build)"
    make -C "$ROOT" build >/dev/null
  fi
  if [ ! -x "$LOAD" ] || [ -n "$(find "$ROOT/cmd/poold-load" -name '*.go' -newer "$LOAD" -print -quit)" ]; then
    echo "building $LOAD"
    (cd "$ROOT" && go build -o "$LOAD" ./cmd/poold-load)
  fi
}

# create_pool creates pool 1 on the fresh node: 10^10 uatom and 10^10
# uusdc, weights 50/50, swap fee 0.3%, from alice.
create_pool() {
  local pool="$LOCALNET_HOME/load-pool.json"
  cat >"$pool" <<'JSON'
{
  "assets": [
    {"denom": "uatom", "amount": "10000000000", "weight": "50"},
    {"denom": "uusdc", "amount": "10000000000", "weight": "50"}
  ],
  "swap_fee": "0.003"
}
JSON
  "$POOLD" tx smartpool create-pool --pool-file "$pool" --from alice --gas auto --gas-adjustment 1.5 \
    --yes --home "$LOCALNET_HOME" --node "tcp://127.0.0.1:$RPC_PORT" -o json >/dev/null 2>&1
  for _ in $(seq 1 20); do
    if "$POOLD" query smartpool pool 1 --home "$LOCALNET_HOME" --node "tcp://127.0.0.1:$RPC_PORT" >/dev/null 2>&1; then
      echo "pool 1 created (uatom/uusdc 50/50)"
      return 0
    fi
    sleep 1
  done
  echo "pool 1 not created after 20 s" >&2
  return 1
}
