package dev.ordinal.benchmarks;

import dev.ordinal.api.ObservedPod;
import dev.ordinal.api.PodPhase;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The physical floor of a plan: one pass over the observed pods, in their (shuffled) list order,
 * that reads what any planner must read of each pod (name, phase, Ready, the revision label through
 * {@link ObservedPod#revision()}, deletion timestamp) and folds it into a number. It plans nothing;
 * it is what {@link PlanBenchmark} is divided by, on the same observations ({@link
 * ObservationState}) and in the same run.
 *
 * <p>Run it from the repository root (it is part of {@code benchmarks/run.sh}):
 *
 * <pre>{@code
 * ./mvnw -B -q -ntp -pl benchmarks -am package -DskipTests
 * java -jar benchmarks/target/benchmarks.jar BaselineBenchmark \
 *     -p n=1000,10000 -p scenario=STEADY -prof gc
 * }</pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 2)
@Fork(
    value = 3,
    jvmArgsAppend = {"-Xms3g", "-Xmx3g"})
public class BaselineBenchmark {

  /**
   * Returns a fold of every pod's fields. The revision is compared with the update revision's name,
   * as the least a planner does with it; the name is read through its length, which touches the
   * string and its array as a comparison would.
   */
  @Benchmark
  public long readPods(ObservationState state) {
    List<ObservedPod> pods = state.observation().pods();
    String updateRevision = state.observation().set().status().updateRevision();
    long acc = 0;
    for (int i = 0; i < pods.size(); i++) {
      ObservedPod pod = pods.get(i);
      PodPhase phase = pod.phase();
      Instant deletion = pod.deletionTimestamp();
      acc = 31 * acc + pod.name().length();
      acc = 31 * acc + (phase == null ? -1 : phase.ordinal());
      acc = 31 * acc + (pod.ready() ? 1 : 0);
      acc = 31 * acc + (pod.revision().equals(updateRevision) ? 1 : 0);
      acc = 31 * acc + (deletion == null ? 0 : deletion.getNano());
    }
    return acc;
  }
}
