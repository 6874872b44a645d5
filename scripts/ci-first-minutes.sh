#!/usr/bin/env bash
# A newcomer's first minutes, checked in CI (README, "Tests"): `npm test` where no PostgreSQL or
# Redis answers runs on the embedded PostgreSQL and a redis-server it starts, and removes them
# after; what is missing is said before anything runs, with the command that installs it; the
# install ran no install script that allowScripts does not approve.
set -euo pipefail
cd "$(dirname "$0")/.."
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
check() { grep -qF -- "$2" "$out/$1" || { echo "FAILED: $1 lacks: $2"; cat "$out/$1"; exit 1; }; }

echo "-- install scripts: every one approved or denied in allowScripts"
npm install-scripts ls >"$out/scripts.log" 2>&1
check scripts.log "No packages with unreviewed install scripts."

# Ports where nothing listens: the test run must not use the machine's servers.
dead_pg=$(node --input-type=module -e 'import { freePort } from "./demo/ports.mjs"; console.log(await freePort())')
dead_redis=$((dead_pg + 1))
while node -e 'require("net").connect(+process.argv[1]).on("connect",()=>process.exit(0)).on("error",()=>process.exit(1))' "$dead_redis"; do dead_redis=$((dead_redis + 1)); done

echo "-- npm test with nothing at localhost:$dead_pg (PostgreSQL) and 127.0.0.1:$dead_redis (Redis)"
DB_PORT=$dead_pg REDIS_PORT=$dead_redis bash scripts/test.sh integration-tests/http/provider-registration.spec.ts >"$out/embedded.log" 2>&1 || { cat "$out/embedded.log"; exit 1; }
check embedded.log "PostgreSQL: nothing answers at localhost:$dead_pg; started the demo's embedded PostgreSQL on localhost:"
check embedded.log "Redis: nothing answers at 127.0.0.1:$dead_redis; started redis-server on 127.0.0.1:"
check embedded.log "jest: 2 passed, 0 failed"
data=$(sed -n 's/.*(data in \(.*\), removed after the run)/\1/p' "$out/embedded.log")
[ -n "$data" ] && [ ! -e "$data" ] || { echo "FAILED: the embedded PostgreSQL's data ($data) is still there"; exit 1; }

echo "-- no redis-server and no Chromium: said at once with the install command"
bin=$(mktemp -d) && ln -s "$(command -v node)" "$(command -v dirname)" "$bin/"   # all test.sh needs before it stops
start=$(date +%s)
if PATH=$bin CI=true TEST_TYPE=integration:multi REDIS_PORT=$dead_redis "$BASH" scripts/test.sh >"$out/no-redis.log" 2>&1; then echo "FAILED: ran without Redis"; exit 1; fi
check no-redis.log "no Redis answers at 127.0.0.1:$dead_redis and redis-server is not installed"
check no-redis.log "sudo apt-get install -y redis-server"
if CI=true TEST_TYPE=browser CHROMIUM_PATH=/nonexistent/chromium bash scripts/test.sh >"$out/no-chromium.log" 2>&1; then echo "FAILED: ran without Chromium"; exit 1; fi
check no-chromium.log "no Chromium at /nonexistent/chromium"
check no-chromium.log "sudo apt-get install -y chromium"
rm -rf "$bin"
[ $(( $(date +%s) - start )) -lt 15 ] || { echo "FAILED: the missing programs took more than 15 s to be reported"; exit 1; }

echo "-- outside CI, a missing Chromium leaves out only the tests that need it, and says so"
CI= CHROMIUM_PATH=/nonexistent/chromium bash scripts/test.sh integration-tests/http/demo-busy.spec.ts >"$out/skip.log" 2>&1 || { cat "$out/skip.log"; exit 1; }
check skip.log "[test] NOT RUN: integration-tests/browser/, integration-tests/starter/: no Chromium at /nonexistent/chromium. Install it: sudo apt-get install -y chromium"
check skip.log "jest: 2 passed, 0 failed"
echo "first minutes: ok"
