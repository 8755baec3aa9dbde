#!/usr/bin/env bash
# Runs a command with MONGODB_URI pointing at a FerretDB (SQLite backend) started on loopback for it.
# FerretDB is built once from tools/ferretdb and cached by version under ~/.cache, because no mongod
# binary can be downloaded on machines without general internet access.
# Usage: scripts/with-ferretdb.sh COMMAND [ARGS...]
set -euo pipefail

version=v1.24.2
root=$(cd "$(dirname "$0")/.." && pwd)
cache="${XDG_CACHE_HOME:-$HOME/.cache}/fxrates"
bin="$cache/ferretdb-$version"

if [ ! -x "$bin" ]; then
  echo "building FerretDB $version (first time only; takes a few minutes)..." >&2
  mkdir -p "$cache"
  (cd "$root/tools/ferretdb" && CGO_ENABLED=0 go build -trimpath -o "$bin.tmp" .)
  mv "$bin.tmp" "$bin"
fi

port=$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
data=$(mktemp -d "${TMPDIR:-/tmp}/fxrates-ferretdb.XXXXXX")
"$bin" -listen "127.0.0.1:$port" -dir "$data/sqlite" >"$data/ferretdb.log" 2>&1 &
pid=$!
cleanup() {
  kill "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  rm -rf "$data"
}
trap cleanup EXIT

for _ in $(seq 1 100); do
  if node -e 'require("net").connect(+process.argv[1],"127.0.0.1").on("connect",()=>process.exit(0)).on("error",()=>process.exit(1))' "$port"; then
    break
  fi
  if ! kill -0 "$pid" 2>/dev/null; then
    echo "FerretDB exited at start:" >&2; cat "$data/ferretdb.log" >&2; exit 1
  fi
  sleep 0.1
done

export MONGODB_URI="mongodb://127.0.0.1:$port/"
# Outage tests start and stop servers of their own with the same binary.
export FERRETDB_BIN="$bin"
echo "FerretDB $version on $MONGODB_URI" >&2
set +e
"$@"
status=$?
set -e
exit $status
