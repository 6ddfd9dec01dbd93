#!/usr/bin/env bash
# Build FerretDB 1.24 (the MongoDB-compatible test server, SQLite backend) once into a cache dir that
# survives between CI runs on the same machine, and print the binary's path on stdout.
#
#   scripts/ferretdb-build.sh            # builds only when the cached binary is absent or broken
#   FERRETDB_BIN=/path scripts/ferretdb-build.sh   # use (and check) this binary instead
#
# Why not `go install github.com/FerretDB/FerretDB/cmd/ferretdb@v1.24.0`: the Go proxy answers 403
# on the module's `@v/list` (the deprecation lookup), although `@v/v1.24.0.info` and the zip are
# served. So: a throwaway module that requires FerretDB v1.24.0 and builds its command.
#
# Why the local copy + `replace`: FerretDB's build/version package panics at start ("Invalid
# build/version/version.txt") when the main module is FerretDB itself and version.txt is missing,
# and the module zip does not ship that generated file. We copy the module source, write
# version.txt, and point a `replace` at the copy. Several minutes on 2 cores the first time.
set -euo pipefail

VERSION=v1.24.0
CACHE="${XDG_CACHE_HOME:-$HOME/.cache}/repwatch"
BIN="${FERRETDB_BIN:-$CACHE/bin/ferretdb}"

works() { [ -x "$1" ] && "$1" --version >/dev/null 2>&1; }

if works "$BIN"; then
  echo "$BIN"
  exit 0
fi
if [ -n "${FERRETDB_BIN:-}" ]; then
  echo "ferretdb-build: FERRETDB_BIN=$FERRETDB_BIN is not a working ferretdb binary" >&2
  exit 1
fi
if ! command -v go >/dev/null 2>&1; then
  echo "ferretdb-build: Go (>= 1.22) is needed to build FerretDB $VERSION; install it (apt-get install golang-go)" >&2
  exit 1
fi

mkdir -p "$CACHE/bin"
# One build at a time per machine (two CI runs, or CI and a developer).
exec 9>"$CACHE/ferretdb-build.lock"
flock 9
if works "$BIN"; then
  echo "$BIN"
  exit 0
fi

work="$(mktemp -d "${TMPDIR:-/tmp}/ferretdb-build.XXXXXX")"
trap 'chmod -R u+w "$work" 2>/dev/null; rm -rf "$work"' EXIT
cd "$work"
cat >go.mod <<EOF
module repwatch.local/ferretdb-build

go 1.22

require github.com/FerretDB/FerretDB $VERSION
EOF
cat >tools.go <<'EOF'
//go:build tools

package tools

import _ "github.com/FerretDB/FerretDB/cmd/ferretdb"
EOF

echo "ferretdb-build: resolving FerretDB $VERSION" >&2
GOFLAGS=-mod=mod go mod tidy >&2
src="$(GOFLAGS=-mod=mod go list -m -f '{{.Dir}}' github.com/FerretDB/FerretDB)"
cp -R "$src" ferretdb-src
chmod -R u+w ferretdb-src
echo "$VERSION" >ferretdb-src/build/version/version.txt
go mod edit -replace "github.com/FerretDB/FerretDB=./ferretdb-src"
GOFLAGS=-mod=mod go mod tidy >&2

echo "ferretdb-build: building $BIN (several minutes the first time)" >&2
GOFLAGS="-mod=mod -buildvcs=false" go build -trimpath -o "$BIN.tmp" github.com/FerretDB/FerretDB/cmd/ferretdb >&2
works "$BIN.tmp" || {
  echo "ferretdb-build: the built binary does not start" >&2
  exit 1
}
mv -f "$BIN.tmp" "$BIN"
echo "$BIN"
