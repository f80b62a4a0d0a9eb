package dev.ordinal.invariants;

import static java.util.Objects.requireNonNull;

/**
 * One broken invariant: which one, and what was seen.
 *
 * @param invariant the name of the check, as the method of {@link StatefulSetInvariants} is named
 * @param message what was seen, naming the objects concerned
 * @since 0.1.0
 */
public record InvariantViolation(String invariant, String message) {

  /** Checks for nulls. */
  public InvariantViolation {
    requireNonNull(invariant, "invariant");
    requireNonNull(message, "message");
  }

  /** Returns {@code invariant: message}. */
  @Override
  public String toString() {
    return invariant + ": " + message;
  }
}
