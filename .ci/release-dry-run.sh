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
bundle=$(find target -name '*.zip' | head -1)
echo "Central bundle $bundle:"
unzip -Z1 "$bundle" | grep -v '/$' | sort
