#!/usr/bin/env bash
# Runs the suite on several Node.js versions, one after the other, with binaries from the npm `node` package (the only
# source reachable here besides Debian's packages): `npx -y node@22` fetches and caches that Node once. Each version's
# binary goes first on the PATH, so pnpm, tsc, vitest and every child process the tests start (the CLI's end-to-end
# tests run `process.execPath`) run on it.
#
#   scripts/node-matrix.sh                 # `pnpm test` (the whole suite) on Node 20, 22 and 24
#   scripts/node-matrix.sh --unit 22 24    # only `vitest run --project unit`, on Node 22 and 24
#
# Logs go to .node-matrix/<version>.log; a summary table (version, result, minutes) is printed at the end and written
# to .node-matrix/summary.txt. Exits non-zero when any version failed.
set -uo pipefail
cd "$(dirname "$0")/.."

command=(npx -y pnpm@10 test)
suite='pnpm test'
if [ "${1:-}" = "--unit" ]; then
  command=(npx -y pnpm@10 exec vitest run --project unit)
  suite='vitest --project unit'
  shift
fi
versions=("$@")
[ ${#versions[@]} -eq 0 ] && versions=(20 22 24)

mkdir -p .node-matrix
summary=".node-matrix/summary.txt"
printf '%-10s %-10s %-8s %s\n' node result minutes suite >"$summary"
failed=0
for version in "${versions[@]}"; do
  log=".node-matrix/${version}.log"
  # The binary's own path: `npx -y node@N -p process.execPath` prints where npm cached that Node.
  binary="$(npx -y "node@${version}" -p process.execPath 2>>"$log")"
  if [ -z "$binary" ] || [ ! -x "$binary" ]; then
    echo "node@${version}: could not get a binary from npm (see $log)" >&2
    printf '%-10s %-10s %-8s %s\n' "$version" 'no-binary' '-' "$suite" >>"$summary"
    failed=1
    continue
  fi
  actual="$("$binary" --version)"
  echo "== Node ${actual} (${binary}): ${suite}"
  started=$(date +%s)
  if PATH="$(dirname "$binary"):$PATH" "${command[@]}" >"$log" 2>&1; then result=passed; else result=FAILED; failed=1; fi
  minutes=$(awk -v seconds=$(($(date +%s) - started)) 'BEGIN { printf "%.1f", seconds / 60 }')
  printf '%-10s %-10s %-8s %s\n' "$actual" "$result" "$minutes" "$suite" >>"$summary"
  echo "   ${result} in ${minutes} min; tail of ${log}:"
  tail -n 6 "$log" | sed 's/^/   | /'
done
echo
cat "$summary"
exit $failed
