package dev.ordinal.testkit.explore;

import static java.util.Objects.requireNonNull;

import dev.ordinal.invariants.InvariantViolation;
import dev.ordinal.testkit.gen.Event;
import dev.ordinal.testkit.gen.Events;
import java.util.List;

/**
 * A shortest path from the initial state to a broken invariant.
 *
 * @param path the steps from the initial state, as events; {@link #script()} prints them
 * @param violations what the last step broke
 * @param before the state before the last step, described as {@code ObservedStates.describe} does
 * @param after the state after the last step, described the same way
 * @since 0.1.0
 */
public record Counterexample(
    List<Event> path, List<InvariantViolation> violations, String before, String after) {

  /** Checks for nulls. */
  public Counterexample {
    path = List.copyOf(path);
    violations = List.copyOf(violations);
    requireNonNull(before, "before");
    requireNonNull(after, "after");
  }

  /** Returns the path as a scenario script, one step per line. */
  public String script() {
    return Events.script(path);
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    sb.append(violations.size())
        .append(" violation(s) after ")
        .append(path.size())
        .append(" steps:\n");
    for (InvariantViolation v : violations) {
      sb.append("  ").append(v).append('\n');
    }
    sb.append("path:\n").append(script());
    sb.append("before the last step:\n").append(before);
    sb.append("after it:\n").append(after);
    return sb.toString();
  }
}
