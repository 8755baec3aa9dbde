#!/usr/bin/env bash
# Runs schemathesis (every check) against a seeded service: the real container and HTTP edge over a
# MongoDB-wire server (MONGODB_URI, else a FerretDB started for the run), 60 stored days, the Fixer
# sandbox behind POST /ingest, requests authenticated with an admin key. Fails on any failure.
# Usage: scripts/schemathesis.sh [extra schemathesis options]; SCHEMATHESIS_MAX_EXAMPLES (default 30).
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
if [ -z "${MONGODB_URI:-}" ]; then
  exec "$root/scripts/with-ferretdb.sh" "$0" "$@"
fi

version=4.32.5
venv="${XDG_CACHE_HOME:-$HOME/.cache}/fxrates/schemathesis-$version"
if [ ! -e "$venv/.installed" ]; then
  echo "installing schemathesis $version in $venv (first time only)..." >&2
  rm -rf "$venv"
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check "schemathesis==$version"
  touch "$venv/.installed"
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/fxrates-schemathesis.XXXXXX")
cd "$root"
node --import tsx scripts/schemathesis-service.ts >"$work/service.out" 2>"$work/service.err" &
service=$!
cleanup() {
  kill -TERM "$service" 2>/dev/null || true
  wait "$service" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

for _ in $(seq 1 600); do
  [ -s "$work/service.out" ] && break
  if ! kill -0 "$service" 2>/dev/null; then
    echo "the service did not start:" >&2; cat "$work/service.err" >&2; exit 1
  fi
  sleep 0.1
done
url=$(node -e 'console.log(JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")).url)' "$work/service.out")
key=$(node -e 'console.log(JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")).key)' "$work/service.out")

# positive_data_acceptance is left out: OpenAPI cannot say "not after today" of a date or "a currency
# with a rate that day", so schema-valid requests can be refused by those rules (see README).
"$venv/bin/schemathesis" run "$url/openapi.json" \
  --checks all \
  --exclude-checks positive_data_acceptance \
  --max-examples "${SCHEMATHESIS_MAX_EXAMPLES:-30}" \
  --header "Authorization: Bearer $key" \
  --seed "${SCHEMATHESIS_SEED:-1}" \
  --no-color \
  "$@"
