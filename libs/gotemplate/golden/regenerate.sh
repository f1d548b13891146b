#!/usr/bin/env bash
# Regenerates golden/expected/*.json from golden/cases/*.txt with Go's own
# text/template (the oracle). Needs Debian's golang-go plus the packaged Go
# sources (no module proxy):
#   apt-get install -y golang-go golang-github-masterminds-sprig-dev \
#     golang-github-ghodss-yaml-dev golang-github-burntsushi-toml-dev
# CI does not run this; it only compares the TypeScript engine with the
# committed goldens.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
build="$(mktemp -d)"
trap 'rm -rf "$build"' EXIT
mkdir -p "$build/src/oracle"
cp "$here/oracle/main.go" "$build/src/oracle/"
# Sprig's import path in the Debian package has no /v3 suffix.
(cd "$build/src/oracle" && GOPATH="$build:/usr/share/gocode" GO111MODULE=off GOFLAGS= go build -o "$build/oracle" .)
mkdir -p "$here/expected"
TZ=UTC "$build/oracle" "$here/cases" "$here/expected"
