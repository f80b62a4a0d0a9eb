#!/usr/bin/env bash
# Writes the module file of one release: k8s.io/kubernetes at vX.Y.Z and every staging module it
# points at ./staging replaced by its published v0.Y.Z, so that one build sees one release only.
# Usage: releases/genmod.sh 1.37.2 > go.mod   (then: go mod tidy, with the same -modfile)
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
