# Shared helpers of the benchmark scripts; sourced, not run.
# shellcheck shell=bash

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# Published builds and generated corpora live here between runs (a 1M-paper corpus is about 1 GB gzipped).
WORK="${PAPERBOY_BENCH_DIR:-/tmp/paperboy-bench}"
RESULTS="$REPO/bench/results"
REAL_LISTING="$REPO/../shared/data/arxiv/daily-arxiv-74k.jsonl.gz"
mkdir -p "$WORK" "$RESULTS"

log() { printf '%s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }

# apt-get install a Debian package when its command is missing (benchmarks run as root on the project's machines).
need() {
  local cmd="$1" pkg="${2:-$1}"
  command -v "$cmd" >/dev/null 2>&1 && return 0
  [ -x "$cmd" ] && return 0
  log "installing $pkg (for $cmd)"
  local sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "$pkg" >/dev/null \
    || die "could not install $pkg"
}

# A TCP port nobody listens on at 127.0.0.1, chosen at random in the ephemeral range.
free_port() {
  local port
  for _ in $(seq 1 100); do
    port=$((20000 + RANDOM % 30000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "$port"; return 0; fi
  done
  die "no free port found"
}

# Publishes paperboy in Release once per commit (and again when the tree has uncommitted changes).
# PAPERBOY_BIN=/path/to/paperboy measures a build made elsewhere instead (another branch, an older release).
publish_paperboy() {
  if [ -n "${PAPERBOY_BIN:-}" ]; then
    [ -x "$PAPERBOY_BIN" ] || die "PAPERBOY_BIN=$PAPERBOY_BIN is not executable"
    PAPERBOY="$PAPERBOY_BIN"
    MACHINE_INFO="$MACHINE_INFO"$'\n'"- paperboy: $PAPERBOY_BIN"
    return 0
  fi
  local rev; rev="$(git -C "$REPO" rev-parse --short HEAD 2>/dev/null || echo unknown)"
  git -C "$REPO" diff --quiet HEAD -- src 2>/dev/null || rev="$rev-dirty-$(date +%s)"
  PAPERBOY_DIR="$WORK/paperboy-$rev"
  if [ ! -x "$PAPERBOY_DIR/paperboy" ]; then
    log "publishing paperboy (Release) to $PAPERBOY_DIR"
    dotnet publish "$REPO/src/Paperboy" -c Release -o "$PAPERBOY_DIR" -nologo -v quiet >"$WORK/publish.log" 2>&1 \
      || { cat "$WORK/publish.log" >&2; die "dotnet publish failed"; }
  fi
  PAPERBOY="$PAPERBOY_DIR/paperboy"
  MACHINE_INFO="$MACHINE_INFO"$'\n'"- paperboy: published in Release from $rev"
}

build_bench_tool() {
  log "building the corpus generator (Release)"
  dotnet build "$REPO/bench/Paperboy.Bench" -c Release -nologo -v quiet >"$WORK/bench-build.log" 2>&1 \
    || { cat "$WORK/bench-build.log" >&2; die "building bench/Paperboy.Bench failed"; }
  BENCH_TOOL="$REPO/bench/Paperboy.Bench/bin/Release/net10.0/Paperboy.Bench.dll"
}

# Names the generator's version: its source tree's hash, so a corpus from an older generator is not reused
# (and one from the same generator is, whatever else in the tool changed).
generator_version() {
  local tree
  tree="$(git -C "$REPO" rev-parse --short HEAD:bench/Paperboy.Bench/Corpus 2>/dev/null || echo unknown)"
  git -C "$REPO" diff --quiet HEAD -- bench/Paperboy.Bench/Corpus 2>/dev/null || tree="$tree-dirty"
  echo "$tree"
}

# Sets CORPUS to a generated corpus of $1 papers (seed $2), generating it unless a previous run of the same
# generator left it. Sets CORPUS_SECONDS to the generation time (empty when reused).
generated_corpus() {
  local papers="$1" seed="$2" version
  version="$(generator_version)"
  CORPUS="$WORK/corpus-$papers-seed$seed-$version.jsonl.gz"
  CORPUS_SECONDS=""
  if [ -s "$CORPUS" ] && [[ "$version" != *dirty ]]; then log "reusing $CORPUS"; return 0; fi
  build_bench_tool
  log "generating $papers papers into $CORPUS"
  local start end partial="${CORPUS%.jsonl.gz}.partial.jsonl.gz"
  start=$(date +%s.%N)
  dotnet "$BENCH_TOOL" corpus --papers "$papers" --seed "$seed" --out "$partial" || die "corpus generation failed"
  end=$(date +%s.%N)
  mv "$partial" "$CORPUS"
  CORPUS_SECONDS=$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.1f", b - a }')
}

# Value of key $2 (case-insensitive, any of a |-separated list) in an Npgsql connection string $1.
cs_get() {
  local cs="$1" keys="$2" pair k
  IFS=';' read -ra pairs <<<"$cs"
  for pair in "${pairs[@]}"; do
    k="$(echo "${pair%%=*}" | tr '[:upper:]' '[:lower:]' | tr -d ' ')"
    if [[ "|$keys|" == *"|$k|"* ]]; then echo "${pair#*=}"; return 0; fi
  done
}

# The connection string without its Database key, plus Database=$2.
cs_with_database() {
  local cs="$1" db="$2" pair k out=""
  IFS=';' read -ra pairs <<<"$cs"
  for pair in "${pairs[@]}"; do
    [ -z "$pair" ] && continue
    k="$(echo "${pair%%=*}" | tr '[:upper:]' '[:lower:]' | tr -d ' ')"
    [ "$k" = "database" ] || [ "$k" = "db" ] && continue
    out="$out$pair;"
  done
  echo "${out}Database=$db"
}

# psql against the server of connection string $1 (its maintenance database), running SQL $2.
pg_sql() {
  local cs="$1" sql="$2"
  PGHOST="$(cs_get "$cs" 'host|server')" PGPORT="$(cs_get "$cs" 'port')" \
  PGUSER="$(cs_get "$cs" 'username|user id|userid|user')" PGPASSWORD="$(cs_get "$cs" 'password')" \
    PGOPTIONS='-c client_min_messages=warning' psql -X -q -v ON_ERROR_STOP=1 -d postgres -c "$sql"
}

# Markdown lines describing this machine and run, for the result files.
machine_info() {
  local cpu mem os
  cpu="$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')"
  mem="$(awk '/MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo)"
  os="$( (. /etc/os-release && echo "$PRETTY_NAME") 2>/dev/null || uname -s)"
  echo "- date: $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo "- machine: $(nproc) cores ($cpu), $mem memory, $os, kernel $(uname -r)"
  echo "- dotnet: $(dotnet --version)"
  echo "- commit: $(git -C "$REPO" rev-parse --short HEAD 2>/dev/null || echo unknown)"
  # Other work on the machine skews every number; the load shows how much there was.
  echo "- load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
}

# Appends a titled section (machine info, then the Markdown on stdin) to bench/results/DATE-$1.md.
record_result() {
  local name="$1" title="$2" file
  file="$RESULTS/$(date -u +%F)-$name.md"
  {
    [ -s "$file" ] || printf '# %s results\n' "$name"
    printf '\n## %s\n\n' "$title"
    echo "$MACHINE_INFO"
    echo
    cat
  } >>"$file"
  log "recorded in ${file#"$REPO"/}"
}

# Human-readable bytes.
bytes() { numfmt --to=iec-i --suffix=B --format='%.1f' "$1" 2>/dev/null || echo "$1 B"; }
