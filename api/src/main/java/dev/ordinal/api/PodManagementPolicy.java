package dev.ordinal.api;

/**
 * {@code spec.podManagementPolicy}: how pods are created and deleted while scaling.
 *
 * @since 0.1.0
 */
public enum PodManagementPolicy {
  /** One pod at a time, in ordinal order, each Running and Ready before the next ("monotonic"). */
  ORDERED_READY("OrderedReady"),
  /** All pods at once, in slow-start batches ("burst"). */
  PARALLEL("Parallel");

  private final String wireName;

  PodManagementPolicy(String wireName) {
    this.wireName = wireName;
  }

  /** Returns the Kubernetes spelling, for example {@code OrderedReady}. */
  public String wireName() {
    return wireName;
  }

  /**
   * Returns the constant with this Kubernetes spelling.
   *
   * @throws IllegalArgumentException if no constant has that spelling
   */
  public static PodManagementPolicy fromWireName(String wireName) {
    for (PodManagementPolicy p : values()) {
      if (p.wireName.equals(wireName)) {
        return p;
      }
    }
    throw new IllegalArgumentException("unknown podManagementPolicy: " + wireName);
  }
}
