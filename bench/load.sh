#!/usr/bin/env bash
# The whole site under mixed load at full size: 1M generated papers, 100k members with 2M votes, the keyword
# index and stand-in vectors for every paper. wrk holds CONNECTIONS visitors open, each waiting a think time
# between requests, and sends bench/load.lua's mix: anonymous pages, API and feed reads, 3% searches, 10% votes
# by signed-in members, 1% sign-ins through the form. Runs of at most 60 s each: the mix with think time (the
# measured run), with a third of it (three times the traffic), and with none (what two cores give at most); then a
# soak at the first pace with the server's memory sampled every 10 s. Any 4xx or 5xx, or a socket error or timeout,
# is a failed request.
# Usage: bench/load.sh [--papers N] [--connections C] [--duration S] [--think-ms MS] [--soak-minutes M]
set -euo pipefail
source "$(dirname "$0")/lib.sh"

PAPERS=1000000
USERS=100000
VOTES=2000000
CONNECTIONS=256
DURATION=60
THINK=3000
SOAK=10
while [ $# -gt 0 ]; do
  case "$1" in
    --papers) PAPERS="$2"; shift 2 ;;
    --connections) CONNECTIONS="$2"; shift 2 ;;
    --duration) DURATION="$2"; shift 2 ;;
    --think-ms) THINK="$2"; shift 2 ;;
    --soak-minutes) SOAK="$2"; shift 2 ;;
    -h|--help) sed -n '2,8p' "$0"; exit 0 ;;
    *) die "unknown argument: $1 (see --help)" ;;
  esac
done
[ "$DURATION" -ge 1 ] && [ "$DURATION" -le 60 ] || die "--duration must be 1..60 seconds"
[ "$SOAK" -ge 0 ] && [ "$SOAK" -le 60 ] || die "--soak-minutes must be 0..60"

need wrk
need curl
MACHINE_INFO="$(machine_info)"
publish_paperboy
build_bench_tool
generated_corpus "$PAPERS" 1

