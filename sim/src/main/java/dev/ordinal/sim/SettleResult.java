package dev.ordinal.sim;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.List;

/**
 * How {@link SimulatedCluster#runUntilSettled(Duration)} ended.
 *
 * @param status why the run stopped
 * @param elapsed the virtual time since the simulation started, when it stopped
 * @param blockers for {@link Status#BLOCKED}, what keeps the cluster from its desired state (for
 *     example {@code "statefulset/web: web-1 is not Running and Ready; OrderedReady waits
 *     (R-ORDER-5)"}); for {@link Status#TIME_LIMIT}, what was still pending
 * @since 0.1.0
 */
public record SettleResult(Status status, Duration elapsed, List<String> blockers) {

  /** Why a run stopped. */
  public enum Status {
    /** Nothing is pending and every StatefulSet has all its pods Running and Ready. */
    SETTLED,
    /**
     * Nothing is pending, but something waits for good: a pod that never becomes Ready (a broken
     * image), a pod stuck Terminating on a lost node, a claim still in use.
     */
    BLOCKED,
    /** The simulated-time bound was reached with events still pending. */
    TIME_LIMIT
  }

  /**
   * Copies the blockers.
   *
   * @throws NullPointerException if an argument is null
   */
  public SettleResult {
    requireNonNull(status, "status");
    requireNonNull(elapsed, "elapsed");
    blockers = List.copyOf(blockers);
  }

  /** Returns true for {@link Status#SETTLED}. */
  public boolean isSettled() {
    return status == Status.SETTLED;
  }
}
