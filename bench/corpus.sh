#!/usr/bin/env bash
# Corpus generator speed: N papers (default 1,000,000) written plain and gzipped, with the time spent learning
# the model from the real listings, papers/s, output size and peak memory.
# Usage: bench/corpus.sh [--papers N] [--seed S]
set -euo pipefail
source "$(dirname "$0")/lib.sh"

PAPERS=1000000
SEED=1
while [ $# -gt 0 ]; do
  case "$1" in
    --papers) PAPERS="$2"; shift 2 ;;
    --seed) SEED="$2"; shift 2 ;;
    -h|--help) sed -n '2,4p' "$0"; exit 0 ;;
    *) die "unknown argument: $1 (see --help)" ;;
  esac
done

need /usr/bin/time time
MACHINE_INFO="$(machine_info)"
build_bench_tool

ROWS=()
for out in "$WORK/corpus-speed.jsonl" "$WORK/corpus-speed.jsonl.gz"; do
  log "generating $PAPERS papers into $out"
  /usr/bin/time -v -o "$WORK/corpus-time.txt" dotnet "$BENCH_TOOL" corpus --papers "$PAPERS" --seed "$SEED" --out "$out" 2>"$WORK/corpus-stderr.txt"
  cat "$WORK/corpus-stderr.txt" >&2
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, t, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + t[i]; printf "%.1f", s }' "$WORK/corpus-time.txt")
  cpu=$(awk -F': ' '/User time/ { u = $2 } /System time/ { s = $2 } END { printf "%.1f", u + s }' "$WORK/corpus-time.txt")
  rss=$(awk -F: '/Maximum resident set size/ { printf "%.0f", $2 / 1024 }' "$WORK/corpus-time.txt")
  learn=$(sed -n 's/^learned in \([0-9.]*\) s.*/\1/p' "$WORK/corpus-stderr.txt")
  size=$(stat -c %s "$out")
  rate=$(awk -v n="$PAPERS" -v s="$wall" 'BEGIN { printf "%.0f", n / s }')
  gen=$(awk -v n="$PAPERS" -v s="$wall" -v l="${learn:-0}" 'BEGIN { printf "%.0f", n / (s - l) }')
  ROWS+=("| \`$(basename "$out")\` | $PAPERS | ${wall} s | ${learn:-0} s | $rate | $gen | ${cpu} s | $(bytes "$size") | ${rss} MiB |")
  rm -f "$out"
done

MODEL="$(grep -m1 '^model:' "$WORK/corpus-stderr.txt" | cut -c8- || true)"
TABLE="$(
  echo "Model: $MODEL"
  echo
  echo "| output | papers | wall time | of which learning | papers/s (whole command) | papers/s (generating) | CPU time | size | peak RSS |"
  echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|"
  printf '%s\n' "${ROWS[@]}"
)"
echo "$TABLE"
echo "$TABLE" | record_result corpus "corpus: \`Paperboy.Bench corpus --papers $PAPERS\`"
