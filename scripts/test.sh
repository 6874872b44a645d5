#!/usr/bin/env bash
# Runs every test (unit, Medusa integration on real PostgreSQL, browser) and prints the line
# "jest: N passed, N failed" that CI reads. PostgreSQL, Redis and Chromium are found or started
# first by scripts/test-services.mjs (an embedded PostgreSQL when none answers at DB_HOST:DB_PORT).
set -uo pipefail
cd "$(dirname "$0")/.."

if [ "${FLEXITI_TEST_SERVICES:-}" != ready ]; then
  exec node scripts/test-services.mjs bash scripts/test.sh "$@"
fi

export MEDUSA_DISABLE_TELEMETRY=true
# Medusa apps loaded by ~75 suites in one process (--runInBand) outgrow the default heap.
export NODE_OPTIONS="--experimental-vm-modules --max-old-space-size=6144 ${NODE_OPTIONS:-}"
# A throwaway key for the tests only; a store sets its own (see README).
export FLEXITI_ENCRYPTION_KEY="${FLEXITI_ENCRYPTION_KEY:-$(node -e 'console.log(require("crypto").randomBytes(32).toString("hex"))')}"

# Browser tests run the demo, which serves the built plugin (.medusa/server) and storefront kit;
# the starter test packs both packages (storefront-package/dist is built with the kit).
if [ ! -f .medusa/server/src/storefront/launcher.global.js ] || [ ! -f .medusa/server/src/sandbox/index.js ] || [ ! -f storefront-package/dist/index.js ]; then
  echo "building the plugin first (npm run build)"
  npm run build --silent
fi

mkdir -p artifacts
report=artifacts/jest-report.json
rm -f "$report"
# Tests whose server or browser this machine lacks (test-services.mjs said which, and how to install it).
skip=()
for p in ${TEST_SKIP_PATHS:-}; do skip+=("--testPathIgnorePatterns=$p"); done
[ ${#skip[@]} -eq 0 ] || skip=("--testPathIgnorePatterns=/node_modules/" "${skip[@]}")
# (after "$@": the option takes every word that follows it)
npx jest --runInBand --forceExit --json --outputFile="$report" "$@" "${skip[@]}" 2>&1 | tee artifacts/test-output.log
code=${PIPESTATUS[0]}

if [ -f "$report" ]; then
  node -e '
    const r = require(process.argv[1])
    console.log(`jest: ${r.numPassedTests} passed, ${r.numFailedTests} failed` + (r.numPendingTests ? `, ${r.numPendingTests} skipped` : ""))
    if (r.numTotalTests === 0) { console.error("no test ran"); process.exit(1) }
  ' "$PWD/$report" || code=1
else
  echo "jest: 0 passed, 1 failed"
  code=1
fi
exit "$code"
