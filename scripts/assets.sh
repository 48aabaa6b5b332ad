#!/usr/bin/env bash
# Builds ECharts (pinned in package.json / package-lock.json) into the embedded static folder.
# Run from the repository root (make assets). Idempotent, offline once node_modules is there,
# a few seconds: a file is rewritten only when its bytes change.
#   1. npm ci when node_modules is missing or older than the lock file (or holds other versions);
#   2. esbuild bundles only the parts of ECharts atelier uses (scripts/echarts-build.js):
#      echarts.min.js from scripts/echarts-entry.js (every chart atelier draws) and
#      echarts-base.min.js from scripts/echarts-base-entry.js (bar, line, pie, scatter);
#   3. copies LICENSE and NOTICE beside them, with the licences of the code bundled inside that
#      LICENSE points to (d3 parts, zrender).
# The written files are generated: they are gitignored and never edited by hand.
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

# The versions the lock file pins, and the ones installed (empty when none), as "echarts@x esbuild@y".
versions() {
  node -e '
    const names = ["echarts", "esbuild"];
    const out = names.map((n) => {
      let v = "";
      try {
        if (process.argv[1] === "lock") {
          const l = require("./package-lock.json");
          v = ((l.packages || {})["node_modules/" + n] || {}).version || "";
        } else {
          v = require("./node_modules/" + n + "/package.json").version;
        }
      } catch (e) {}
      return n + "@" + v;
    });
    process.stdout.write(out.join(" "));' "$1"
}
want=$(versions lock)
have=$(versions installed)
if [[ "$want" == *"@ "* || "$want" == *@ ]]; then
  echo "assets: package-lock.json does not pin both echarts and esbuild ($want)" >&2
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
  # --ignore-scripts: no package may run code at install; esbuild finds its binary in the
  # optional @esbuild/<platform> package that the lock file pins with its integrity.
  echo "assets: npm ci ($want)"
  npm ci --no-audit --no-fund --ignore-scripts
  have=$(versions installed)
fi
if [[ "$have" != "$want" ]]; then
  echo "assets: node_modules has $have, the lock file pins $want" >&2
  exit 1
fi

mkdir -p "$dest"
node scripts/echarts-build.js
node scripts/brotli-static.js

# The licences of what the bundles hold.
copied=0
for pair in \
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
  echo "assets: $copied licence file(s) updated in $dest"
fi
