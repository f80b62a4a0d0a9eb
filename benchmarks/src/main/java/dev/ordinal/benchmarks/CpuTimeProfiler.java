package dev.ordinal.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * A JMH profiler that reports CPU time per operation: {@code cpu.time.norm}, the CPU time of the
 * benchmark's worker threads over the iteration divided by every operation of the iteration (as
 * {@code -prof gc} divides allocation), and {@code cpu.process.norm}, the same with the whole JVM's
 * CPU time (garbage collector and compiler threads included).
 *
 * <p>On a machine shared with other work the wall-clock score counts the time the benchmark thread
 * waited for a core; CPU time does not, so it is the steadier of the two there, though caches
 * shared with the other work still inflate it. On a quiet machine {@code cpu.time.norm} and the
 * wall-clock score agree for a single-threaded benchmark.
 *
 * <pre>{@code
 * java -jar benchmarks/target/benchmarks.jar PlanBenchmark \
 *     -prof dev.ordinal.benchmarks.CpuTimeProfiler
 * }</pre>
 */
public final class CpuTimeProfiler implements InternalProfiler {

  /** JMH names its worker threads {@code <benchmark>-jmh-worker-<n>}. */
  private static final String WORKER = "-jmh-worker-";

  private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
  private final com.sun.management.OperatingSystemMXBean os =
      ManagementFactory.getPlatformMXBean(com.sun.management.OperatingSystemMXBean.class);
  private Map<Long, Long> workersBefore = Map.of();
  private long processBefore;

  @Override
  public String getDescription() {
    return "CPU time per operation (ns/op) of the worker threads and of the process";
  }

  @Override
  public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
    workersBefore = workerCpuTimes();
    processBefore = os.getProcessCpuTime();
  }

  @Override
  public Collection<? extends Result> afterIteration(
      BenchmarkParams benchmarkParams, IterationParams iterationParams, IterationResult result) {
    long process = os.getProcessCpuTime() - processBefore;
    long workers = 0;
    for (Map.Entry<Long, Long> e : workerCpuTimes().entrySet()) {
      // A worker started during the iteration spent all its CPU time in it.
      workers += e.getValue() - workersBefore.getOrDefault(e.getKey(), 0L);
    }
    long ops = result.getMetadata().getAllOps();
    List<Result> out = new ArrayList<>(2);
    if (ops > 0 && workers > 0) {
      out.add(
          new ScalarResult(
              "cpu.time.norm", (double) workers / ops, "ns/op", AggregationPolicy.AVG));
    }
    if (ops > 0 && process > 0) {
      out.add(
          new ScalarResult(
              "cpu.process.norm", (double) process / ops, "ns/op", AggregationPolicy.AVG));
    }
    return out;
  }

  private Map<Long, Long> workerCpuTimes() {
    Map<Long, Long> times = new HashMap<>();
    for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
      if (info != null && info.getThreadName().contains(WORKER)) {
        long t = threads.getThreadCpuTime(info.getThreadId());
        if (t >= 0) {
          times.put(info.getThreadId(), t);
        }
      }
    }
    return times;
  }
}
