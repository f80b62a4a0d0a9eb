#!/usr/bin/env bash
# Writes the module file of one release: k8s.io/kubernetes at vX.Y.Z and every staging module it
# points at ./staging replaced by its published v0.Y.Z, so that one build sees one release only.
# Usage (older release r = 1.34, from conformance/oracle):
#   releases/genmod.sh 1.34.4 > releases/1.34.mod
#   GOWORK=off GOFLAGS=-mod=mod go list -deps -test -tags k8s_1_34 -modfile=releases/1.34.mod . >/dev/null
#   GOWORK=off GOPROXY=off go mod tidy -e -modfile=releases/1.34.mod
# The first step resolves only what this release's glue imports; tidy alone would look at every
# build tag, miss packages newer releases have, and "fix" that by upgrading k8s.io/kubernetes
# (GOPROXY=off forbids that; -e lets it pass over those packages).
set -euo pipefail
full="$1"
minor_patch="${full#1.}"
k8s_mod="$(go env GOMODCACHE)/k8s.io/kubernetes@v${full}/go.mod"
if [[ ! -f "$k8s_mod" ]]; then
  go mod download -x "k8s.io/kubernetes@v${full}" >/dev/null 2>&1 || true
fi
echo "module dev.ordinal/conformance/oracle"
echo
echo "go $(awk '/^go /{print $2; exit}' "$k8s_mod")"
echo
echo "require k8s.io/kubernetes v${full}"
echo
echo "replace ("
grep -E '=> \./staging/' "$k8s_mod" | awk -v v="v0.${minor_patch}" '{print "\t" $1 " => " $1 " " v}'
echo ")"
