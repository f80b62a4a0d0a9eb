/**
 * JMH benchmarks of the planner's hot path. {@link dev.ordinal.benchmarks.PlanBenchmark} measures
 * {@code StatefulSetReconciler.plan} on observations of up to 100 000 pods in each {@link
 * dev.ordinal.benchmarks.Scenario}; {@link dev.ordinal.benchmarks.BaselineBenchmark} measures a
 * loop that only reads, once per pod, what the planner must read, on the same observations: the
 * physical floor the planner is compared with. Both run from {@code
 * benchmarks/target/benchmarks.jar} (see {@code benchmarks/run.sh} and {@code
 * benchmarks/README.md}), never during {@code verify}.
 */
@NullMarked
package dev.ordinal.benchmarks;

import org.jspecify.annotations.NullMarked;
