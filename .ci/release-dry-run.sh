#!/usr/bin/env bash
# Proves the release profile without publishing anything: generates a throwaway GPG key in a
# temporary GNUPGHOME, runs the release build (every artifact signed, the Central bundle built but
# not uploaded) and lists the bundle. Not part of CI: it is slower and needs the release plugins.
# Usage: .ci/release-dry-run.sh [extra maven args]
set -euo pipefail
cd "$(dirname "$0")/.."
GNUPGHOME=$(mktemp -d)
export GNUPGHOME
repo=$(mktemp -d)
trap 'gpgconf --kill gpg-agent > /dev/null 2>&1 || true; rm -rf "$GNUPGHOME" "$repo"' EXIT
gpg --batch --quiet --pinentry-mode loopback --passphrase '' --quick-generate-key \
  'Ordinal dry run <dry-run@ordinal.dev>' ed25519 sign 1d
# deploy with publishing skipped: the Central plugin builds the bundle and uploads nothing. The
# throwaway local repository (reading through to ~/.m2) keeps the install phase out of ~/.m2.
m2="${MAVEN_REPO_LOCAL:-$HOME/.m2/repository}"
./mvnw -B -ntp -P release deploy -DskipTests -Dordinal.skipPublishing=true \
  -Dmaven.repo.local="$repo" -Dmaven.repo.local.tail="$m2" "$@"
# The Central plugin zips a bundle only for a release version (a snapshot goes to the snapshot
# repository instead); what it would hold is every file signed here, listed and checked below.
echo "signed for Central:"
find . -path ./consumer-test -prune -o -path '*/target/*.asc' -print | sed 's#^\./##' | sort
status=0
for pom in */target/ordinal-*.pom target/ordinal-parent-*.pom; do
  [ -f "$pom.asc" ] || { echo "missing signature: $pom" >&2; status=1; }
done
for jar in */target/ordinal-*[0-9T].jar; do
  case "$jar" in benchmarks/* | consumer-test/*) continue ;; esac
  for part in "$jar" "${jar%.jar}-sources.jar" "${jar%.jar}-javadoc.jar"; do
    [ -f "$part.asc" ] || { echo "missing: $part.asc" >&2; status=1; }
  done
done
if ls benchmarks/target/*.asc > /dev/null 2>&1; then
  echo "benchmarks must not be signed or published" >&2
  status=1
fi
exit $status
