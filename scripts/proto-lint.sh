#!/usr/bin/env bash
# buf lint of proto/smartpool/v1 offline: the imported protos come from the Go
# module cache into a scratch workspace, since the buf registry is not
# reachable here. Rules: the Cosmos SDK's own lint set.
set -euo pipefail
cd "$(dirname "$0")/.."
BUF_VERSION=v1.47.2
GOBIN="$(go env GOPATH)/bin"
[ -x "$GOBIN/buf" ] || go install "github.com/bufbuild/buf/cmd/buf@$BUF_VERSION"
moddir() { go list -m -f '{{.Dir}}' "$1"; }

ws="$(mktemp -d)"
trap 'rm -rf "$ws"' EXIT
mkdir -p "$ws/deps/sdk" "$ws/deps/gogo/gogoproto" "$ws/deps/cosmosproto" "$ws/deps/googleapis"
cp -r proto "$ws/proto"
cp -r "$(moddir github.com/cosmos/cosmos-sdk)/proto/." "$ws/deps/sdk/"
cp "$(moddir github.com/cosmos/gogoproto)/gogoproto/gogo.proto" "$ws/deps/gogo/gogoproto/"
cp -r "$(moddir github.com/cosmos/cosmos-proto)/proto/." "$ws/deps/cosmosproto/"
cp -r "$(moddir github.com/grpc-ecosystem/grpc-gateway)/third_party/googleapis/google" "$ws/deps/googleapis/"
chmod -R u+w "$ws"
cat > "$ws/buf.yaml" <<'YAML'
version: v2
modules:
  - path: proto
    lint:
      use: [STANDARD, COMMENTS, FILE_LOWER_SNAKE_CASE]
      except: [UNARY_RPC, COMMENT_FIELD, SERVICE_SUFFIX, PACKAGE_VERSION_SUFFIX, RPC_REQUEST_STANDARD_NAME]
  - path: deps/sdk
  - path: deps/gogo
  - path: deps/cosmosproto
  - path: deps/googleapis
YAML
(cd "$ws" && "$GOBIN/buf" lint --path proto/smartpool)
echo "proto-lint: proto/smartpool is buf-lint clean"
