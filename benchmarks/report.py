#!/usr/bin/env python3
"""Markdown tables and target checks from a JMH JSON result of PlanBenchmark and BaselineBenchmark.

    python3 benchmarks/report.py benchmarks/target/jmh-quick.json > report.md

One table per scenario: N, the plan's wall time per op (with JMH's 99.9% error), per pod (op / N),
the CPU time per op of the benchmark thread (cpu.time.norm of
-prof dev.ordinal.benchmarks.CpuTimeProfiler; steadier than wall time on a loaded machine),
allocation per op
(-prof gc, gc.alloc.rate.norm), the baseline's wall time and the plan/baseline ratios. Then each
target of the Benchmarks issue with the figures it is judged on. Missing metrics print as "-".
Standard library only.
"""

import json
import math
import sys

PLAN = "dev.ordinal.benchmarks.PlanBenchmark.plan"
BASELINE = "dev.ordinal.benchmarks.BaselineBenchmark.readPods"
SCENARIOS = [
    "STEADY",
    "SCALE_UP_ORDERED",
    "SCALE_UP_PARALLEL",
    "MID_ROLLOUT_MAX_UNAVAILABLE_1",
    "MID_ROLLOUT_MAX_UNAVAILABLE_10PCT",
    "SCALE_DOWN",
]
MID_ROLLOUTS = ["MID_ROLLOUT_MAX_UNAVAILABLE_1", "MID_ROLLOUT_MAX_UNAVAILABLE_10PCT"]


def load(path):
    """Returns {(benchmark, scenario, n): {"wall", "wall_err", "cpu", "alloc"}}, ns/op and B/op."""
    with open(path, encoding="utf-8") as f:
        runs = json.load(f)
    results = {}
    for run in runs:
        params = run.get("params", {})
        if "n" not in params or "scenario" not in params:
            continue
        primary = run["primaryMetric"]
        if primary["scoreUnit"] != "ns/op":
            raise SystemExit(f"expected ns/op, got {primary['scoreUnit']} in {run['benchmark']}")
        secondary = run.get("secondaryMetrics", {})

        def score(name):
            m = secondary.get(name)
            return _number(m["score"]) if m else None

        results[(run["benchmark"], params["scenario"], int(params["n"]))] = {
            "wall": _number(primary["score"]),
            "wall_err": _number(primary.get("scoreError")),
            "cpu": score("cpu.time.norm"),
            "alloc": score("gc.alloc.rate.norm"),
        }
    return results


def _number(x):
    """Returns x as a float, or None for a missing value or NaN (which JMH writes as "NaN")."""
    if x is None:
        return None
    x = float(x)
    return None if math.isnan(x) else x


def ns(x):
    """Formats nanoseconds with a unit that keeps 3 significant digits."""
    if x is None:
        return "-"
    for unit, scale in (("s", 1e9), ("ms", 1e6), ("µs", 1e3)):
        if abs(x) >= scale:
            return f"{x / scale:.3g} {unit}"
    return f"{x:.3g} ns"


def num(x, suffix=""):
    """Formats a plain number with 3 significant digits, without exponents."""
    if x is None:
        return "-"
    if abs(x) >= 1000:
        return f"{x:,.0f}{suffix}"
    return f"{x:.3g}{suffix}"


def size(x):
    if x is None:
        return "-"
    for unit, scale in (("MB", 1e6), ("kB", 1e3)):
        if abs(x) >= scale:
            return f"{x / scale:.3g} {unit}"
    return f"{x:.0f} B"


def ratio(a, b):
    return None if a is None or b is None or b == 0 else a / b


