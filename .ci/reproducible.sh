#!/usr/bin/env bash
# Checks that the build is reproducible: keeps the jars of the build just made (.ci/run calls it
# after verify), builds them again from clean without tests, and compares every jar byte for
# byte. Run on its own, it builds twice.
set -euo pipefail
cd "$(dirname "$0")/.."
# Not under target/: the parent's clean removes that.
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
build() {
  ./mvnw -B -ntp -q clean package -DskipTests -pl '!benchmarks' "$@"
}
collect() {
  mkdir -p "$1"
  find . -path ./target -prune -o -path '*/target/*.jar' ! -name 'original-*' -print |
    while read -r jar; do cp "$jar" "$1/"; done
}
if ! ls api/target/ordinal-api-*.jar > /dev/null 2>&1; then
  build "$@"
fi
collect "$out/first"
build "$@"
collect "$out/second"
status=0
count=0
for jar in "$out"/first/*.jar; do
  name=$(basename "$jar")
  count=$((count + 1))
  if ! cmp -s "$jar" "$out/second/$name"; then
    echo "reproducible: $name differs between two builds" >&2
    status=1
  fi
done
[ "$status" = 0 ] && echo "reproducible: $count jars identical in two builds"
exit $status