TMP="$(mktemp -d /tmp/paperboy-load.XXXXXX)"
SERVER_PID=""
cleanup() {
  [ -z "$SERVER_PID" ] || { kill "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; }
  rm -rf "$TMP"
}
trap cleanup EXIT

DATA="$WORK/load-data-$PAPERS-$USERS-$VOTES-$(generator_version)"
pb() { "$PAPERBOY" --data "$DATA" "$@"; }

# Built once (about 15 minutes at 1M papers); later runs reuse it. Runs leave their votes behind: each vote
# only sets or clears one member's upvote, so the site stays the same size.
if [ ! -f "$DATA/.ready" ]; then
  rm -rf "$DATA" && mkdir -p "$DATA"
  log "importing $CORPUS"
  pb import jsonl "$CORPUS" >"$TMP/import.log" 2>&1 || { tail -n 5 "$TMP/import.log" >&2; die "import failed"; }
  log "adding $USERS members and $VOTES votes"
  dotnet "$BENCH_TOOL" community seed --data "$DATA" --users "$USERS" --votes "$VOTES" || die "seeding failed"
  log "computing trending scores"
  pb trending backfill >"$TMP/backfill.log" 2>&1 || { tail -n 5 "$TMP/backfill.log" >&2; die "trending backfill failed"; }
  log "paperboy index rebuild"
  pb index rebuild >"$TMP/rebuild.log" 2>&1 || { tail -n 5 "$TMP/rebuild.log" >&2; die "index rebuild failed"; }
  log "storing stand-in vectors"
  dotnet "$BENCH_TOOL" search vectors --data "$DATA" || die "storing vectors failed"
  touch "$DATA/.ready"
fi

PORT="$(free_port)"
SITE="http://127.0.0.1:$PORT"
log "starting paperboy on $SITE"
# Limits raised: every visitor comes from 127.0.0.1, and a few hundred members vote far faster than people do.
# The embedding worker is off: every paper has its (stand-in) vector, so it would have nothing to do.
ASPNETCORE_ENVIRONMENT=Production Logging__LogLevel__Default=Warning Paperboy__Search__Embed=false \
  Paperboy__RateLimits__SignIn__Permits=100000000 Paperboy__RateLimits__Votes__Permits=100000000 \
  Paperboy__RateLimits__ApiReads__Permits=100000000 \
  "$PAPERBOY" --data "$DATA" serve --urls "$SITE" >"$TMP/serve.log" 2>&1 &
SERVER_PID=$!
ready=""
for _ in $(seq 1 600); do
  if curl -s "$SITE/api/papers/search?q=learning&mode=hybrid&limit=1" -D "$TMP/headers" -o /dev/null \
    && grep -qi '^x-search-mode: hybrid' "$TMP/headers"; then ready=1; break; fi
  kill -0 "$SERVER_PID" 2>/dev/null || { tail -n 5 "$TMP/serve.log" >&2; die "paperboy serve exited"; }
  sleep 1
done
[ -n "$ready" ] || die "search not ready after 10 minutes"
# Vectors go on loading after the first hybrid answer: wait until the server's CPU time stops growing.
for _ in $(seq 1 300); do
  before=$(awk '{ print $14 + $15 }' "/proc/$SERVER_PID/stat"); sleep 2
  after=$(awk '{ print $14 + $15 }' "/proc/$SERVER_PID/stat")
  [ $((after - before)) -lt 20 ] && break
done

log "signing members in and fetching forms"
mkdir -p "$TMP/load"
dotnet "$BENCH_TOOL" load prepare --url "$SITE" --data "$DATA" --out "$TMP/load" || die "load prepare failed"
dotnet "$BENCH_TOOL" search queries --corpus "$CORPUS" --papers 100000 --queries 500 --out "$TMP/all.tsv" || die "writing queries failed"
cut -f2 "$TMP/all.tsv" | grep -v '^$' >"$TMP/load/queries.txt"

rss_mib() { awk '/^VmRSS:/ { printf "%.0f", $2 / 1024 }' "/proc/$SERVER_PID/status"; }
ROWS=()
# run LABEL THINK_MS SECONDS: one wrk run of the mix; adds a table row.
run() {
  local label="$1" think="$2" seconds="$3" out
  log "$label: $CONNECTIONS connections, think ${think} ms, $seconds s"
  out="$(LOAD_DIR="$TMP/load" THINK_MS="$think" wrk -t2 -c"$CONNECTIONS" -d"${seconds}s" --timeout 10s -s "$REPO/bench/load.lua" "$SITE" | grep '^RESULT')"
  val() { echo "$out" | tr ' ' '\n' | sed -n "s/^$1=//p"; }
  ROWS+=("| $label | $CONNECTIONS | $think | $seconds s | $(val requests) | $(val rps) | $(val p50) ms | $(val p95) ms | $(val p99) ms | $(val max) ms | $(val failed) + $(val socket) | $(val 2xx) / $(val 3xx) / $(val 4xx) / $(val 5xx) |")
}

LOAD_DIR="$TMP/load" THINK_MS="$THINK" wrk -t2 -c"$CONNECTIONS" -d10s --timeout 10s -s "$REPO/bench/load.lua" "$SITE" >/dev/null 2>&1 || true
RSS_START="$(rss_mib)"
run "mix with think time" "$THINK" "$DURATION"
run "mix, a third of the think time" $((THINK / 3)) "$DURATION"
run "mix, no think time" 0 "$DURATION"

SOAK_ROWS=()
if [ "$SOAK" -gt 0 ]; then
  log "soak: $SOAK minutes, RSS sampled every 10 s"
  SAMPLES="$TMP/rss.tsv"
  ( start=$(date +%s)
    while kill -0 "$SERVER_PID" 2>/dev/null; do echo -e "$(( $(date +%s) - start ))\t$(rss_mib)"; sleep 10; done ) >"$SAMPLES" &
  SAMPLER=$!
  run "soak, mix with think time" "$THINK" $((SOAK * 60))
  kill "$SAMPLER" 2>/dev/null || true; wait "$SAMPLER" 2>/dev/null || true
  # One row a minute (the sample nearest each minute), then the trend: first and last two minutes compared.
  while IFS=$'\t' read -r t rss; do
    [ $((t % 60)) -lt 10 ] && SOAK_ROWS+=("| $((t / 60)) min | $rss MiB |")
  done <"$SAMPLES"
  SOAK_SUMMARY="$(awk -F'\t' -v end=$((SOAK * 60)) '
    { n++; if ($2 > max) max = $2; if (min == "" || $2 < min) min = $2 }
    $1 >= 60 && $1 < 180 { a += $2; na++ } $1 >= end - 120 && $1 < end { b += $2; nb++ }
    END { printf "%d samples, %d..%d MiB; minutes 1-3 average %.0f MiB, last two minutes average %.0f MiB", n, min, max, a / na, b / nb }' "$SAMPLES")"
fi

TABLE="$(
  echo "$PAPERS generated papers, $USERS members, $VOTES votes (SQLite), keyword index and stand-in vectors for every paper;"
  echo "wrk -t2 with bench/load.lua after 10 s of warm-up; each connection waits 0..2x the think time between requests."
  echo "Mix: 1% sign-ins (form POST), 10% votes (POST /vote, signed in), 3% searches (/search, hybrid), 26% /papers, 10% /papers/trending,"
  echo "30% paper pages (4 in 5 from the feed), 8% /api/daily_papers, 7% /api/papers/{id}, 5% /feeds/daily.atom."
  echo "Failed = 4xx/5xx answers + socket errors and timeouts (10 s). Server RSS after warm-up: $RSS_START MiB."
  echo
  echo "| run | connections | think (ms) | length | requests | requests/s | p50 | p95 | p99 | max | failed | 2xx / 3xx / 4xx / 5xx |"
  echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|"
  printf '%s\n' "${ROWS[@]}"
  if [ "$SOAK" -gt 0 ]; then
    echo
    echo "Server RSS during the soak: $SOAK_SUMMARY."
    echo
    echo "| time | RSS |"
    echo "|---:|---:|"
    printf '%s\n' "${SOAK_ROWS[@]}"
  fi
)"
echo "$TABLE"
echo "$TABLE" | record_result load "mixed load and soak: \`bench/load.sh --connections $CONNECTIONS --think-ms $THINK --soak-minutes $SOAK\`"
