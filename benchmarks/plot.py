#!/usr/bin/env python3
"""Scaling plot, ns per pod against N on log-log axes, from a JMH JSON result.

    python3 benchmarks/plot.py benchmarks/target/jmh-quick.json benchmarks/scaling.svg \
        [--cpu] [--note "text under the title"]

One solid line per scenario for PlanBenchmark and a dashed line of the same colour for
BaselineBenchmark; the y value is the wall time per op divided by N, or with --cpu the CPU time
per op (-prof dev.ordinal.benchmarks.CpuTimeProfiler) divided by N. A flat line scales linearly.
The SVG is written by hand: matplotlib is not assumed to be installed. Standard library only.
"""

import math
import os
import sys
from xml.sax.saxutils import escape

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from report import BASELINE, PLAN, SCENARIOS, load  # noqa: E402

COLOURS = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b"]
WIDTH, HEIGHT = 900, 520
LEFT, RIGHT, TOP, BOTTOM = 80, 330, 50, 60


def series(results, bench, scenario, key):
    points = []
    for (b, s, n), r in sorted(results.items(), key=lambda item: item[0][2]):
        if b == bench and s == scenario and r.get(key) is not None and r[key] > 0:
            points.append((n, r[key] / n))
    return points


def decades(values):
    lo = math.floor(math.log10(min(values)))
    hi = math.ceil(math.log10(max(values)))
    return lo, max(hi, lo + 1)


def svg(results, key, title, note=None):
    lines = []
    for i, scenario in enumerate(SCENARIOS):
        colour = COLOURS[i % len(COLOURS)]
        lines.append((scenario, colour, False, series(results, PLAN, scenario, key)))
        lines.append((scenario, colour, True, series(results, BASELINE, scenario, key)))
    lines = [line for line in lines if line[3]]
    if not lines:
        raise SystemExit(f"no {key} data to plot")
    xs = [n for *_, pts in lines for n, _ in pts]
    ys = [y for *_, pts in lines for _, y in pts]
    x_lo, x_hi = decades(xs)
    y_lo, y_hi = decades(ys)
    plot_w = WIDTH - LEFT - RIGHT
    plot_h = HEIGHT - TOP - BOTTOM

    def px(n):
        return LEFT + (math.log10(n) - x_lo) / (x_hi - x_lo) * plot_w

    def py(y):
        return TOP + plot_h - (math.log10(y) - y_lo) / (y_hi - y_lo) * plot_h

    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" '
        f'viewBox="0 0 {WIDTH} {HEIGHT}" font-family="sans-serif" font-size="12">',
        f'<rect width="{WIDTH}" height="{HEIGHT}" fill="white"/>',
        f'<text x="{LEFT}" y="{TOP - 24}" font-size="15" font-weight="bold">{escape(title)}</text>',
    ]
    if note:
        out.append(f'<text x="{LEFT}" y="{TOP - 8}" fill="#b00">{escape(note)}</text>')
    for d in range(x_lo, x_hi + 1):
        x = px(10**d)
        out.append(
            f'<line x1="{x:.1f}" y1="{TOP}" x2="{x:.1f}" y2="{TOP + plot_h}" stroke="#ddd"/>'
        )
        out.append(
            f'<text x="{x:.1f}" y="{TOP + plot_h + 18}" text-anchor="middle">10<tspan dy="-6" '
            f'font-size="9">{d}</tspan></text>'
        )
    for d in range(y_lo, y_hi):
        for m in (2, 5):
            y = py(m * 10**d)
            out.append(
                f'<line x1="{LEFT}" y1="{y:.1f}" x2="{LEFT + plot_w}" y2="{y:.1f}" '
                'stroke="#f0f0f0"/>'
            )
    for d in range(y_lo, y_hi + 1):
        y = py(10**d)
        out.append(
            f'<line x1="{LEFT}" y1="{y:.1f}" x2="{LEFT + plot_w}" y2="{y:.1f}" stroke="#ddd"/>'
        )
        out.append(
            f'<text x="{LEFT - 8}" y="{y + 4:.1f}" text-anchor="end">10<tspan dy="-6" '
            f'font-size="9">{d}</tspan></text>'
        )
    out.append(
        f'<rect x="{LEFT}" y="{TOP}" width="{plot_w}" height="{plot_h}" fill="none" stroke="#333"/>'
    )
    out.append(
        f'<text x="{LEFT + plot_w / 2:.1f}" y="{HEIGHT - 15}" text-anchor="middle">'
        "N (pods)</text>"
    )
    y_label = "CPU ns per pod" if key == "cpu" else "ns per pod (wall)"
    out.append(
        f'<text transform="translate(20 {TOP + plot_h / 2:.1f}) rotate(-90)" '
        f'text-anchor="middle">{y_label}</text>'
    )
    for scenario, colour, dashed, pts in lines:
        path = " ".join(f"{px(n):.1f},{py(y):.1f}" for n, y in pts)
        dash = ' stroke-dasharray="6 4"' if dashed else ""
        width = 1.5 if dashed else 2.5
        label = f"{'BaselineBenchmark' if dashed else 'PlanBenchmark'} {scenario}"
        out.append(
            f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="{width}"{dash}>'
            f"<title>{escape(label)}</title></polyline>"
        )
        for n, y in pts:
            out.append(
                f'<circle cx="{px(n):.1f}" cy="{py(y):.1f}" r="{2.5 if dashed else 3.5}" '
                f'fill="{colour}"><title>{escape(label)}: N={n}, {y:.3g} ns/pod</title></circle>'
            )
    legend_x = LEFT + plot_w + 20
    ly = TOP + 10
    for i, scenario in enumerate(SCENARIOS):
        colour = COLOURS[i % len(COLOURS)]
        out.append(
            f'<line x1="{legend_x}" y1="{ly}" x2="{legend_x + 28}" y2="{ly}" stroke="{colour}" '
            'stroke-width="2.5"/>'
        )
        out.append(f'<text x="{legend_x + 36}" y="{ly + 4}">{escape(scenario)}</text>')
        ly += 20
    ly += 10
    out.append(
        f'<line x1="{legend_x}" y1="{ly}" x2="{legend_x + 28}" y2="{ly}" stroke="#333" '
        'stroke-width="2.5"/>'
    )
    out.append(f'<text x="{legend_x + 36}" y="{ly + 4}">solid: PlanBenchmark (the planner)</text>')
    ly += 20
    out.append(
        f'<line x1="{legend_x}" y1="{ly}" x2="{legend_x + 28}" y2="{ly}" stroke="#333" '
        'stroke-width="1.5" stroke-dasharray="6 4"/>'
    )
    out.append(f'<text x="{legend_x + 36}" y="{ly + 4}">dashed: BaselineBenchmark (floor)</text>')
    out.append("</svg>")
    return "\n".join(out) + "\n"


def main(argv):
    args, cpu, note = [], False, None
    rest = iter(argv[1:])
    for a in rest:
        if a == "--cpu":
            cpu = True
        elif a == "--note":
            note = next(rest, None)
        else:
            args.append(a)
    if len(args) != 2:
        raise SystemExit('usage: plot.py JMH_RESULT.json OUTPUT.svg [--cpu] [--note "text"]')
    results = load(args[0])
    key = "cpu" if cpu else "wall"
    title = "StatefulSetReconciler.plan: " + ("CPU time" if cpu else "wall time") + " per pod"
    with open(args[1], "w", encoding="utf-8") as f:
        f.write(svg(results, key, title, note))


if __name__ == "__main__":
    main(sys.argv)
