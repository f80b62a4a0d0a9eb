package dev.ordinal.api;

import org.jspecify.annotations.Nullable;

/**
 * {@code spec.updateStrategy}. Both fields may be unset before defaulting. The difference between
 * {@code rollingUpdate: null} and an empty {@code rollingUpdate: {}} matters upstream: it decides
 * which revision a recreated pod gets and which message {@code kubectl rollout status} prints.
 *
 * @param type the strategy type
 * @param rollingUpdate the rolling update parameters, only allowed with {@code RollingUpdate}
 * @since 0.1.0
 */
public record UpdateStrategy(
    @Nullable UpdateStrategyType type, @Nullable RollingUpdate rollingUpdate) {

  /** An unset strategy, which defaulting turns into RollingUpdate with an empty block. */
  public static final UpdateStrategy UNSET = new UpdateStrategy(null, null);

  /** {@code type: OnDelete}. */
  public static final UpdateStrategy ON_DELETE =
      new UpdateStrategy(UpdateStrategyType.ON_DELETE, null);

  /** {@code type: RollingUpdate} with no {@code rollingUpdate} block. */
  public static UpdateStrategy rollingUpdateWithoutBlock() {
    return new UpdateStrategy(UpdateStrategyType.ROLLING_UPDATE, null);
  }

  /** {@code type: RollingUpdate} with the given block. */
  public static UpdateStrategy rollingUpdateWith(RollingUpdate rollingUpdate) {
    return new UpdateStrategy(UpdateStrategyType.ROLLING_UPDATE, rollingUpdate);
  }

  /** {@code type: RollingUpdate} with a partition. */
  public static UpdateStrategy partitioned(int partition) {
    return rollingUpdateWith(RollingUpdate.partition(partition));
  }

  /** Returns true for {@code OnDelete}. */
  public boolean isOnDelete() {
    return type == UpdateStrategyType.ON_DELETE;
  }
}
