package dev.ordinal.sim;

import java.time.Instant;

/**
 * A Service of the simulated cluster as a client reads it.
 *
 * @param service the Service, with its cluster IP allocated unless headless
 * @param uid {@code metadata.uid}
 * @param resourceVersion {@code metadata.resourceVersion}
 * @param creationTimestamp {@code metadata.creationTimestamp}
 * @since 0.1.0
 */
public record SimService(
    Service service, String uid, String resourceVersion, Instant creationTimestamp) {

  /** Returns {@code metadata.name}. */
  public String name() {
    return service.name();
  }

  /** Returns {@code metadata.namespace}. */
  public String namespace() {
    return service.namespace();
  }
}
