#!/usr/bin/env bash
# Search at full size over HTTP: imports N generated papers (default 1,000,000), times `paperboy index rebuild`,
# stores stand-in vectors (random unit vectors with the papers' real text hashes: embedding a million abstracts
# here takes most of a day, and an exact scan costs the same whatever the vectors hold), starts the server and
# runs /api/papers/search under wrk, keyword and hybrid (the query's embedding included), one client for latency
# and several for throughput.
# Usage: bench/search-http.sh [--papers N] [--duration SECONDS] [--clients C] [--queries Q]
set -euo pipefail
source "$(dirname "$0")/lib.sh"

PAPERS=1000000
DURATION=20
CLIENTS=8
QUERIES=200
while [ $# -gt 0 ]; do
  case "$1" in
    --papers) PAPERS="$2"; shift 2 ;;
    --duration) DURATION="$2"; shift 2 ;;
    --clients) CLIENTS="$2"; shift 2 ;;
    --queries) QUERIES="$2"; shift 2 ;;
    -h|--help) sed -n '2,7p' "$0"; exit 0 ;;
    *) die "unknown argument: $1 (see --help)" ;;
  esac
done
[ "$DURATION" -ge 1 ] && [ "$DURATION" -le 20 ] || die "--duration must be 1..20 seconds"

need wrk
need curl
need /usr/bin/time time
MACHINE_INFO="$(machine_info)"
publish_paperboy
build_bench_tool
generated_corpus "$PAPERS" 1

TMP="$(mktemp -d /tmp/paperboy-search-http.XXXXXX)"
SERVER_PID=""
# The server runs under /usr/bin/time (for its peak memory): stopping it means signalling time's child.
stop_server() {
  [ -z "$SERVER_PID" ] && return 0
  pkill -TERM -P "$SERVER_PID" 2>/dev/null || true
  wait "$SERVER_PID" 2>/dev/null || true
  SERVER_PID=""
}
cleanup() {
  stop_server
  rm -rf "$TMP"
}
trap cleanup EXIT

DATA="$WORK/search-data-$PAPERS-$(generator_version)"
pb() { "$PAPERBOY" --data "$DATA" "$@"; }
peak_mib() { awk -F: '/Maximum resident set size/ { printf "%.0f", $2 / 1024 }' "$1"; }
wall_s() { awk '/Elapsed \(wall clock\)/ { n = split($NF, t, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + t[i]; printf "%.1f", s }' "$1"; }

# Built once; later runs reuse the database, the index and the vectors (and the build figures recorded with them).
if [ ! -f "$DATA/.ready" ]; then
  rm -rf "$DATA" && mkdir -p "$DATA"
  log "importing $CORPUS"
  pb import jsonl "$CORPUS" >"$TMP/import.log" 2>&1 || { tail -n 5 "$TMP/import.log" >&2; die "import failed"; }
  log "paperboy index rebuild"
  /usr/bin/time -v -o "$TMP/rebuild-time.txt" "$PAPERBOY" --data "$DATA" index rebuild >"$TMP/rebuild.log" 2>&1 \
    || { tail -n 5 "$TMP/rebuild.log" >&2; die "index rebuild failed"; }
  echo "| \`paperboy index rebuild\` ($PAPERS papers, from the database) | $(wall_s "$TMP/rebuild-time.txt") s, peak RSS $(peak_mib "$TMP/rebuild-time.txt") MiB, $(du -sm "$DATA/index/keyword" | cut -f1) MiB on disk |" >"$DATA/build.md"
  log "storing stand-in vectors"
  /usr/bin/time -v -o "$TMP/vectors-time.txt" dotnet "$BENCH_TOOL" search vectors --data "$DATA" || die "storing vectors failed"
  touch "$DATA/.ready"
fi
dotnet "$BENCH_TOOL" search queries --corpus "$CORPUS" --papers 100000 --queries "$QUERIES" --out "$TMP/all.tsv" || die "writing queries failed"
for kind in "2-3 title words" "whole title" "words + category + year"; do
  awk -F'\t' -v k="$kind" '$1 == k { print $2 }' "$TMP/all.tsv" >"$TMP/$kind.txt"
done
cut -f2 "$TMP/all.tsv" | grep -v '^$' >"$TMP/mixed.txt"

