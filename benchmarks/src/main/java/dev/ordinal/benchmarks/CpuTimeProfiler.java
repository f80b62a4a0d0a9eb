package dev.ordinal.benchmarks;

import java.lang.management.ManagementFactory;
import java.util.Collection;
import java.util.List;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * A JMH profiler that reports the CPU time the benchmark JVM spent per operation, {@code
 * cpu.time.norm} in ns/op: process CPU time over the iteration (benchmark thread, garbage
 * collector and compiler threads alike) divided by every operation of the iteration, as {@code
 * -prof gc} divides allocation.
 *
 * <p>On a machine shared with other work the wall-clock score counts the time the benchmark thread
 * waited for a core; CPU time does not, so it is the steadier of the two there, though caches
 * shared with the other work still inflate it. On a quiet machine the two agree for a
 * single-threaded benchmark, apart from the garbage collector's threads.
 *
 * <pre>{@code
 * java -jar benchmarks/target/benchmarks.jar PlanBenchmark -prof dev.ordinal.benchmarks.CpuTimeProfiler
 * }</pre>
 */
public final class CpuTimeProfiler implements InternalProfiler {

  private final com.sun.management.OperatingSystemMXBean os =
      ManagementFactory.getPlatformMXBean(com.sun.management.OperatingSystemMXBean.class);
  private long before;

  @Override
  public String getDescription() {
    return "process CPU time per operation (ns/op), steadier than wall time on a loaded machine";
  }

  @Override
  public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
    before = os.getProcessCpuTime();
  }

  @Override
  public Collection<? extends Result> afterIteration(
      BenchmarkParams benchmarkParams, IterationParams iterationParams, IterationResult result) {
    long cpu = os.getProcessCpuTime() - before;
    long ops = result.getMetadata().getAllOps();
    if (cpu < 0 || ops <= 0) {
      return List.of();
    }
    return List.of(
        new ScalarResult("cpu.time.norm", (double) cpu / ops, "ns/op", AggregationPolicy.AVG));
  }
}
