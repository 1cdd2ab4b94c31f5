#!/usr/bin/env bash
# Generates the Go code of proto/smartpool/v1 offline: protoc from Debian plus
# the gogoproto and grpc-gateway plugins, with include paths from the module cache.
set -euo pipefail
cd "$(dirname "$0")/.."

command -v protoc >/dev/null || { echo "protoc missing: apt-get install -y protobuf-compiler" >&2; exit 1; }
GOBIN="$(go env GOPATH)/bin"
[ -x "$GOBIN/protoc-gen-gocosmos" ] || go install github.com/cosmos/gogoproto/protoc-gen-gocosmos@v1.7.2
[ -x "$GOBIN/protoc-gen-grpc-gateway" ] || go install github.com/grpc-ecosystem/grpc-gateway/protoc-gen-grpc-gateway@v1.16.0
export PATH="$GOBIN:$PATH"

moddir() { go list -m -f '{{.Dir}}' "$1"; }
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT

protoc -I proto \
  -I "$(moddir github.com/cosmos/cosmos-sdk)/proto" \
  -I "$(moddir github.com/cosmos/gogoproto)" \
  -I "$(moddir github.com/cosmos/cosmos-proto)/proto" \
  -I "$(moddir github.com/grpc-ecosystem/grpc-gateway)/third_party/googleapis" \
  --gocosmos_out=plugins=grpc,Mgoogle/protobuf/any.proto=github.com/cosmos/gogoproto/types/any:"$out" \
  --grpc-gateway_out=logtostderr=true,allow_colon_final_segments=true:"$out" \
  proto/smartpool/v1/*.proto

cp "$out"/github.com/poold/poold/x/smartpool/types/*.go x/smartpool/types/
echo "generated: $(ls "$out"/github.com/poold/poold/x/smartpool/types/ | tr '\n' ' ')"
