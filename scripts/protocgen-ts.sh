#!/usr/bin/env bash
# Generates the TypeScript code of proto/smartpool/v1 for clients/ts offline:
# protoc from Debian plus ts-proto from clients/node_modules (npm ci), with the
# same include paths as scripts/protocgen.sh. TS_OUT overrides the output folder
# (the stale-generation check writes to a temporary one).
set -euo pipefail
cd "$(dirname "$0")/.."

command -v protoc >/dev/null || { echo "protoc missing: apt-get install -y protobuf-compiler" >&2; exit 1; }
plugin="clients/node_modules/.bin/protoc-gen-ts_proto"
[ -x "$plugin" ] || { echo "ts-proto missing: (cd clients && npm ci)" >&2; exit 1; }
out="${TS_OUT:-clients/ts/src/generated}"
moddir() { go list -m -f '{{.Dir}}' "$1"; }

rm -rf "$out" && mkdir -p "$out"
# forceLong=bigint: 64-bit numbers exactly; useDate=false: timestamps keep their
# nanoseconds; importSuffix=.js: plain Node ESM resolution.
protoc -I proto \
  -I "$(moddir github.com/cosmos/cosmos-sdk)/proto" \
  -I "$(moddir github.com/cosmos/gogoproto)" \
  -I "$(moddir github.com/cosmos/cosmos-proto)/proto" \
  -I "$(moddir github.com/grpc-ecosystem/grpc-gateway)/third_party/googleapis" \
  --plugin=protoc-gen-ts_proto="$plugin" \
  --ts_proto_out="$out" \
  --ts_proto_opt=esModuleInterop=true,forceLong=bigint,useDate=false,importSuffix=.js,outputClientImpl=true,useOptionals=messages,exportCommonSymbols=false \
  proto/smartpool/v1/*.proto
# Duration and Timestamp JSON as the REST gateway writes them (proto3 JSON).
node clients/ts/gen/proto3-json.mjs "$out"
# From the chain's own descriptors: the amino JSON table, its test vectors
# (made with the chain's encoder) and the typed REST queries.
go build -o "$out/.aminospec" ./tools/aminospec
for mode in spec:amino-spec.ts vectors:amino-vectors.json rest:rest.ts; do
  "$out/.aminospec" "${mode%%:*}" > "$out/${mode#*:}"
done
rm -f "$out/.aminospec"
echo "generated: $(cd "$out" && find . -name '*.ts' | sort | tr '\n' ' ')"
