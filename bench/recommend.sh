#!/usr/bin/env bash
# Recommendations: quality on real behaviour and speed at full size. Quality: `paperboy eval recommend` on the
# Hugging Face daily-papers archive (../shared/data; skipped when absent): recall@20 and nDCG@20 of trending, the
# arxiv-sanity recipe, the embedding centroid and Paperboy's model, on the test split and on the validation split
# the model's settings were chosen on. Speed: retraining after one new signal and a member's top 50 over N
# synthetic papers (default 1,000,000), see bench/Paperboy.Bench/Recommendations/RecommendBench.cs.
# Usage: bench/recommend.sh [--papers N] [--runs R] [--skip-quality]
set -euo pipefail
source "$(dirname "$0")/lib.sh"

PAPERS=1000000
RUNS=100
QUALITY=1
while [ $# -gt 0 ]; do
  case "$1" in
    --papers) PAPERS="$2"; shift 2 ;;
    --runs) RUNS="$2"; shift 2 ;;
    --skip-quality) QUALITY=0; shift ;;
    -h|--help) sed -n '2,7p' "$0"; exit 0 ;;
    *) die "unknown argument: $1 (see --help)" ;;
  esac
done

need /usr/bin/time time
MACHINE_INFO="$(machine_info)"
ARCHIVE="$REPO/../shared/data/hf-daily-papers/daily-papers-2024-05-to-2026-08.jsonl.gz"
TMP="$(mktemp -d /tmp/paperboy-recommend.XXXXXX)"
trap 'rm -rf "$TMP"' EXIT

if [ "$QUALITY" = 1 ]; then
  if [ -f "$ARCHIVE" ]; then
    publish_paperboy
    for split in test validation; do
      flag=(); [ "$split" = validation ] && flag=(--validation)
      log "eval recommend ($split split; the first run embeds the archive's 9,577 abstracts, about 15 minutes)"
      "$PAPERBOY" eval recommend "$ARCHIVE" "${flag[@]}" >"$TMP/$split.txt"
      cat "$TMP/$split.txt"
    done
    {
      echo '```'
      echo "\$ paperboy eval recommend daily-papers-2024-05-to-2026-08.jsonl.gz"
      cat "$TMP/test.txt"
      echo
      echo "\$ paperboy eval recommend daily-papers-2024-05-to-2026-08.jsonl.gz --validation"
      cat "$TMP/validation.txt"
      echo '```'
    } | record_result recommend "quality on real submissions: \`bench/recommend.sh\`"
  else
    log "skipping quality: $ARCHIVE is absent"
  fi
fi

build_bench_tool
log "speed over $PAPERS papers, $RUNS members"
/usr/bin/time -v -o "$TMP/time.txt" dotnet "$BENCH_TOOL" recommend speed --count "$PAPERS" --runs "$RUNS" >"$TMP/speed.md"
peak="$(awk -F: '/Maximum resident set size/ { printf "%.0f", $2 / 1024 }' "$TMP/time.txt")"
{
  cat "$TMP/speed.md"
  echo
  echo "Peak RSS of the whole process: $peak MiB."
} | tee /dev/stderr | record_result recommend "speed: \`bench/recommend.sh --papers $PAPERS --runs $RUNS\`"
