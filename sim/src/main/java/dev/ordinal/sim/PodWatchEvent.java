package dev.ordinal.sim;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.Instant;

/**
 * One change of a watched pod, delivered the moment it happens in virtual time.
 *
 * @param type what happened
 * @param time the virtual time of the change
 * @param elapsed the virtual time since the simulation started
 * @param pod the pod after the change (for {@link Type#DELETED}, as it was last seen)
 * @since 0.1.0
 */
public record PodWatchEvent(Type type, Instant time, Duration elapsed, SimPod pod) {

  /** The watch event type, as in a Kubernetes watch stream. */
  public enum Type {
    /** The pod appeared, or started to match the selector. */
    ADDED,
    /** The pod changed. */
    MODIFIED,
    /** The pod is gone, or stopped matching the selector. */
    DELETED
  }

  /**
   * Checks the arguments.
   *
   * @throws NullPointerException if an argument is null
   */
  public PodWatchEvent {
    requireNonNull(type, "type");
    requireNonNull(time, "time");
    requireNonNull(elapsed, "elapsed");
    requireNonNull(pod, "pod");
  }
}
