#!/usr/bin/env bash
# Vendors ECharts (pinned in package.json / package-lock.json) into the embedded static folder.
# Run from the repository root (make assets). Idempotent: does nothing costly when up to date.
#   1. npm ci when node_modules is missing or older than the lock file (or holds another version);
#   2. copies echarts.min.js, LICENSE and NOTICE into internal/web/static/vendor/echarts/, with the
#      licences of the code bundled inside echarts.min.js that LICENSE points to (d3 parts, zrender).
# The copied files are generated: they are gitignored and never edited by hand.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

if [[ ! -f package.json || ! -f package-lock.json ]]; then
  echo "assets: run from the atelier repository (package.json and package-lock.json missing)" >&2
  exit 1
fi
command -v node >/dev/null 2>&1 || { echo "assets: node is required (Debian: apt-get install nodejs npm)" >&2; exit 1; }
command -v npm >/dev/null 2>&1 || { echo "assets: npm is required (Debian: apt-get install npm)" >&2; exit 1; }

pkg=node_modules/echarts
dest=internal/web/static/vendor/echarts

# The version the lock file pins, and the one installed (empty when none).
want=$(node -e 'const l=require("./package-lock.json");const p=(l.packages||{})["node_modules/echarts"]||(l.dependencies||{}).echarts||{};process.stdout.write(p.version||"")')
have=$(node -e 'try{process.stdout.write(require("./'"$pkg"'/package.json").version)}catch(e){}')
if [[ -z "$want" ]]; then
  echo "assets: package-lock.json does not pin echarts" >&2
  exit 1
fi

# npm writes node_modules/.package-lock.json on every install: older than the lock = stale.
stale=0
if [[ ! -d node_modules || ! -f node_modules/.package-lock.json || "$have" != "$want" ]]; then
  stale=1
elif [[ package-lock.json -nt node_modules/.package-lock.json ]]; then
  stale=1
fi
if [[ $stale -eq 1 ]]; then
  echo "assets: npm ci (echarts $want)"
  npm ci --no-audit --no-fund --ignore-scripts
  have=$(node -e 'process.stdout.write(require("./'"$pkg"'/package.json").version)')
fi
if [[ "$have" != "$want" ]]; then
  echo "assets: node_modules has echarts $have, the lock file pins $want" >&2
  exit 1
fi

mkdir -p "$dest"
copied=0
for pair in \
  "$pkg/dist/echarts.min.js:echarts.min.js" \
  "$pkg/LICENSE:LICENSE" \
  "$pkg/NOTICE:NOTICE" \
  "$pkg/licenses/LICENSE-d3:LICENSE-d3" \
  "node_modules/zrender/LICENSE:LICENSE-zrender"; do
  src="${pair%%:*}"
  out="$dest/${pair##*:}"
  if [[ ! -s "$src" ]]; then
    echo "assets: $src is missing (reinstall: rm -rf node_modules && make assets)" >&2
    exit 1
  fi
  if [[ ! -f "$out" ]] || ! cmp -s "$src" "$out"; then
    # Write beside, then rename: a reader never sees half a file.
    cp "$src" "$out.tmp.$$"
    mv -f "$out.tmp.$$" "$out"
    copied=$((copied + 1))
  fi
done

if [[ $copied -gt 0 ]]; then
  echo "assets: echarts $want -> $dest ($copied file(s) updated)"
else
  echo "assets: echarts $want up to date in $dest"
fi
