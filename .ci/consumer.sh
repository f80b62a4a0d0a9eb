#!/usr/bin/env bash
# Installs the published modules and the BOM into a throwaway local repository (read through to
# ~/.m2 for everything else, so it works offline once ~/.m2 is warm and pollutes nothing), then
# builds consumer-test/ against it: a named module compiled with -Xlint:all -Werror, run on the
# module path, printing README's "Use it" plan, which must be the expected one.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(mktemp -d)
trap 'rm -rf "$repo"' EXIT
m2="${MAVEN_REPO_LOCAL:-$HOME/.m2/repository}"
local_repo=(-Dmaven.repo.local="$repo" -Dmaven.repo.local.tail="$m2")
./mvnw -B -ntp -q install -DskipTests -Dmaven.javadoc.skip=true -Dmaven.source.skip=true \
  -pl api,core,bom -am "${local_repo[@]}" "$@"
./mvnw -B -ntp -q -f consumer-test/pom.xml package "${local_repo[@]}" "$@"
./mvnw -B -ntp -q -f consumer-test/pom.xml dependency:build-classpath \
  -Dmdep.outputFile=target/module-path "${local_repo[@]}" "$@"
actual=$(java --module-path "consumer-test/target/classes:$(cat consumer-test/target/module-path)" \
  --module example.consumer/example.UseIt)
expected=$(cat consumer-test/expected-output.txt)
if [ "$actual" != "$expected" ]; then
  printf 'consumer: unexpected output:\n%s\nexpected:\n%s\n' "$actual" "$expected" >&2
  exit 1
fi
echo "consumer: README's example compiles with -Xlint:all -Werror and plans on the module path"
