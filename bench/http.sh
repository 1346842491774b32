#!/usr/bin/env bash
# HTTP throughput of `paperboy serve` on the daily feed (JSON API and HTML page), next to this machine's ceiling:
# nginx serving a saved ~117 KB daily response as a static file, measured in the same run with the same load.
# Usage: bench/http.sh [--data DIR] [--postgres CONNECTION_STRING] [--papers N] [--day YYYY-MM-DD]
#                      [--duration SECONDS] [--threads T] [--connections C]
# Without --data (or with an empty one) it imports the generated corpus of N papers (default 1,000,000) first.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

DATA=""
POSTGRES=""
PAPERS=1000000
DAY=""
DURATION=20
THREADS=2
CONNECTIONS=64
WARMUP=5
while [ $# -gt 0 ]; do
  case "$1" in
    --data) DATA="$2"; shift 2 ;;
    --postgres) POSTGRES="$2"; shift 2 ;;
    --papers) PAPERS="$2"; shift 2 ;;
    --day) DAY="$2"; shift 2 ;;
    --duration) DURATION="$2"; shift 2 ;;
    --threads) THREADS="$2"; shift 2 ;;
    --connections) CONNECTIONS="$2"; shift 2 ;;
    -h|--help) sed -n '2,6p' "$0"; exit 0 ;;
    *) die "unknown argument: $1 (see --help)" ;;
  esac
done
# The load is bounded: no run longer than 20 s, and only loopback addresses are ever targets.
[ "$DURATION" -ge 1 ] && [ "$DURATION" -le 20 ] || die "--duration must be 1..20 seconds"

need wrk
need nginx
need curl
MACHINE_INFO="$(machine_info)"
publish_paperboy

