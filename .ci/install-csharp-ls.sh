#!/usr/bin/env bash
# Installs the csharp-ls language server into artifacts/tools for the editor integration test
# (tests/JwtAnalyzers.Tests/Editor). Idempotent: does nothing when the pinned version is already there.
# Never fails the run: without the tool that test reports itself skipped, so a registry hiccup here must not
# turn CI red; it prints why instead.
set -u
cd "$(dirname "$0")/.."

version=0.28.0
tools=artifacts/tools

if [ -x "$tools/csharp-ls" ] && [ -d "$tools/.store/csharp-ls/$version" ]; then
    echo "csharp-ls $version: already installed in $tools"
    exit 0
fi

# An older or broken install would make `dotnet tool install` refuse; start clean.
if [ -e "$tools/csharp-ls" ] || [ -d "$tools/.store/csharp-ls" ]; then
    dotnet tool uninstall csharp-ls --tool-path "$tools" >/dev/null 2>&1 || rm -rf "$tools/csharp-ls" "$tools/.store/csharp-ls"
fi

mkdir -p "$tools"
if dotnet tool install csharp-ls --version "$version" --tool-path "$tools"; then
    echo "csharp-ls $version: installed in $tools"
else
    echo "csharp-ls $version: install FAILED (see above); the language-server test will be SKIPPED, not failed" >&2
fi
exit 0
