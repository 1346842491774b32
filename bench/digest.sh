#!/usr/bin/env bash
# Digest composition at full size: one daily digest for each of N subscribers of mixed kinds (default 100,000: a
# quarter each trending only, trending + 1-3 categories, 1-2 saved searches, 1-3 authors) over the 1M-paper
# database that bench/search-http.sh builds and keeps. Composed and written out as they would be sent, never sent.
# Usage: bench/digest.sh [--papers N] [--subscribers N] [--day YYYY-MM-DD]
set -euo pipefail
source "$(dirname "$0")/lib.sh"

PAPERS=1000000
SUBSCRIBERS=100000
DAY=""
while [ $# -gt 0 ]; do
  case "$1" in
    --papers) PAPERS="$2"; shift 2 ;;
    --subscribers) SUBSCRIBERS="$2"; shift 2 ;;
    --day) DAY="$2"; shift 2 ;;
    -h|--help) sed -n '2,5p' "$0"; exit 0 ;;
    *) die "unknown argument: $1 (see --help)" ;;
  esac
done

DATA="$WORK/search-data-$PAPERS-$(generator_version)"
[ -f "$DATA/.ready" ] || die "no data folder at $DATA: run bench/search-http.sh --papers $PAPERS first (it imports the generated corpus, builds the search index and keeps both)"

need /usr/bin/time time
MACHINE_INFO="$(machine_info)"
build_bench_tool
TMP="$(mktemp -d /tmp/paperboy-digest.XXXXXX)"
trap 'rm -rf "$TMP"' EXIT

args=(digest compose --data "$DATA" --subscribers "$SUBSCRIBERS")
[ -n "$DAY" ] && args+=(--day "$DAY")
log "composing $SUBSCRIBERS digests over $DATA"
# Server GC, as in `paperboy` itself (the Web SDK's default), which is where digests are composed.
DOTNET_gcServer=1 /usr/bin/time -v -o "$TMP/time.txt" dotnet "$BENCH_TOOL" "${args[@]}" >"$TMP/out.md" \
  || { cat "$TMP/out.md" >&2; die "digest compose failed"; }
peak="$(awk -F: '/Maximum resident set size/ { printf "%.0f", $2 / 1024 }' "$TMP/time.txt")"

TABLE="$(
  grep -v '^RESULT' "$TMP/out.md"
  echo "| peak RSS of the whole process (/usr/bin/time; setup and index included) | $peak MiB |"
)"
echo "$TABLE"
echo "$TABLE" | record_result digest "digest composition: \`bench/digest.sh --papers $PAPERS --subscribers $SUBSCRIBERS\`"
