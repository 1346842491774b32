#!/usr/bin/env bash
# The community at scale: with 1M papers, 100k members and 2M upvotes stored, anonymous /papers and
# /papers/trending under wrk, then signed-in voting through POST /vote, checked against the votes table.
# Usage: bench/community.sh [--papers N] [--users N] [--votes N] [--postgres CONNECTION_STRING]
#                           [--duration SECONDS] [--members N] [--concurrency C]
set -euo pipefail
source "$(dirname "$0")/lib.sh"

PAPERS=1000000
USERS=100000
VOTES=2000000
POSTGRES=""
DURATION=20
MEMBERS=256
CONCURRENCY=32
while [ $# -gt 0 ]; do
  case "$1" in
    --papers) PAPERS="$2"; shift 2 ;;
    --users) USERS="$2"; shift 2 ;;
    --votes) VOTES="$2"; shift 2 ;;
    --postgres) POSTGRES="$2"; shift 2 ;;
    --duration) DURATION="$2"; shift 2 ;;
    --members) MEMBERS="$2"; shift 2 ;;
    --concurrency) CONCURRENCY="$2"; shift 2 ;;
    -h|--help) sed -n '2,6p' "$0"; exit 0 ;;
    *) die "unknown argument: $1 (see --help)" ;;
  esac
done
[ "$DURATION" -ge 1 ] && [ "$DURATION" -le 20 ] || die "--duration must be 1..20 seconds"

need wrk
need curl
[ -z "$POSTGRES" ] || need psql postgresql-client
MACHINE_INFO="$(machine_info)"
publish_paperboy
build_bench_tool

TMP="$(mktemp -d /tmp/paperboy-community.XXXXXX)"
SERVER_PID=""
cleanup() {
  [ -z "$SERVER_PID" ] || { kill "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; }
  rm -rf "$TMP"
}
trap cleanup EXIT

ENGINE=sqlite
DB_ARGS=()
DATA="$WORK/community-data-$PAPERS-$USERS-$VOTES-$(generator_version)"
if [ -n "$POSTGRES" ]; then
  ENGINE=postgresql
  dbname="pb_bench_community_$$"
  pg_sql "$POSTGRES" "DROP DATABASE IF EXISTS $dbname" >/dev/null
  DB_ARGS=(--database "$(cs_with_database "$POSTGRES" "$dbname")")
  DATA="$TMP/data"
fi
mkdir -p "$DATA"
pb() { "$PAPERBOY" --data "$DATA" "${DB_ARGS[@]}" "$@"; }
json_number() { sed -n "s/.*\"$1\": *\"\{0,1\}\([0-9-]*\)\"\{0,1\}.*/\1/p" | head -n1; }

# Build the database once (SQLite); later runs reuse it.
if [ "$(pb stats --json 2>/dev/null | json_number dailyEntries)" = "" ] || [ ! -f "$DATA/.seeded" ]; then
  rm -rf "$DATA" && mkdir -p "$DATA"
  generated_corpus "$PAPERS" 1
  log "importing $CORPUS"
  pb import jsonl "$CORPUS" >"$TMP/import.log" 2>&1 || { tail -n 5 "$TMP/import.log" >&2; die "import failed"; }
  log "adding $USERS members and $VOTES votes"
  dotnet "$BENCH_TOOL" community seed --data "$DATA" "${DB_ARGS[@]}" --users "$USERS" --votes "$VOTES" || die "seeding failed"
  log "computing trending scores"
  pb trending backfill >"$TMP/backfill.log" 2>&1 || { tail -n 5 "$TMP/backfill.log" >&2; die "trending backfill failed"; }
  touch "$DATA/.seeded"
fi
STATS="$(pb stats --json)"
DAY="$(echo "$STATS" | json_number lastDay)"

PORT="$(free_port)"
log "starting paperboy on 127.0.0.1:$PORT"
# Started directly, not through pb(): $! must be the server itself for the clean-up to stop it.
# The vote load is one client with a few hundred members: the per-member vote limit would refuse most of it.
ASPNETCORE_ENVIRONMENT=Production Logging__LogLevel__Default=Warning \
  Paperboy__RateLimits__Votes__Permits=100000000 Paperboy__RateLimits__SignIn__Permits=100000000 \
  "$PAPERBOY" --data "$DATA" "${DB_ARGS[@]}" serve --urls "http://127.0.0.1:$PORT" >"$TMP/serve.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 120); do
  curl -s -o /dev/null "http://127.0.0.1:$PORT/healthz" && break
  kill -0 "$SERVER_PID" 2>/dev/null || { tail -n 5 "$TMP/serve.log" >&2; die "paperboy serve exited"; }
  sleep 0.5
done

ROWS=()
for path in "/papers" "/papers/trending"; do
  url="http://127.0.0.1:$PORT$path"
  status="$(curl -s -o /dev/null -w '%{http_code}' "$url")"
  log "warming up $path (HTTP $status)"
  wrk -t2 -c64 -d5s "$url" >/dev/null 2>&1 || true
  log "measuring $path for $DURATION s"
  out="$(wrk -t2 -c64 -d"${DURATION}s" --latency "$url")"
  rps=$(echo "$out" | awk '/^Requests\/sec:/ { printf "%.0f", $2 }')
  p50=$(echo "$out" | awk '/^ +50%/ { print $2 }')
  p99=$(echo "$out" | awk '/^ +99%/ { print $2 }')
  errors=$(echo "$out" | awk '/Non-2xx or 3xx responses:/ { print $5 } /Socket errors:/ { print "socket errors" }' | paste -sd' ')
  ROWS+=("| anonymous GET \`$path\` | $rps req/s | $p50 | $p99 | ${errors:-none} |")
done

log "voting for $DURATION s with $MEMBERS members, $CONCURRENCY in flight"
vote="$(dotnet "$BENCH_TOOL" community vote --url "http://127.0.0.1:$PORT" --data "$DATA" "${DB_ARGS[@]}" \
  --members "$MEMBERS" --concurrency "$CONCURRENCY" --seconds "$DURATION")" || log "vote check FAILED: $vote"
val() { echo "$vote" | tr ' ' '\n' | sed -n "s/^$1=//p"; }
ROWS+=("| signed-in \`POST /vote\` ($MEMBERS members, $CONCURRENCY in flight) | $(val rate) votes/s | $(val p50) | $(val p99) | $(val errors) failed of $(val votes) |")

TABLE="$(
  echo "$(echo "$STATS" | json_number papers) papers, $USERS members, $VOTES votes ($ENGINE); latest day $DAY; wrk -t2 -c64 -d${DURATION}s --latency after 5 s of warm-up"
  echo
  echo "| load | throughput | p50 | p99 | errors |"
  echo "|---|---:|---:|---:|---|"
  printf '%s\n' "${ROWS[@]}"
  echo
  echo "- after voting: $(val count_mismatches) entries whose count differs from their votes rows, $(val state_mismatches) of $(val checked) (member, paper) pairs whose stored vote differs from the last acknowledged one"
)"
echo "$TABLE"
echo "$TABLE" | record_result community "community: feed pages and voting with $USERS members and $VOTES votes"
[ -z "$POSTGRES" ] || pg_sql "$POSTGRES" "DROP DATABASE IF EXISTS $dbname WITH (FORCE)" >/dev/null
