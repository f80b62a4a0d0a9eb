package dev.ordinal.sim;

import dev.ordinal.api.OwnerReference;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A PersistentVolumeClaim of the simulated cluster as a client reads it.
 *
 * @param name {@code metadata.name}
 * @param namespace {@code metadata.namespace}
 * @param uid {@code metadata.uid}
 * @param resourceVersion {@code metadata.resourceVersion}
 * @param labels {@code metadata.labels}
 * @param annotations {@code metadata.annotations}
 * @param ownerReferences {@code metadata.ownerReferences}: what the retention policy put there
 * @param finalizers {@code metadata.finalizers}, normally {@code kubernetes.io/pvc-protection}
 * @param status {@code status.phase}: {@code Pending} until its volume is provisioned, then {@code
 *     Bound}
 * @param volumeName {@code spec.volumeName}, null while Pending
 * @param capacity the requested storage, for example {@code 1Gi}
 * @param accessModes {@code spec.accessModes}, for example {@code ReadWriteOnce}
 * @param storageClass the storage class, {@code standard} unless the claim names one
 * @param spec the whole {@code spec} as created
 * @param creationTimestamp {@code metadata.creationTimestamp}
 * @param deletionTimestamp {@code metadata.deletionTimestamp}: set while a pod still uses it
 * @since 0.1.0
 */
public record SimClaim(
    String name,
    String namespace,
    String uid,
    String resourceVersion,
    Map<String, String> labels,
    Map<String, String> annotations,
    List<OwnerReference> ownerReferences,
    List<String> finalizers,
    String status,
    @Nullable String volumeName,
    String capacity,
    List<String> accessModes,
    String storageClass,
    Map<String, Object> spec,
    Instant creationTimestamp,
    @Nullable Instant deletionTimestamp) {

  /** Returns the STATUS column of {@code kubectl get pvc}: the phase, or Terminating. */
  public String statusText() {
    return deletionTimestamp != null ? "Terminating" : status;
  }

  /** Returns the ACCESS MODES column, for example {@code RWO}. */
  public String accessModesColumn() {
    return AccessModes.shortForm(accessModes);
  }
}
