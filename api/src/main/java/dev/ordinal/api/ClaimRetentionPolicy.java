package dev.ordinal.api;

import org.jspecify.annotations.Nullable;

/**
 * {@code spec.persistentVolumeClaimRetentionPolicy}: whether claims are deleted (through owner
 * references and the garbage collector) when the set is deleted or scaled down. An unset field is
 * defaulted to {@code Retain}.
 *
 * @param whenDeleted what happens to claims when the StatefulSet is deleted
 * @param whenScaled what happens to the claims of pods removed by a scale-down
 * @since 0.1.0
 */
public record ClaimRetentionPolicy(
    @Nullable RetentionPolicyType whenDeleted, @Nullable RetentionPolicyType whenScaled) {

  /** Retain on both: the default, and what a missing policy means. */
  public static final ClaimRetentionPolicy RETAIN =
      new ClaimRetentionPolicy(RetentionPolicyType.RETAIN, RetentionPolicyType.RETAIN);

  /** Returns the policy with both fields set. */
  public static ClaimRetentionPolicy of(
      RetentionPolicyType whenDeleted, RetentionPolicyType whenScaled) {
    return new ClaimRetentionPolicy(whenDeleted, whenScaled);
  }

  /** Returns {@link #whenDeleted()}, or {@code RETAIN} when unset. */
  public RetentionPolicyType effectiveWhenDeleted() {
    return whenDeleted == null ? RetentionPolicyType.RETAIN : whenDeleted;
  }

  /** Returns {@link #whenScaled()}, or {@code RETAIN} when unset. */
  public RetentionPolicyType effectiveWhenScaled() {
    return whenScaled == null ? RetentionPolicyType.RETAIN : whenScaled;
  }
}
