package dev.ordinal.core.validation;

import dev.ordinal.api.ClaimRetentionPolicy;
import dev.ordinal.api.IntOrString;
import dev.ordinal.api.PodManagementPolicy;
import dev.ordinal.api.RetentionPolicyType;
import dev.ordinal.api.RollingUpdate;
import dev.ordinal.api.StatefulSet;
import dev.ordinal.api.StatefulSetSpec;
import dev.ordinal.api.UpdateStrategy;
import dev.ordinal.api.UpdateStrategyType;
import org.jspecify.annotations.Nullable;

/**
 * The apiserver's defaulting of a StatefulSet ({@code SetDefaults_StatefulSet} in {@code
 * pkg/apis/apps/v1/defaults.go}, rules R-DEF-1..5), with the StatefulSetAutoDeletePVC and
 * MaxUnavailableStatefulSet gates on as in v1.35. The apiserver defaults before it validates, so
 * callers that want the apiserver's verdict validate {@code Defaults.apply(set)}.
 *
 * @since 0.1.0
 */
public final class Defaults {

  private Defaults() {}

  /**
   * Returns the set with every unset defaultable field of its spec defaulted; returns the same
   * instance when nothing is unset, so applying twice changes nothing.
   *
   * <ul>
   *   <li>R-DEF-1 {@code podManagementPolicy} → {@code OrderedReady};
   *   <li>R-DEF-2 unset {@code updateStrategy.type} → {@code RollingUpdate}, and a missing {@code
   *       rollingUpdate} block becomes an empty block (an explicit {@code RollingUpdate} without a
   *       block keeps it null);
   *   <li>R-DEF-3 with type {@code RollingUpdate} and a block: {@code partition} → 0, {@code
   *       maxUnavailable} → 1;
   *   <li>R-DEF-4 {@code replicas} → 1, {@code revisionHistoryLimit} → 10;
   *   <li>R-DEF-5 each unset retention policy field → {@code Retain}.
   * </ul>
   *
   * @throws NullPointerException if set is null
   */
  public static StatefulSet apply(StatefulSet set) {
    if (isDefaulted(set)) {
      return set;
    }
    StatefulSetSpec spec = set.spec();
    StatefulSetSpec defaulted =
        spec
            .withPodManagementPolicy(
                spec.podManagementPolicy() == null
                    ? PodManagementPolicy.ORDERED_READY
                    : spec.podManagementPolicy())
            .withUpdateStrategy(strategy(spec.updateStrategy()))
            .withPersistentVolumeClaimRetentionPolicy(
                retention(spec.persistentVolumeClaimRetentionPolicy()))
            .withReplicas(spec.replicas() == null ? 1 : spec.replicas())
            .withRevisionHistoryLimit(
                spec.revisionHistoryLimit() == null ? 10 : spec.revisionHistoryLimit());
    return set.withSpec(defaulted);
  }

  /**
   * Returns true if {@link #apply} would change nothing.
   *
   * @throws NullPointerException if set is null
   */
  public static boolean isDefaulted(StatefulSet set) {
    StatefulSetSpec spec = set.spec();
    ClaimRetentionPolicy retention = spec.persistentVolumeClaimRetentionPolicy();
    return spec.podManagementPolicy() != null
        && strategy(spec.updateStrategy()).equals(spec.updateStrategy())
        && retention != null
        && retention.whenDeleted() != null
        && retention.whenScaled() != null
        && spec.replicas() != null
        && spec.revisionHistoryLimit() != null;
  }

  private static UpdateStrategy strategy(UpdateStrategy strategy) {
    UpdateStrategyType type = strategy.type();
    RollingUpdate block = strategy.rollingUpdate();
    if (type == null) {
      type = UpdateStrategyType.ROLLING_UPDATE;
      if (block == null) {
        block = RollingUpdate.EMPTY;
      }
    }
    if (type == UpdateStrategyType.ROLLING_UPDATE && block != null) {
      block =
          new RollingUpdate(
              block.partition() == null ? 0 : block.partition(),
              block.maxUnavailable() == null ? IntOrString.of(1) : block.maxUnavailable());
    }
    return new UpdateStrategy(type, block);
  }

  private static ClaimRetentionPolicy retention(@Nullable ClaimRetentionPolicy policy) {
    if (policy == null) {
      return ClaimRetentionPolicy.RETAIN;
    }
    return new ClaimRetentionPolicy(
        policy.whenDeleted() == null ? RetentionPolicyType.RETAIN : policy.whenDeleted(),
        policy.whenScaled() == null ? RetentionPolicyType.RETAIN : policy.whenScaled());
  }
}
