package dev.ordinal.sim;

import dev.ordinal.api.ObservedClaim;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** A stored PersistentVolumeClaim. */
final class ClaimState extends StoredObject {

  /** The finalizer that keeps a claim while a pod uses it. */
  static final String PROTECTION_FINALIZER = "kubernetes.io/pvc-protection";

  Map<String, String> labels = Map.of();
  Map<String, String> annotations = Map.of();
  Map<String, Object> spec = Map.of();
  String capacity = "";
  List<String> accessModes = List.of();
  String storageClass = "standard";
  String status = "Pending";
  @Nullable String volumeName;

  private @Nullable ObservedClaim observed;

  ClaimState(String namespace, String name, String uid, Instant created) {
    super(ObjectKind.CLAIM, namespace, name, uid, created);
  }

  @Override
  void invalidate() {
    super.invalidate();
    observed = null;
  }

  SimClaim simClaim() {
    return (SimClaim) view();
  }

  @Override
  Object buildView() {
    return new SimClaim(
        name,
        namespace,
        uid,
        Long.toString(resourceVersion),
        labels,
        annotations,
        List.copyOf(ownerReferences),
        List.copyOf(finalizers),
        status,
        volumeName,
        capacity,
        accessModes,
        storageClass,
        spec,
        creationTimestamp,
        deletionTimestamp);
  }

  /** Returns the claim as the StatefulSet controller reads it. */
  ObservedClaim observed() {
    ObservedClaim o = observed;
    if (o == null) {
      o =
          ObservedClaim.builder()
              .name(name)
              .namespace(namespace)
              .uid(uid)
              .labels(labels)
              .ownerReferences(ownerReferences)
              .deletionTimestamp(deletionTimestamp)
              .build();
      observed = o;
    }
    return o;
  }

  boolean isBound() {
    return volumeName != null;
  }
}
