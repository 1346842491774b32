#!/usr/bin/env bash
# Runs Paperboy from source: builds it in Release and passes every argument to the `paperboy` program.
# With no arguments it serves the site on http://127.0.0.1:5000 from ./data (SQLite).
#   ./run.sh --demo                  the site with sample papers, on a throwaway database
#   ./run.sh import hf FILE          any other verb: import, harvest, stats, ...
set -euo pipefail
cd "$(dirname "$0")"
if ! command -v dotnet >/dev/null; then
  echo "run.sh: the .NET 10 SDK is needed (https://dot.net); on Debian: apt-get install dotnet-sdk-10.0" >&2
  exit 2
fi
dotnet build src/Paperboy -c Release -o .build/paperboy -v quiet -nologo >/dev/null
# No verb given: serve (--data and --database are accepted after the verb too).
verb=serve
for a in "$@"; do
  case "$a" in serve|import|harvest|stats|index|search|digest|user|trending|backup|restore|eval|--help|-h|--version) verb= ;; esac
done
[ -n "$verb" ] && set -- serve "$@"
exec dotnet .build/paperboy/paperboy.dll "$@"
