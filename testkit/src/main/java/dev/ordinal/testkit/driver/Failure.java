package dev.ordinal.testkit.driver;

import static java.util.Objects.requireNonNull;

/**
 * What went wrong in one run of an event sequence.
 *
 * @param kind what kind of failure, compared when shrinking: the name of the broken invariant (as
 *     {@link dev.ordinal.invariants.InvariantViolation#invariant()} has it), {@value
 *     #CONVERGENCE}, or {@code exception:} and the class of an unexpected exception
 * @param message what was seen
 * @param afterEvent how many events of the sequence had begun when it was seen (it was seen during
 *     or right after event number {@code afterEvent}, counting from 1): 0 while the set was
 *     created, the sequence's length during convergence; the events after it play no part
 * @param converging whether it was seen after the sequence, while the cluster settled
 * @since 0.1.0
 */
public record Failure(String kind, String message, int afterEvent, boolean converging) {

  /** The kind of a set that did not converge once the faults stopped. */
  public static final String CONVERGENCE = "convergence";

  /**
   * Checks the values.
   *
   * @throws IllegalArgumentException if afterEvent is negative
   */
  public Failure {
    requireNonNull(kind, "kind");
    requireNonNull(message, "message");
    if (afterEvent < 0) {
      throw new IllegalArgumentException("afterEvent must not be negative: " + afterEvent);
    }
  }

  /** Returns {@code kind: message}. */
  @Override
  public String toString() {
    return kind + ": " + message;
  }
}
