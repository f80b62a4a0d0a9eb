package dev.ordinal.api;

import org.jspecify.annotations.Nullable;

/**
 * {@code spec.updateStrategy.rollingUpdate}.
 *
 * @param partition pods with an index below it keep the current revision; defaulted to 0
 * @param maxUnavailable how many pods may be unavailable during the update; defaulted to 1
 * @since 0.1.0
 */
public record RollingUpdate(@Nullable Integer partition, @Nullable IntOrString maxUnavailable) {

  /** An empty {@code rollingUpdate: {}} block, as defaulting creates for an unset strategy. */
  public static final RollingUpdate EMPTY = new RollingUpdate(null, null);

  /** Returns a block with a partition and no maxUnavailable. */
  public static RollingUpdate partition(int partition) {
    return new RollingUpdate(partition, null);
  }

  /** Returns the partition, or 0 when unset. */
  public int effectivePartition() {
    return partition == null ? 0 : partition;
  }
}
