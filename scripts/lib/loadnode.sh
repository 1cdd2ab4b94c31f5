# Sourced by scripts/load.sh and scripts/soak.sh, which set ROOT, POOLD,
# LOAD, LOCALNET_HOME and RPC_PORT.

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
