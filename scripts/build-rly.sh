#!/usr/bin/env bash
# Build the Go relayer (github.com/cosmos/relayer/v2, `rly`) from the Go module
# proxy into build/rly, unless it is already there. It is a separate Go
# program (ibc-go v8, SDK v0.50) that speaks IBC v1 to poold's ibc-go v11; see
# docs/ibc.md for what works with it and what does not.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
RLY_VERSION="${RLY_VERSION:-v2.6.0}"
OUT="${RLY:-$ROOT/build/rly}"

if [ -x "$OUT" ] && "$OUT" version 2>/dev/null | grep -q "version: $RLY_VERSION"; then
  exit 0
fi
work="$(mktemp -d)"
trap 'chmod -R u+w "$work" 2>/dev/null; rm -rf "$work"' EXIT
# Outside any module, so poold's go.mod and go.sum stay as they are.
src="$(cd "$work" && GOFLAGS=-mod=mod go mod download -json "github.com/cosmos/relayer/v2@$RLY_VERSION" |
  python3 -c 'import json,sys; print(json.load(sys.stdin)["Dir"])')"
cp -r "$src/." "$work/src"
chmod -R u+w "$work/src"
mkdir -p "$(dirname "$OUT")"
echo "building rly $RLY_VERSION into $OUT (a few minutes the first time)"
# The module ships a go.work naming a folder it does not include: build
# without workspace mode.
(cd "$work/src" && GOWORK=off GOFLAGS=-buildvcs=false \
  go build -ldflags "-X github.com/cosmos/relayer/v2/cmd.Version=$RLY_VERSION" -o "$OUT" .)
"$OUT" version | head -1
