#!/usr/bin/env bash
# Builds the oracle of one Kubernetes release (or of all of them) once, into a cache keyed by the
# release and by a hash of the oracle's sources and module files, and prints each binary's path.
# A binary already in the cache is reused without invoking Go.
#
#   conformance/oracle/build.sh 1.37        -> prints .../oracle/1.37-<hash>/oracle
#   conformance/oracle/build.sh all         -> one path per line, oldest release first
#
# Cache root: $ORDINAL_CACHE (default ~/.cache/ordinal). Needs Go >= the release's go directive;
# the toolchain is never switched (GOTOOLCHAIN=local).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cache_root="${ORDINAL_CACHE:-$HOME/.cache/ordinal}/oracle"
releases=(1.34 1.35 1.36 1.37)
newest=1.37

usage() {
  echo "usage: $0 RELEASE|all   (RELEASE: ${releases[*]})" >&2
  exit 2
}

# The module file of a release: the directory's own go.mod for the newest, releases/<r>.mod else.
modfile_of() {
  if [[ "$1" == "$newest" ]]; then echo "$here/go.mod"; else echo "$here/releases/$1.mod"; fi
}

source_hash() {
  local modfile="$1"
  (
    cd "$here"
    # Sources that go into the binary (not tests), the module files, and this script.
    ls ./*.go | grep -v '_test\.go$' | sort
    echo "$modfile" "${modfile%.mod}.sum" "$here/build.sh"
  ) | tr ' ' '\n' | while read -r f; do
    [[ "$f" = /* ]] || f="$here/$f"
    printf '%s\n' "$(basename "$f")"
    cat "$f"
  done | sha256sum | cut -c1-16
}

build_one() {
  local r="$1"
  local modfile
  modfile="$(modfile_of "$r")"
  [[ -f "$modfile" ]] || { echo "no module file for release $r: $modfile" >&2; exit 1; }
  local hash out
  hash="$(source_hash "$modfile")"
  out="$cache_root/$r-$hash/oracle"
  if [[ ! -x "$out" ]]; then
    mkdir -p "$(dirname "$out")"
    local tmp="$out.tmp.$$"
    echo "building oracle $r (modfile $(basename "$modfile"))..." >&2
    (
      cd "$here"
      GOWORK=off GOTOOLCHAIN=local GOFLAGS=-mod=readonly \
        go build -trimpath -tags "k8s_${r/./_}" -modfile="$modfile" -o "$tmp" .
    )
    mv -f "$tmp" "$out"
  fi
  echo "$out"
}

[[ $# -eq 1 ]] || usage
case "$1" in
  all) for r in "${releases[@]}"; do build_one "$r"; done ;;
  1.34 | 1.35 | 1.36 | 1.37) build_one "$1" ;;
  *) usage ;;
esac