PORT="$(free_port)"
log "starting paperboy on 127.0.0.1:$PORT"
# Started directly, not through pb(), so that $! is time's and the clean-up finds the server. The embedding
# worker is off: the stand-ins are current, and nothing else may use the cores while we measure. The API's read
# limit per client is raised: one wrk client is far above what it allows a visitor.
/usr/bin/time -v -o "$TMP/serve-time.txt" env ASPNETCORE_ENVIRONMENT=Production Logging__LogLevel__Default=Warning \
  Paperboy__Search__Embed=false Paperboy__RateLimits__ApiReads__Permits=1000000000 \
  "$PAPERBOY" --data "$DATA" serve --urls "http://127.0.0.1:$PORT" >"$TMP/serve.log" 2>&1 &
SERVER_PID=$!
ready=""
for _ in $(seq 1 600); do
  # Ready when a hybrid query is answered in hybrid mode: the vectors are loaded.
  if curl -s "http://127.0.0.1:$PORT/api/papers/search?q=learning&mode=hybrid&limit=1" -D "$TMP/headers" -o "$TMP/probe.json" \
    && grep -qi '^x-search-mode: hybrid' "$TMP/headers" && grep -q '"paper"' "$TMP/probe.json"; then ready=1; break; fi
  kill -0 "$SERVER_PID" 2>/dev/null || { tail -n 5 "$TMP/serve.log" >&2; die "paperboy serve exited"; }
  sleep 1
done
[ -n "$ready" ] || die "search not ready after 10 minutes"
# Hybrid answers as soon as the first vectors are in memory; the rest load in the background. Measuring starts
# when the server's CPU time stops growing (under 0.2 s in 2 s): everything is loaded.
server="$(pgrep -P "$SERVER_PID" | head -n1)"
for _ in $(seq 1 300); do
  before=$(awk '{ print $14 + $15 }' "/proc/$server/stat")
  sleep 2
  after=$(awk '{ print $14 + $15 }' "/proc/$server/stat")
  [ $((after - before)) -lt 20 ] && break
done

ROWS=()
measure() {
  local mode="$1" queries="$2" clients="$3" label="$4" out
  log "measuring $mode, $label, $clients client(s), $DURATION s"
  QUERIES="$TMP/$queries.txt" MODE="$mode" wrk -t1 -c"$clients" -d5s -s "$REPO/bench/search-http.lua" "http://127.0.0.1:$PORT" >/dev/null 2>&1 || true
  out="$(QUERIES="$TMP/$queries.txt" MODE="$mode" wrk -t"$(( clients < 2 ? 1 : 2 ))" -c"$clients" -d"${DURATION}s" -s "$REPO/bench/search-http.lua" "http://127.0.0.1:$PORT" | grep '^RESULT')"
  val() { echo "$out" | tr ' ' '\n' | sed -n "s/^$1=//p"; }
  ROWS+=("| $mode | $label | $clients | $(val rps) | $(val p50) ms | $(val p95) ms | $(val p99) ms | $(val errors) |")
}
for mode in keyword hybrid; do
  measure "$mode" "2-3 title words" 1 "2-3 title words"
  measure "$mode" "whole title" 1 "whole title"
  measure "$mode" "words + category + year" 1 "words + category + year"
  measure "$mode" mixed 1 "all kinds mixed"
  measure "$mode" mixed "$CLIENTS" "all kinds mixed"
done
stop_server

TABLE="$(
  echo "$PAPERS generated papers (SQLite); stand-in vectors for every paper; wrk after 5 s of warm-up per row, ${DURATION} s measured;"
  echo "GET /api/papers/search?limit=20&mode=M&q=Q, the whole request (parsing, search, the papers read from the database, JSON)."
  echo
  echo "| step | result |"
  echo "|---|---|"
  cat "$DATA/build.md"
  echo "| server peak RSS over the run (vectors of $PAPERS papers loaded) | $(peak_mib "$TMP/serve-time.txt") MiB |"
  echo
  echo "| mode | queries | clients | requests/s | p50 | p95 | p99 | errors |"
  echo "|---|---|---:|---:|---:|---:|---:|---:|"
  printf '%s\n' "${ROWS[@]}"
)"
echo "$TABLE"
echo "$TABLE" | record_result search-http "search over HTTP: \`bench/search-http.sh --papers $PAPERS --clients $CLIENTS\`"
