#!/usr/bin/env bash
# Fails when the data models and the committed migrations disagree: Medusa's migration generator,
# run against the committed snapshot, must find nothing to add. (A change to a model needs its
# migration: `npx medusa plugin:db:generate`, then review the file it writes.)
set -uo pipefail
cd "$(dirname "$0")/.."
dir=src/modules/flexiti/migrations
export DB_HOST="${DB_HOST:-localhost}" DB_USERNAME="${DB_USERNAME:-postgres}"
mkdir -p artifacts
backup=$(mktemp -d)
cp -a "$dir/." "$backup/"

npx medusa plugin:db:generate > artifacts/migrations-check.log 2>&1 || { cat artifacts/migrations-check.log; rm -rf "$backup"; exit 1; }
if diff -r "$backup" "$dir" > artifacts/migrations-check.diff; then
  echo "migrations match the models"
  code=0
else
  echo "the models and the migrations disagree; the generator would write:"
  cat artifacts/migrations-check.diff
  code=1
fi
# leave the migrations as they were
rm -rf "${dir:?}"/* "$dir"/.snapshot-*.json
cp -a "$backup/." "$dir/"
rm -rf "$backup"
exit "$code"
