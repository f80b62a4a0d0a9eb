package dev.ordinal.api;

import java.util.List;
import org.immutables.value.Value;
import org.jspecify.annotations.Nullable;

/**
 * {@code spec} of a StatefulSet ({@code apps/v1}). Optional fields are null until defaulted
 * ({@code dev.ordinal.core.validation.Defaults}); the planner requires a defaulted spec.
 *
 * @since 0.1.0
 */
@Value.Immutable
public abstract class StatefulSetSpec implements WithStatefulSetSpec {

  /** Returns a new builder. */
  public static ImmutableStatefulSetSpec.Builder builder() {
    return ImmutableStatefulSetSpec.builder();
  }

  /** {@code replicas}; defaulted to 1. */
  public abstract @Nullable Integer replicas();

  /** {@code selector}; required. */
  public abstract @Nullable LabelSelector selector();

  /** {@code serviceName}: the governing headless service, the pods' subdomain. */
  @Value.Default
  public String serviceName() {
    return "";
  }

  /** {@code template}. */
  public abstract PodTemplate template();

  /** {@code volumeClaimTemplates}. */
  public abstract List<VolumeClaimTemplate> volumeClaimTemplates();

  /** {@code updateStrategy}; defaulted to RollingUpdate with an empty block. */
  @Value.Default
  public UpdateStrategy updateStrategy() {
    return UpdateStrategy.UNSET;
  }

  /** {@code podManagementPolicy}; defaulted to OrderedReady. */
  public abstract @Nullable PodManagementPolicy podManagementPolicy();

  /** {@code minReadySeconds}. */
  @Value.Default
  public int minReadySeconds() {
    return 0;
  }

  /** {@code revisionHistoryLimit}; defaulted to 10. */
  public abstract @Nullable Integer revisionHistoryLimit();

  /** {@code persistentVolumeClaimRetentionPolicy}; defaulted to Retain/Retain. */
  public abstract @Nullable ClaimRetentionPolicy persistentVolumeClaimRetentionPolicy();

  /** {@code ordinals.start}; null when {@code ordinals} is unset (start is then 0). */
  public abstract @Nullable Integer ordinalsStart();

  /** Returns {@link #replicas()} or the default, 1. */
  public final int effectiveReplicas() {
    Integer r = replicas();
    return r == null ? 1 : r;
  }

  /** Returns {@code ordinals.start}, or 0 when unset (R-NAME-4). */
  public final int startOrdinal() {
    Integer s = ordinalsStart();
    return s == null ? 0 : s;
  }

  /** Returns the policy or the default, OrderedReady. */
  public final PodManagementPolicy effectivePodManagementPolicy() {
    PodManagementPolicy p = podManagementPolicy();
    return p == null ? PodManagementPolicy.ORDERED_READY : p;
  }

  /** Returns the retention policy, or Retain/Retain when unset (R-PVC-7). */
  public final ClaimRetentionPolicy effectiveRetentionPolicy() {
    ClaimRetentionPolicy p = persistentVolumeClaimRetentionPolicy();
    return p == null ? ClaimRetentionPolicy.RETAIN : p;
  }
}
