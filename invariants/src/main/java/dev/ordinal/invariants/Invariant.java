package dev.ordinal.invariants;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;

/**
 * A check over one {@link SyncStep}: returns what it found broken, empty when nothing. The checks
 * of {@link StatefulSetInvariants} compose into one with {@link #and}.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface Invariant {

  /** Returns the violations found in the step; empty if there are none. */
  List<InvariantViolation> check(SyncStep step);

  /**
   * Returns an invariant that reports the violations of this one and then of the other.
   *
   * @throws NullPointerException if other is null
   */
  default Invariant and(Invariant other) {
    requireNonNull(other, "other");
    return step -> {
      List<InvariantViolation> a = check(step);
      List<InvariantViolation> b = other.check(step);
      if (b.isEmpty()) {
        return a;
      }
      if (a.isEmpty()) {
        return b;
      }
      List<InvariantViolation> out = new ArrayList<>(a);
      out.addAll(b);
      return out;
    };
  }
}
