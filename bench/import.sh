#!/usr/bin/env bash
# Import throughput: papers/s end to end (wall time of the whole `paperboy import` command), database size and
# peak memory, for the real 74,728-paper listing and a generated corpus, on SQLite and optionally PostgreSQL.
# Usage: bench/import.sh [--papers N] [--seed S] [--postgres CONNECTION_STRING] [--skip-real]
set -euo pipefail
source "$(dirname "$0")/lib.sh"

PAPERS=1000000
SEED=1
POSTGRES=""
SKIP_REAL=0
while [ $# -gt 0 ]; do
  case "$1" in
    --papers) PAPERS="$2"; shift 2 ;;
    --seed) SEED="$2"; shift 2 ;;
    --postgres) POSTGRES="$2"; shift 2 ;;
    --skip-real) SKIP_REAL=1; shift ;;
    -h|--help) sed -n '2,4p' "$0"; exit 0 ;;
    *) die "unknown argument: $1 (see --help)" ;;
  esac
done

need /usr/bin/time time
[ -z "$POSTGRES" ] || need psql postgresql-client
MACHINE_INFO="$(machine_info)"
publish_paperboy

ROWS=()
NOTES=()

# Imports file $2 (label $1) into a fresh database of engine $3 and adds a table row.
run_import() {
  local label="$1" file="$2" engine="$3" papers="$4"
  local run="$WORK/import-$engine-$label"
  local args=(--data "$run/data")
  local dbname=""
  rm -rf "$run" && mkdir -p "$run"
  if [ "$engine" = postgresql ]; then
    dbname="pb_bench_${label//[^a-z0-9]/_}_$$"
    pg_sql "$POSTGRES" "DROP DATABASE IF EXISTS $dbname" >/dev/null
    args+=(--database "$(cs_with_database "$POSTGRES" "$dbname")")
  fi

  log "importing $label ($papers papers) into $engine"
  local start end code=0
  start=$(date +%s.%N)
  /usr/bin/time -v -o "$run/time.txt" "$PAPERBOY" "${args[@]}" import jsonl "$file" >"$run/stdout.txt" 2>"$run/stderr.txt" || code=$?
  end=$(date +%s.%N)

  local seconds rss stats size stored
  seconds=$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.1f", b - a }')
  rss=$(awk -F: '/Maximum resident set size/ { printf "%.0f", $2 / 1024 }' "$run/time.txt")
  if [ "$code" -ne 0 ]; then
    local why; why="$(grep -v '^\s*at ' "$run/stderr.txt" | grep -m1 -E 'Exception|error|Error' || tail -n1 "$run/stderr.txt")"
    ROWS+=("| $label | $engine | $papers | failed (exit $code) | | | ${rss} MiB | ${seconds} s |")
    NOTES+=("- $label on $engine failed after ${seconds} s: \`${why:0:200}\` (full output in $run)")
  else
    stats="$("$PAPERBOY" "${args[@]}" stats --json 2>/dev/null || true)"
    size=$(echo "$stats" | sed -n 's/.*"databaseBytes": *\([0-9]*\).*/\1/p')
    stored=$(echo "$stats" | sed -n 's/.*"papers": *\([0-9]*\).*/\1/p')
    [ -n "$size" ] || size=$(du -cb "$run/data"/paperboy.db* 2>/dev/null | tail -n1 | cut -f1)
    local rate; rate=$(awk -v n="$papers" -v s="$seconds" 'BEGIN { printf "%\047.0f", n / s }')
    ROWS+=("| $label | $engine | $papers | $rate | ${stored:-?} | $(bytes "${size:-0}") | ${rss} MiB | ${seconds} s |")
  fi
  [ -z "$dbname" ] || pg_sql "$POSTGRES" "DROP DATABASE IF EXISTS $dbname WITH (FORCE)" >/dev/null || true
}

DATASETS=()
if [ "$SKIP_REAL" -eq 0 ]; then
  if [ -f "$REAL_LISTING" ]; then
    DATASETS+=("real-74k|$REAL_LISTING|$(zcat "$REAL_LISTING" | wc -l)")
  else
    log "skipping the real listing: $REAL_LISTING is absent (it sits beside the repository on the project's machines)"
    NOTES+=("- the real listing was skipped: ../shared/data is absent")
  fi
fi
generated_corpus "$PAPERS" "$SEED"
[ -z "$CORPUS_SECONDS" ] || NOTES+=("- generating the $PAPERS-paper corpus took ${CORPUS_SECONDS} s including learning the model ($(awk -v n="$PAPERS" -v s="$CORPUS_SECONDS" 'BEGIN { printf "%\047.0f", n / s }') papers/s), $(bytes "$(stat -c %s "$CORPUS")") gzipped")
DATASETS+=("generated-$PAPERS|$CORPUS|$PAPERS")

ENGINES=(sqlite)
[ -z "$POSTGRES" ] || ENGINES+=(postgresql)
for d in "${DATASETS[@]}"; do
  IFS='|' read -r label file papers <<<"$d"
  for engine in "${ENGINES[@]}"; do run_import "$label" "$file" "$engine" "$papers"; done
done

TABLE="$(
  echo "| input | engine | papers in file | papers/s (end to end) | papers stored | database size | peak RSS | wall time |"
  echo "|---|---|---:|---:|---:|---:|---:|---:|"
  printf '%s\n' "${ROWS[@]}"
  [ ${#NOTES[@]} -eq 0 ] || { echo; printf '%s\n' "${NOTES[@]}"; }
)"
echo "$TABLE"
echo "$TABLE" | record_result import "import: \`paperboy import jsonl\` into a fresh database"
