#!/usr/bin/env bash
# Builds benchmarks/target/benchmarks.jar, runs PlanBenchmark and BaselineBenchmark with allocation
# (-prof gc) and CPU time (CpuTimeProfiler) per op, then prints the tables and target checks
# (report.py) and draws the scaling plots (plot.py).
#
#   benchmarks/run.sh quick            # N = 1000, 10000, 100000; 1 fork, 4x1s warmup, 3x1s
#                                      # measurement: about 6 minutes on 2 cores
#   benchmarks/run.sh full             # N = 10 .. 100000; 3 forks, 5x1s warmup, 5x2s
#                                      # measurement: about an hour; use a quiet machine
#   benchmarks/run.sh quick -p scenario=STEADY -i 5   # further arguments go to JMH and win over
#                                                    # the profile's
#
# Results: benchmarks/target/jmh-<profile>.json (JMH), .md (tables), .txt (JMH's log);
# plots: benchmarks/scaling.svg (wall time) and benchmarks/scaling-cpu.svg (CPU time).
# SKIP_BUILD=1 reuses the jar as it is; PLOT_NOTE="..." writes a note under the plots' titles.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
profile="${1:-quick}"
if [[ $# -gt 0 ]]; then shift; fi

case "$profile" in
  # -Xbatch compiles in the foreground: on a loaded machine a starved compiler thread would
  # otherwise leave code interpreted after the short warmup. The compiled code is the same.
  quick) defaults=(-p n=1000,10000,100000 -f 1 -wi 4 -w 1s -i 3 -r 1s -jvmArgsPrepend -Xbatch) ;;
  full) defaults=(-f 3 -wi 5 -w 1s -i 5 -r 2s) ;;
  *)
    echo "usage: $0 [quick|full] [JMH options...]" >&2
    exit 2
    ;;
esac

# JMH rejects a repeated option, so a default gives way to the same option given by the caller
# (for -p, the same parameter name).
given() {
  local flag="$1" value="$2" prev=""
  for arg in "${extra[@]+"${extra[@]}"}"; do
    if [[ "$prev" == "$flag" && ( "$flag" != -p || "${arg%%=*}" == "${value%%=*}" ) ]]; then
      return 0
    fi
    prev="$arg"
  done
  return 1
}
extra=("$@")
jmh=()
for ((i = 0; i < ${#defaults[@]}; i += 2)); do
  if ! given "${defaults[i]}" "${defaults[i + 1]}"; then
    jmh+=("${defaults[i]}" "${defaults[i + 1]}")
  fi
done

if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
  (cd "$root" && ./mvnw -B -q -ntp -pl benchmarks -am package -DskipTests)
fi

out="$here/target/jmh-$profile"
java -jar "$here/target/benchmarks.jar" \
  'dev\.ordinal\.benchmarks\.(Plan|Baseline)Benchmark\.' \
  "${jmh[@]}" \
  -prof gc -prof dev.ordinal.benchmarks.CpuTimeProfiler \
  -rf json -rff "$out.json" \
  "${extra[@]+"${extra[@]}"}" 2>&1 | tee "$out.txt"

python3 "$here/report.py" "$out.json" > "$out.md"
note=()
if [[ -n "${PLOT_NOTE:-}" ]]; then note=(--note "$PLOT_NOTE"); fi
python3 "$here/plot.py" "$out.json" "$here/scaling.svg" "${note[@]+"${note[@]}"}"
python3 "$here/plot.py" "$out.json" "$here/scaling-cpu.svg" --cpu "${note[@]+"${note[@]}"}"
cat "$out.md"
echo "wrote $out.json, $out.md, $here/scaling.svg, $here/scaling-cpu.svg" >&2
