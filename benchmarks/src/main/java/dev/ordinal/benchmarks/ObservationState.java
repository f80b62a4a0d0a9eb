package dev.ordinal.benchmarks;

import dev.ordinal.api.Observation;
import dev.ordinal.core.StatefulSetReconciler;
import java.time.Instant;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The observation a benchmark works on: {@link Observations#of} for the {@link #scenario} at scale
 * {@link #n}, built once per trial, outside the measurement. {@link PlanBenchmark} and {@link
 * BaselineBenchmark} both take this state, so they see equal observations, built the same way.
 */
@State(Scope.Benchmark)
public class ObservationState {

  /** The scale: pods of the set, counted as {@link Scenario} describes. */
  @Param({"10", "100", "1000", "10000", "100000"})
  public int n;

  /** The state the set is in; every constant by default. */
  @Param public Scenario scenario;

  private Observation observation;

  /** Equal to the observation's {@code now} but another instance: see {@link #fresh()}. */
  private Instant sameNow;

  /**
   * Builds the observation and checks, with one plan, that it is what the scenario says (an empty
   * plan for {@link Scenario#STEADY}); a wrong shape fails the trial rather than timing it.
   */
  @Setup(Level.Trial)
  public void setUp() {
    observation = Observations.of(scenario, n);
    Instant now = observation.now();
    sameNow = Instant.ofEpochSecond(now.getEpochSecond(), now.getNano());
    if (sameNow == now) {
      throw new AssertionError("bug: the copy of now is the same instance");
    }
    Observations.verify(scenario, n, new StatefulSetReconciler().plan(fresh()));
  }

  /** Returns the observation, the same instance every time. */
  public Observation observation() {
    return observation;
  }

  /**
   * Returns an equal observation that shares the set, pods, claims and revisions but not the
   * claim index {@link Observation} builds lazily, once per instance: every real sync plans a new
   * observation and pays for that index, so every measured plan does too. Costs one small object.
   */
  public Observation fresh() {
    return observation.withNow(sameNow);
  }
}
