package dev.ordinal.sim;

import static java.util.Objects.requireNonNull;

/**
 * One container of a simulated pod: its spec's name and image, and its status.
 *
 * @param name the container's name
 * @param image the container's image
 * @param state the container's state
 * @param reason why it waits or terminated, for example {@code ContainerCreating} or {@code Error};
 *     empty when it runs or has no status yet
 * @param ready whether the container is Ready
 * @param restartCount how often the container was restarted
 * @since 0.1.0
 */
public record SimContainer(
    String name, String image, State state, String reason, boolean ready, int restartCount) {

  /** A container's state, as in {@code status.containerStatuses[].state}. */
  public enum State {
    /** Not running yet (or no status reported yet, when the reason is empty). */
    WAITING,
    /** Running. */
    RUNNING,
    /** Exited. */
    TERMINATED
  }

  /**
   * Checks the arguments.
   *
   * @throws NullPointerException if an argument is null
   */
  public SimContainer {
    requireNonNull(name, "name");
    requireNonNull(image, "image");
    requireNonNull(state, "state");
    requireNonNull(reason, "reason");
  }

  SimContainer with(State state, String reason, boolean ready) {
    return new SimContainer(name, image, state, reason, ready, restartCount);
  }

  SimContainer withReady(boolean ready) {
    return new SimContainer(name, image, state, reason, ready, restartCount);
  }

  SimContainer restarted() {
    return new SimContainer(name, image, state, reason, ready, restartCount + 1);
  }
}