def tables(results):
    out = []
    ns_all = sorted({n for (_, _, n) in results})
    for scenario in SCENARIOS:
        rows = [n for n in ns_all if (PLAN, scenario, n) in results]
        if not rows:
            continue
        out.append(f"### {scenario}\n")
        out.append(
            "| N | plan ns/op (±99.9%) | ns/pod | plan CPU ns/op | CPU ns/pod | B/op | B/pod "
            "| baseline ns/op | baseline CPU ns/op | plan/baseline (wall) | plan/baseline (CPU) |"
        )
        out.append("|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|")
        for n in rows:
            p = results[(PLAN, scenario, n)]
            b = results.get((BASELINE, scenario, n), {})
            err = p["wall_err"]
            wall = ns(p["wall"]) + ("" if err is None else f" ± {ns(err)}")
            out.append(
                f"| {n} | {wall} | {num(p['wall'] / n)} | {ns(p['cpu'])} "
                f"| {num(ratio(p['cpu'], n))} | {size(p['alloc'])} | {num(ratio(p['alloc'], n))} "
                f"| {ns(b.get('wall'))} | {ns(b.get('cpu'))} "
                f"| {num(ratio(p['wall'], b.get('wall')))} | {num(ratio(p['cpu'], b.get('cpu')))} |"
            )
        out.append("")
    return "\n".join(out)


def verdict(value, limit):
    if value is None:
        return "no data"
    return "meets" if value <= limit else "misses"


def targets(results):
    def get(bench, scenario, n, key):
        return results.get((bench, scenario, n), {}).get(key)

    out = [
        "| target | figure (wall) | verdict (wall) | figure (CPU) | verdict (CPU) |",
        "|--|--:|--|--:|--|",
    ]
    for n in (1000, 10000, 100000):
        rw = ratio(get(PLAN, "STEADY", n, "wall"), get(BASELINE, "STEADY", n, "wall"))
        rc = ratio(get(PLAN, "STEADY", n, "cpu"), get(BASELINE, "STEADY", n, "cpu"))
        out.append(
            f"| steady plan ≤ 3× baseline, N = {n} | {num(rw, '×')} | {verdict(rw, 3)} "
            f"| {num(rc, '×')} | {verdict(rc, 3)} |"
        )
    for scenario in SCENARIOS:
        rw = ratio(get(PLAN, scenario, 100000, "wall"), get(PLAN, scenario, 10000, "wall"))
        rc = ratio(get(PLAN, scenario, 100000, "cpu"), get(PLAN, scenario, 10000, "cpu"))
        out.append(
            f"| cost(100000) / cost(10000) ≤ 11, {scenario} | {num(rw)} | {verdict(rw, 11)} "
            f"| {num(rc)} | {verdict(rc, 11)} |"
        )
    for n in sorted({n for (b, s, n) in results if b == PLAN and s == "STEADY"}):
        alloc = get(PLAN, "STEADY", n, "alloc")
        limit = 16 * n + 1024
        shown = "-" if alloc is None else f"{alloc:.0f} B of {limit} B"
        out.append(
            f"| steady allocation ≤ 16 B/pod + 1 KiB, N = {n} | {shown} "
            f"| {verdict(alloc, limit)} | | |"
        )
    for scenario in MID_ROLLOUTS:
        for n in sorted({n for (b, s, n) in results if b == PLAN and s == scenario}):
            rw = ratio(get(PLAN, scenario, n, "wall"), get(PLAN, "STEADY", n, "wall"))
            rc = ratio(get(PLAN, scenario, n, "cpu"), get(PLAN, "STEADY", n, "cpu"))
            out.append(
                f"| {scenario} ≤ 1.2× steady, N = {n} | {num(rw, '×')} | {verdict(rw, 1.2)} "
                f"| {num(rc, '×')} | {verdict(rc, 1.2)} |"
            )
    out.append(
        "| simulated 1000-pod OrderedReady rolling update < 1 s | pending testkit | - | | |"
    )
    return "\n".join(out)


def main(argv):
    if len(argv) != 2:
        raise SystemExit("usage: report.py JMH_RESULT.json")
    results = load(argv[1])
    if not results:
        raise SystemExit(f"{argv[1]}: no PlanBenchmark or BaselineBenchmark results")
    print("## Results per scenario\n")
    print(tables(results))
    print("## Targets\n")
    print(targets(results))


if __name__ == "__main__":
    main(sys.argv)
