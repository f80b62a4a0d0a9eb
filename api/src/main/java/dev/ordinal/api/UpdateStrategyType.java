package dev.ordinal.api;

/**
 * {@code spec.updateStrategy.type}.
 *
 * @since 0.1.0
 */
public enum UpdateStrategyType {
  /** Pods are deleted and recreated at the update revision, highest ordinal first. */
  ROLLING_UPDATE("RollingUpdate"),
  /** Pods are recreated at the update revision only when something else deletes them. */
  ON_DELETE("OnDelete");

  private final String wireName;

  UpdateStrategyType(String wireName) {
    this.wireName = wireName;
  }

  /** Returns the Kubernetes spelling, for example {@code RollingUpdate}. */
  public String wireName() {
    return wireName;
  }

  /**
   * Returns the constant with this Kubernetes spelling.
   *
   * @throws IllegalArgumentException if no constant has that spelling
   */
  public static UpdateStrategyType fromWireName(String wireName) {
    for (UpdateStrategyType t : values()) {
      if (t.wireName.equals(wireName)) {
        return t;
      }
    }
    throw new IllegalArgumentException("unknown updateStrategy.type: " + wireName);
  }
}
