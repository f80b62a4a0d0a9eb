#!/usr/bin/env bash
# Fuzzes the manifest reader and mapping (kube) and the scenario script runner (cli) with Jazzer
# for DURATION each (default 10m; Jazzer's syntax: 30s, 10m, 2h), one after the other:
#   soak/fuzz.sh 1h
# A finding stops its fuzzer, fails the run and leaves the input as crash-* in the target's seed
# corpus folder (src/test/resources/<package>/<Test>Inputs/<method>/): fix the cause, rename the
# file after what it tests and commit it, so that every build replays it.
set -euo pipefail
duration="${1:-10m}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
for target in kube:ManifestFuzzTest cli:ScriptFuzzTest; do
  module="${target%%:*}"
  test="${target##*:}"
  echo "fuzzing $test for $duration" >&2
  JAZZER_FUZZ=1 ./mvnw -B -pl "$module" -am test -Dtest="$test" \
    -Dsurefire.failIfNoSpecifiedTests=false -Djazzer.max_duration="$duration"
done
