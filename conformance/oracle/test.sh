#!/usr/bin/env bash
# Runs the oracle's tests against one release (or all): the same scenarios, built with that
# release's module file and glue.   conformance/oracle/test.sh 1.34 [go test flags...]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
[[ $# -ge 1 ]] || { echo "usage: $0 RELEASE|all [go test flags]" >&2; exit 2; }
rel="$1"; shift
[[ "$rel" == all ]] && set -- 1.34 1.35 1.36 1.37 "$@" || set -- "$rel" "$@"
rels=(); while [[ $# -gt 0 && "$1" =~ ^1\.[0-9]+$ ]]; do rels+=("$1"); shift; done
cd "$here"
for r in "${rels[@]}"; do
  modfile="$here/releases/$r.mod"; [[ "$r" == 1.37 ]] && modfile="$here/go.mod"
  echo "== $r" >&2
  GOWORK=off GOTOOLCHAIN=local GOFLAGS=-mod=readonly \
    go test -tags "k8s_${r/./_}" -modfile="$modfile" "$@" .
done