TMP="$(mktemp -d /tmp/paperboy-http.XXXXXX)"
SERVER_PID=""
NGINX_PID=""
cleanup() {
  [ -z "$SERVER_PID" ] || { kill "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; }
  [ -z "$NGINX_PID" ] || { kill -QUIT "$NGINX_PID" 2>/dev/null || true; wait "$NGINX_PID" 2>/dev/null || true; }
  rm -rf "$TMP"
}
trap cleanup EXIT

DB_ARGS=()
if [ -n "$POSTGRES" ]; then
  DB_ARGS=(--database "$POSTGRES")
  [ -n "$DATA" ] || DATA="$WORK/http-data-postgres"
else
  [ -n "$DATA" ] || DATA="$WORK/http-data-$PAPERS-$(generator_version)"
fi
mkdir -p "$DATA"

stats() { "$PAPERBOY" --data "$DATA" "${DB_ARGS[@]}" stats --json 2>/dev/null || true; }
json_number() { sed -n "s/.*\"$1\": *\"\{0,1\}\([0-9-]*\)\"\{0,1\}.*/\1/p" | head -n1; }

# When paperboy cannot be measured (no importer or no API yet in this build), the nginx ceiling still is, and
# the table says why paperboy is missing.
SKIP_PAPERBOY=""

# Import the generated corpus when the database holds no feed yet.
if [ "$(stats | json_number dailyEntries)" = "" ] || [ "$(stats | json_number dailyEntries)" = "0" ]; then
  generated_corpus "$PAPERS" 1
  log "importing $CORPUS into $DATA (once; later runs reuse it)"
  if ! "$PAPERBOY" --data "$DATA" "${DB_ARGS[@]}" import jsonl "$CORPUS" >"$TMP/import.log" 2>&1; then
    tail -n 5 "$TMP/import.log" >&2
    SKIP_PAPERBOY="import failed: $(grep -m1 -E 'Exception|rror' "$TMP/import.log" | cut -c1-160 || true)"
    rm -rf "$DATA"/paperboy.db*
  fi
fi
STATS="$(stats)"
PAPERS_STORED="$(echo "$STATS" | json_number papers)"
[ -n "$DAY" ] || DAY="$(echo "$STATS" | json_number lastDay)"
[ -n "$DAY" ] || [ -n "$SKIP_PAPERBOY" ] || SKIP_PAPERBOY="no day with entries in $DATA: pass --day"

PORT="$(free_port)"
if [ -z "$SKIP_PAPERBOY" ]; then
  log "starting paperboy on 127.0.0.1:$PORT"
  ASPNETCORE_ENVIRONMENT=Production Logging__LogLevel__Default=Warning \
    "$PAPERBOY" --data "$DATA" "${DB_ARGS[@]}" serve --urls "http://127.0.0.1:$PORT" >"$TMP/serve.log" 2>&1 &
  SERVER_PID=$!
  for _ in $(seq 1 120); do
    curl -s -o /dev/null "http://127.0.0.1:$PORT/" && break
    if ! kill -0 "$SERVER_PID" 2>/dev/null; then
      tail -n 5 "$TMP/serve.log" >&2
      SKIP_PAPERBOY="paperboy serve exited"
      SERVER_PID=""
      break
    fi
    sleep 0.5
  done
fi

API="http://127.0.0.1:$PORT/api/daily_papers?date=$DAY"
PAGE="http://127.0.0.1:$PORT/papers/date/$DAY"

# The static file: a real Hugging Face daily response of 117 KB when the shared data is at hand (the same
# bytes on every run, so ceilings compare across runs), else paperboy's own response for the day.
STATIC="$REPO/../shared/data/hf-daily-papers/raw-sample/2025-06-02.json"
mkdir -p "$TMP/nginx/www" "$TMP/nginx/tmp"
if [ -f "$STATIC" ]; then
  cp "$STATIC" "$TMP/nginx/www/daily.json"
elif [ -z "$SKIP_PAPERBOY" ] && curl -sf "$API" -o "$TMP/nginx/www/daily.json"; then
  :
else
  # Last resort: 64 generated papers as a JSON array, about the same size.
  generated_corpus "$PAPERS" 1
  { echo '['; zcat "$CORPUS" | head -n 64 | paste -sd,; echo ']'; } >"$TMP/nginx/www/daily.json"
fi
STATIC_BYTES=$(stat -c %s "$TMP/nginx/www/daily.json")

NGINX_PORT="$(free_port)"
NGINX_CONF="$TMP/nginx/nginx.conf"
cat >"$NGINX_CONF" <<CONF
# One-off instance for the ceiling: no system service, everything under this folder, in the foreground as a
# child of the script so stopping it is killing one process we started.
daemon off;
worker_processes auto;
pid $TMP/nginx/nginx.pid;
error_log $TMP/nginx/error.log warn;
$( [ "$(id -u)" -eq 0 ] && echo "user root;" )
events { worker_connections 1024; }
http {
  access_log off;
  sendfile on;
  tcp_nopush on;
  keepalive_requests 1000000;
  default_type application/json;
  client_body_temp_path $TMP/nginx/tmp/body;
  proxy_temp_path $TMP/nginx/tmp/proxy;
  fastcgi_temp_path $TMP/nginx/tmp/fastcgi;
  uwsgi_temp_path $TMP/nginx/tmp/uwsgi;
  scgi_temp_path $TMP/nginx/tmp/scgi;
  server {
    listen 127.0.0.1:$NGINX_PORT;
    root $TMP/nginx/www;
  }
}
CONF
nginx -p "$TMP/nginx" -c "$NGINX_CONF" -e "$TMP/nginx/error.log" &
NGINX_PID=$!
STATIC_URL="http://127.0.0.1:$NGINX_PORT/daily.json"
for _ in $(seq 1 50); do
  curl -sf -o /dev/null "$STATIC_URL" && break
  kill -0 "$NGINX_PID" 2>/dev/null || { cat "$TMP/nginx/error.log" >&2; NGINX_PID=""; die "nginx did not start"; }
  sleep 0.2
done

# Prints "status bytes" of one request.
probe() { curl -s -o /dev/null -w '%{http_code} %{size_download}' "$1" || echo "000 0"; }

# Runs wrk against $1; sets RPS, P50, P99, ERRORS.
measure() {
  local out
  out="$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --latency "$1")"
  echo "$out" >>"$TMP/wrk.log"
  RPS=$(echo "$out" | awk '/^Requests\/sec:/ { printf "%.0f", $2 }')
  P50=$(echo "$out" | awk '/^ +50%/ { print $2 }')
  P99=$(echo "$out" | awk '/^ +99%/ { print $2 }')
  ERRORS=$(echo "$out" | awk '/Non-2xx or 3xx responses:/ { print $5 } /Socket errors:/ { print "socket errors" }' | paste -sd' ')
}

ROWS=()
CEILING=""
# nginx first: the ceiling the others are compared with.
for target in "nginx static file|$STATIC_URL" "paperboy JSON API|$API" "paperboy HTML page|$PAGE"; do
  IFS='|' read -r name url <<<"$target"
  path="/${url#http://127.0.0.1:*/}"
  if [ -n "$SKIP_PAPERBOY" ] && [ "$url" != "$STATIC_URL" ]; then
    ROWS+=("| $name | \`$path\` | not measured | | | | | |")
    continue
  fi
  read -r status size <<<"$(probe "$url")"
  log "warming up $name ($url: HTTP $status, $size bytes)"
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"${WARMUP}s" "$url" >/dev/null 2>&1 || true
  log "measuring $name for ${DURATION} s"
  measure "$url"
  [ -n "$CEILING" ] || CEILING="$RPS"
  ratio=$(awk -v a="$RPS" -v b="$CEILING" 'BEGIN { if (b > 0) printf "%.1f%%", 100 * a / b; else print "-" }')
  ROWS+=("| $name | \`$path\` | $status, $(bytes "$size") | ${RPS:-?} | ${P50:-?} | ${P99:-?} | $ratio | ${ERRORS:-none} |")
done

TABLE="$(
  echo "wrk -t$THREADS -c$CONNECTIONS -d${DURATION}s --latency (after ${WARMUP} s of warm-up); day ${DAY:-none}; ${PAPERS_STORED:-?} papers in the database ($([ -n "$POSTGRES" ] && echo PostgreSQL || echo SQLite)); static file $(bytes "$STATIC_BYTES")"
  echo
  echo "| target | path | response | requests/s | p50 | p99 | of nginx | errors |"
  echo "|---|---|---|---:|---:|---:|---:|---|"
  printf '%s\n' "${ROWS[@]}"
  [ -z "$SKIP_PAPERBOY" ] || { echo; echo "- paperboy was not measured: $SKIP_PAPERBOY"; }
)"
echo "$TABLE"
echo "$TABLE" | record_result http "http: the daily feed under load, next to nginx"
[ -z "$SKIP_PAPERBOY" ] || exit 1
