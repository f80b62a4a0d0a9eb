package dev.ordinal.api;

/**
 * A pod's {@code status.phase}.
 *
 * @since 0.1.0
 */
public enum PodPhase {
  PENDING("Pending"),
  RUNNING("Running"),
  SUCCEEDED("Succeeded"),
  FAILED("Failed"),
  UNKNOWN("Unknown");

  private final String wireName;

  PodPhase(String wireName) {
    this.wireName = wireName;
  }

  /** Returns the Kubernetes spelling, for example {@code Running}. */
  public String wireName() {
    return wireName;
  }

  /**
   * Returns the phase with this Kubernetes spelling.
   *
   * @throws IllegalArgumentException if none has that spelling
   */
  public static PodPhase fromWireName(String wireName) {
    for (PodPhase p : values()) {
      if (p.wireName.equals(wireName)) {
        return p;
      }
    }
    throw new IllegalArgumentException("unknown pod phase: " + wireName);
  }
}
