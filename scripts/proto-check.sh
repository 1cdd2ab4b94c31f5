#!/usr/bin/env bash
# Regenerates the protobuf Go code into a scratch copy and fails if it differs
# from what is committed.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v protoc >/dev/null; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    apt-get update -qq >/dev/null && apt-get install -y -qq protobuf-compiler >/dev/null
  else
    echo "protoc missing: apt-get install -y protobuf-compiler" >&2; exit 1
  fi
fi
backup="$(mktemp -d)"
trap 'cp "$backup"/* x/smartpool/types/ 2>/dev/null; rm -rf "$backup"' EXIT
cp x/smartpool/types/*.pb.go x/smartpool/types/*.pb.gw.go "$backup"/
scripts/protocgen.sh >/dev/null
stale=0
for f in "$backup"/*; do
  name="$(basename "$f")"
  if ! cmp -s "$f" "x/smartpool/types/$name"; then
    echo "stale generated file: x/smartpool/types/$name (run make proto-gen and commit)" >&2
    stale=1
  fi
done
for f in x/smartpool/types/*.pb.go x/smartpool/types/*.pb.gw.go; do
  [ -f "$backup/$(basename "$f")" ] || { echo "generated file not committed: $f" >&2; stale=1; }
done
[ "$stale" = 0 ] && echo "proto-check: generated code is up to date"
exit "$stale"
