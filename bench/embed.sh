#!/usr/bin/env bash
# Embeddings: abstracts/s of both models (the package's own encoder against Paperboy's), SciFact nDCG@10 and
# recall@100 of exact vector search, VectorIndex top-10 latency and memory over N synthetic vectors, and what the
# grouped (approximate) search loses against the exact scan on the real listing's embeddings.
# Usage: bench/embed.sh [--docs N] [--vectors N] [--package-quality] [--skip-throughput] [--skip-scifact] [--skip-vectors] [--skip-approximate]
# SciFact corpus vectors are kept in $PAPERBOY_BENCH_DIR/embeddings (a few minutes per model to compute); the real
# listing's titles in the system's temporary folder (paperboy-eval, a few minutes to compute once).
set -euo pipefail
source "$(dirname "$0")/lib.sh"

DOCS=1000
VECTORS=1000000
PACKAGE_QUALITY=""
SKIP=()
while [ $# -gt 0 ]; do
  case "$1" in
    --docs) DOCS="$2"; shift 2 ;;
    --vectors) VECTORS="$2"; shift 2 ;;
    --package-quality) PACKAGE_QUALITY=1; shift ;;
    --skip-throughput|--skip-scifact|--skip-vectors|--skip-approximate) SKIP+=("${1#--skip-}"); shift ;;
    -h|--help) sed -n '2,7p' "$0"; exit 0 ;;
    *) die "unknown argument: $1 (see --help)" ;;
  esac
done
skipped() { [[ " ${SKIP[*]:-} " == *" $1 "* ]]; }

SCIFACT="$REPO/../shared/data/retrieval/scifact"
MACHINE_INFO="$(machine_info)"
build_bench_tool

if ! skipped throughput; then
  [ -f "$REAL_LISTING" ] || die "$REAL_LISTING is missing"
  dotnet "$BENCH_TOOL" embed throughput --listing "$REAL_LISTING" --docs "$DOCS" \
    | record_result embeddings "embed: abstracts/s, package encoder against Paperboy's"
fi

if ! skipped scifact; then
  [ -d "$SCIFACT" ] || die "$SCIFACT is missing"
  {
    echo "SciFact (BEIR layout), exact top-100 by dot product; corpus embedded once, title + \" \" + text"
    echo
    echo "| model | path | window | split | nDCG@10 float | recall@100 float | nDCG@10 int8 index | recall@100 int8 index | corpus time |"
    echo "|---|---|---:|---|---:|---:|---:|---:|---:|"
    for model in arctic-xs minilm; do
      dotnet "$BENCH_TOOL" embed scifact --data "$SCIFACT" --model "$model" --cache "$WORK/embeddings"
      # The other window, to show what the model's own window costs or gains.
      if [ "$model" = minilm ]; then other=512; else other=256; fi
      dotnet "$BENCH_TOOL" embed scifact --data "$SCIFACT" --model "$model" --max-tokens "$other" --cache "$WORK/embeddings"
      if [ -n "$PACKAGE_QUALITY" ]; then
        dotnet "$BENCH_TOOL" embed scifact --data "$SCIFACT" --model "$model" --path package --cache "$WORK/embeddings"
      fi
    done
  } | record_result embeddings "embed: SciFact retrieval quality"
fi

if ! skipped vectors; then
  dotnet "$BENCH_TOOL" embed vectors --count "$VECTORS" \
    | record_result embeddings "embed: VectorIndex over $VECTORS synthetic vectors"
fi

if ! skipped approximate; then
  [ -f "$REAL_LISTING" ] || die "$REAL_LISTING is missing"
  dotnet "$BENCH_TOOL" embed approximate --listing "$REAL_LISTING" --queries 1000 \
    | record_result embeddings "embed: grouped against exact vector search, real listing"
fi
