#!/usr/bin/env bash
# Fuzzes the manifest reader and mapping (kube: ManifestFuzzTest) and the scenario script runner
# (cli: ScriptFuzzTest) with Jazzer for about MINUTES each (default 10), one after the other:
#   soak/fuzz.sh 60
# Each @FuzzTest stops after its maxDuration (5 minutes; Jazzer 0.24 takes no command-line
# override), so a target runs in 5-minute rounds; its working corpus (.cifuzz-corpus/, not in
# git) carries over from round to round. A finding fails the run and leaves the input as crash-*
# in the target's seed folder (src/test/resources/<package>/<Test>Inputs/<method>/): fix the
# cause, rename the file after what it tests and commit it, so that every build replays it.
set -euo pipefail
minutes="${1:-10}"
rounds=$(( (minutes + 4) / 5 ))
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
for target in kube:ManifestFuzzTest cli:ScriptFuzzTest; do
  module="${target%%:*}"
  test="${target##*:}"
  for ((round = 1; round <= rounds; round++)); do
    echo "fuzzing $test: round $round of $rounds (5 minutes each)" >&2
    JAZZER_FUZZ=1 ./mvnw -B -pl "$module" -am test -Dtest="$test" \
      -Dsurefire.failIfNoSpecifiedTests=false
  done
done
