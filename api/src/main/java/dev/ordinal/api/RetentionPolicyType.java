package dev.ordinal.api;

/**
 * A value of {@code persistentVolumeClaimRetentionPolicy.whenDeleted} or {@code .whenScaled}.
 *
 * @since 0.1.0
 */
public enum RetentionPolicyType {
  RETAIN("Retain"),
  DELETE("Delete");

  private final String wireName;

  RetentionPolicyType(String wireName) {
    this.wireName = wireName;
  }

  /** Returns the Kubernetes spelling, for example {@code Retain}. */
  public String wireName() {
    return wireName;
  }

  /**
   * Returns the constant with this Kubernetes spelling.
   *
   * @throws IllegalArgumentException if no constant has that spelling
   */
  public static RetentionPolicyType fromWireName(String wireName) {
    for (RetentionPolicyType t : values()) {
      if (t.wireName.equals(wireName)) {
        return t;
      }
    }
    throw new IllegalArgumentException("unknown retention policy: " + wireName);
  }
}
