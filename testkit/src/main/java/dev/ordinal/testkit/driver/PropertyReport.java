package dev.ordinal.testkit.driver;

import dev.ordinal.testkit.gen.Events;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What {@link PropertyDriver#check()} found: how much it ran and, if a sequence failed, that
 * sequence and its shrunk form as a scenario script.
 *
 * @param seed the seed of the first try
 * @param sequences how many sequences ran, the failing one included
 * @param events how many events those sequences held
 * @param failing the first failing sequence as generated, or null if all passed
 * @param shrunk the failing sequence shrunk, or null if all passed
 * @param shrinkRuns how many replays shrinking took
 * @since 0.1.0
 */
public record PropertyReport(
    long seed,
    int sequences,
    long events,
    @Nullable Trial failing,
    @Nullable Trial shrunk,
    int shrinkRuns) {

  /** Returns true if every sequence passed. */
  public boolean passed() {
    return failing == null;
  }

  /** Returns the shrunk failing sequence, if a sequence failed. */
  public Optional<Trial> counterexample() {
    return Optional.ofNullable(shrunk);
  }

  /**
   * Returns the shrunk failing sequence as a scenario script that {@link
   * PropertyDriver#replay(String)} replays, or "" if every sequence passed: header comments with
   * the seed, the initial set and the failure, then one event per line.
   */
  public String script() {
    return shrunk == null ? "" : script(shrunk);
  }

  /** Returns a trial as a scenario script (see {@link #script()}). */
  public static String script(Trial trial) {
    StringBuilder sb = new StringBuilder();
    sb.append("# seed: ").append(trial.seed()).append('\n');
    sb.append("# set: ").append(PropertyDriver.summary(trial.set())).append('\n');
    if (trial.failure() != null) {
      Failure f = trial.failure();
      sb.append("# failure")
          .append(
              f.afterEvent() == 0 && !f.converging()
                  ? " while creating the set"
                  : f.converging() ? " once the faults stopped" : " at event " + f.afterEvent())
          .append(": ")
          .append(f)
          .append('\n');
    }
    sb.append(Events.script(trial.events()));
    return sb.toString();
  }

  /**
   * Throws if a sequence failed.
   *
   * @throws AssertionError with the seed, the failure, the sizes before and after shrinking and the
   *     shrunk script
   */
  public void assertPassed() {
    if (!passed()) {
      throw new AssertionError(toString());
    }
  }

  @Override
  public String toString() {
    if (failing == null || shrunk == null) {
      return "passed: "
          + sequences
          + " sequences, "
          + events
          + " events, seeds "
          + seed
          + ".."
          + (seed + sequences - 1);
    }
    return "sequence "
        + sequences
        + " (seed "
        + failing.seed()
        + ") failed: "
        + failing.failure()
        + "\nshrunk from "
        + failing.events().size()
        + " to "
        + shrunk.events().size()
        + " events in "
        + shrinkRuns
        + " replays; replay with PropertyDriver.replay(script):\n"
        + script();
  }
}
