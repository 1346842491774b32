#!/usr/bin/env bash
# Publishes paperboy for a Linux server: one folder with the program, the .NET runtime and the web assets, so the
# server needs nothing else installed (SQLite is inside; PostgreSQL's client tools only for `paperboy backup` on
# PostgreSQL).
#   deploy/publish.sh [OUT]            self-contained linux-x64 into OUT (default ./publish)
#   FRAMEWORK_DEPENDENT=1 deploy/publish.sh   a smaller folder that needs the ASP.NET Core 10 runtime on the server
# The self-contained publish restores offline when the NuGet feed has the linux-x64 runtime packs
# (Microsoft.NETCore.App.Runtime, Microsoft.AspNetCore.App.Runtime, Microsoft.NETCore.App.Crossgen2); if the
# restore cannot find them, this script falls back to framework-dependent and says so.
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-./publish}"
common=(src/Paperboy -c Release -r linux-x64 -o "$out" -nologo -v quiet)
if [ "${FRAMEWORK_DEPENDENT:-}" != 1 ] && dotnet publish "${common[@]}" --self-contained; then
  echo "publish: self-contained linux-x64 in $out (run $out/paperboy; no .NET needed on the server)"
else
  [ "${FRAMEWORK_DEPENDENT:-}" = 1 ] || echo "publish: the self-contained publish failed (runtime packs missing from the NuGet feed?); publishing framework-dependent instead" >&2
  dotnet publish "${common[@]}" --self-contained false
  echo "publish: framework-dependent linux-x64 in $out (the server needs the ASP.NET Core 10 runtime: apt-get install aspnetcore-runtime-10.0)"
fi
