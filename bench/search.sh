#!/usr/bin/env bash
# Keyword search: index build time and size, then query latency (p50/p95/p99) for several kinds of realistic query
# over N generated papers (default 100,000), one query at a time, plus highlighting and the cost of a catch-up
# batch. With --real, the real 74,728-paper listing too (skipped when absent).
# Usage: bench/search.sh [--papers N] [--queries Q] [--seed S] [--real]
set -euo pipefail
source "$(dirname "$0")/lib.sh"

PAPERS=100000
QUERIES=300
SEED=1
REAL=0
while [ $# -gt 0 ]; do
  case "$1" in
    --papers) PAPERS="$2"; shift 2 ;;
    --queries) QUERIES="$2"; shift 2 ;;
    --seed) SEED="$2"; shift 2 ;;
    --real) REAL=1; shift ;;
    -h|--help) sed -n '2,5p' "$0"; exit 0 ;;
    *) die "unknown argument: $1 (see --help)" ;;
  esac
done

need /usr/bin/time time
MACHINE_INFO="$(machine_info)"
generated_corpus "$PAPERS" "$SEED"
build_bench_tool

run() {
  local corpus="$1" papers="$2" out="$WORK/search-keyword.md"
  log "keyword search over $papers papers of $(basename "$corpus")"
  /usr/bin/time -v -o "$WORK/search-time.txt" \
    dotnet "$BENCH_TOOL" search keyword --papers "$papers" --corpus "$corpus" --queries "$QUERIES" --seed "$SEED" >"$out"
  local rss
  rss=$(awk -F: '/Maximum resident set size/ { printf "%.0f", $2 / 1024 }' "$WORK/search-time.txt")
  {
    echo "Corpus: \`$(basename "$corpus")\`, $papers papers; peak RSS of the whole run (papers held in memory for highlighting included): $rss MiB"
    echo
    echo "| step | result |"
    echo "|---|---|"
    cat "$out"
  }
}

TABLE="$(run "$CORPUS" "$PAPERS")"
if [ "$REAL" = 1 ] && [ -s "$REAL_LISTING" ]; then
  TABLE="$TABLE"$'\n\n'"$(run "$REAL_LISTING" 74728)"
fi
echo "$TABLE"
echo "$TABLE" | record_result search-keyword "keyword search: \`Paperboy.Bench search keyword --papers $PAPERS --queries $QUERIES\`"
