package dev.ordinal.benchmarks;

import dev.ordinal.api.plan.ReconcilePlan;
import dev.ordinal.core.StatefulSetReconciler;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The planner, {@link StatefulSetReconciler#plan}, on the tutorial's {@code web} set with {@code
 * n} pods in each {@link Scenario}; the observation is built outside the measurement ({@link
 * ObservationState}). Divide by {@link BaselineBenchmark} at the same parameters for the cost over
 * the physical floor.
 *
 * <p>Run it, with allocation per plan ({@code gc.alloc.rate.norm}, B/op), from the repository
 * root:
 *
 * <pre>{@code
 * ./mvnw -B -q -ntp -pl benchmarks -am package -DskipTests
 * java -jar benchmarks/target/benchmarks.jar PlanBenchmark \
 *     -p n=1000,10000 -p scenario=STEADY -prof gc
 * }</pre>
 *
 * <p>or the quick profile of both benchmarks with tables and plot: {@code benchmarks/run.sh quick}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 2)
@Fork(
    value = 3,
    jvmArgsAppend = {"-Xms3g", "-Xmx3g"})
public class PlanBenchmark {

  private static final StatefulSetReconciler RECONCILER = new StatefulSetReconciler();

  /** Returns the plan of a fresh (equal) observation; JMH consumes it, so nothing is elided. */
  @Benchmark
  public ReconcilePlan plan(ObservationState state) {
    return RECONCILER.plan(state.fresh());
  }
}
