# Sourced by the localnet scripts.
# set_genesis file path=json ...: set each dotted path of a genesis.json to a JSON value.
set_genesis() {
  python3 - "$@" <<'PY'
import json, sys
path = sys.argv[1]
g = json.load(open(path))
for spec in sys.argv[2:]:
    keys, value = spec.split("=", 1)
    node = g
    parts = keys.split(".")
    for p in parts[:-1]:
        node = node[p]
    node[parts[-1]] = json.loads(value)
json.dump(g, open(path, "w"), indent=2)
PY
}

# demo_genesis file: short governance for demos and tests: VOTING_PERIOD
# (default 20s) voting, a small deposit, params applied PARAMS_TIMELOCK (15s)
# after they pass; pool time-locks from MIN_TIMELOCK (10s) and weight
# schedules from a minute; oracle observations every 10 s (kept a day), so
# volatility fees show quickly.
demo_genesis() {
  local vp="${VOTING_PERIOD:-20s}"
  set_genesis "$1" \
    "app_state.gov.params.voting_period=\"$vp\"" \
    "app_state.gov.params.expedited_voting_period=\"$(( ${vp%s} / 2 ))s\"" \
    'app_state.gov.params.min_deposit=[{"denom":"upool","amount":"10000000"}]' \
    'app_state.gov.params.expedited_min_deposit=[{"denom":"upool","amount":"20000000"}]' \
    "app_state.smartpool.params.params_timelock=\"${PARAMS_TIMELOCK:-15s}\"" \
    "app_state.smartpool.params.min_timelock=\"${MIN_TIMELOCK:-10s}\"" \
    'app_state.smartpool.params.min_schedule_duration="60s"' \
    'app_state.smartpool.params.max_weight_change_per_day="10000.000000000000000000"' \
    'app_state.smartpool.params.oracle_observation_interval="10s"' \
    'app_state.smartpool.params.oracle_retention="86400s"' \
    'app_state.smartpool.params.min_strategy_interval="10s"'
}
