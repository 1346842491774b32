#!/usr/bin/env bash
# SMTP delivery: messages/s of a digest-sized multipart message (about 30 KB HTML + 8 KB text) through Paperboy's
# SmtpMailSender with 1, 4 and 8 parallel connections, to an SMTP sink (the SmtpServer package, counting only) in
# the same process on 127.0.0.1; every message must be accepted by the sink.
# Usage: bench/smtp.sh [--messages N] [--connections "1 4 8"]
set -euo pipefail
source "$(dirname "$0")/lib.sh"

MESSAGES=2000
CONNECTIONS="1 4 8"
while [ $# -gt 0 ]; do
  case "$1" in
    --messages) MESSAGES="$2"; shift 2 ;;
    --connections) CONNECTIONS="$2"; shift 2 ;;
    -h|--help) sed -n '2,5p' "$0"; exit 0 ;;
    *) die "unknown argument: $1 (see --help)" ;;
  esac
done

MACHINE_INFO="$(machine_info)"
build_bench_tool
# shellcheck disable=SC2086 # one argument per connection count
TABLE="$(dotnet "$BENCH_TOOL" smtp --messages "$MESSAGES" --connections $CONNECTIONS)"
echo "$TABLE"
echo "$TABLE" | record_result smtp "smtp: digest-sized messages through SmtpMailSender to a loopback sink"
