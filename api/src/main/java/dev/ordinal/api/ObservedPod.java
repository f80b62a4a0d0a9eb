package dev.ordinal.api;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.immutables.value.Value;
import org.jspecify.annotations.Nullable;

/**
 * A pod as observed in the cluster: what the StatefulSet controller reads of it. The name is
 * parsed once, when the value is built, into {@link #parentName()} and {@link #ordinal()}.
 *
 * @since 0.1.0
 */
@Value.Immutable
public abstract class ObservedPod implements WithObservedPod {

  /** The label naming the ControllerRevision a pod was created from (R-LABEL-5). */
  public static final String REVISION_LABEL = "controller-revision-hash";
  /** The label holding the pod's own name (R-LABEL-3). */
  public static final String POD_NAME_LABEL = "statefulset.kubernetes.io/pod-name";
  /** The label holding the pod's ordinal (R-LABEL-4). */
  public static final String POD_INDEX_LABEL = "apps.kubernetes.io/pod-index";

  /** Returns a new builder. */
  public static ImmutableObservedPod.Builder builder() {
    return ImmutableObservedPod.builder();
  }

  /** {@code metadata.name}. */
  public abstract String name();

  /** {@code metadata.namespace}. */
  @Value.Default
  public String namespace() {
    return "default";
  }

  /** {@code metadata.uid}. */
  @Value.Default
  public String uid() {
    return "";
  }

  /** {@code metadata.labels}. */
  public abstract Map<String, String> labels();

  /** {@code metadata.annotations}. */
  public abstract Map<String, String> annotations();

  /** {@code metadata.ownerReferences}. */
  public abstract List<OwnerReference> ownerReferences();

  /** {@code metadata.creationTimestamp}. */
  public abstract @Nullable Instant creationTimestamp();

  /** {@code metadata.deletionTimestamp}: set while the pod terminates. */
  public abstract @Nullable Instant deletionTimestamp();

  /** {@code status.phase}; null for a pod the apiserver has not given a phase yet. */
  public abstract @Nullable PodPhase phase();

  /** Whether the {@code Ready} condition's status is {@code True}. */
  @Value.Default
  public boolean ready() {
    return false;
  }

  /** The {@code Ready} condition's {@code lastTransitionTime}, if any. */
  public abstract @Nullable Instant readyTransitionTime();

  /**
   * The pod's volumes that reference claims: volume name to {@code
   * persistentVolumeClaim.claimName}.
   */
  public abstract Map<String, String> claimVolumes();

  /** {@code spec.hostname}. */
  public abstract @Nullable String hostname();

  /** {@code spec.subdomain}. */
  public abstract @Nullable String subdomain();

  /** The set name parsed from the pod name, or "" when it does not parse (R-NAME-2). */
  @Value.Derived
  public String parentName() {
    return PodNames.parentName(name());
  }

  /** The ordinal parsed from the pod name, or -1 when it does not parse (R-NAME-2). */
  @Value.Derived
  public int ordinal() {
    return PodNames.ordinal(name());
  }

  /** Returns true if the name is written exactly as {@code <parent>-<ordinal>}. */
  @Value.Derived
  public boolean hasCanonicalName() {
    return PodNames.isCanonical(name(), ordinal());
  }

  /** Returns true if the pod-name label holds the pod's own name (part of R-ID-2). */
  @Value.Derived
  public boolean hasPodNameLabel() {
    return name().equals(labels().get(POD_NAME_LABEL));
  }

  /** The {@code controller-revision-hash} label, or "" when missing (R-LABEL-5). */
  @Value.Derived
  public String revision() {
    String r = labels().get(REVISION_LABEL);
    return r == null ? "" : r;
  }

  /** The owner reference with {@code controller: true}, if any. */
  @Value.Derived
  public @Nullable OwnerReference controllerRef() {
    for (OwnerReference ref : ownerReferences()) {
      if (ref.controller()) {
        return ref;
      }
    }
    return null;
  }
}
