#!/usr/bin/env bash
# The open interfaces at full size: the JSON API's lists and the feeds over HTTP, under wrk, each once as a plain
# GET and once as a conditional GET that carries the ETag of the previous answer (a reader or a tool polling for
# changes: 304 and no body). Reuses the database of bench/search-http.sh when it exists, else imports the
# generated corpus of N papers (default 1,000,000).
# Usage: bench/api-http.sh [--papers N] [--duration SECONDS] [--connections C]
set -euo pipefail
source "$(dirname "$0")/lib.sh"

PAPERS=1000000
DURATION=15
CONNECTIONS=64
WARMUP=3
while [ $# -gt 0 ]; do
  case "$1" in
    --papers) PAPERS="$2"; shift 2 ;;
    --duration) DURATION="$2"; shift 2 ;;
    --connections) CONNECTIONS="$2"; shift 2 ;;
    -h|--help) sed -n '2,6p' "$0"; exit 0 ;;
    *) die "unknown argument: $1 (see --help)" ;;
  esac
done
[ "$DURATION" -ge 1 ] && [ "$DURATION" -le 20 ] || die "--duration must be 1..20 seconds"

need wrk
need curl
MACHINE_INFO="$(machine_info)"
publish_paperboy
generated_corpus "$PAPERS" 1

TMP="$(mktemp -d /tmp/paperboy-api-http.XXXXXX)"
SERVER_PID=""
cleanup() {
  [ -z "$SERVER_PID" ] || { kill "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; }
  rm -rf "$TMP"
}
trap cleanup EXIT

DATA="$WORK/search-data-$PAPERS-$(generator_version)"
if [ ! -f "$DATA/.ready" ]; then
  DATA="$WORK/api-data-$PAPERS-$(generator_version)"
  if [ ! -f "$DATA/.imported" ]; then
    rm -rf "$DATA" && mkdir -p "$DATA"
    log "importing $CORPUS"
    "$PAPERBOY" --data "$DATA" import jsonl "$CORPUS" >"$TMP/import.log" 2>&1 || { tail -n 5 "$TMP/import.log" >&2; die "import failed"; }
    "$PAPERBOY" --data "$DATA" index rebuild >"$TMP/rebuild.log" 2>&1 || { tail -n 5 "$TMP/rebuild.log" >&2; die "index rebuild failed"; }
    touch "$DATA/.imported"
  fi
fi
STATS="$("$PAPERBOY" --data "$DATA" stats --json)"
DAY="$(echo "$STATS" | sed -n 's/.*"lastDay": *"\([0-9-]*\)".*/\1/p' | head -n1)"
[ -n "$DAY" ] || die "no day with entries in $DATA"
WEEK="$(date -d "$DAY" +%G-W%V)"
CATEGORY="cs.LG"

PORT="$(free_port)"
log "starting paperboy on 127.0.0.1:$PORT"
# The read limit is raised out of the way: this measures the server, not its politeness.
ASPNETCORE_ENVIRONMENT=Production Logging__LogLevel__Default=Warning Paperboy__Search__Embed=false \
  Paperboy__RateLimits__ApiReads__Permits=1000000000 \
  "$PAPERBOY" --data "$DATA" serve --urls "http://127.0.0.1:$PORT" >"$TMP/serve.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 600); do
  curl -sf -o /dev/null "http://127.0.0.1:$PORT/api/daily_papers?limit=1" && break
  kill -0 "$SERVER_PID" 2>/dev/null || { tail -n 5 "$TMP/serve.log" >&2; die "paperboy serve exited"; }
  sleep 1
done

BASE="http://127.0.0.1:$PORT"
# A cursor deep into the papers: the 5,000th page of 100, found by following Link headers would take long, so
# the walk starts from the page after the first one and is the same request each time (one seek by row id).
NEXT="$(curl -s -D - -o /dev/null "$BASE/api/papers?limit=100" | sed -n 's/^[Ll]ink: <\([^>]*\)>.*/\1/p' | tr -d '\r')"
TARGETS=(
  "daily list, latest day|/api/daily_papers"
  "daily list, a day|/api/daily_papers?date=$DAY&limit=100"
  "daily list, a week by trending|/api/daily_papers?week=$WEEK&sort=trending&limit=100"
  "every paper, first page of 100|/api/papers?limit=100"
  "every paper, by cursor|$NEXT"
)
for feed in "/feeds/daily.atom|daily feed (Atom)" "/feeds/trending.rss|trending feed (RSS)" "/feeds/categories/$CATEGORY.atom|category feed (Atom)"; do
  IFS='|' read -r path name <<<"$feed"
  # Feeds are listed when this build serves them.
  curl -sf -o /dev/null "$BASE$path" && TARGETS+=("$name|$path")
done

ROWS=()
measure() {
  local name="$1" path="$2" kind="$3" header=() out status size
  if [ "$kind" = "conditional" ]; then
    etag="$(curl -s -D - -o /dev/null "$BASE$path" | sed -n 's/^[Ee][Tt]ag: *//p' | tr -d '\r')"
    [ -n "$etag" ] || { ROWS+=("| $name | $kind | no ETag | | | | |"); return; }
    header=(-H "If-None-Match: $etag")
  fi
  read -r status size <<<"$(curl -s -o /dev/null -w '%{http_code} %{size_download}' "${header[@]}" "$BASE$path")"
  wrk -t2 -c"$CONNECTIONS" -d"${WARMUP}s" "${header[@]}" "$BASE$path" >/dev/null 2>&1 || true
  log "measuring $name ($kind): HTTP $status, $size bytes"
  out="$(wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --latency "${header[@]}" "$BASE$path")"
  rps=$(echo "$out" | awk '/^Requests\/sec:/ { printf "%.0f", $2 }')
  p50=$(echo "$out" | awk '/^ +50%/ { print $2 }')
  p99=$(echo "$out" | awk '/^ +99%/ { print $2 }')
  errors=$(echo "$out" | awk '/Non-2xx or 3xx responses:/ { print $5 } /Socket errors:/ { print "socket errors" }' | paste -sd' ')
  ROWS+=("| $name | $kind | $status, $(bytes "$size") | $rps | $p50 | $p99 | ${errors:-none} |")
}
for target in "${TARGETS[@]}"; do
  IFS='|' read -r name path <<<"$target"
  measure "$name" "$path" plain
  measure "$name" "$path" conditional
done

TABLE="$(
  echo "$(echo "$STATS" | sed -n 's/.*"papers": *\([0-9]*\).*/\1/p' | head -n1) papers (SQLite); latest day $DAY; wrk -t2 -c$CONNECTIONS -d${DURATION}s --latency after ${WARMUP} s of warm-up;"
  echo "conditional = the same GET with If-None-Match set to the answer's ETag (a 304 has no body; wrk counts it a success)."
  echo
  echo "| list | request | response | requests/s | p50 | p99 | errors |"
  echo "|---|---|---|---:|---:|---:|---|"
  printf '%s\n' "${ROWS[@]}"
)"
echo "$TABLE"
echo "$TABLE" | record_result api-http "open interfaces over HTTP: \`bench/api-http.sh --papers $PAPERS\`"
