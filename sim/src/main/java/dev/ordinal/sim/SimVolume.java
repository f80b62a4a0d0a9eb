package dev.ordinal.sim;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A dynamically provisioned PersistentVolume of the simulated cluster, with the files written to
 * it.
 *
 * @param name {@code metadata.name}: {@code pvc-<claim uid>}, as dynamic provisioning names it
 * @param uid {@code metadata.uid}
 * @param resourceVersion {@code metadata.resourceVersion}
 * @param capacity {@code spec.capacity.storage}
 * @param accessModes {@code spec.accessModes}
 * @param reclaimPolicy {@code spec.persistentVolumeReclaimPolicy}: {@code Delete}, so the volume
 *     and its data go with its claim
 * @param status {@code status.phase}: {@code Bound}
 * @param claim the bound claim as {@code <namespace>/<name>}
 * @param storageClass {@code spec.storageClassName}
 * @param creationTimestamp {@code metadata.creationTimestamp}
 * @param files path (relative to the volume's root, starting with {@code /}) to content
 * @param modes path to the mode set with {@code chmod}, for example {@code 755}
 * @since 0.1.0
 */
public record SimVolume(
    String name,
    String uid,
    String resourceVersion,
    String capacity,
    List<String> accessModes,
    String reclaimPolicy,
    String status,
    String claim,
    String storageClass,
    Instant creationTimestamp,
    Map<String, String> files,
    Map<String, String> modes) {

  /** Returns the ACCESS MODES column, for example {@code RWO}. */
  public String accessModesColumn() {
    return AccessModes.shortForm(accessModes);
  }
}
