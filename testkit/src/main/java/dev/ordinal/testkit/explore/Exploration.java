package dev.ordinal.testkit.explore;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What an {@link Explorer} run found.
 *
 * @param scenario the scenario explored
 * @param states distinct states reached, the initial one included
 * @param transitions steps taken, into new and known states alike
 * @param depth the length of the longest shortest path to a state
 * @param exhaustive true if every reachable state was explored, false if the depth or state bound
 *     stopped the run first, or a violation did
 * @param counterexample the shortest path to the first violation found, or null
 * @param elapsed wall-clock time of the run
 * @param cpu CPU time the JVM process used during the run, all threads, or zero where the JVM
 *     cannot tell; on a shared machine it says more about the cost than {@code elapsed}
 * @since 0.1.0
 */
public record Exploration(
    Scenario scenario,
    int states,
    long transitions,
    int depth,
    boolean exhaustive,
    @Nullable Counterexample counterexample,
    Duration elapsed,
    Duration cpu) {

  /** Checks for nulls. */
  public Exploration {
    requireNonNull(scenario, "scenario");
    requireNonNull(elapsed, "elapsed");
    requireNonNull(cpu, "cpu");
  }

  /** Returns the counterexample, if a violation was found. */
  public Optional<Counterexample> violation() {
    return Optional.ofNullable(counterexample);
  }

  /** Returns one line: scenario, states, transitions, depth, time and verdict. */
  public String summary() {
    return scenario.name()
        + ": "
        + states
        + " states, "
        + transitions
        + " transitions, depth "
        + depth
        + (exhaustive ? " (exhaustive)" : " (bounded)")
        + ", "
        + elapsed.toMillis()
        + " ms ("
        + cpu.toMillis()
        + " ms CPU), "
        + (counterexample == null ? "no violation" : "VIOLATION");
  }
}
